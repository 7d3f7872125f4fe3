/**
 * The process-wide cache of what the score and the cards read of an opportunity (PGlite, or PostgreSQL with
 * DATABASE_URL): a write to public data (a new listing generation) is seen on the very next call, and an entry
 * whose first shift has begun is read again. Each test asks for its own listings only (`only`, or the cache by id).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createOpportunity, createShift, createUser, createVolunteerProfile } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { readListingGeneration } from "~/domain/opportunities/listing-generation.server";
import { cachedOpportunities, opportunityCacheSize } from "./opportunity-cache.server";
import { recommendationQuery, scoreCandidates } from "./recommendations.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

// a Gemeinde the other matching test files leave alone
const MURI = 4236;
const HOUR = 3600 * 1000;

async function volunteer() {
  const user = await createUser();
  await createVolunteerProfile(user.id, { bfs_nr: MURI, radius_km: 5 });
  return user;
}

test("a write to the listing is seen on the next call: the cache is keyed by the listing generation", async () => {
  const user = await volunteer();
  const opportunity = await createOpportunity({ bfs_nr: MURI, schedule_kind: "one_off", total_places: null });
  await createShift({ opportunity_id: opportunity.id, places: 4 });
  const only = [opportunity.id];

  const first = (await scoreCandidates({ userId: user.id, only })).scored;
  expect(first.map((s) => [s.id, s.card.title])).toEqual([[opportunity.id, opportunity.title]]);
  expect(opportunityCacheSize()).toBeGreaterThan(0);

  await db.updateTable("opportunity").set({ title: "Neuer Titel" }).where("id", "=", opportunity.id).execute();
  expect((await scoreCandidates({ userId: user.id, only })).scored[0]?.card.title).toBe("Neuer Titel");

  // one place left: said at once (the shift's places are part of the cached listing)
  await db.updateTable("shift").set({ places: 1 }).where("opportunity_id", "=", opportunity.id).execute();
  const reasons = (await scoreCandidates({ userId: user.id, only })).scored[0]?.reasons;
  expect(reasons).toContainEqual({ key: "matching.reasons.placesLeft", values: { count: 1 } });
});

test("an entry is used only until its first shift begins; later calls read the next shifts again", async () => {
  const opportunity = await createOpportunity({ bfs_nr: MURI, schedule_kind: "one_off", total_places: null });
  const soon = await createShift({ opportunity_id: opportunity.id, starts_at: new Date(Date.now() + 2 * HOUR), ends_at: new Date(Date.now() + 3 * HOUR) });
  const later = await createShift({ opportunity_id: opportunity.id, starts_at: new Date(Date.now() + 50 * HOUR), ends_at: new Date(Date.now() + 51 * HOUR) });
  const generation = await readListingGeneration();
  const starts = async (now: Date) =>
    (await cachedOpportunities({ ids: [opportunity.id], generation, now })).get(opportunity.id)!.match.shifts.map((s) => s.startsAt.getTime());

  expect(await starts(new Date())).toEqual([soon.starts_at.getTime(), later.starts_at.getTime()]);
  // after the first shift began, the entry read before is not used: only the later shift is upcoming
  expect(await starts(new Date(Date.now() + 4 * HOUR))).toEqual([later.starts_at.getTime()]);
  // and an entry read for a later moment is not used for an earlier one
  expect(await starts(new Date())).toEqual([soon.starts_at.getTime(), later.starts_at.getTime()]);
});

test("one statement gives the profile, the candidates and the generation; no profile, no candidates", async () => {
  const user = await volunteer();
  const opportunity = await createOpportunity({ bfs_nr: MURI, schedule_kind: "flexible", total_places: 2 });
  const [row] = (await recommendationQuery({ userId: user.id, now: new Date(), only: [opportunity.id] }).execute(db)).rows;
  expect(row?.profile?.bfs_nr).toBe(MURI);
  expect(row?.candidates).toEqual([[opportunity.id, null]]);
  expect(row?.generation).toBe(await readListingGeneration());

  const stranger = await createUser();
  const [none] = (await recommendationQuery({ userId: stranger.id, now: new Date() }).execute(db)).rows;
  expect(none).toMatchObject({ profile: null, candidates: null });
  expect((await scoreCandidates({ userId: stranger.id })).profile).toBeNull();
});
