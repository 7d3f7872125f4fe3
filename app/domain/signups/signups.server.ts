/**
 * Signing up for shifts without overbooking: sign up, cancel, the waitlist and its promotion, offers and their
 * expiry. Every change runs in one transaction that first takes the row lock of the shift (or of the flexible
 * opportunity) it changes: concurrent sign-ups for one shift queue on that lock and each sees the places taken
 * by those before it, on PostgreSQL and PGlite alike. The database backs this up: `places_taken` (kept by a
 * trigger) may never exceed `places` (CHECK), one row per volunteer and shift (UNIQUE), waitlist positions
 * unique per shift.
 *
 * A freed place goes to waitlist position 1 in the same transaction: confirmed at once, or (waitlist mode
 * "offer") offered for the opportunity's offer_hours, after which expireOffers() moves on to the next in line.
 */
import { randomUUID } from "node:crypto";
import { sql, type Transaction } from "kysely";
import { db } from "~db/client.server";
import { precompile } from "~db/precompiled.server";
import type { Database } from "~db/schema";
import { AGE_BAND_BOUNDS } from "~/domain/matching/profile-fields";
import { utcToZurichParts } from "~/utils/zurich-time";
import { enqueueSignupEmail, renderSignupOutcomeEmails, type SignupEmailKind } from "./emails.server";
import { ACTIVE_STATUSES, type CancelledByRole, type SignupStatus } from "./status";

type Trx = Transaction<Database>;

export interface Volunteer {
  id: number;
}

export type SignupRefusal =
  | "unpublished"
  | "no_shift_chosen"
  | "unknown_shift"
  | "shift_not_flexible"
  | "past_shift"
  | "cancelled_shift"
  | "min_age"
  /** a minimum age and nothing in the profile settles it: the form asks for the year of birth */
  | "age_needed"
  | "declined_before";

export interface SignupOutcome {
  signupId: number;
  shiftId: number | null;
  status: SignupStatus;
  waitlistPosition: number | null;
  /** true when the volunteer had already signed up (nothing changed) */
  already: boolean;
}

export type SignupResult = { ok: true; outcomes: SignupOutcome[] } | { ok: false; reason: SignupRefusal; shiftId?: number };

class Refused extends Error {
  constructor(
    readonly reason: SignupRefusal,
    readonly shiftId?: number,
  ) {
    super(reason);
  }
}

/** The capacity a sign-up belongs to: one shift, or a flexible opportunity's places. */
type Slot = { shiftId: number; opportunityId: number } | { shiftId: null; opportunityId: number };

