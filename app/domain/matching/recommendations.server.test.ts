/**
 * The candidate query and the recommendations on the real database (PGlite, or PostgreSQL with DATABASE_URL).
 * Other test files share the database on PostgreSQL, so each test looks only at the opportunities it made,
 * placed in Gemeinden the other files leave alone.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createOpportunity, createShift, createUser, createVolunteerProfile } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { deleteAccount } from "~/domain/auth/accounts.server";
import { zurichToUtc, utcToZurichParts, addDays, onOrAfterWeekday } from "~/utils/zurich-time";
import {
  candidateQuery,
  dismissRecommendation,
  explainMatch,
  listDismissed,
  recommendOpportunities,
  scoreCandidates,
  soonestCandidateQuery,
  undoDismissal,
} from "./recommendations.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const RHEINFELDEN = 4258;
const MAGDEN = 4253; // next to Rheinfelden (≈ 4 km)
const ZOFINGEN = 4289;

/** the next Tuesday (at least 2 days ahead) at hh:mm in Zurich */
function nextTuesday(time: string, weeksLater = 0) {
  const today = utcToZurichParts(new Date()).date;
  return zurichToUtc(addDays(onOrAfterWeekday(addDays(today, 2), 2), 7 * weeksLater), time);
}

async function shiftAt(opportunityId: number, startsAt: Date, places = 4) {
  return createShift({ opportunity_id: opportunityId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 90 * 60_000), places });
}

async function volunteer(profile: Parameters<typeof createVolunteerProfile>[1] = {}) {
  const user = await createUser();
  await createVolunteerProfile(user.id, { bfs_nr: RHEINFELDEN, radius_km: 5, ...profile });
  return user;
}

test("recommendations: nearby, fitting, upcoming opportunities best first; far, unfit, unpublished and past ones never", async () => {
  const user = await volunteer({ languages: [["ti", "native"]], interests: ["konversationsgruppe"], availability: ["tue-evening"] });
  const best = await createOpportunity({ bfs_nr: RHEINFELDEN, languages_helpful: ["ti"], schedule_kind: "recurring", total_places: null });
  await shiftAt(best.id, nextTuesday("18:30"));
  await shiftAt(best.id, nextTuesday("18:30", 1));
  const plain = await createOpportunity({ bfs_nr: MAGDEN, category_id: "atelier", schedule_kind: "one_off", total_places: null });
  await shiftAt(plain.id, nextTuesday("09:00", 3));
  const flexible = await createOpportunity({ bfs_nr: RHEINFELDEN, category_id: "andere", schedule_kind: "flexible", total_places: 3 });
  const far = await createOpportunity({ bfs_nr: ZOFINGEN, languages_helpful: ["ti"] });
  await shiftAt(far.id, nextTuesday("18:30"));
  const needsArabic = await createOpportunity({ bfs_nr: RHEINFELDEN, languages_required: ["ar"] });
  await shiftAt(needsArabic.id, nextTuesday("18:30"));
  const draft = await createOpportunity({ bfs_nr: RHEINFELDEN, status: "draft" });
  await shiftAt(draft.id, nextTuesday("18:30"));
  const over = await createOpportunity({ bfs_nr: RHEINFELDEN, schedule_kind: "one_off", total_places: null });
  await shiftAt(over.id, new Date(Date.now() - 3 * 24 * 3600_000));

  const result = await recommendOpportunities({ userId: user.id, locale: "de", pageSize: 100 });
  if (!result.hasProfile) throw new Error("profile expected");
  const mine = [best.id, plain.id, flexible.id, far.id, needsArabic.id, draft.id, over.id];
  const ids = result.items.map((i) => i.id).filter((id) => mine.includes(id));
  expect(ids).toEqual([best.id, flexible.id, plain.id]);
  const top = result.items.find((i) => i.id === best.id)!;
  expect(top.reasons.map((r) => r.key)).toEqual(
    expect.arrayContaining(["matching.reasons.interest", "matching.reasons.speaks", "matching.reasons.free", "matching.reasons.sameGemeinde"]),
  );
  expect(top.score).toBeGreaterThan(result.items.find((i) => i.id === plain.id)!.score);
  expect(top.title).toBe(best.title);
});

