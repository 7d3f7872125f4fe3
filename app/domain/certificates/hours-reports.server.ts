/**
 * Hours for flexible engagements (no shifts): the volunteer reports a day's hours on their sign-up, the
 * organisation confirms them (possibly corrected) or rejects them. Only confirmed hours count (on /me/hours and
 * on certificates). Every query is scoped by the actor: the volunteer's own sign-up, or an opportunity of the
 * organisation the actor is a member of, so foreign ids answer "not found" like missing ones.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import { recordAudit } from "~/domain/audit/audit.server";
import { addDays, utcToZurichParts } from "~/utils/zurich-time";
import { HOURS_REPORT_MAX_AGE_DAYS, type HoursReportStatus } from "./limits";

export type ReportHoursResult =
  | { ok: true; id: number }
  | { ok: false; reason: "not_found" | "not_flexible" | "not_confirmed" | "future_date" | "too_old" };

/** sign-up statuses of a flexible engagement for which hours may be reported */
const REPORTABLE = ["confirmed", "attended"] as const;

/** The volunteer reports hours worked on `workedOn` (a Zurich calendar date, not in the future). */
export async function reportHours({
  signupId,
  volunteer,
  workedOn,
  hours,
  note,
  now = new Date(),
}: {
  signupId: number;
  volunteer: { id: number };
  workedOn: string;
  hours: number;
  note: string | null;
  now?: Date;
}): Promise<ReportHoursResult> {
  const signup = await db
    .selectFrom("signup")
    .select(["id", "shift_id", "status"])
    .where("id", "=", signupId)
    .where("user_id", "=", volunteer.id)
    .executeTakeFirst();
  if (!signup) return { ok: false, reason: "not_found" };
  if (signup.shift_id !== null) return { ok: false, reason: "not_flexible" };
  if (!(REPORTABLE as readonly string[]).includes(signup.status)) return { ok: false, reason: "not_confirmed" };
  const today = utcToZurichParts(now).date;
  if (workedOn > today) return { ok: false, reason: "future_date" };
  if (workedOn < addDays(today, -HOURS_REPORT_MAX_AGE_DAYS)) return { ok: false, reason: "too_old" };
  const row = await db
    .insertInto("hours_report")
    .values({ signup_id: signupId, worked_on: workedOn, hours, note })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ok: true, id: row.id };
}

export interface HoursReportView {
  id: number;
  signupId: number;
  workedOn: string;
  hours: number;
  note: string | null;
  status: HoursReportStatus;
  confirmedHours: number | null;
  /** for the organisation's list */
  volunteerName?: string;
}

function reportColumns() {
  return [
    "hr.id",
    "hr.signup_id as signupId",
    sql<string>`hr.worked_on::text`.as("workedOn"),
    "hr.hours",
    "hr.note",
    "hr.status",
    "hr.confirmed_hours as confirmedHours",
  ] as const;
}

function toView(r: { id: number; signupId: number; workedOn: string; hours: string; note: string | null; status: HoursReportStatus; confirmedHours: string | null }): HoursReportView {
  return { ...r, hours: Number(r.hours), confirmedHours: r.confirmedHours === null ? null : Number(r.confirmedHours) };
}

/** The volunteer's reports on one of their sign-ups (newest day first). */
export async function listOwnHoursReports({ signupId, userId }: { signupId: number; userId: number }): Promise<HoursReportView[]> {
  const rows = await db
    .selectFrom("hours_report as hr")
    .innerJoin("signup as su", "su.id", "hr.signup_id")
    .select(reportColumns())
    .where("su.id", "=", signupId)
    .where("su.user_id", "=", userId)
    .orderBy("hr.worked_on", "desc")
    .orderBy("hr.id", "desc")
    .limit(500)
    .execute();
  return rows.map(toView);
}

/**
 * The opportunity's hour reports for the organisation: open ones first, then the decided ones of the last
 * year. Null when the opportunity is not the organisation's or the actor not a member.
 */
