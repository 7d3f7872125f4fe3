import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createOpportunity, createOrganisation, createScheduledOpportunity, createShift } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { getPublicOpportunity, listUpcomingShiftsOf } from "./detail.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

test("a published opportunity comes with organisation, Gemeinde, category, requirements and its upcoming shifts only", async () => {
  const org = await createOrganisation({
    name: "Bibliothek Detailtest",
    kind: "bibliothek",
    bfs_nr: 4201,
    website: "https://bibliothek.example.ch",
    contact_email: "info@bibliothek.example.ch",
    verified_at: new Date(),
  });
  const opportunity = await createOpportunity({
    organisation_id: org.id,
    bfs_nr: 4201,
    schedule_kind: "one_off",
    total_places: null,
    address: "Bahnhofstrasse 1, 5600 Lenzburg",
    languages_required: ["ar"],
    languages_helpful: ["ti", "en"],
    german_level: "B1",
    target_groups: ["familien"],
    tags: ["lesen", "kinder"],
    min_age: 16,
    contact_name: "Anna Muster",
    contact_email: "anna@example.org",
    needs_confirmation: true,
    location_mode: "both",
  });
  const past = await createShift({ opportunity_id: opportunity.id, starts_at: new Date(Date.now() - 2 * DAY), ends_at: new Date(Date.now() - 2 * DAY + HOUR) });
  const later = await createShift({ opportunity_id: opportunity.id, starts_at: new Date(Date.now() + 9 * DAY), ends_at: new Date(Date.now() + 9 * DAY + HOUR), places: 6 });
  const sooner = await createShift({ opportunity_id: opportunity.id, starts_at: new Date(Date.now() + 2 * DAY), ends_at: new Date(Date.now() + 2 * DAY + HOUR), places: 2 });

  const found = await getPublicOpportunity({ id: opportunity.id, locale: "de" });
  expect(found).toMatchObject({
    id: opportunity.id,
    title: opportunity.title,
    organisation: { name: "Bibliothek Detailtest", kind: "bibliothek", website: "https://bibliothek.example.ch", verified: true },
    gemeinde: { bfsNr: 4201, name: "Lenzburg", districtName: "Bezirk Lenzburg" },
    category: { id: "konversationsgruppe", label: "Konversationsgruppe" },
    address: "Bahnhofstrasse 1, 5600 Lenzburg",
    addressPrivate: false,
    languagesRequired: ["ar"],
    languagesHelpful: ["ti", "en"],
    germanLevel: "B1",
    targetGroups: ["familien"],
    tags: ["lesen", "kinder"],
    minAge: 16,
    contactName: "Anna Muster",
    contactEmail: "anna@example.org",
    needsConfirmation: true,
    locationMode: "both",
    scheduleKind: "one_off",
    weekly: null,
    flexiblePlaces: null,
  });
  expect(found!.shifts.map((s) => s.id)).toEqual([sooner.id, later.id]);
  expect(found!.shifts.map((s) => s.id)).not.toContain(past.id);
  // nobody can sign up yet: every place is free
  expect(found!.shifts.map((s) => [s.places, s.placesLeft])).toEqual([
    [2, 2],
    [6, 6],
  ]);
  expect((await getPublicOpportunity({ id: opportunity.id, locale: "en" }))!.category.label).toBe("Conversation group");
});

test("drafts, submitted, rejected and archived opportunities, and ids that do not exist, are null", async () => {
  const statuses = ["draft", "submitted", "changes_requested", "rejected"] as const;
  const found: Record<string, unknown> = {};
  for (const status of statuses) {
    const o = await createOpportunity({ status, published_at: null });
    found[status] = await getPublicOpportunity({ id: o.id, locale: "de" });
  }
  expect(found).toEqual({ draft: null, submitted: null, changes_requested: null, rejected: null });
  const archived = await createOpportunity({ status: "archived", archived_at: new Date() });
  expect(await getPublicOpportunity({ id: archived.id, locale: "de" })).toBeNull();
  expect(await getPublicOpportunity({ id: 2_000_000_000, locale: "de" })).toBeNull();
});

