import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import aargau from "~db/data/aargau.json";
import { CATEGORIES } from "~db/data/categories";
import { prepareDatabase } from "~db/setup.server";
import { isCommonPassword, verifyPassword } from "~/domain/auth/password.server";
import { newPasswordField } from "~/domain/auth/password-rules.server";
import { archiveFinishedOpportunities, DEFAULT_SCHEDULE_WEEKS, fillScheduleShifts } from "~/domain/opportunities/schedule.server";
import { utcToZurichParts } from "~/utils/zurich-time";
import {
  DEMO_ORGANISATIONS,
  DEMO_ORGANISATION_SLUGS,
  DEMO_PASSWORD,
  DEMO_REGIONS,
  DEMO_REGION_SLUGS,
  buildDemoScene,
  buildDemoUsers,
  zurichTimeToUtc,
  zurichWallClock,
} from "./demo-data";
import { HISTORY_TITLE_SUFFIX } from "./demo-history.server";
import { seedDemo } from "./demo.server";

const DAY = 24 * 3600 * 1000;

/** the hourly job's step for one opportunity (fillAllScheduleWindows would also touch other test files' rows) */
function fill(opportunityId: number, from: Date) {
  return db.transaction().execute((trx) => fillScheduleShifts(trx, { opportunityId, from }));
}

beforeAll(async () => {
  await prepareDatabase(db);
});

afterAll(async () => {
  await closeDatabase();
});

const DEMO_EMAILS = buildDemoUsers().map((u) => u.email);

// On PostgreSQL other test files share the database: count only rows that belong to the demo organisations.
async function countDemoRows() {
  const count = sql<number>`count(*)::int`;
  return db
    .selectNoFrom((eb) => [
      eb.selectFrom("organisation").where("slug", "in", DEMO_ORGANISATION_SLUGS).select(count.as("n")).as("organisations"),
      eb
        .selectFrom("opportunity as o")
        .innerJoin("organisation as org", "org.id", "o.organisation_id")
        .where("org.slug", "in", DEMO_ORGANISATION_SLUGS)
        .select(count.as("n"))
        .as("opportunities"),
      eb
        .selectFrom("opportunity as o")
        .innerJoin("organisation as org", "org.id", "o.organisation_id")
        .where("org.slug", "in", DEMO_ORGANISATION_SLUGS)
        .select(sql<number>`count(distinct o.category_id)::int`.as("n"))
        .as("categories"),
      eb
        .selectFrom("opportunity_schedule as r")
        .innerJoin("opportunity as o", "o.id", "r.opportunity_id")
        .innerJoin("organisation as org", "org.id", "o.organisation_id")
        .where("org.slug", "in", DEMO_ORGANISATION_SLUGS)
        .select(count.as("n"))
        .as("schedules"),
      eb
        .selectFrom("shift as s")
        .innerJoin("opportunity as o", "o.id", "s.opportunity_id")
        .innerJoin("organisation as org", "org.id", "o.organisation_id")
        .where("org.slug", "in", DEMO_ORGANISATION_SLUGS)
        .select(count.as("n"))
        .as("shifts"),
      eb.selectFrom("region").where("slug", "in", DEMO_REGION_SLUGS).select(count.as("n")).as("regions"),
      eb.selectFrom("app_user").where("email", "in", DEMO_EMAILS).select(count.as("n")).as("users"),
      eb
        .selectFrom("region_coordinator as rc")
        .innerJoin("app_user as u", "u.id", "rc.user_id")
        .where("u.email", "in", DEMO_EMAILS)
        .select(count.as("n"))
        .as("coordinators"),
      eb
        .selectFrom("organisation_member as m")
        .innerJoin("app_user as u", "u.id", "m.user_id")
        .where("u.email", "in", DEMO_EMAILS)
        .select(count.as("n"))
        .as("organisationMembers"),
    ])
    .executeTakeFirstOrThrow();
}