async function lockSlot(trx: Trx, slot: Slot) {
  if (slot.shiftId !== null) {
    const row = await trx
      .selectFrom("shift")
      .select(["id", "places", "places_taken", "starts_at", "cancelled_at"])
      .where("id", "=", slot.shiftId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    return { free: row.places - row.places_taken, startsAt: row.starts_at as Date | null, cancelled: row.cancelled_at !== null };
  }
  const row = await trx
    .selectFrom("opportunity")
    .select(["total_places", "places_taken"])
    .where("id", "=", slot.opportunityId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { free: row.total_places === null ? Number.MAX_SAFE_INTEGER : row.total_places - row.places_taken, startsAt: null, cancelled: false };
}

function slotWhere(slot: Slot) {
  return slot.shiftId !== null
    ? sql<boolean>`shift_id = ${slot.shiftId}`
    : sql<boolean>`shift_id is null and opportunity_id = ${slot.opportunityId}`;
}

/** the row signup_for_shifts() returns per shift (or one row with r_refusal set) */
interface SignupForShiftsRow {
  r_signup_id: number | null;
  r_shift_id: number | null;
  r_status: SignupStatus | null;
  r_position: number | null;
  r_already: boolean | null;
  r_refusal: SignupRefusal | null;
  r_refused_shift: number | null;
}

/**
 * Whether the volunteer meets a minimum age: the year of birth from the form (saved to the profile) or the
 * profile's, else an age band that settles it. "needed" when nothing settles it: the form asks for the year.
 * The age reached this year counts (as in the matching score): someone who turns 16 in December may sign up.
 */
export async function checkMinimumAge({
  userId,
  minAge,
  birthYear,
  now = new Date(),
}: {
  userId: number;
  minAge: number | null;
  birthYear?: number | null;
  now?: Date;
}): Promise<"ok" | "too_young" | "needed"> {
  if (minAge === null || minAge <= 0) return "ok";
  const year = Number(utcToZurichParts(now).date.slice(0, 4));
  if (birthYear) return year - birthYear >= minAge ? "ok" : "too_young";
  const profile = await db.selectFrom("volunteer_profile").select(["birth_year", "age_band"]).where("user_id", "=", userId).executeTakeFirst();
  if (profile?.birth_year) return year - profile.birth_year >= minAge ? "ok" : "too_young";
  if (profile?.age_band) {
    const band = AGE_BAND_BOUNDS[profile.age_band];
    if (band.min >= minAge) return "ok";
    if (band.max < minAge) return "too_young";
  }
  return "needed";
}

/**
 * Signs the volunteer up for the given shifts of a published opportunity (none for a flexible one). All or
 * nothing: one refused shift refuses the whole request, and no row is written.
 *
 * One shift (or a flexible engagement) — the common case, and the one a crowd races for — takes the shift's lock
 * for a single statement: the three possible emails are rendered first (one query for what they need), then
 * sign_up_with_email() (migration 2026-12-03T1420_signup_race) locks, checks, writes the sign-up, the email
 * and the year of birth, and commits, without a round trip to this process in between. Several shifts: the
 * transaction around signup_for_shifts() (2026-12-03T1330_signup_org) and one email per outcome kind, rendered
 * inside it, as before.
 */
export async function signUp({
  opportunityId,
  shiftIds,
  volunteer,
  message = null,
  birthYear = null,
  now = new Date(),
}: {
  opportunityId: number;
  shiftIds: number[];
  volunteer: Volunteer;
  message?: string | null;
  /** a year of birth given on the form (for an opportunity with a minimum age): checked, then saved to the profile */
  birthYear?: number | null;
  now?: Date;
}): Promise<SignupResult> {
  const context = (await signupContext(db, shiftIds.length === 1 ? shiftIds[0] : -1, volunteer.id, opportunityId)).rows[0];
  if (!context || context.status !== "published") return { ok: false, reason: "unpublished" };
  const age = await checkMinimumAge({ userId: volunteer.id, minAge: context.min_age, birthYear, now });
  if (age !== "ok") return { ok: false, reason: age === "needed" ? "age_needed" : "min_age" };
  if (shiftIds.length > 1) return signUpForSeveral({ opportunityId, shiftIds, volunteer, message, birthYear, now });

  const unique = randomUUID().replaceAll("-", "");
  const idToken = `signupid${unique}`;
  const positionToken = `position${unique}`;
  const emails =
    context.email && context.display_name !== null && context.locale
      ? renderSignupOutcomeEmails({
          volunteer: { email: context.email, name: context.display_name, locale: context.locale },
          title: context.title,
          organisation: context.organisation,
          startsAt: context.starts_at,
          endsAt: context.ends_at,
          idToken,
          positionToken,
        })
      : {};
  const { rows } = await signUpWithEmail(db, opportunityId, volunteer.id, shiftIds, message, now.toISOString(), JSON.stringify(emails), idToken, positionToken, birthYear);
  return resultOf(rows);
}

// The two queries of every single-slot sign-up, built and compiled once (db/precompiled.server.ts): the
// opportunity check and what the emails need; then the sign-up with its email.
const signupContext = precompile(
  (shiftId: number, userId: number, opportunityId: number) =>
    db
      .selectFrom("opportunity as o")
      .innerJoin("organisation as org", "org.id", "o.organisation_id")
      .leftJoin("shift as s", (join) => join.onRef("s.opportunity_id", "=", "o.id").on("s.id", "=", shiftId))
      .leftJoin("app_user as u", (join) => join.on("u.id", "=", userId).on("u.deleted_at", "is", null))
      .select(["o.status", "o.min_age", "o.title", "org.name as organisation", "s.starts_at", "s.ends_at", "u.email", "u.display_name", "u.locale"])
      .where("o.id", "=", opportunityId),
  [-101, -102, -103],
);

const signUpWithEmail = precompile(
  (
    opportunityId: number,
    userId: number,
    shiftIds: number[],
    message: string | null,
    now: string,
    emails: string,
    idToken: string,
    positionToken: string,
    birthYear: number | null,
  ) => ({
    compile: () =>
      sql<SignupForShiftsRow>`
        select * from sign_up_with_email(${opportunityId}::int, ${userId}::int, ${shiftIds}::int[], ${message}::text,
          ${now}::timestamptz, ${emails}::text::jsonb, ${idToken}::text, ${positionToken}::text, ${birthYear}::int)`.compile(db),
  }),
  [-201, -202, [-203], "\u0000message", "\u0000now", "\u0000emails", "\u0000id", "\u0000position", -209],
);

function resultOf(rows: SignupForShiftsRow[]): SignupResult {
  const refusal = rows.find((r) => r.r_refusal !== null);
  if (refusal) return { ok: false, reason: refusal.r_refusal!, shiftId: refusal.r_refused_shift ?? undefined };
  return {
    ok: true,
    outcomes: rows.map((r) => ({
      signupId: r.r_signup_id!,
      shiftId: r.r_shift_id,
      status: r.r_status!,
      waitlistPosition: r.r_position,
      already: r.r_already === true,
    })),
  };
}

/** Several shifts at once: one transaction, the emails (one per outcome kind, listing its shifts) inside it. */
async function signUpForSeveral({
  opportunityId,
  shiftIds,
  volunteer,
  message,
  birthYear,
  now,
}: {
  opportunityId: number;
  shiftIds: number[];
  volunteer: Volunteer;
  message: string | null;
  birthYear: number | null;
  now: Date;
}): Promise<SignupResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const { rows } = await sql<SignupForShiftsRow>`
        select * from signup_for_shifts(${opportunityId}::int, ${volunteer.id}::int, ${shiftIds}::int[], ${message}::text, ${now.toISOString()}::timestamptz)`.execute(trx);
      const result = resultOf(rows);
      // nothing was written; leave the transaction without committing anything
      if (!result.ok) throw new Refused(result.reason, result.shiftId);
      const fresh = result.outcomes.filter((o) => !o.already);
      for (const kind of ["confirmed", "pending", "waitlisted"] as const) {
        const ids = fresh.filter((o) => o.status === kind).map((o) => o.signupId);
        if (ids.length > 0) await enqueueSignupEmail(trx, { kind: kind === "pending" ? "received" : kind, signupIds: ids });
      }
      if (birthYear && fresh.length > 0) {
        await trx
          .insertInto("volunteer_profile")
          .values({ user_id: volunteer.id, birth_year: birthYear })
          .onConflict((oc) => oc.column("user_id").doUpdateSet({ birth_year: birthYear, updated_at: now }))
          .execute();
      }
      return result;
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason, shiftId: error.shiftId };
    throw error;
  }
}

