import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createOpportunity, createScheduledOpportunity, createShift } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { utcToZurichParts } from "~/utils/zurich-time";
import { archiveFinishedOpportunities, fillAllScheduleWindows, fillScheduleShifts, planShifts } from "./schedule.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const MARCH_1_2027 = new Date("2027-03-01T11:00:00Z");
const DAY = 24 * 3600 * 1000;

function shiftsOf(opportunityId: number) {
  return db
    .selectFrom("shift")
    .where("opportunity_id", "=", opportunityId)
    .select(["starts_at", "ends_at", "places"])
    .orderBy("starts_at")
    .execute();
}

function fill(opportunityId: number, options: { from?: Date; weeks?: number } = {}) {
  return db.transaction().execute((trx) => fillScheduleShifts(trx, { opportunityId, ...options }));
}

test("a Tuesday 18:30–20:00 rule from 9 March 2027 gives four shifts at 18:30 Zurich time on both sides of the DST change", async () => {
  const { opportunity } = await createScheduledOpportunity();
  expect(await fill(opportunity.id, { from: MARCH_1_2027, weeks: 4 })).toEqual({ created: 4, removed: 0, updated: 0 });

  const shifts = await shiftsOf(opportunity.id);
  expect(shifts.map((s) => s.starts_at.toISOString())).toEqual([
    "2027-03-09T17:30:00.000Z",
    "2027-03-16T17:30:00.000Z",
    "2027-03-23T17:30:00.000Z",
    // summer time from 28 March: the same 18:30 is an hour earlier in UTC
    "2027-03-30T16:30:00.000Z",
  ]);
  expect(shifts.map((s) => utcToZurichParts(s.starts_at))).toEqual(
    ["2027-03-09", "2027-03-16", "2027-03-23", "2027-03-30"].map((date) => ({ date, time: "18:30:00", weekday: 2 })),
  );
  expect(new Set(shifts.map((s) => utcToZurichParts(s.ends_at).time))).toEqual(new Set(["20:00:00"]));
  expect(new Set(shifts.map((s) => s.places))).toEqual(new Set([3]));
});

test("filling twice creates nothing new", async () => {
  const { opportunity } = await createScheduledOpportunity();
  await fill(opportunity.id, { from: MARCH_1_2027, weeks: 4 });
  expect(await fill(opportunity.id, { from: MARCH_1_2027, weeks: 4 })).toEqual({ created: 0, removed: 0, updated: 0 });
  // once the series has begun, the window moves with today: a run on Wednesday 10 March adds 6 April
  expect(await fill(opportunity.id, { from: new Date("2027-03-10T11:00:00Z"), weeks: 4 })).toEqual({
    created: 1,
    removed: 0,
    updated: 0,
  });
  expect(await shiftsOf(opportunity.id)).toHaveLength(5);
});

test("moving the rule to Wednesday removes the future Tuesday shifts, keeps past ones and creates Wednesday shifts", async () => {
  const { opportunity } = await createScheduledOpportunity();
  await fill(opportunity.id, { from: MARCH_1_2027, weeks: 4 });
  await db.updateTable("opportunity_schedule").set({ weekday: 3, places: 5 }).where("opportunity_id", "=", opportunity.id).execute();

  // on 20 March the shifts of 9 and 16 March lie in the past
  const from = new Date("2027-03-20T09:00:00Z");
  expect(await fill(opportunity.id, { from, weeks: 4 })).toEqual({ created: 4, removed: 2, updated: 0 });
  const shifts = await shiftsOf(opportunity.id);
  expect(shifts.map((s) => [utcToZurichParts(s.starts_at).date, utcToZurichParts(s.starts_at).time, s.places])).toEqual([
    ["2027-03-09", "18:30:00", 3],
    ["2027-03-16", "18:30:00", 3],
    ["2027-03-24", "18:30:00", 5],
    ["2027-03-31", "18:30:00", 5],
    ["2027-04-07", "18:30:00", 5],
    ["2027-04-14", "18:30:00", 5],
  ]);
});