test("a private address is never part of the public opportunity", async () => {
  const o = await createOpportunity({ address: "Geheimweg 7, 5000 Aarau", address_private: true });
  const found = await getPublicOpportunity({ id: o.id, locale: "de" });
  expect(found).toMatchObject({ address: null, addressPrivate: true });
  expect(JSON.stringify(found)).not.toContain("Geheimweg");
  await createShift({ opportunity_id: o.id });
  const feed = await listUpcomingShiftsOf({ opportunityIds: [o.id] });
  expect(feed).toHaveLength(1);
  expect(feed[0].address).toBeNull();
});

test("a recurring opportunity shows its weekly rule; a flexible one its places", async () => {
  const { opportunity } = await createScheduledOpportunity({ rule: { weekday: 4, start_time: "14:00", end_time: "17:15", last_date: "2027-06-24" } });
  expect((await getPublicOpportunity({ id: opportunity.id, locale: "de" }))!.weekly).toEqual({
    weekday: 4,
    startTime: "14:00",
    endTime: "17:15",
    firstDate: "2027-03-09",
    lastDate: "2027-06-24",
  });
  const flexible = await createOpportunity({ schedule_kind: "flexible", total_places: 7 });
  expect((await getPublicOpportunity({ id: flexible.id, locale: "de" }))!.flexiblePlaces).toEqual({ total: 7, left: 7 });
});

test("the feed's shifts: published only, upcoming only, filtered by Zurich weekday and time of day", async () => {
  const published = await createOpportunity({ schedule_kind: "one_off", total_places: null });
  const draft = await createOpportunity({ schedule_kind: "one_off", total_places: null, status: "draft", published_at: null });
  // Tuesday 9 March 2027, 18:30 Zurich (evening) and Wednesday 10 March, 09:00 (morning)
  const tuesdayEvening = await createShift({ opportunity_id: published.id, starts_at: new Date("2027-03-09T17:30:00Z"), ends_at: new Date("2027-03-09T19:00:00Z") });
  const wednesdayMorning = await createShift({ opportunity_id: published.id, starts_at: new Date("2027-03-10T08:00:00Z"), ends_at: new Date("2027-03-10T10:00:00Z") });
  await createShift({ opportunity_id: published.id, starts_at: new Date(Date.now() - DAY), ends_at: new Date(Date.now() - DAY + HOUR) });
  await createShift({ opportunity_id: draft.id });
  const ids = [published.id, draft.id];

  expect((await listUpcomingShiftsOf({ opportunityIds: ids })).map((s) => s.shiftId)).toEqual([tuesdayEvening.id, wednesdayMorning.id]);
  const none = { from: null, to: null, weekdays: [], time: null };
  expect((await listUpcomingShiftsOf({ opportunityIds: ids, shiftFilters: { ...none, weekdays: [3] } })).map((s) => s.shiftId)).toEqual([wednesdayMorning.id]);
  expect((await listUpcomingShiftsOf({ opportunityIds: ids, shiftFilters: { ...none, time: "evening" } })).map((s) => s.shiftId)).toEqual([tuesdayEvening.id]);
  expect((await listUpcomingShiftsOf({ opportunityIds: ids, shiftFilters: { ...none, from: "2027-03-10", to: "2027-03-10" } })).map((s) => s.shiftId)).toEqual([wednesdayMorning.id]);
  expect(await listUpcomingShiftsOf({ opportunityIds: ids, limit: 1 })).toHaveLength(1);
  expect(await listUpcomingShiftsOf({ opportunityIds: [] })).toEqual([]);
  // the database agrees on the weekday
  const row = await db.selectFrom("shift").where("id", "=", tuesdayEvening.id).select("starts_at").executeTakeFirstOrThrow();
  expect(row.starts_at.toISOString()).toBe("2027-03-09T17:30:00.000Z");
});