/** Gives freed places to the waitlist, first come first served, and closes the gap in the positions. */
export async function promoteWaitlist(trx: Trx, slot: Slot, { now = new Date() }: { now?: Date } = {}) {
  const opportunity = await trx
    .selectFrom("opportunity")
    .select(["waitlist_mode", "offer_hours"])
    .where("id", "=", slot.opportunityId)
    .executeTakeFirstOrThrow();
  const promoted: number[] = [];
  for (;;) {
    const capacity = await lockSlot(trx, slot);
    if (capacity.free <= 0 || capacity.cancelled || (capacity.startsAt && capacity.startsAt <= now)) break;
    const first = await trx
      .selectFrom("signup")
      .select("id")
      .where(slotWhere(slot))
      .where("status", "=", "waitlisted")
      .orderBy("waitlist_position")
      .limit(1)
      .executeTakeFirst();
    if (!first) break;
    const offer = opportunity.waitlist_mode === "offer";
    let expires = new Date(now.getTime() + opportunity.offer_hours * 3600 * 1000);
    if (capacity.startsAt && expires > capacity.startsAt) expires = capacity.startsAt;
    await trx
      .updateTable("signup")
      .set({
        status: offer ? "offered" : "confirmed",
        waitlist_position: null,
        offer_expires_at: offer ? expires : null,
        confirmed_at: offer ? null : now,
        updated_at: now,
      })
      .where("id", "=", first.id)
      .execute();
    await renumberWaitlist(trx, slot);
    await enqueueSignupEmail(trx, { kind: offer ? "offered" : "promoted", signupIds: [first.id] });
    promoted.push(first.id);
  }
  return promoted;
}

