/**
 * Sign-up emails through the outbox, written in the transaction of the change that causes them, in each
 * volunteer's language, with a link to the sign-up (absolute, from the configured APP_URL).
 */
import type { Transaction } from "kysely";
import type { Database } from "~db/schema";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { renderEmail, type EmailTemplateName } from "~/domain/notifications/templates.server";
import { eventLocation } from "~/domain/opportunities/calendar-events";
import { formatShiftDay, formatTime } from "~/domain/opportunities/shift-format";
import type { Locale } from "~/i18n/config";
import { appOrigin } from "~/utils/request.server";

export type SignupEmailKind =
  | "received"
  | "confirmed"
  | "waitlisted"
  | "promoted"
  | "offered"
  | "offer_expired"
  | "declined"
  | "cancelled_by_organisation"
  | "reminder"
  | "org_message";

const TEMPLATE: Record<SignupEmailKind, EmailTemplateName> = {
  received: "signup_received",
  confirmed: "signup_confirmed",
  waitlisted: "signup_waitlisted",
  promoted: "signup_promoted",
  offered: "signup_offered",
  offer_expired: "signup_offer_expired",
  declined: "signup_declined",
  cancelled_by_organisation: "signup_cancelled_by_organisation",
  reminder: "signup_reminder",
  org_message: "signup_org_message",
};

const FLEXIBLE = { de: "flexibel, nach Absprache", en: "flexible, by arrangement" };

export function formatShiftRange(startsAt: Date, endsAt: Date, locale: Locale) {
  return `${formatShiftDay(startsAt, locale)}, ${formatTime(startsAt, locale)}–${formatTime(endsAt, locale)}`;
}

/** One email per volunteer about the given sign-ups (several shifts of one request share one email). */
export async function enqueueSignupEmail(
  trx: Transaction<Database>,
  {
    kind,
    signupIds,
    note = "",
    idempotencyKey,
  }: {
    kind: SignupEmailKind;
    signupIds: number[];
    /** the organisation's message (org_message) */
    note?: string;
    /** one key per logical email (one recipient): the same key is never queued twice, and is sent as Message-ID */
    idempotencyKey?: string;
  },
) {
  if (signupIds.length === 0) return;
  const rows = await trx
    .selectFrom("signup as su")
    .innerJoin("app_user as u", "u.id", "su.user_id")
    .innerJoin("opportunity as o", "o.id", "su.opportunity_id")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .innerJoin("gemeinde as g", "g.bfs_nr", "o.bfs_nr")
    .leftJoin("shift as s", "s.id", "su.shift_id")
    .select([
      "su.id",
      "su.user_id as userId",
      "su.waitlist_position as position",
      "su.offer_expires_at as offerExpiresAt",
      "su.decline_reason as declineReason",
      "su.cancel_reason as cancelReason",
      "u.email",
      "u.display_name as name",
      "u.locale",
      "o.title",
      "o.address",
      "g.name as gemeindeName",
      "org.name as organisation",
      "s.starts_at as startsAt",
      "s.ends_at as endsAt",
    ])
    .where("su.id", "in", signupIds)
    .where("u.deleted_at", "is", null)
    .orderBy("s.starts_at")
    .execute();

  const byUser = new Map<number, typeof rows>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);

  const origin = appOrigin();
  for (const group of byUser.values()) {
    const first = group[0];
    if (!first.email) continue;
    const locale = first.locale;
    const when = group
      .map((r) => (r.startsAt && r.endsAt ? formatShiftRange(r.startsAt, r.endsAt, locale) : FLEXIBLE[locale]))
      .join("\n");
    const url = group.length === 1 ? `${origin}/me/signups/${first.id}` : `${origin}/me/signups`;
    const base = { name: first.name, title: first.title, organisation: first.organisation, when, url };
    const calendarUrl = `${origin}/me/signups/${first.id}/calendar.ics`;
    const expires = first.offerExpiresAt ? `${formatShiftDay(first.offerExpiresAt, locale)}, ${formatTime(first.offerExpiresAt, locale)}` : "";
    const params = {
      ...base,
      calendarUrl,
      position: group.map((r) => r.position ?? "").filter(Boolean).join(", "),
      expires,
      reason: (kind === "declined" ? first.declineReason : first.cancelReason) ?? "",
      address: eventLocation(first.address, first.gemeindeName),
      note,
    };
    // each template reads only the parameters it declares
    await enqueueEmail(trx, { to: first.email, template: TEMPLATE[kind], locale, params: params as never, idempotencyKey });
  }
}

/** a sign-up's email rendered ahead, as sign_up_with_email() (migration 2026-12-03T1420_signup_race) takes it */
export interface PreparedSignupEmail {
  recipient: string;
  template: EmailTemplateName;
  subject: string;
  text: string;
  html: string;
}

/**
 * The emails a new sign-up for one slot can cause — confirmed, pending ("received") or waitlisted — rendered
 * before the shift is locked, so the locked part does not wait for the application. `idToken` and
 * `positionToken` stand where the sign-up's id and waitlist position go; the database puts them in.
 */
export function renderSignupOutcomeEmails({
  volunteer,
  title,
  organisation,
  startsAt,
  endsAt,
  idToken,
  positionToken,
}: {
  volunteer: { email: string; name: string; locale: Locale };
  title: string;
  organisation: string;
  /** null for a flexible engagement */
  startsAt: Date | null;
  endsAt: Date | null;
  idToken: string;
  positionToken: string;
}): Record<"confirmed" | "pending" | "waitlisted", PreparedSignupEmail> {
  const locale = volunteer.locale;
  const origin = appOrigin();
  const base = {
    name: volunteer.name,
    title,
    organisation,
    when: startsAt && endsAt ? formatShiftRange(startsAt, endsAt, locale) : FLEXIBLE[locale],
    url: `${origin}/me/signups/${idToken}`,
  };
  const render = (kind: "confirmed" | "received" | "waitlisted") => {
    const template = TEMPLATE[kind];
    const params = { ...base, calendarUrl: `${origin}/me/signups/${idToken}/calendar.ics`, position: positionToken };
    return { recipient: volunteer.email, template, ...renderEmail(template, locale, params as never) };
  };
  return { confirmed: render("confirmed"), pending: render("received"), waitlisted: render("waitlisted") };
}
