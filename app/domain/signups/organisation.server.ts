/**
 * The organisation's side of sign-ups: who signed up for which shift, confirm and decline, call a shift off
 * (everyone signed up is told), and after a shift attendance and hours. Every query matches the opportunity by
 * id AND organisation AND the actor's membership, so ids from another organisation answer null like missing ones.
 */
import { sql, type Transaction } from "kysely";
import { db } from "~db/client.server";
import type { Database } from "~db/schema";
import { recordAudit } from "~/domain/audit/audit.server";
import { consumeRateLimit, RATE_LIMITS } from "~/domain/auth/rate-limit.server";
import { enqueueSignupEmail } from "./emails.server";
import { promoteWaitlist } from "./signups.server";
import { ACTIVE_STATUSES, type SignupStatus } from "./status";

type Trx = Transaction<Database>;

export interface OrgActor {
  id: number;
}

/** the actor is a member of the organisation of opportunity `o` (any role) */
function isMember(actor: OrgActor) {
  return sql<boolean>`exists (select 1 from organisation_member m where m.organisation_id = o.organisation_id and m.user_id = ${actor.id})`;
}

export interface ManagedSignup {
  id: number;
  /** for the matching reasons; never sent to the page */
  userId: number;
  status: SignupStatus;
  waitlistPosition: number | null;
  name: string;
  /** only for confirmed (and attended / no-show) volunteers */
  email: string | null;
  message: string | null;
  hours: string | null;
  createdAt: Date;
}

export interface ManagedShift {
  id: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  places: number;
  placesTaken: number;
  cancelled: boolean;
  signups: ManagedSignup[];
}

/**
 * The opportunity's shifts from `since` on (default: 60 days back) with their sign-ups, or null when the
 * opportunity is not the organisation's (or the actor not a member).
 */
export async function listSignupsForOrganisation({
  orgId,
  opportunityId,
  actor,
  now = new Date(),
  shiftId,
}: {
  orgId: number;
  opportunityId: number;
  actor: OrgActor;
  now?: Date;
  /** only this shift (the CSV of one day) */
  shiftId?: number;
}) {
  const opportunity = await db
    .selectFrom("opportunity as o")
    .select(["o.id", "o.title", "o.schedule_kind as scheduleKind", "o.total_places as totalPlaces", "o.places_taken as placesTaken", "o.needs_confirmation as needsConfirmation"])
    .where("o.id", "=", opportunityId)
    .where("o.organisation_id", "=", orgId)
    .where(isMember(actor))
    .executeTakeFirst();
  if (!opportunity) return null;

  const since = new Date(now.getTime() - 60 * 24 * 3600 * 1000);
  const [shifts, signups] = await Promise.all([
    db
      .selectFrom("shift")
      .select(["id", "starts_at as startsAt", "ends_at as endsAt", "places", "places_taken as placesTaken", "cancelled_at as cancelledAt"])
      .where("opportunity_id", "=", opportunityId)
      .where("ends_at", ">", since)
      .$if(shiftId !== undefined, (qb) => qb.where("id", "=", shiftId!))
      .orderBy("starts_at")
      .limit(200)
      .execute(),
    db
      .selectFrom("signup as su")
      .innerJoin("app_user as u", "u.id", "su.user_id")
      .select([
        "su.id",
        "su.user_id as userId",
        "su.shift_id as shiftId",
        "su.status",
        "su.waitlist_position as waitlistPosition",
        "u.display_name as name",
        sql<string | null>`case when su.status in ('confirmed','attended','no_show') then u.email end`.as("email"),
        "su.message",
        "su.hours",
        "su.created_at as createdAt",
      ])
      .where("su.opportunity_id", "=", opportunityId)
      .$if(shiftId !== undefined, (qb) => qb.where("su.shift_id", "=", shiftId!))
      .orderBy(sql`case su.status when 'confirmed' then 0 when 'attended' then 0 when 'pending' then 1 when 'offered' then 2 when 'waitlisted' then 3 else 4 end`)
      .orderBy("su.waitlist_position")
      .orderBy("su.id")
      .execute(),
  ]);
  const byShift = new Map<number | null, ManagedSignup[]>();
  for (const s of signups) byShift.set(s.shiftId, [...(byShift.get(s.shiftId) ?? []), s]);
  const result: ManagedShift[] =
    opportunity.scheduleKind === "flexible"
      ? [{ id: null, startsAt: null, endsAt: null, places: opportunity.totalPlaces ?? 0, placesTaken: opportunity.placesTaken, cancelled: false, signups: byShift.get(null) ?? [] }]
      : shifts.map((s) => ({
          id: s.id,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          places: s.places,
          placesTaken: s.placesTaken,
          cancelled: s.cancelledAt !== null,
          signups: byShift.get(s.id) ?? [],
        }));
  return { opportunity, shifts: result };
}