test("seeding creates the demo scene: regions with Gemeinden, organisations and opportunities in every category", async () => {
  await seedDemo(db);

  const counts = await countDemoRows();
  expect(counts.organisations).toBeGreaterThanOrEqual(15);
  expect(counts.opportunities).toBeGreaterThanOrEqual(40);
  expect(counts.categories).toBe(CATEGORIES.length);
  expect(counts.shifts).toBeGreaterThan(0);
  expect(counts.regions).toBe(8);

  const gemeindenPerRegion = await db
    .selectFrom("region as r")
    .leftJoin("region_gemeinde as rg", "rg.region_id", "r.id")
    .where("r.slug", "in", DEMO_REGION_SLUGS)
    .groupBy("r.slug")
    .select(["r.slug", sql<number>`count(rg.bfs_nr)::int`.as("gemeinden")])
    .execute();
  expect(gemeindenPerRegion).toHaveLength(8);
  expect(gemeindenPerRegion.filter((r) => r.gemeinden === 0)).toEqual([]);
});

test("every recurring demo opportunity has its weekly rule: the hourly job keeps 12 weeks of shifts and never archives it", async () => {
  await seedDemo(db);
  const recurring = await db
    .selectFrom("opportunity as o")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .leftJoin("opportunity_schedule as r", "r.opportunity_id", "o.id")
    .where("org.slug", "in", DEMO_ORGANISATION_SLUGS)
    .where("o.schedule_kind", "=", "recurring")
    .select(["o.id", "o.title", "o.status", "r.weekday", sql<string | null>`r.start_time::text`.as("start_time"), "r.places"])
    .execute();
  expect(recurring.length).toBeGreaterThan(10);
  expect(recurring.filter((o) => o.weekday === null).map((o) => o.title)).toEqual([]);

  const ids = recurring.map((o) => o.id);
  // the seeded shifts are the rule's, and exactly the window the job keeps: it finds nothing to do
  const now = new Date();
  const seeded = await db
    .selectFrom("shift")
    .where("opportunity_id", "in", ids)
    .where("starts_at", ">", now)
    .select(["opportunity_id", "starts_at", "places"])
    .orderBy("starts_at")
    .execute();
  for (const o of recurring) {
    const own = seeded.filter((s) => s.opportunity_id === o.id);
    expect({ title: o.title, shifts: own.length }).toEqual({ title: o.title, shifts: DEFAULT_SCHEDULE_WEEKS });
    for (const s of own) {
      expect({ title: o.title, ...utcToZurichParts(s.starts_at), places: s.places }).toMatchObject({
        title: o.title,
        weekday: o.weekday,
        time: o.start_time,
        places: o.places,
      });
    }
    expect(await fill(o.id, now)).toEqual({ created: 0, removed: 0, updated: 0 });
  }

  // after the last seeded shift, published or not, nothing is archived: the rules go on
  const afterLastSeeded = new Date(Math.max(...seeded.map((s) => s.starts_at.getTime())) + 7 * DAY);
  expect((await archiveFinishedOpportunities(afterLastSeeded, { db, onlyIds: ids })).archived).toEqual([]);
  expect(recurring.filter((o) => o.status === "published").length).toBeGreaterThan(5);

  // ten weeks on, the job has moved every window along (rolled back: the demo rows stay as seeded)
  const later = new Date(now.getTime() + 70 * DAY);
  const rollback = new Error("rollback");
  const moved = db.transaction().execute(async (trx) => {
    for (const o of recurring) {
      expect(await fillScheduleShifts(trx, { opportunityId: o.id, from: later })).toMatchObject({ removed: 0, updated: 0 });
    }
    const ahead = await trx
      .selectFrom("shift")
      .where("opportunity_id", "in", ids)
      .where("starts_at", ">", later)
      .select(["opportunity_id", "starts_at"])
      .orderBy("starts_at")
      .execute();
    for (const o of recurring) {
      const own = ahead.filter((s) => s.opportunity_id === o.id);
      // the 12 weeks from later's Zurich date (the shift on that very day may have begun already)
      expect({
        title: o.title,
        enough: own.length >= DEFAULT_SCHEDULE_WEEKS - 1,
        farEnough: own.at(-1)!.starts_at.getTime() > later.getTime() + (DEFAULT_SCHEDULE_WEEKS - 1) * 7 * DAY - DAY,
      }).toEqual({ title: o.title, enough: true, farEnough: true });
    }
    throw rollback;
  });
  await expect(moved).rejects.toBe(rollback);
});