test("new start time or places: future shifts follow the rule, an unchanged shift keeps its row", async () => {
  const { opportunity } = await createScheduledOpportunity();
  await fill(opportunity.id, { from: MARCH_1_2027, weeks: 2 });
  await db.updateTable("opportunity_schedule").set({ places: 6 }).where("opportunity_id", "=", opportunity.id).execute();
  expect(await fill(opportunity.id, { from: MARCH_1_2027, weeks: 2 })).toEqual({ created: 0, removed: 0, updated: 2 });
  await db.updateTable("opportunity_schedule").set({ end_time: "20:30" }).where("opportunity_id", "=", opportunity.id).execute();
  expect(await fill(opportunity.id, { from: MARCH_1_2027, weeks: 2 })).toEqual({ created: 2, removed: 2, updated: 0 });
  const shifts = await shiftsOf(opportunity.id);
  expect(shifts.map((s) => utcToZurichParts(s.ends_at).time)).toEqual(["20:30:00", "20:30:00"]);
});

test("last_date ends the series, and shortening it removes the shifts after it", async () => {
  const { opportunity } = await createScheduledOpportunity({ rule: { last_date: "2027-03-23" } });
  expect(await fill(opportunity.id, { from: MARCH_1_2027, weeks: 12 })).toMatchObject({ created: 3 });
  await db.updateTable("opportunity_schedule").set({ last_date: "2027-03-16" }).where("opportunity_id", "=", opportunity.id).execute();
  expect(await fill(opportunity.id, { from: MARCH_1_2027, weeks: 12 })).toMatchObject({ created: 0, removed: 1 });
  expect((await shiftsOf(opportunity.id)).map((s) => utcToZurichParts(s.starts_at).date)).toEqual(["2027-03-09", "2027-03-16"]);
});

test("the window starts today when first_date is past, and a shift already begun today is not created", async () => {
  const { opportunity } = await createScheduledOpportunity({ rule: { first_date: "2027-01-05" } });
  // Tuesday 9 March 2027, 19:00 in Zurich: today's 18:30 shift has begun
  const from = new Date("2027-03-09T18:00:00Z");
  expect(await fill(opportunity.id, { from, weeks: 2 })).toMatchObject({ created: 1 });
  expect((await shiftsOf(opportunity.id)).map((s) => utcToZurichParts(s.starts_at).date)).toEqual(["2027-03-16"]);
});

test("planShifts leaves no shift in the spring-forward gap that would end before it starts", () => {
  const rule = { weekday: 7, start_time: "02:15:00", end_time: "02:45:00", first_date: "2027-03-21", last_date: null, places: 1 };
  const planned = planShifts(rule, { today: "2027-03-01", weeks: 2 });
  // 28 March 02:15 and 02:45 both fall in the gap and become 03:15 and 03:45 summer time
  expect(planned.map((s) => [s.date, s.ends_at.getTime() - s.starts_at.getTime()])).toEqual([
    ["2027-03-21", 30 * 60 * 1000],
    ["2027-03-28", 30 * 60 * 1000],
  ]);
});

test("opportunities that are not recurring, or have no rule, get no shifts", async () => {
  const flexible = await createOpportunity({ schedule_kind: "flexible" });
  expect(await fill(flexible.id, { from: MARCH_1_2027 })).toEqual({ created: 0, removed: 0, updated: 0 });
  const { opportunity } = await createScheduledOpportunity();
  await db.updateTable("opportunity").set({ schedule_kind: "one_off" }).where("id", "=", opportunity.id).execute();
  expect(await fill(opportunity.id, { from: MARCH_1_2027 })).toEqual({ created: 0, removed: 0, updated: 0 });
});

test("fillAllScheduleWindows fills drafts, submitted and published rules, but not rejected or archived ones", async () => {
  const draft = await createScheduledOpportunity({ status: "draft", rule: { first_date: "2027-05-04" } });
  const published = await createScheduledOpportunity({ rule: { first_date: "2027-05-04" } });
  const rejected = await createScheduledOpportunity({ status: "rejected", published_at: null, rule: { first_date: "2027-05-04" } });
  const totals = await fillAllScheduleWindows({ weeks: 3, batchSize: 2 });
  expect(totals.opportunities).toBeGreaterThanOrEqual(2);
  expect(await shiftsOf(draft.opportunity.id)).toHaveLength(3);
  expect(await shiftsOf(published.opportunity.id)).toHaveLength(3);
  expect(await shiftsOf(rejected.opportunity.id)).toHaveLength(0);
});