/** Positions 1, 2, 3 … in the order people joined the waitlist (one statement; uniqueness is checked at its end). */
async function renumberWaitlist(trx: Trx, slot: Slot) {
  await sql`
    update signup set waitlist_position = ranked.position
    from (select id, row_number() over (order by waitlist_position, id)::int as position
          from signup where ${slotWhere(slot)} and status = 'waitlisted') ranked
    where signup.id = ranked.id and signup.waitlist_position <> ranked.position`.execute(trx);
}

export type ChangeResult = { ok: true } | { ok: false; reason: "not_found" | "not_allowed" | "started" | "offer_expired" };

function slotOf(row: { shift_id: number | null; opportunity_id: number }): Slot {
  return row.shift_id !== null ? { shiftId: row.shift_id, opportunityId: row.opportunity_id } : { shiftId: null, opportunityId: row.opportunity_id };
}

/** The volunteer's own sign-up, locked after its slot (the same lock order as signUp). Null if not theirs. */
async function lockOwnSignup(trx: Trx, signupId: number, volunteer: Volunteer) {
  const row = await trx
    .selectFrom("signup")
    .select(["id", "shift_id", "opportunity_id"])
    .where("id", "=", signupId)
    .where("user_id", "=", volunteer.id)
    .executeTakeFirst();
  if (!row) return null;
  const slot = slotOf(row);
  const capacity = await lockSlot(trx, slot);
  const current = await trx.selectFrom("signup").selectAll().where("id", "=", signupId).forUpdate().executeTakeFirstOrThrow();
  return { signup: current, slot, capacity };
}

/** Ends a sign-up (any active status) and gives its place to the waitlist. Shared by volunteer and organisation. */
async function endSignup(
  trx: Trx,
  { signupId, slot, status, by, role, reason, now }: { signupId: number; slot: Slot; status: "cancelled" | "declined"; by: number | null; role: CancelledByRole; reason: string | null; now: Date },
) {
  await trx
    .updateTable("signup")
    .set(
      status === "cancelled"
        ? { status, waitlist_position: null, offer_expires_at: null, cancelled_at: now, cancelled_by: by, cancelled_by_role: role, cancel_reason: reason, updated_at: now }
        : { status, waitlist_position: null, offer_expires_at: null, decline_reason: reason, updated_at: now },
    )
    .where("id", "=", signupId)
    .execute();
  await renumberWaitlist(trx, slot);
  await promoteWaitlist(trx, slot, { now });
}

/** The volunteer cancels their sign-up (until the shift starts); the first on the waitlist moves up. */
export async function cancelOwnSignup({
  signupId,
  volunteer,
  reason = null,
  now = new Date(),
}: {
  signupId: number;
  volunteer: Volunteer;
  reason?: string | null;
  now?: Date;
}): Promise<ChangeResult> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockOwnSignup(trx, signupId, volunteer);
    if (!locked) return { ok: false, reason: "not_found" };
    if (!(ACTIVE_STATUSES as readonly string[]).includes(locked.signup.status)) return { ok: false, reason: "not_allowed" };
    if (locked.capacity.startsAt && locked.capacity.startsAt <= now) return { ok: false, reason: "started" };
    await endSignup(trx, { signupId, slot: locked.slot, status: "cancelled", by: volunteer.id, role: "volunteer", reason, now });
    return { ok: true };
  });
}

/** Accept (confirmed) or decline (cancelled, next in line gets it) an offered place before the offer expires. */
export async function respondToOffer({
  signupId,
  volunteer,
  accept,
  now = new Date(),
}: {
  signupId: number;
  volunteer: Volunteer;
  accept: boolean;
  now?: Date;
}): Promise<ChangeResult> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockOwnSignup(trx, signupId, volunteer);
    if (!locked) return { ok: false, reason: "not_found" };
    const { signup } = locked;
    if (signup.status !== "offered") return { ok: false, reason: "not_allowed" };
    if (signup.offer_expires_at && signup.offer_expires_at <= now) return { ok: false, reason: "offer_expired" };
    if (accept) {
      await trx
        .updateTable("signup")
        .set({ status: "confirmed", offer_expires_at: null, confirmed_at: now, updated_at: now })
        .where("id", "=", signupId)
        .execute();
      await enqueueSignupEmail(trx, { kind: "confirmed", signupIds: [signupId] });
    } else {
      await endSignup(trx, { signupId, slot: locked.slot, status: "cancelled", by: volunteer.id, role: "volunteer", reason: null, now });
    }
    return { ok: true };
  });
}

