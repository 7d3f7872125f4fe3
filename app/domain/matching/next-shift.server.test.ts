/**
 * `opportunity.next_shift_starts_at` on the real database (PGlite, or PostgreSQL with DATABASE_URL): the triggers
 * on shift move it when a shift is added, moved, cancelled, reinstated or deleted; the periodic refresh moves it
 * on once its shift has begun; and the candidate queries stay exact while it is stale.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createOpportunity, createShift, createUser, createVolunteerProfile } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { refreshPassedNextShifts } from "./next-shift.server";
import { cachedOpportunities } from "./opportunity-cache.server";
import { candidateQuery, soonestCandidateQuery } from "./recommendations.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

// a Gemeinde the other matching test files leave alone
const LAUFENBURG = 4170;
const DAY = 24 * 3600 * 1000;

const inDays = (n: number) => new Date(Date.now() + n * DAY);

async function nextShiftOf(opportunityId: number) {
  const { rows } = await sql<{ next: Date | string | null }>`select next_shift_starts_at as next from opportunity where id = ${opportunityId}`.execute(db);
  const next = rows[0]?.next;
  return next ? new Date(next).getTime() : null;
}

async function shiftAt(opportunityId: number, startsAt: Date) {
  return createShift({ opportunity_id: opportunityId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 2 * 3600 * 1000) });
}

test("the next shift moves when a shift is added, moved, cancelled, reinstated or deleted", async () => {
  const opportunity = await createOpportunity({ bfs_nr: LAUFENBURG, schedule_kind: "recurring", total_places: null });
  expect(await nextShiftOf(opportunity.id)).toBeNull();

  const later = await shiftAt(opportunity.id, inDays(9));
  expect(await nextShiftOf(opportunity.id)).toBe(later.starts_at.getTime());
  const sooner = await shiftAt(opportunity.id, inDays(4));
  expect(await nextShiftOf(opportunity.id)).toBe(sooner.starts_at.getTime());
  // a shift in the past is no next shift
  await shiftAt(opportunity.id, inDays(-2));
  expect(await nextShiftOf(opportunity.id)).toBe(sooner.starts_at.getTime());

  await db.updateTable("shift").set({ cancelled_at: new Date() }).where("id", "=", sooner.id).execute();
  expect(await nextShiftOf(opportunity.id)).toBe(later.starts_at.getTime());
  await db.updateTable("shift").set({ cancelled_at: null }).where("id", "=", sooner.id).execute();
  expect(await nextShiftOf(opportunity.id)).toBe(sooner.starts_at.getTime());

  const moved = inDays(12);
  await db.updateTable("shift").set({ starts_at: moved, ends_at: new Date(moved.getTime() + 3600 * 1000) }).where("id", "=", sooner.id).execute();
  expect(await nextShiftOf(opportunity.id)).toBe(later.starts_at.getTime());

  await db.deleteFrom("shift").where("id", "=", later.id).execute();
  expect(await nextShiftOf(opportunity.id)).toBe(moved.getTime());
  await db.deleteFrom("shift").where("opportunity_id", "=", opportunity.id).execute();
  expect(await nextShiftOf(opportunity.id)).toBeNull();
});

test("several listings' shifts in one statement: each listing gets its own next shift", async () => {
  const a = await createOpportunity({ bfs_nr: LAUFENBURG, schedule_kind: "recurring", total_places: null });
  const b = await createOpportunity({ bfs_nr: LAUFENBURG, schedule_kind: "recurring", total_places: null });
  const rows = [
    [a.id, 5],
    [a.id, 3],
    [b.id, 8],
    [b.id, 6],
  ].map(([opportunityId, days]) => ({ opportunity_id: opportunityId!, starts_at: inDays(days!), ends_at: new Date(inDays(days!).getTime() + 3600_000), places: 2 }));
  await db.insertInto("shift").values(rows).execute();
  expect(await nextShiftOf(a.id)).toBe(rows[1]!.starts_at.getTime());
  expect(await nextShiftOf(b.id)).toBe(rows[3]!.starts_at.getTime());
});

test("once the next shift has begun, the periodic refresh moves it on to the following one", async () => {
  const opportunity = await createOpportunity({ bfs_nr: LAUFENBURG, schedule_kind: "recurring", total_places: null });
  const soon = await shiftAt(opportunity.id, new Date(Date.now() + 1200));
  const following = await shiftAt(opportunity.id, inDays(7));
  expect(await nextShiftOf(opportunity.id)).toBe(soon.starts_at.getTime());
  await new Promise((resolve) => setTimeout(resolve, 1500));
  // stale until the refresh runs
  expect(await nextShiftOf(opportunity.id)).toBe(soon.starts_at.getTime());
  const { changed } = await refreshPassedNextShifts();
  expect(changed).toBeGreaterThanOrEqual(1);
  expect(await nextShiftOf(opportunity.id)).toBe(following.starts_at.getTime());

  // the last one passing leaves none
  await db.deleteFrom("shift").where("id", "=", following.id).execute();
  expect(await nextShiftOf(opportunity.id)).toBeNull();
});

test("while a stored next shift has passed, both candidate queries compute the right one from the shifts", async () => {
  const user = await createUser();
  await createVolunteerProfile(user.id, { bfs_nr: LAUFENBURG, radius_km: 1, interests: ["freizeit-und-sport"], languages: [["ti", "native"]] });
  const make = () => createOpportunity({ bfs_nr: LAUFENBURG, category_id: "freizeit-und-sport", schedule_kind: "recurring", total_places: null });
  // stored next shift (day 3) has passed by day 4: its true next one is day 6
  const stale = await make();
  await shiftAt(stale.id, inDays(3));
  const staleNext = await shiftAt(stale.id, inDays(6));
  const fresh = await make();
  const freshNext = await shiftAt(fresh.id, inDays(5));
  // the stored one (day 4.5) is still ahead on day 4
  const ahead = await make();
  const aheadNext = await shiftAt(ahead.id, inDays(4.5));
  // everything has passed by day 4
  const over = await make();
  await shiftAt(over.id, inDays(2));
  const mine = [stale.id, fresh.id, ahead.id, over.id];

  const now = inDays(4);
  await db.transaction().setIsolationLevel("repeatable read").execute(async (trx) => {
    const full = (await candidateQuery({ userId: user.id, now, limit: 1_000_000 }).execute(trx)).rows.filter((r) => mine.includes(r.id));
    expect(full.map((r) => r.id)).toEqual([ahead.id, fresh.id, stale.id]);
    expect(full.map((r) => new Date(r.first_start!).getTime())).toEqual([aheadNext, freshNext, staleNext].map((s) => s.starts_at.getTime()));
    // the score's shifts start after `now` as well
    const scored = await cachedOpportunities({ ids: [stale.id], generation: full[0]!.generation, now, trx });
    expect(scored.get(stale.id)!.match.shifts.map((s) => s.startsAt.getTime())).toEqual([staleNext.starts_at.getTime()]);
    const walk = (await soonestCandidateQuery({ userId: user.id, now, limit: 1_000 }).execute(trx)).rows.filter((r) => mine.includes(r.id));
    expect(walk.map((r) => [r.id, new Date(r.first_start!).getTime()])).toEqual(full.map((r) => [r.id, new Date(r.first_start!).getTime()]));
  });
});

test("the walk is one index-only scan of opportunity_next_shift_idx", async () => {
  const user = await createUser();
  await createVolunteerProfile(user.id, { bfs_nr: LAUFENBURG, radius_km: 20, interests: ["atelier"], languages: [["ar", "good"]], german_level: "B1" });
  const compiled = soonestCandidateQuery({ userId: user.id, now: new Date() }).compile(db);
  const plan = await db.transaction().execute(async (trx) => {
    // tiny test tables make a sequential scan the cheapest plan; forbid it to see that the index path exists
    await sql`set local enable_seqscan = off`.execute(trx);
    const explained = await trx.executeQuery<{ "QUERY PLAN": string }>({ ...compiled, sql: `explain ${compiled.sql}` });
    return explained.rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
  expect(plan).toMatch(/Index Only Scan using opportunity_next_shift_idx/);
  expect(plan).not.toMatch(/Seq Scan on (opportunity|shift)\b/);
});