test("the opportunity page's explanation names what rules an opportunity out, and null without a profile", async () => {
  const user = await volunteer({ german_level: "A2" });
  const far = await createOpportunity({ bfs_nr: ZOFINGEN, german_level: "B2" });
  await shiftAt(far.id, nextTuesday("18:30"));
  const explained = await explainMatch({ userId: user.id, opportunityId: far.id });
  expect(explained?.score).toBe(0);
  expect(explained?.ruledOut.map((r) => r.key).sort()).toEqual(["matching.ruledOut.germanLevel", "matching.ruledOut.tooFar"]);

  const stranger = await createUser();
  expect(await explainMatch({ userId: stranger.id, opportunityId: far.id })).toBeNull();
  expect(await recommendOpportunities({ userId: stranger.id, locale: "de" })).toEqual({ hasProfile: false });
  const draft = await createOpportunity({ bfs_nr: RHEINFELDEN, status: "draft" });
  expect(await explainMatch({ userId: user.id, opportunityId: draft.id })).toBeNull();
});

test("'not for me' hides an opportunity from this volunteer only, and undo brings it back", async () => {
  const user = await volunteer();
  const other = await volunteer();
  const opportunity = await createOpportunity({ bfs_nr: RHEINFELDEN });
  await shiftAt(opportunity.id, nextTuesday("10:00"));
  const visibleTo = async (userId: number) => {
    return (await scoreCandidates({ userId })).scored.some((c) => c.id === opportunity.id);
  };
  expect(await visibleTo(user.id)).toBe(true);

  expect(await dismissRecommendation({ userId: user.id, opportunityId: opportunity.id })).toBe(true);
  // twice is fine
  expect(await dismissRecommendation({ userId: user.id, opportunityId: opportunity.id })).toBe(true);
  expect(await visibleTo(user.id)).toBe(false);
  expect(await visibleTo(other.id)).toBe(true);
  expect(await listDismissed({ userId: user.id })).toEqual([{ id: opportunity.id, title: opportunity.title }]);
  expect((await explainMatch({ userId: user.id, opportunityId: opportunity.id }))?.dismissed).toBe(true);

  // another volunteer's undo touches nothing of this one's
  expect(await undoDismissal({ userId: other.id, opportunityId: opportunity.id })).toBe(false);
  expect(await visibleTo(user.id)).toBe(false);
  expect(await undoDismissal({ userId: user.id, opportunityId: opportunity.id })).toBe(true);
  expect(await visibleTo(user.id)).toBe(true);
});

test("only published opportunities can be dismissed", async () => {
  const user = await volunteer();
  const draft = await createOpportunity({ bfs_nr: RHEINFELDEN, status: "draft" });
  expect(await dismissRecommendation({ userId: user.id, opportunityId: draft.id })).toBe(false);
  expect(await dismissRecommendation({ userId: user.id, opportunityId: 2_000_000_000 })).toBe(false);
  const rows = await db.selectFrom("recommendation_dismissal").select("opportunity_id").where("user_id", "=", user.id).execute();
  expect(rows).toEqual([]);
});

test("an online-only volunteer gets remote and hybrid opportunities anywhere, never on-site ones", async () => {
  const user = await createUser();
  await createVolunteerProfile(user.id, { bfs_nr: null, online_only: true });
  const remote = await createOpportunity({ bfs_nr: ZOFINGEN, location_mode: "remote", schedule_kind: "flexible", total_places: 2 });
  const hybrid = await createOpportunity({ bfs_nr: ZOFINGEN, location_mode: "both" });
  await shiftAt(hybrid.id, nextTuesday("19:00"));
  const onSite = await createOpportunity({ bfs_nr: ZOFINGEN });
  await shiftAt(onSite.id, nextTuesday("19:00"));
  const ids = (await scoreCandidates({ userId: user.id })).scored.map((c) => c.id);
  expect(ids).toContain(remote.id);
  expect(ids).toContain(hybrid.id);
  expect(ids).not.toContain(onSite.id);
});