test("the demo has one open flag in RIF Region Aarau's queue", async () => {
  await seedDemo(db);
  const open = await db
    .selectFrom("opportunity_flag as f")
    .innerJoin("opportunity as o", "o.id", "f.opportunity_id")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .innerJoin("region_gemeinde as rg", "rg.bfs_nr", "o.bfs_nr")
    .innerJoin("region as r", "r.id", "rg.region_id")
    .select(["r.name", "o.status"])
    .where("org.slug", "in", DEMO_ORGANISATION_SLUGS)
    .where("f.resolved_at", "is", null)
    .execute();
  expect(open).toEqual([{ name: "RIF Region Aarau", status: "published" }]);
});

test("seeding a second time creates nothing", async () => {
  await seedDemo(db);
  const before = await countDemoRows();

  const again = await seedDemo(db);

  expect(again).toEqual({
    regions: 0,
    organisations: 0,
    opportunities: 0,
    schedules: 0,
    shifts: 0,
    users: 0,
    coordinators: 0,
    organisationMembers: 0,
    signups: 0,
    volunteerProfiles: 0,
    flags: 0,
    decisions: 0,
    pastListings: 0,
    created: false,
  });
  expect(await countDemoRows()).toEqual(before);
});

test("seeding creates verified demo accounts: an admin, a coordinator for every region, an owner for every organisation", async () => {
  await seedDemo(db);

  const users = await db
    .selectFrom("app_user")
    .select(["id", "email", "display_name", "locale", "is_admin", "email_verified_at", "password_hash"])
    .where("email", "in", DEMO_EMAILS)
    .execute();
  expect(users).toHaveLength(DEMO_EMAILS.length);
  expect(users.filter((u) => u.email_verified_at === null)).toEqual([]);
  expect(users.filter((u) => u.is_admin).map((u) => u.email)).toEqual(["admin@mitenand.example"]);
  expect(users.filter((u) => u.locale === "en")).toHaveLength(1);
  expect(users.filter((u) => /^freiwillig\d@/.test(u.email!))).toHaveLength(6);
  // one hash for all of them, and it is the demo password's
  expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
  expect(await verifyPassword(users[0].password_hash!, DEMO_PASSWORD)).toBe(true);

  const coordinated = await db
    .selectFrom("region_coordinator as rc")
    .innerJoin("region as r", "r.id", "rc.region_id")
    .innerJoin("app_user as u", "u.id", "rc.user_id")
    .where("u.email", "in", DEMO_EMAILS)
    .select(["r.slug", "u.email"])
    .execute();
  expect(new Set(coordinated.map((c) => c.slug))).toEqual(new Set(DEMO_REGION_SLUGS));
  expect(coordinated.filter((c) => c.email !== `koordination.${c.slug}@mitenand.example`)).toEqual([]);

  const members = await db
    .selectFrom("organisation_member as m")
    .innerJoin("organisation as o", "o.id", "m.organisation_id")
    .innerJoin("app_user as u", "u.id", "m.user_id")
    .where("u.email", "in", DEMO_EMAILS)
    .select(["o.slug", "u.email", "m.role"])
    .execute();
  const owners = members.filter((m) => m.role === "owner");
  expect(new Set(owners.map((m) => m.slug))).toEqual(new Set(DEMO_ORGANISATION_SLUGS));
  expect(owners.filter((m) => m.email !== `${m.slug}@mitenand.example`)).toEqual([]);
  expect(members.filter((m) => m.role === "editor")).toHaveLength(2);
});

test("the demo password passes the password rules (not a common one)", () => {
  expect(isCommonPassword(DEMO_PASSWORD)).toBe(false);
  expect(newPasswordField.safeParse(DEMO_PASSWORD).success).toBe(true);
});

