/**
 * What a volunteer sees of their own sign-ups: every query is scoped by the volunteer's id, so another
 * person's sign-up id answers null exactly like one that does not exist.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import type { SignupStatus } from "./status";

export interface OwnSignupSummary {
  id: number;
  shiftId: number | null;
  status: SignupStatus;
  waitlistPosition: number | null;
  offerExpiresAt: Date | null;
}

/** The volunteer's sign-ups for one opportunity (for the sign-up box on the opportunity page). */
export async function listOwnSignupsForOpportunity({ opportunityId, userId }: { opportunityId: number; userId: number }): Promise<OwnSignupSummary[]> {
  return db
    .selectFrom("signup")
    .select(["id", "shift_id as shiftId", "status", "waitlist_position as waitlistPosition", "offer_expires_at as offerExpiresAt"])
    .where("opportunity_id", "=", opportunityId)
    .where("user_id", "=", userId)
    .execute();
}

export interface OwnSignup {
  id: number;
  status: SignupStatus;
  waitlistPosition: number | null;
  offerExpiresAt: Date | null;
  message: string | null;
  cancelReason: string | null;
  cancelledByRole: string | null;
  declineReason: string | null;
  hours: string | null;
  createdAt: Date;
  opportunity: { id: number; title: string; summary: string; published: boolean; needsConfirmation: boolean };
  organisation: { name: string; slug: string; contactEmail: string | null; contactPhone: string | null };
  contactName: string | null;
  contactEmail: string | null;
  gemeindeName: string;
  /** the street address: only once the place is confirmed (a private address is for confirmed volunteers) */
  address: string | null;
  shift: { id: number; startsAt: Date; endsAt: Date; cancelled: boolean } | null;
}

function baseQuery(userId: number) {
  return db
    .selectFrom("signup as su")
    .innerJoin("opportunity as o", "o.id", "su.opportunity_id")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .innerJoin("gemeinde as g", "g.bfs_nr", "o.bfs_nr")
    .leftJoin("shift as s", "s.id", "su.shift_id")
    .where("su.user_id", "=", userId)
    .select([
      "su.id",
      "su.status",
      "su.waitlist_position as waitlistPosition",
      "su.offer_expires_at as offerExpiresAt",
      "su.message",
      "su.cancel_reason as cancelReason",
      "su.cancelled_by_role as cancelledByRole",
      "su.decline_reason as declineReason",
      "su.hours",
      "su.created_at as createdAt",
      "o.id as opportunityId",
      "o.title",
      "o.summary",
      "o.status as opportunityStatus",
      "o.needs_confirmation as needsConfirmation",
      "o.address as rawAddress",
      "o.contact_name as contactName",
      "o.contact_email as contactEmail",
      "org.name as orgName",
      "org.slug as orgSlug",
      "org.contact_email as orgEmail",
      "org.contact_phone as orgPhone",
      "g.name as gemeindeName",
      "s.id as shiftId",
      "s.starts_at as startsAt",
      "s.ends_at as endsAt",
      "s.cancelled_at as shiftCancelledAt",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;

function toOwnSignup(row: Row): OwnSignup {
  const confirmed = row.status === "confirmed" || row.status === "attended";
  return {
    id: row.id,
    status: row.status,
    waitlistPosition: row.waitlistPosition,
    offerExpiresAt: row.offerExpiresAt,
    message: row.message,
    cancelReason: row.cancelReason,
    cancelledByRole: row.cancelledByRole,
    declineReason: row.declineReason,
    hours: row.hours,
    createdAt: row.createdAt,
    opportunity: { id: row.opportunityId, title: row.title, summary: row.summary, published: row.opportunityStatus === "published", needsConfirmation: row.needsConfirmation },
    organisation: { name: row.orgName, slug: row.orgSlug, contactEmail: row.orgEmail, contactPhone: row.orgPhone },
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    gemeindeName: row.gemeindeName,
    address: confirmed ? row.rawAddress : null,
    shift:
      row.shiftId !== null && row.startsAt && row.endsAt
        ? { id: row.shiftId, startsAt: row.startsAt, endsAt: row.endsAt, cancelled: row.shiftCancelledAt !== null }
        : null,
  };
}

/** One of the volunteer's sign-ups, or null (missing or someone else's). */
export async function getOwnSignup({ id, userId }: { id: number; userId: number }): Promise<OwnSignup | null> {
  const row = await baseQuery(userId).where("su.id", "=", id).executeTakeFirst();
  return row ? toOwnSignup(row) : null;
}

/**
 * The volunteer's sign-ups: upcoming (shift not over yet, or flexible and still active) soonest first, and past
 * ones (latest first, at most `pastLimit`).
 */
export async function listOwnSignups({ userId, now = new Date(), pastLimit = 100 }: { userId: number; now?: Date; pastLimit?: number }) {
  const upcomingCondition = sql<boolean>`(s.ends_at > ${now} or (su.shift_id is null and su.status in ('pending','confirmed','waitlisted','offered')))`;
  const [upcoming, past] = await Promise.all([
    baseQuery(userId).where(upcomingCondition).orderBy(sql`s.starts_at nulls last`).orderBy("su.id").limit(500).execute(),
    baseQuery(userId)
      .where(sql<boolean>`not ${upcomingCondition}`)
      .orderBy(sql`coalesce(s.starts_at, su.created_at) desc`)
      .limit(pastLimit)
      .execute(),
  ]);
  return { upcoming: upcoming.map(toOwnSignup), past: past.map(toOwnSignup) };
}

export interface HoursRow {
  organisation: string;
  year: number;
  hours: number;
  shifts: number;
}

/**
 * Confirmed hours per organisation and year (Zurich time), newest year first: attended shifts, and hours
 * reports of flexible engagements that the organisation confirmed (by the day worked).
 */
export async function hoursByOrganisationAndYear({ userId }: { userId: number }): Promise<HoursRow[]> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("signup as su")
        .leftJoin("shift as s", "s.id", "su.shift_id")
        .select([
          "su.opportunity_id as opportunityId",
          sql<number>`extract(year from coalesce(s.starts_at, su.updated_at) at time zone 'Europe/Zurich')::int`.as("year"),
          sql<string>`su.hours`.as("hours"),
        ])
        .where("su.user_id", "=", userId)
        .where("su.status", "=", "attended")
        .where("su.hours", "is not", null)
        .unionAll(
          eb
            .selectFrom("hours_report as hr")
            .innerJoin("signup as su", "su.id", "hr.signup_id")
            .select(["su.opportunity_id as opportunityId", sql<number>`extract(year from hr.worked_on)::int`.as("year"), sql<string>`hr.confirmed_hours`.as("hours")])
            .where("su.user_id", "=", userId)
            .where("hr.status", "=", "confirmed"),
        )
        .as("h"),
    )
    .innerJoin("opportunity as o", "o.id", "h.opportunityId")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .select(["org.name as organisation", "h.year", sql<string>`sum(h.hours)::text`.as("hours"), sql<number>`count(*)::int`.as("shifts")])
    .groupBy(["org.name", "h.year"])
    .orderBy("h.year", "desc")
    .orderBy("org.name")
    .execute();
  return rows.map((r) => ({ organisation: r.organisation, year: Number(r.year), hours: Number(r.hours), shifts: Number(r.shifts) }));
}