export type OrgChangeResult = { ok: true } | { ok: false; reason: "not_found" | "not_allowed" | "not_started" | "started" };

/** The shift, if it belongs to opportunityId of orgId and the actor is a member; row-locked for the transaction. */
async function findManagedShift(trx: Trx, { shiftId, opportunityId, orgId, actor }: { shiftId: number; opportunityId: number; orgId: number; actor: OrgActor }) {
  return trx
    .selectFrom("shift as s")
    .innerJoin("opportunity as o", "o.id", "s.opportunity_id")
    .select(["s.id", "s.starts_at", "s.ends_at", "s.cancelled_at"])
    .where("s.id", "=", shiftId)
    .where("o.id", "=", opportunityId)
    .where("o.organisation_id", "=", orgId)
    .where(isMember(actor))
    .forUpdate("s")
    .executeTakeFirst();
}

/** The sign-up, if it belongs to an opportunity of orgId and the actor is a member; its slot locked first. */
async function lockManagedSignup(trx: Trx, { signupId, orgId, actor, opportunityId }: { signupId: number; orgId: number; actor: OrgActor; opportunityId: number }) {
  const row = await trx
    .selectFrom("signup as su")
    .innerJoin("opportunity as o", "o.id", "su.opportunity_id")
    .select(["su.id", "su.shift_id", "su.opportunity_id"])
    .where("su.id", "=", signupId)
    .where("o.id", "=", opportunityId)
    .where("o.organisation_id", "=", orgId)
    .where(isMember(actor))
    .executeTakeFirst();
  if (!row) return null;
  let startsAt: Date | null = null;
  let free: number;
  if (row.shift_id !== null) {
    const shift = await trx.selectFrom("shift").select(["starts_at", "places", "places_taken", "cancelled_at"]).where("id", "=", row.shift_id).forUpdate().executeTakeFirstOrThrow();
    startsAt = shift.starts_at;
    free = shift.cancelled_at ? 0 : shift.places - shift.places_taken;
  } else {
    const opportunity = await trx.selectFrom("opportunity").select(["total_places", "places_taken"]).where("id", "=", row.opportunity_id).forUpdate().executeTakeFirstOrThrow();
    free = opportunity.total_places === null ? Number.MAX_SAFE_INTEGER : opportunity.total_places - opportunity.places_taken;
  }
  const signup = await trx.selectFrom("signup").selectAll().where("id", "=", signupId).forUpdate().executeTakeFirstOrThrow();
  const slot = row.shift_id !== null ? { shiftId: row.shift_id, opportunityId: row.opportunity_id } : { shiftId: null, opportunityId: row.opportunity_id };
  return { signup, slot, startsAt, free };
}

/** Confirms a pending sign-up (its place is held already). */
export async function confirmSignup({ orgId, opportunityId, actor, signupId, now = new Date() }: { orgId: number; opportunityId: number; actor: OrgActor; signupId: number; now?: Date }): Promise<OrgChangeResult> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockManagedSignup(trx, { signupId, orgId, actor, opportunityId });
    if (!locked) return { ok: false, reason: "not_found" };
    if (locked.signup.status !== "pending") return { ok: false, reason: "not_allowed" };
    await trx.updateTable("signup").set({ status: "confirmed", confirmed_at: now, updated_at: now }).where("id", "=", signupId).execute();
    await enqueueSignupEmail(trx, { kind: "confirmed", signupIds: [signupId] });
    return { ok: true };
  });
}

/** Declines a pending, waitlisted or offered sign-up with an optional reason; a freed place goes to the waitlist. */
export async function declineSignup({
  orgId,
  opportunityId,
  actor,
  signupId,
  reason,
  now = new Date(),
}: {
  orgId: number;
  opportunityId: number;
  actor: OrgActor;
  signupId: number;
  reason: string | null;
  now?: Date;
}): Promise<OrgChangeResult> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockManagedSignup(trx, { signupId, orgId, actor, opportunityId });
    if (!locked) return { ok: false, reason: "not_found" };
    if (!["pending", "waitlisted", "offered"].includes(locked.signup.status)) return { ok: false, reason: "not_allowed" };
    await trx
      .updateTable("signup")
      .set({ status: "declined", waitlist_position: null, offer_expires_at: null, decline_reason: reason, updated_at: now })
      .where("id", "=", signupId)
      .execute();
    await sql`
      update signup set waitlist_position = ranked.position
      from (select id, row_number() over (order by waitlist_position, id)::int as position
            from signup where place_key = ${locked.signup.place_key} and status = 'waitlisted') ranked
      where signup.id = ranked.id and signup.waitlist_position <> ranked.position`.execute(trx);
    await enqueueSignupEmail(trx, { kind: "declined", signupIds: [signupId] });
    if (!locked.startsAt || locked.startsAt > now) await promoteWaitlist(trx, locked.slot, { now });
    await recordAudit({ action: "signup.declined", actorUserId: actor.id, subjectType: "signup", subjectId: signupId, details: { orgId } }, trx);
    return { ok: true };
  });
}