test("the demo queues: at least 3 submissions in RIF Region Aarau, 1 in Baden, one listing sent back with its reason", async () => {
  await seedDemo(db);
  // by the regions' districts, not by region_gemeinde: on a shared PostgreSQL database other tests may have put
  // a Gemeinde into a test region before the seed ran (the seed never moves one)
  const districtsOf = (slug: string) => DEMO_REGIONS.find((r) => r.slug === slug)!.districtNrs;
  const waiting = await db
    .selectFrom("opportunity as o")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .innerJoin("gemeinde as g", "g.bfs_nr", "o.bfs_nr")
    .where("org.slug", "in", DEMO_ORGANISATION_SLUGS)
    .where("o.status", "=", "submitted")
    .select(["g.district_nr as districtNr", "o.title"])
    .execute();
  expect(waiting.filter((w) => districtsOf("rif-region-aarau").includes(w.districtNr)).length).toBeGreaterThanOrEqual(3);
  expect(waiting.filter((w) => districtsOf("rif-region-baden").includes(w.districtNr)).length).toBeGreaterThanOrEqual(1);
  const sentBack = await db
    .selectFrom("opportunity as o")
    .innerJoin("moderation_decision as d", "d.opportunity_id", "o.id")
    .innerJoin("app_user as u", "u.id", "d.decided_by")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .where("org.slug", "in", DEMO_ORGANISATION_SLUGS)
    .where("o.status", "=", "changes_requested")
    .select(["o.title", "d.reason", "u.email"])
    .execute();
  expect(sentBack).toHaveLength(1);
  expect(sentBack[0].reason?.length).toBeGreaterThan(20);
  expect(sentBack[0].email).toBe("koordination.rif-region-aarau@mitenand.example");
});

test("published demo opportunities have a past published_at; drafts and submissions wait for moderation", async () => {
  await seedDemo(db);
  const rows = await db
    .selectFrom("opportunity as o")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .where("org.slug", "in", DEMO_ORGANISATION_SLUGS)
    .select(["o.title", "o.status", "o.published_at", "o.submitted_at"])
    .execute();

  const published = rows.filter((r) => r.status === "published");
  expect(published.length).toBeGreaterThan(30);
  expect(published.filter((r) => r.published_at === null || r.published_at > new Date())).toEqual([]);
  // the year of history for the reports is archived or rejected; the rest waits for moderation
  const waiting = rows.filter((r) => r.status !== "published" && !r.title.endsWith(HISTORY_TITLE_SUFFIX));
  expect(new Set(waiting.map((r) => r.status))).toEqual(new Set(["draft", "submitted", "changes_requested"]));
  expect(waiting.filter((r) => r.published_at !== null)).toEqual([]);
  expect(rows.filter((r) => r.status === "submitted" && r.submitted_at === null)).toEqual([]);
});

test("zurichTimeToUtc follows the Zurich wall clock across both DST changes of 2027", () => {
  // summer time starts 28 March 2027 and ends 31 October 2027
  expect(zurichTimeToUtc("2027-03-23", "18:30").toISOString()).toBe("2027-03-23T17:30:00.000Z");
  expect(zurichTimeToUtc("2027-03-30", "18:30").toISOString()).toBe("2027-03-30T16:30:00.000Z");
  expect(zurichTimeToUtc("2027-03-28", "01:30").toISOString()).toBe("2027-03-28T00:30:00.000Z");
  expect(zurichTimeToUtc("2027-03-28", "03:30").toISOString()).toBe("2027-03-28T01:30:00.000Z");
  expect(zurichTimeToUtc("2027-10-30", "09:00").toISOString()).toBe("2027-10-30T07:00:00.000Z");
  expect(zurichTimeToUtc("2027-10-31", "09:00").toISOString()).toBe("2027-10-31T08:00:00.000Z");
  expect(zurichWallClock(new Date("2027-03-30T16:30:00Z"))).toEqual({ date: "2027-03-30", time: "18:30" });
});