test("the archive job archives a published one-off whose only shift ended yesterday, and leaves the rest alone", async () => {
  const now = new Date();
  const yesterday = new Date(now.getTime() - DAY);
  const ended = await createOpportunity({ schedule_kind: "one_off", total_places: null });
  await createShift({ opportunity_id: ended.id, starts_at: new Date(yesterday.getTime() - 2 * 3600 * 1000), ends_at: yesterday });

  // flexible: never archived automatically, even with a past shift
  const flexible = await createOpportunity({ schedule_kind: "flexible" });
  await createShift({ opportunity_id: flexible.id, starts_at: new Date(yesterday.getTime() - 3600 * 1000), ends_at: yesterday });
  // a later shift to come
  const upcoming = await createOpportunity({ schedule_kind: "one_off", total_places: null });
  await createShift({ opportunity_id: upcoming.id, starts_at: new Date(yesterday.getTime() - 3600 * 1000), ends_at: yesterday });
  await createShift({ opportunity_id: upcoming.id });
  // no shifts at all yet
  const noShifts = await createOpportunity({ schedule_kind: "one_off", total_places: null });
  // a weekly rule that goes on, although its generated shifts are all past
  const weekly = await createScheduledOpportunity({ rule: { first_date: "2026-01-06" } });
  await createShift({ opportunity_id: weekly.opportunity.id, starts_at: new Date(yesterday.getTime() - 3600 * 1000), ends_at: yesterday });
  // a weekly rule that has ended
  const weeklyOver = await createScheduledOpportunity({ rule: { first_date: "2026-01-06", last_date: "2026-02-03" } });
  await createShift({ opportunity_id: weeklyOver.opportunity.id, starts_at: new Date("2026-02-03T17:30:00Z"), ends_at: new Date("2026-02-03T19:00:00Z") });
  // a draft with a past shift is not published, so not archived either
  const draft = await createOpportunity({ schedule_kind: "one_off", total_places: null, status: "draft" });
  await createShift({ opportunity_id: draft.id, starts_at: new Date(yesterday.getTime() - 3600 * 1000), ends_at: yesterday });

  const ids = [ended.id, flexible.id, upcoming.id, noShifts.id, weekly.opportunity.id, weeklyOver.opportunity.id, draft.id];
  const { archived } = await archiveFinishedOpportunities(now, { onlyIds: ids });
  expect(archived.sort()).toEqual([ended.id, weeklyOver.opportunity.id].sort());

  const rows = await db.selectFrom("opportunity").where("id", "in", ids).select(["id", "status", "archived_at"]).execute();
  const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
  expect(status[ended.id]).toBe("archived");
  expect(rows.find((r) => r.id === ended.id)?.archived_at?.getTime()).toBe(now.getTime());
  expect([flexible.id, upcoming.id, noShifts.id, weekly.opportunity.id].map((id) => status[id])).toEqual(Array(4).fill("published"));
  expect(status[draft.id]).toBe("draft");

  // a second run finds nothing more to do
  expect((await archiveFinishedOpportunities(now, { onlyIds: ids })).archived).toEqual([]);
});

test("fillAllScheduleWindows visits only rules whose window lacks shifts: a full window is not touched again", async () => {
  const from = new Date("2027-06-01T08:00:00Z");
  const full = await createScheduledOpportunity({ rule: { first_date: "2027-06-01" } });
  const fresh = await createScheduledOpportunity({ rule: { first_date: "2027-06-01" } });
  await fill(full.opportunity.id, { from, weeks: 4 });
  const before = await shiftsOf(full.opportunity.id);
  expect(before).toHaveLength(4);
  // a shift of the full window removed by hand is not the job's business while the window's end is covered …
  await db.deleteFrom("shift").where("opportunity_id", "=", full.opportunity.id).where("starts_at", "=", before[1].starts_at).execute();
  await fillAllScheduleWindows({ from, weeks: 4 });
  expect(await shiftsOf(full.opportunity.id)).toHaveLength(3);
  // … but the rule without shifts got its window
  expect(await shiftsOf(fresh.opportunity.id)).toHaveLength(4);
  // a week later the window moved on: the job visits the rule again and fills all that is missing
  await fillAllScheduleWindows({ from: new Date(from.getTime() + 7 * DAY), weeks: 4 });
  expect((await shiftsOf(full.opportunity.id)).length).toBe(5);
});