/** Calls a future shift off: it leaves the public pages, every active sign-up is cancelled and told. */
export async function cancelShift({
  orgId,
  opportunityId,
  actor,
  shiftId,
  reason,
  now = new Date(),
}: {
  orgId: number;
  opportunityId: number;
  actor: OrgActor;
  shiftId: number;
  reason: string | null;
  now?: Date;
}): Promise<OrgChangeResult> {
  return db.transaction().execute(async (trx) => {
    const shift = await findManagedShift(trx, { shiftId, opportunityId, orgId, actor });
    if (!shift) return { ok: false, reason: "not_found" };
    if (shift.cancelled_at) return { ok: false, reason: "not_allowed" };
    if (shift.starts_at <= now) return { ok: false, reason: "started" };
    await trx.updateTable("shift").set({ cancelled_at: now }).where("id", "=", shiftId).execute();
    const cancelled = await trx
      .updateTable("signup")
      .set({ status: "cancelled", waitlist_position: null, offer_expires_at: null, cancelled_at: now, cancelled_by: actor.id, cancelled_by_role: "organisation", cancel_reason: reason, updated_at: now })
      .where("shift_id", "=", shiftId)
      .where("status", "in", ACTIVE_STATUSES)
      .returning("id")
      .execute();
    for (const { id } of cancelled) await enqueueSignupEmail(trx, { kind: "cancelled_by_organisation", signupIds: [id] });
    await recordAudit({ action: "shift.cancelled", actorUserId: actor.id, subjectType: "shift", subjectId: shiftId, details: { orgId, signups: cancelled.length } }, trx);
    return { ok: true };
  });
}

export interface AttendanceEntry {
  signupId: number;
  attended: boolean;
  /** hours for an attended sign-up; default: the shift's length */
  hours: number | null;
}

/**
 * After the shift has started: attended (with hours) or no-show for confirmed volunteers, in one transaction.
 * Entries for sign-ups of other shifts, or in other statuses, are refused as a whole.
 */
export async function recordAttendance({
  orgId,
  opportunityId,
  actor,
  shiftId,
  entries,
  now = new Date(),
}: {
  orgId: number;
  opportunityId: number;
  actor: OrgActor;
  shiftId: number;
  entries: AttendanceEntry[];
  now?: Date;
}): Promise<OrgChangeResult & { updated?: number }> {
  return db.transaction().execute(async (trx) => {
    const shift = await findManagedShift(trx, { shiftId, opportunityId, orgId, actor });
    if (!shift) return { ok: false, reason: "not_found" };
    if (shift.starts_at > now) return { ok: false, reason: "not_started" };
    if (entries.length === 0) return { ok: true, updated: 0 };
    const ids = entries.map((e) => e.signupId);
    const current = await trx
      .selectFrom("signup")
      .select(["id", "status"])
      .where("shift_id", "=", shiftId)
      .where("id", "in", ids)
      .forUpdate()
      .execute();
    const allowed: readonly string[] = ["confirmed", "attended", "no_show"];
    if (current.length !== new Set(ids).size || current.some((c) => !allowed.includes(c.status))) return { ok: false, reason: "not_allowed" };
    const defaultHours = Math.min(24, Math.round(((shift.ends_at.getTime() - shift.starts_at.getTime()) / 3600000) * 100) / 100);
    for (const entry of entries) {
      await trx
        .updateTable("signup")
        .set(
          entry.attended
            ? { status: "attended", hours: entry.hours ?? defaultHours, updated_at: now }
            : { status: "no_show", hours: null, updated_at: now },
        )
        .where("id", "=", entry.signupId)
        .where("shift_id", "=", shiftId)
        .execute();
    }
    await recordAudit({ action: "signup.attendance_recorded", actorUserId: actor.id, subjectType: "shift", subjectId: shiftId, details: { orgId, entries: entries.length } }, trx);
    return { ok: true, updated: entries.length };
  });
}

export type MoveUpResult = { ok: true; outcome: "confirmed" | "first" } | { ok: false; reason: "not_found" | "not_allowed" | "started" };

/**
 * "Move up" a waitlisted volunteer: with a place free they are confirmed at once (the organisation chose them;
 * no offer round, whatever the waitlist mode), otherwise they go to waitlist position 1 and everyone who was
 * ahead of them moves one down. In one transaction under the shift's row lock; positions stay 1..n (one
 * UPDATE: the position UNIQUE is checked at the statement's end).
 */