test("recurring shifts keep their local time when summer time starts (run on 10 March 2027)", () => {
  const scene = buildDemoScene(new Date("2027-03-10T12:00:00Z"));
  const switchover = new Date("2027-03-28T01:00:00Z");

  const recurring = scene.opportunities.filter((o) => o.opportunity.schedule_kind === "recurring");
  expect(recurring.length).toBeGreaterThan(10);
  for (const { opportunity, shifts } of recurring) {
    const startsAt = shifts.map((s) => s.starts_at as Date);
    expect(startsAt.some((d) => d < switchover) && startsAt.some((d) => d > switchover)).toBe(true);
    const localStarts = new Set(startsAt.map((d) => zurichWallClock(d).time));
    const localEnds = new Set(shifts.map((s) => zurichWallClock(s.ends_at as Date).time));
    expect({ title: opportunity.title, starts: localStarts.size, ends: localEnds.size }).toEqual({
      title: opportunity.title,
      starts: 1,
      ends: 1,
    });
  }

  const evening = recurring.find((o) => o.opportunity.title === "Deutsch im Alltag – Konversationsgruppe am Abend")!;
  expect(evening.shifts.map((s) => (s.starts_at as Date).toISOString())).toEqual([
    "2027-03-16T17:30:00.000Z",
    "2027-03-23T17:30:00.000Z",
    "2027-03-30T16:30:00.000Z",
    "2027-04-06T16:30:00.000Z",
    "2027-04-13T16:30:00.000Z",
    "2027-04-20T16:30:00.000Z",
    "2027-04-27T16:30:00.000Z",
    "2027-05-04T16:30:00.000Z",
    "2027-05-11T16:30:00.000Z",
    "2027-05-18T16:30:00.000Z",
    "2027-05-25T16:30:00.000Z",
    "2027-06-01T16:30:00.000Z",
  ]);
  expect(evening.schedule).toEqual({
    weekday: 2,
    start_time: "18:30:00",
    end_time: "20:00:00",
    first_date: "2027-03-16",
    last_date: null,
    places: expect.any(Number),
  });
});

test("the demo scene is the same on every run and only its dates follow the run date", () => {
  const now = new Date("2027-01-15T08:00:00Z");
  expect(buildDemoScene(now)).toEqual(buildDemoScene(now));

  const later = buildDemoScene(new Date("2027-01-22T08:00:00Z"));
  const withoutDates = (scene: ReturnType<typeof buildDemoScene>) =>
    scene.opportunities.map(({ opportunity }) => ({ ...opportunity, created_at: 0, updated_at: 0, submitted_at: 0, published_at: 0 }));
  expect(withoutDates(later)).toEqual(withoutDates(buildDemoScene(now)));
  expect(later.opportunities[0].shifts[0].starts_at).not.toEqual(buildDemoScene(now).opportunities[0].shifts[0].starts_at);
});

test("demo data: real Aargau Gemeinden and postcodes, all 11 districts once, every category twice, no ß", () => {
  const gemeindeByBfs = new Map(aargau.gemeinden.map((g) => [g.bfs_nr, g]));
  const places = DEMO_ORGANISATIONS.flatMap((org) => [org.place, ...org.opportunities.flatMap((o) => (o.place ? [o.place] : []))]);
  for (const p of places) {
    expect(gemeindeByBfs.get(p.bfsNr)?.name, `BFS ${p.bfsNr}`).toBe(p.gemeinde);
    expect(
      aargau.postcodes.some((pc) => pc.plz === p.plz && pc.locality === p.locality && pc.bfs_nr === p.bfsNr),
      `${p.plz} ${p.locality} in ${p.gemeinde}`,
    ).toBe(true);
  }

  const districts = DEMO_REGIONS.flatMap((r) => r.districtNrs).sort();
  expect(districts).toEqual([...new Set(aargau.gemeinden.map((g) => g.district_nr))].sort());

  const scene = buildDemoScene(new Date("2027-01-15T08:00:00Z"));
  const perCategory = new Map<string, number>();
  for (const { opportunity } of scene.opportunities) {
    perCategory.set(opportunity.category_id, (perCategory.get(opportunity.category_id) ?? 0) + 1);
  }
  expect(CATEGORIES.filter((c) => (perCategory.get(c.id) ?? 0) < 2)).toEqual([]);

  const titles = scene.opportunities.map((o) => `${o.organisationSlug}/${o.opportunity.title}`);
  expect(new Set(titles).size).toBe(titles.length);
  expect(new Set(DEMO_ORGANISATION_SLUGS).size).toBe(DEMO_ORGANISATION_SLUGS.length);
  expect(JSON.stringify(scene)).not.toContain("ß");
  expect(JSON.stringify(buildDemoUsers())).not.toContain("ß");
});