test("the candidate query finds its rows through indexes, never by scanning opportunities or shifts", async () => {
  const user = await volunteer({ languages: [["ar", "good"]], interests: ["atelier"], german_level: "B1" });
  const compiled = candidateQuery({ userId: user.id, now: new Date() }).compile(db);
  const plan = await db.transaction().execute(async (trx) => {
    // tiny test tables make a sequential scan the cheapest plan; forbid it to see that an index path exists
    await sql`set local enable_seqscan = off`.execute(trx);
    const explained = await trx.executeQuery<{ "QUERY PLAN": string }>({ ...compiled, sql: `explain ${compiled.sql}` });
    return explained.rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
  expect(plan).not.toMatch(/Seq Scan on opportunity/);
  expect(plan).not.toMatch(/Seq Scan on shift/);
  expect(plan).toMatch(/opportunity_(next_shift|bfs_nr|published_remote|languages_required)_idx/);
});

test("deleting the account deletes its profile, languages and dismissals", async () => {
  const user = await volunteer({ languages: [["en", "good"]] });
  const opportunity = await createOpportunity({ bfs_nr: RHEINFELDEN });
  await dismissRecommendation({ userId: user.id, opportunityId: opportunity.id });
  expect(await deleteAccount({ userId: user.id, password: user.password, ip: "127.0.0.1" })).toEqual({ ok: true });
  expect(await db.selectFrom("volunteer_profile").select("user_id").where("user_id", "=", user.id).execute()).toEqual([]);
  expect(await db.selectFrom("volunteer_language").select("user_id").where("user_id", "=", user.id).execute()).toEqual([]);
  expect(await db.selectFrom("recommendation_dismissal").select("user_id").where("user_id", "=", user.id).execute()).toEqual([]);
});

test("the database refuses what the form would refuse: a radius out of range, an unknown slot, an unknown level", async () => {
  const user = await createUser();
  await expect(createVolunteerProfile(user.id, { radius_km: 1000 })).rejects.toThrow();
  await expect(createVolunteerProfile(user.id, { availability: ["mon-night" as never] })).rejects.toThrow();
  await expect(createVolunteerProfile(user.id, { bfs_nr: null, online_only: false, suggestions_opt_in: true })).rejects.toThrow();
  await createVolunteerProfile(user.id);
  await expect(
    db.insertInto("volunteer_language").values({ user_id: user.id, language: "ti", level: "perfect" as never }).execute(),
  ).rejects.toThrow();
});

test("the walk over the upcoming shifts gives exactly the full candidate query's first rows", async () => {
  const user = await volunteer({ languages: [["ti", "native"]], interests: ["atelier"] });
  const day = (n: number) => new Date(Date.now() + n * 24 * 3600 * 1000);
  const atelier = (overrides: Parameters<typeof createOpportunity>[0] = {}) =>
    createOpportunity({ bfs_nr: RHEINFELDEN, category_id: "atelier", schedule_kind: "one_off", total_places: null, ...overrides });
  const later = await atelier();
  await shiftAt(later.id, day(13));
  await shiftAt(later.id, day(6));
  const soonest = await atelier();
  await shiftAt(soonest.id, day(3));
  const twoShifts = await atelier();
  await shiftAt(twoShifts.id, day(5));
  await shiftAt(twoShifts.id, day(4));
  const flexible = await atelier({ schedule_kind: "flexible", total_places: 2 });
  const notInterested = await createOpportunity({ bfs_nr: RHEINFELDEN, category_id: "andere", schedule_kind: "one_off", total_places: null });
  await shiftAt(notInterested.id, day(2));
  const mine = [later.id, soonest.id, twoShifts.id, flexible.id, notInterested.id];

  const now = new Date();
  // one snapshot for both queries (on PostgreSQL other files write meanwhile)
  await db.transaction().setIsolationLevel("repeatable read").execute(async (trx) => {
    // every candidate (other files' listings may be among them)
    const full = (await candidateQuery({ userId: user.id, now, limit: 1_000_000 }).execute(trx)).rows.map((r) => r.id);
    expect(full.filter((id) => mine.includes(id))).toEqual([soonest.id, twoShifts.id, later.id, flexible.id, notInterested.id]);
    const dated = full.indexOf(later.id) + 1;
    for (const limit of [1, 2, dated]) {
      const walk = (await soonestCandidateQuery({ userId: user.id, now, limit }).execute(trx)).rows;
      expect(walk.map((r) => r.id)).toEqual(full.slice(0, limit));
      expect(walk.map((r) => new Date(r.first_start!).getTime())).toEqual(
        (await candidateQuery({ userId: user.id, now, limit }).execute(trx)).rows.map((r) => new Date(r.first_start!).getTime()),
      );
    }
    // past the dated ones in the interests the walk cannot tell what comes next: it returns fewer than asked
    const walkAll = (await soonestCandidateQuery({ userId: user.id, now, limit: full.length }).execute(trx)).rows;
    expect(walkAll.length).toBeLessThan(full.length);
    expect(walkAll.map((r) => r.id)).not.toContain(flexible.id);
  });
});