export async function moveUpSignup({ orgId, opportunityId, actor, signupId, now = new Date() }: { orgId: number; opportunityId: number; actor: OrgActor; signupId: number; now?: Date }): Promise<MoveUpResult> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockManagedSignup(trx, { signupId, orgId, actor, opportunityId });
    if (!locked) return { ok: false, reason: "not_found" };
    const { signup } = locked;
    if (signup.status !== "waitlisted" || signup.waitlist_position === null) return { ok: false, reason: "not_allowed" };
    if (locked.startsAt && locked.startsAt <= now) return { ok: false, reason: "started" };
    let outcome: "confirmed" | "first";
    if (locked.free > 0) {
      await trx
        .updateTable("signup")
        .set({ status: "confirmed", waitlist_position: null, confirmed_at: now, updated_at: now })
        .where("id", "=", signupId)
        .execute();
      await sql`
        update signup set waitlist_position = waitlist_position - 1
        where place_key = ${signup.place_key} and status = 'waitlisted' and waitlist_position > ${signup.waitlist_position}`.execute(trx);
      await enqueueSignupEmail(trx, { kind: "promoted", signupIds: [signupId] });
      outcome = "confirmed";
    } else {
      await sql`
        update signup set waitlist_position = case when id = ${signupId} then 1 else waitlist_position + 1 end, updated_at = ${now}
        where place_key = ${signup.place_key} and status = 'waitlisted' and waitlist_position <= ${signup.waitlist_position}`.execute(trx);
      outcome = "first";
    }
    await recordAudit({ action: "signup.moved_up", actorUserId: actor.id, subjectType: "signup", subjectId: signupId, details: { orgId, outcome, from: signup.waitlist_position } }, trx);
    return { ok: true, outcome };
  });
}

export type MessageShiftResult =
  | { ok: true; recipients: number }
  | { ok: false; reason: "not_found" | "not_allowed" | "no_recipients" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Emails the organisation's message to every confirmed volunteer of a shift (each in their language, through
 * the outbox) and logs it (who, what, when, to how many) in the same transaction. Rate limited per
 * organisation (RATE_LIMITS.shiftMessagesPerOrganisation): a message that finds nobody to go to costs nothing.
 */
export async function messageShiftVolunteers({
  orgId,
  opportunityId,
  actor,
  shiftId,
  body,
}: {
  orgId: number;
  opportunityId: number;
  actor: OrgActor;
  shiftId: number;
  body: string;
}): Promise<MessageShiftResult> {
  return db.transaction().execute(async (trx) => {
    const shift = await findManagedShift(trx, { shiftId, opportunityId, orgId, actor });
    if (!shift) return { ok: false, reason: "not_found" };
    if (shift.cancelled_at) return { ok: false, reason: "not_allowed" };
    const confirmed = await trx.selectFrom("signup").select("id").where("shift_id", "=", shiftId).where("status", "=", "confirmed").orderBy("id").execute();
    if (confirmed.length === 0) return { ok: false, reason: "no_recipients" };
    const limit = await consumeRateLimit(`shift-messages:org:${orgId}`, RATE_LIMITS.shiftMessagesPerOrganisation, trx);
    if (!limit.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
    // one call per sign-up: one email each (a volunteer has at most one sign-up per shift)
    for (const { id } of confirmed) await enqueueSignupEmail(trx, { kind: "org_message", signupIds: [id], note: body });
    await trx
      .insertInto("signup_org_message")
      .values({ organisation_id: orgId, opportunity_id: opportunityId, shift_id: shiftId, sender_id: actor.id, body, recipients: confirmed.length })
      .execute();
    await recordAudit({ action: "shift.messaged", actorUserId: actor.id, subjectType: "shift", subjectId: shiftId, details: { orgId, recipients: confirmed.length } }, trx);
    return { ok: true, recipients: confirmed.length };
  });
}

export interface ShiftMessageLogEntry {
  id: number;
  shiftId: number | null;
  sender: string | null;
  body: string;
  recipients: number;
  createdAt: Date;
}

/** The messages sent to the opportunity's shifts, newest first (the log on the sign-up page). */
export async function listShiftMessages({ orgId, opportunityId, limit = 200 }: { orgId: number; opportunityId: number; limit?: number }): Promise<ShiftMessageLogEntry[]> {
  return db
    .selectFrom("signup_org_message as m")
    .leftJoin("app_user as u", "u.id", "m.sender_id")
    .select(["m.id", "m.shift_id as shiftId", "u.display_name as sender", "m.body", "m.recipients", "m.created_at as createdAt"])
    .where("m.opportunity_id", "=", opportunityId)
    .where("m.organisation_id", "=", orgId)
    .orderBy("m.created_at", "desc")
    .orderBy("m.id", "desc")
    .limit(limit)
    .execute();
}