export async function listHoursReportsForOrganisation({ orgId, opportunityId, actor }: { orgId: number; opportunityId: number; actor: { id: number } }) {
  const opportunity = await db
    .selectFrom("opportunity as o")
    .select(["o.id", "o.title", "o.schedule_kind as scheduleKind"])
    .where("o.id", "=", opportunityId)
    .where("o.organisation_id", "=", orgId)
    .where(sql<boolean>`exists (select 1 from organisation_member m where m.organisation_id = o.organisation_id and m.user_id = ${actor.id})`)
    .executeTakeFirst();
  if (!opportunity) return null;
  const rows = await db
    .selectFrom("hours_report as hr")
    .innerJoin("signup as su", "su.id", "hr.signup_id")
    .innerJoin("app_user as u", "u.id", "su.user_id")
    .select([...reportColumns(), "u.display_name as volunteerName"])
    .where("su.opportunity_id", "=", opportunityId)
    .where((eb) => eb.or([eb("hr.status", "=", "reported"), eb("hr.decided_at", ">", sql<Date>`now() - interval '1 year'`)]))
    .orderBy(sql`case hr.status when 'reported' then 0 else 1 end`)
    .orderBy("hr.worked_on", "desc")
    .orderBy("hr.id")
    .limit(500)
    .execute();
  return { opportunity, reports: rows.map((r) => ({ ...toView(r), volunteerName: r.volunteerName })) };
}

export type DecideHoursResult = { ok: true } | { ok: false; reason: "not_found" | "already_decided" };

/**
 * The organisation confirms a report (with `hours`, the corrected number, or as reported) or rejects it. Only
 * an open report of one of the organisation's opportunities, by a member; decided reports stay as they are.
 */
export async function decideHoursReport({
  orgId,
  opportunityId,
  actor,
  reportId,
  decision,
  hours,
}: {
  orgId: number;
  opportunityId: number;
  actor: { id: number };
  reportId: number;
  decision: "confirm" | "reject";
  hours?: number | null;
}): Promise<DecideHoursResult> {
  return db.transaction().execute(async (trx) => {
    const report = await trx
      .selectFrom("hours_report as hr")
      .innerJoin("signup as su", "su.id", "hr.signup_id")
      .innerJoin("opportunity as o", "o.id", "su.opportunity_id")
      .select(["hr.id", "hr.status", "hr.hours"])
      .where("hr.id", "=", reportId)
      .where("o.id", "=", opportunityId)
      .where("o.organisation_id", "=", orgId)
      .where(sql<boolean>`exists (select 1 from organisation_member m where m.organisation_id = o.organisation_id and m.user_id = ${actor.id})`)
      .forUpdate("hr")
      .executeTakeFirst();
    if (!report) return { ok: false, reason: "not_found" };
    if (report.status !== "reported") return { ok: false, reason: "already_decided" };
    await trx
      .updateTable("hours_report")
      .set(
        decision === "confirm"
          ? { status: "confirmed", confirmed_hours: hours ?? report.hours, decided_by: actor.id, decided_at: sql`now()` }
          : { status: "rejected", confirmed_hours: null, decided_by: actor.id, decided_at: sql`now()` },
      )
      .where("id", "=", reportId)
      .execute();
    await recordAudit(
      { action: decision === "confirm" ? "hours.confirmed" : "hours.rejected", actorUserId: actor.id, subjectType: "hours_report", subjectId: reportId, details: { orgId, hours: hours ?? null } },
      trx,
    );
    return { ok: true };
  });
}

/** The account export's part: every hours report of the user. */
export async function exportHoursReports({ userId }: { userId: number }) {
  const rows = await db
    .selectFrom("hours_report as hr")
    .innerJoin("signup as su", "su.id", "hr.signup_id")
    .innerJoin("opportunity as o", "o.id", "su.opportunity_id")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .select(["o.title as opportunity", "org.name as organisation", ...reportColumns(), "hr.created_at as reportedAt", "hr.decided_at as decidedAt"])
    .where("su.user_id", "=", userId)
    .orderBy("hr.worked_on")
    .orderBy("hr.id")
    .execute();
  return rows.map((r) => ({
    opportunity: r.opportunity,
    organisation: r.organisation,
    workedOn: r.workedOn,
    hours: Number(r.hours),
    note: r.note,
    status: r.status,
    confirmedHours: r.confirmedHours === null ? null : Number(r.confirmedHours),
    reportedAt: r.reportedAt,
    decidedAt: r.decidedAt,
  }));
}
