/**
 * Test data factories: each call makes fresh, unique rows, so tests never depend on each other's data
 * (on PostgreSQL several test files share one database). Overrides set any column.
 */
import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import { db } from "~db/client.server";
import type { NewOpportunity, NewOrganisation, OrganisationTable, OpportunityTable, ShiftTable, UserLocale, VolunteerProfileTable } from "~db/schema";
import { hashPassword } from "~/domain/auth/password.server";
import { createSession, sessionCookieName } from "~/domain/auth/session.server";
import { addDays, utcToZurichParts } from "~/utils/zurich-time";

export function uniqueSuffix() {
  return randomUUID().slice(0, 8);
}

export async function createOrganisation(overrides: Partial<NewOrganisation> = {}) {
  const suffix = uniqueSuffix();
  const values: Insertable<OrganisationTable> = {
    slug: `test-org-${suffix}`,
    name: `Testverein ${suffix}`,
    kind: "verein",
    bfs_nr: 4001,
    description: "Ein Verein für Tests.",
    ...overrides,
  };
  return db.insertInto("organisation").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function createOpportunity(overrides: Partial<NewOpportunity> = {}) {
  const organisationId = overrides.organisation_id ?? (await createOrganisation()).id;
  const status = overrides.status ?? "published";
  const values: Insertable<OpportunityTable> = {
    organisation_id: organisationId,
    title: `Konversationsgruppe ${uniqueSuffix()}`,
    summary: "Gemeinsam Deutsch sprechen.",
    description: "Wir treffen uns jede Woche.",
    category_id: "konversationsgruppe",
    bfs_nr: 4001,
    schedule_kind: "flexible",
    total_places: 5,
    status,
    published_at: status === "published" ? new Date() : null,
    ...overrides,
  };
  return db.insertInto("opportunity").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function createShift(overrides: Partial<Insertable<ShiftTable>> & { opportunity_id: number }) {
  const starts = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  return db
    .insertInto("shift")
    .values({ starts_at: starts, ends_at: new Date(starts.getTime() + 2 * 3600 * 1000), places: 4, ...overrides })
    .returningAll()
    .executeTakeFirstOrThrow();
}

// --- people and sessions ------------------------------------------------------------------------------------

/** The password every factory-made user has unless a test sets another. */
export const TEST_PASSWORD = "Treffpunkt-Aarau-2026";

/** A unique address per call: on PostgreSQL other test files share the app_user table. */
export function uniqueEmail() {
  return `t-${randomUUID()}@example.org`;
}

// argon2 takes tens of milliseconds: hash the default password once per test file
let defaultPasswordHash: Promise<string> | undefined;

export async function createUser({
  email = uniqueEmail(),
  password,
  verified = true,
  isAdmin = false,
  locale = "de",
  displayName = `Testperson ${uniqueSuffix()}`,
}: {
  email?: string;
  password?: string;
  verified?: boolean;
  isAdmin?: boolean;
  locale?: UserLocale;
  displayName?: string;
} = {}) {
  const passwordHash = password === undefined ? await (defaultPasswordHash ??= hashPassword(TEST_PASSWORD)) : await hashPassword(password);
  const user = await db
    .insertInto("app_user")
    .values({
      email: email.trim().toLowerCase(),
      display_name: displayName,
      locale,
      password_hash: passwordHash,
      is_admin: isAdmin,
      email_verified_at: verified ? new Date() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...user, email: user.email!, password: password ?? TEST_PASSWORD };
}

/** A fresh session for the user; returns the cookie token. */
export async function createSessionFor(userId: number, userAgent = "vitest") {
  const { token } = await createSession({ userId, userAgent });
  return token;
}

/** A request to this app carrying the session cookie (and any other init the test needs). */
export function requestWithSession(token: string, path = "/", init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  const cookie = `${sessionCookieName()}=${token}`;
  const existing = headers.get("Cookie");
  headers.set("Cookie", existing ? `${existing}; ${cookie}` : cookie);
  return new Request(new URL(path, "http://localhost"), { ...init, headers });
}

// --- weekly schedules ---------------------------------------------------------------------------------------

/**
 * A recurring opportunity with its weekly rule (default: Tuesdays 18:30–20:00 Zurich time, 3 places, from
 * 2027-03-09, open-ended) and no shifts yet: fillScheduleShifts makes them.
 */
export async function createScheduledOpportunity({
  rule = {},
  ...overrides
}: Partial<NewOpportunity> & {
  rule?: Partial<{ weekday: number; start_time: string; end_time: string; first_date: string; last_date: string | null; places: number }>;
} = {}) {
  const opportunity = await createOpportunity({ schedule_kind: "recurring", total_places: null, ...overrides });
  const schedule = await db
    .insertInto("opportunity_schedule")
    .values({
      opportunity_id: opportunity.id,
      weekday: 2,
      start_time: "18:30",
      end_time: "20:00",
      first_date: "2027-03-09",
      last_date: null,
      places: 3,
      ...rule,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { opportunity, schedule };
}

// --- organisations, members and the opportunity form (organisations issue) ------------------------------------

/** Makes the user a member of the organisation. */
export async function addOrganisationMember(organisationId: number, userId: number, role: "owner" | "editor" = "editor") {
  return db
    .insertInto("organisation_member")
    .values({ organisation_id: organisationId, user_id: userId, role })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A fresh organisation with a fresh verified owner (and a session token for route tests). */
export async function createOrganisationWithOwner(overrides: Partial<NewOrganisation> = {}) {
  const organisation = await createOrganisation(overrides);
  const owner = await createUser();
  await addOrganisationMember(organisation.id, owner.id, "owner");
  return { organisation, owner, token: await createSessionFor(owner.id) };
}

/** The Zurich calendar date `days` from now, "YYYY-MM-DD". */
export function zurichDateFromNow(days: number) {
  return addDays(utcToZurichParts(new Date()).date, days);
}

/**
 * A valid opportunity form as a browser sends it (one-off, one shift in two weeks, Aarau, Atelier); overrides
 * replace or add fields, `undefined` removes one, a list sends the field several times.
 */
export function opportunityFormData(overrides: Record<string, string | string[] | undefined> = {}) {
  const fields: Record<string, string | string[] | undefined> = {
    title: `Atelier ${uniqueSuffix()}`,
    summary: "Gemeinsam nähen und plaudern.",
    description: "Wir nähen Taschen aus Stoffresten.\n\nAlle sind willkommen.",
    categoryId: "atelier",
    bfsNr: "4001",
    address: "Bahnhofstrasse 1, 5000 Aarau",
    locationMode: "on_site",
    germanLevel: "A2",
    tags: "Nähen, Deutsch",
    minAge: "",
    contactName: "Anna Muster",
    contactEmail: "anna@example.org",
    scheduleKind: "one_off",
    shiftDate0: zurichDateFromNow(14),
    shiftStart0: "14:00",
    shiftEnd0: "17:00",
    shiftPlaces0: "6",
    weekday: "",
    recurringStart: "",
    recurringEnd: "",
    firstDate: "",
    lastDate: "",
    recurringPlaces: "",
    totalPlaces: "",
    ...overrides,
  };
  const formData = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) formData.append(key, item);
  }
  return formData;
}

// --- regions and moderation (moderation issue) ------------------------------------------------------------------

/**
 * The region that covers the Gemeinde: the one it already belongs to (on PostgreSQL the demo seed may have put
 * every Gemeinde in a region), or a new one made for it. Never moves a Gemeinde between regions.
 */
export async function regionCovering(bfsNr: number) {
  const existing = async () =>
    db
      .selectFrom("region_gemeinde as rg")
      .innerJoin("region as r", "r.id", "rg.region_id")
      .select(["r.id", "r.slug", "r.name"])
      .where("rg.bfs_nr", "=", bfsNr)
      .executeTakeFirst();
  const found = await existing();
  if (found) return found;
  const suffix = uniqueSuffix();
  const region = await db
    .insertInto("region")
    .values({ slug: `test-region-${suffix}`, name: `Testregion ${suffix}` })
    .returning(["id", "slug", "name"])
    .executeTakeFirstOrThrow();
  await db
    .insertInto("region_gemeinde")
    .values({ region_id: region.id, bfs_nr: bfsNr })
    .onConflict((oc) => oc.column("bfs_nr").doNothing())
    .execute();
  return (await existing())!;
}

/** A fresh verified user who coordinates the region covering the Gemeinde, with a session token. */
export async function createCoordinator(bfsNr: number, overrides: Parameters<typeof createUser>[0] = {}) {
  const region = await regionCovering(bfsNr);
  const user = await createUser(overrides);
  await db.insertInto("region_coordinator").values({ region_id: region.id, user_id: user.id }).execute();
  return { user, region, token: await createSessionFor(user.id) };
}

/** A submitted (flexible) opportunity of a fresh organisation with an owner; overrides set any column. */
export async function createSubmission(overrides: Partial<NewOpportunity> = {}) {
  const owned = await createOrganisationWithOwner({ bfs_nr: overrides.bfs_nr ?? 4001 });
  const opportunity = await createOpportunity({
    organisation_id: owned.organisation.id,
    status: "submitted",
    published_at: null,
    submitted_at: new Date(Date.now() - 3 * 3600 * 1000),
    ...overrides,
  });
  return { ...owned, opportunity };
}

// --- sign-ups (sign-ups issue) --------------------------------------------------------------------------------

/** A published one-off opportunity with one shift a week ahead (`places`, default 4) and its owner. */
export async function createShiftForSignups({
  places = 4,
  opportunity = {},
  startsInHours = 7 * 24,
}: { places?: number; opportunity?: Partial<NewOpportunity>; startsInHours?: number } = {}) {
  const { organisation, owner, token } = await createOrganisationWithOwner();
  const created = await createOpportunity({ organisation_id: organisation.id, schedule_kind: "one_off", total_places: null, ...opportunity });
  const starts = new Date(Date.now() + startsInHours * 3600 * 1000);
  const shift = await createShift({ opportunity_id: created.id, places, starts_at: starts, ends_at: new Date(starts.getTime() + 2 * 3600 * 1000) });
  return { organisation, owner, ownerToken: token, opportunity: created, shift };
}

/** `count` verified volunteers in one insert (the password hashed once per file). */
export async function createVolunteers(count: number, { locale = "de" }: { locale?: UserLocale } = {}) {
  const passwordHash = await (defaultPasswordHash ??= hashPassword(TEST_PASSWORD));
  return db
    .insertInto("app_user")
    .values(
      Array.from({ length: count }, () => ({
        email: uniqueEmail(),
        display_name: `Freiwillige ${uniqueSuffix()}`,
        locale,
        password_hash: passwordHash,
        email_verified_at: new Date(),
      })),
    )
    .returningAll()
    .execute();
}

// --- volunteer profiles (matching issue) --------------------------------------------------------------------

/** A volunteer profile for the user (default: Aarau, 15 km, no languages); `languages` as [code, level] pairs. */
export async function createVolunteerProfile(
  userId: number,
  {
    languages = [],
    ...overrides
  }: Partial<Insertable<VolunteerProfileTable>> & { languages?: [string, "basic" | "good" | "fluent" | "native"][] } = {},
) {
  const profile = await db
    .insertInto("volunteer_profile")
    .values({ user_id: userId, bfs_nr: 4001, radius_km: 15, ...overrides })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (languages.length > 0) {
    await db
      .insertInto("volunteer_language")
      .values(languages.map(([language, level]) => ({ user_id: userId, language, level })))
      .execute();
  }
  return profile;
}