/**
 * The job: offers whose time ran out end (cancelled by the system) and the place goes to the next in line.
 * Each offer in its own short transaction; safe with several workers (the row lock decides, the status check
 * after it skips what another worker already handled).
 */
export async function expireOffers({
  now = new Date(),
  limit = 200,
  opportunityId,
}: {
  now?: Date;
  limit?: number;
  /** only this opportunity's offers (tests on a shared database must not move other files' or the demo's offers) */
  opportunityId?: number;
} = {}) {
  let query = db
    .selectFrom("signup")
    .select(["id", "shift_id", "opportunity_id"])
    .where("status", "=", "offered")
    .where("offer_expires_at", "<=", now);
  if (opportunityId !== undefined) query = query.where("opportunity_id", "=", opportunityId);
  const due = await query
    .orderBy("offer_expires_at")
    .limit(limit)
    .execute();
  let expired = 0;
  for (const row of due) {
    const slot = slotOf(row);
    const done = await db.transaction().execute(async (trx) => {
      await lockSlot(trx, slot);
      const current = await trx
        .selectFrom("signup")
        .select(["status", "offer_expires_at"])
        .where("id", "=", row.id)
        .forUpdate()
        .executeTakeFirst();
      if (!current || current.status !== "offered" || !current.offer_expires_at || current.offer_expires_at > now) return false;
      await endSignup(trx, { signupId: row.id, slot, status: "cancelled", by: null, role: "system", reason: null, now });
      await enqueueSignupEmail(trx, { kind: "offer_expired", signupIds: [row.id] });
      return true;
    });
    if (done) expired += 1;
  }
  return { expired };
}

export type { SignupEmailKind };

/**
 * For account deletion, inside its transaction: future sign-ups are cancelled (their places go to the waitlist),
 * and the personal texts of all of them (messages, reasons) are removed; past attendance and hours stay as
 * anonymous counts.
 */
export async function releaseSignupsOfDeletedUser(trx: Trx, { userId, now = new Date() }: { userId: number; now?: Date }) {
  const active = await trx
    .selectFrom("signup as su")
    .leftJoin("shift as s", "s.id", "su.shift_id")
    .select(["su.id", "su.shift_id", "su.opportunity_id"])
    .where("su.user_id", "=", userId)
    .where("su.status", "in", ACTIVE_STATUSES)
    .where((eb) => eb.or([eb("s.starts_at", "is", null), eb("s.starts_at", ">", now)]))
    .orderBy("su.place_key")
    .execute();
  for (const row of active) {
    const slot = slotOf(row);
    await lockSlot(trx, slot);
    await endSignup(trx, { signupId: row.id, slot, status: "cancelled", by: userId, role: "volunteer", reason: null, now });
  }
  await trx.updateTable("signup").set({ message: null, cancel_reason: null }).where("user_id", "=", userId).execute();
  return { cancelled: active.length };
}

/** The account export's part: every sign-up with its opportunity, shift, status and hours. */
export async function exportSignups({ userId }: { userId: number }) {
  return db
    .selectFrom("signup as su")
    .innerJoin("opportunity as o", "o.id", "su.opportunity_id")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .leftJoin("shift as s", "s.id", "su.shift_id")
    .select([
      "o.title as opportunity",
      "org.name as organisation",
      "s.starts_at as startsAt",
      "s.ends_at as endsAt",
      "su.status",
      "su.waitlist_position as waitlistPosition",
      "su.message",
      "su.cancel_reason as cancelReason",
      "su.hours",
      "su.created_at as createdAt",
    ])
    .where("su.user_id", "=", userId)
    .orderBy("su.created_at")
    .execute();
}
