/**
 * Certificates (Einsatznachweis): the volunteer chooses organisations and a period; the confirmed hours in it
 * (attended shifts, and confirmed hours reports of flexible engagements) become a certificate, stored as a
 * snapshot (one line per opportunity) with an unguessable verification code. The volunteer or an owner of a
 * named organisation can revoke it; /verify/:code then says "revoked". Only the volunteer's own hours count,
 * and only for organisations they worked for: other organisation ids in the request are simply ignored.
 */
import { randomBytes } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import { db } from "~db/client.server";
import type { Database, UserLocale } from "~db/schema";
import { recordAudit } from "~/domain/audit/audit.server";
import { CERTIFICATE_CODE_LENGTH, type CertificateRevokeReason } from "./limits";

type Executor = Kysely<Database> | Transaction<Database>;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** 20 base32 characters from the system's CSPRNG (5 bits each: 100 bits; 256 is a multiple of 32, no bias). */
export function newCertificateCode() {
  const bytes = randomBytes(CERTIFICATE_CODE_LENGTH);
  let code = "";
  for (const b of bytes) code += BASE32[b & 31];
  return code;
}

/**
 * Confirmed hours of one volunteer as (opportunity, hours) rows: attended shifts (by the shift's Zurich date)
 * and confirmed reports of flexible engagements (by the day worked), optionally within [from, to].
 */
function confirmedHours(executor: Executor, { userId, from, to }: { userId: number; from?: string; to?: string }) {
  const shiftDay = sql`(s.starts_at at time zone 'Europe/Zurich')::date`;
  return executor
    .selectFrom("signup as su")
    .innerJoin("shift as s", "s.id", "su.shift_id")
    .select(["su.opportunity_id as opportunityId", sql<string>`su.hours`.as("hours")])
    .where("su.user_id", "=", userId)
    .where("su.status", "=", "attended")
    .where("su.hours", "is not", null)
    .$if(from !== undefined, (qb) => qb.where(sql<boolean>`${shiftDay} >= ${from}::date`))
    .$if(to !== undefined, (qb) => qb.where(sql<boolean>`${shiftDay} <= ${to}::date`))
    .unionAll(
      executor
        .selectFrom("hours_report as hr")
        .innerJoin("signup as su", "su.id", "hr.signup_id")
        .select(["su.opportunity_id as opportunityId", sql<string>`hr.confirmed_hours`.as("hours")])
        .where("su.user_id", "=", userId)
        .where("hr.status", "=", "confirmed")
        .$if(from !== undefined, (qb) => qb.where(sql<boolean>`hr.worked_on >= ${from}::date`))
        .$if(to !== undefined, (qb) => qb.where(sql<boolean>`hr.worked_on <= ${to}::date`)),
    );
}

/** The organisations the volunteer has confirmed hours with (any time): the choices of the certificate form. */
export async function certificateOrganisations({ userId }: { userId: number }) {
  return db
    .selectFrom(confirmedHours(db, { userId }).as("h"))
    .innerJoin("opportunity as o", "o.id", "h.opportunityId")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .select(["org.id", "org.name", sql<string>`sum(h.hours)::text`.as("hours")])
    .groupBy(["org.id", "org.name"])
    .orderBy("org.name")
    .execute()
    .then((rows) => rows.map((r) => ({ id: r.id, name: r.name, hours: Number(r.hours) })));
}

export interface CertificateLine {
  organisationId: number;
  organisationName: string;
  opportunityId: number;
  opportunityTitle: string;
  roleDescription: string;
  competencies: string;
  hours: number;
  confirmedByName: string | null;
}

/** What a certificate for these organisations and this period would say, per opportunity (organisation, title). */
export async function collectCertificateLines(
  { userId, organisationIds, from, to }: { userId: number; organisationIds: number[]; from: string; to: string },
  executor: Executor = db,
): Promise<CertificateLine[]> {
  if (organisationIds.length === 0) return [];
  const rows = await executor
    .selectFrom(confirmedHours(executor, { userId, from, to }).as("h"))
    .innerJoin("opportunity as o", "o.id", "h.opportunityId")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .leftJoin("opportunity_certificate_text as ct", "ct.opportunity_id", "o.id")
    .select([
      "org.id as organisationId",
      "org.name as organisationName",
      "o.id as opportunityId",
      "o.title as opportunityTitle",
      sql<string>`coalesce(ct.role_description, '')`.as("roleDescription"),
      sql<string>`coalesce(ct.competencies, '')`.as("competencies"),
      sql<string>`sum(h.hours)::text`.as("hours"),
      // the confirming person: the organisation's longest-standing owner (by name)
      sql<string | null>`(select u.display_name from organisation_member m join app_user u on u.id = m.user_id
        where m.organisation_id = org.id and m.role = 'owner' and u.deleted_at is null
        order by m.created_at, m.user_id limit 1)`.as("confirmedByName"),
    ])
    .where("org.id", "in", organisationIds)
    .groupBy(["org.id", "org.name", "o.id", "o.title", "ct.role_description", "ct.competencies"])
    .orderBy("org.name")
    .orderBy("org.id")
    .orderBy("o.title")
    .orderBy("o.id")
    .execute();
  return rows.map((r) => ({ ...r, hours: Number(r.hours) })).filter((r) => r.hours > 0);
}

export type IssueResult = { ok: true; id: number; code: string } | { ok: false; reason: "no_hours" };

/** Issues a certificate for the volunteer's confirmed hours; nothing is stored when there are none. */
export async function issueCertificate({
  volunteer,
  organisationIds,
  from,
  to,
  locale,
}: {
  volunteer: { id: number };
  organisationIds: number[];
  from: string;
  to: string;
  locale: UserLocale;
}): Promise<IssueResult> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("app_user").select(["display_name"]).where("id", "=", volunteer.id).where("deleted_at", "is", null).executeTakeFirstOrThrow();
    const lines = await collectCertificateLines({ userId: volunteer.id, organisationIds: [...new Set(organisationIds)], from, to }, trx);
    if (lines.length === 0) return { ok: false, reason: "no_hours" } as const;
    const total = Math.round(lines.reduce((sum, l) => sum + l.hours, 0) * 100) / 100;
    const code = newCertificateCode();
    const certificate = await trx
      .insertInto("certificate")
      .values({ code, user_id: volunteer.id, volunteer_name: user.display_name, locale, period_from: from, period_to: to, total_hours: total })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("certificate_line")
      .values(
        lines.map((l, position) => ({
          certificate_id: certificate.id,
          organisation_id: l.organisationId,
          opportunity_id: l.opportunityId,
          position,
          organisation_name: l.organisationName,
          opportunity_title: l.opportunityTitle,
          role_description: l.roleDescription,
          competencies: l.competencies,
          hours: l.hours,
          confirmed_by_name: l.confirmedByName,
        })),
      )
      .execute();
    await recordAudit({ action: "certificate.issued", actorUserId: volunteer.id, subjectType: "certificate", subjectId: certificate.id }, trx);
    return { ok: true, id: certificate.id, code } as const;
  });
}

export interface CertificateOrganisation {
  id: number;
  name: string;
  hours: number;
  confirmedByName: string | null;
  lines: { title: string; roleDescription: string; competencies: string; hours: number }[];
}

export interface CertificateDocument {
  id: number;
  code: string;
  volunteerName: string;
  locale: UserLocale;
  periodFrom: string;
  periodTo: string;
  totalHours: number;
  issuedAt: Date;
  revokedAt: Date | null;
  revokeReason: CertificateRevokeReason | null;
  organisations: CertificateOrganisation[];
}

async function loadDocuments(where: { userId?: number; id?: number; code?: string; organisationId?: number }, limit = 200): Promise<CertificateDocument[]> {
  const certificates = await db
    .selectFrom("certificate as c")
    .select([
      "c.id",
      "c.code",
      "c.volunteer_name as volunteerName",
      "c.locale",
      sql<string>`c.period_from::text`.as("periodFrom"),
      sql<string>`c.period_to::text`.as("periodTo"),
      "c.total_hours as totalHours",
      "c.issued_at as issuedAt",
      "c.revoked_at as revokedAt",
      "c.revoke_reason as revokeReason",
    ])
    .$if(where.userId !== undefined, (qb) => qb.where("c.user_id", "=", where.userId!))
    .$if(where.id !== undefined, (qb) => qb.where("c.id", "=", where.id!))
    .$if(where.code !== undefined, (qb) => qb.where("c.code", "=", where.code!))
    .$if(where.organisationId !== undefined, (qb) =>
      qb.where((eb) => eb.exists(eb.selectFrom("certificate_line as l").select("l.certificate_id").whereRef("l.certificate_id", "=", "c.id").where("l.organisation_id", "=", where.organisationId!))),
    )
    .orderBy("c.issued_at", "desc")
    .orderBy("c.id", "desc")
    .limit(limit)
    .execute();
  if (certificates.length === 0) return [];
  const lines = await db
    .selectFrom("certificate_line")
    .selectAll()
    .where(
      "certificate_id",
      "in",
      certificates.map((c) => c.id),
    )
    .orderBy("certificate_id")
    .orderBy("position")
    .execute();
  return certificates.map((c) => {
    const organisations: CertificateOrganisation[] = [];
    for (const l of lines.filter((x) => x.certificate_id === c.id)) {
      let org = organisations.find((o) => o.id === l.organisation_id);
      if (!org) organisations.push((org = { id: l.organisation_id, name: l.organisation_name, hours: 0, confirmedByName: l.confirmed_by_name, lines: [] }));
      const hours = Number(l.hours);
      org.hours = Math.round((org.hours + hours) * 100) / 100;
      org.lines.push({ title: l.opportunity_title, roleDescription: l.role_description, competencies: l.competencies, hours });
    }
    return { ...c, totalHours: Number(c.totalHours), organisations };
  });
}

/** The volunteer's certificates, newest first. */
export async function listOwnCertificates({ userId }: { userId: number }) {
  return loadDocuments({ userId });
}

/** One of the volunteer's certificates, or null (missing or someone else's). */
export async function getOwnCertificate({ id, userId }: { id: number; userId: number }) {
  return (await loadDocuments({ id, userId }, 1))[0] ?? null;
}

export type VerifyResult =
  | { state: "valid"; certificate: Pick<CertificateDocument, "code" | "volunteerName" | "periodFrom" | "periodTo" | "totalHours" | "issuedAt" | "organisations"> }
  | { state: "revoked"; revokedAt: Date }
  | { state: "unknown" };

/** What /verify/:code may say: for a valid certificate its name, organisations, period and hours; else the state. */
export async function verifyCertificate({ code }: { code: string }): Promise<VerifyResult> {
  const found = (await loadDocuments({ code }, 1))[0];
  if (!found) return { state: "unknown" };
  if (found.revokedAt) return { state: "revoked", revokedAt: found.revokedAt };
  const { volunteerName, periodFrom, periodTo, totalHours, issuedAt, organisations } = found;
  return { state: "valid", certificate: { code: found.code, volunteerName, periodFrom, periodTo, totalHours, issuedAt, organisations } };
}

export type RevokeResult = { ok: true } | { ok: false; reason: "not_found" | "already_revoked" };

/** The volunteer revokes one of their own certificates. */
export async function revokeOwnCertificate({ id, userId }: { id: number; userId: number }): Promise<RevokeResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("certificate").select(["id", "revoked_at"]).where("id", "=", id).where("user_id", "=", userId).forUpdate().executeTakeFirst();
    if (!row) return { ok: false, reason: "not_found" } as const;
    if (row.revoked_at) return { ok: false, reason: "already_revoked" } as const;
    await trx.updateTable("certificate").set({ revoked_at: sql`now()`, revoked_by: userId, revoke_reason: "volunteer" }).where("id", "=", id).execute();
    await recordAudit({ action: "certificate.revoked", actorUserId: userId, subjectType: "certificate", subjectId: id, details: { by: "volunteer" } }, trx);
    return { ok: true } as const;
  });
}

/** Certificates naming the organisation, for its owners (who may revoke them). */
export async function listCertificatesForOrganisation({ orgId, actor }: { orgId: number; actor: { id: number } }) {
  const owner = await db
    .selectFrom("organisation_member")
    .select("user_id")
    .where("organisation_id", "=", orgId)
    .where("user_id", "=", actor.id)
    .where("role", "=", "owner")
    .executeTakeFirst();
  if (!owner) return null;
  const documents = await loadDocuments({ organisationId: orgId });
  // only this organisation's part of each certificate
  return documents.map((d) => ({ ...d, organisations: d.organisations.filter((o) => o.id === orgId) }));
}

/** An owner of an organisation named on the certificate revokes it. */
export async function revokeCertificateAsOrganisation({ orgId, actor, certificateId }: { orgId: number; actor: { id: number }; certificateId: number }): Promise<RevokeResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("certificate as c")
      .select(["c.id", "c.revoked_at"])
      .where("c.id", "=", certificateId)
      .where((eb) => eb.exists(eb.selectFrom("certificate_line as l").select("l.certificate_id").whereRef("l.certificate_id", "=", "c.id").where("l.organisation_id", "=", orgId)))
      .where(sql<boolean>`exists (select 1 from organisation_member m where m.organisation_id = ${orgId} and m.user_id = ${actor.id} and m.role = 'owner')`)
      .forUpdate("c")
      .executeTakeFirst();
    if (!row) return { ok: false, reason: "not_found" } as const;
    if (row.revoked_at) return { ok: false, reason: "already_revoked" } as const;
    await trx.updateTable("certificate").set({ revoked_at: sql`now()`, revoked_by: actor.id, revoke_reason: "organisation" }).where("id", "=", certificateId).execute();
    await recordAudit({ action: "certificate.revoked", actorUserId: actor.id, subjectType: "certificate", subjectId: certificateId, details: { by: "organisation", orgId } }, trx);
    return { ok: true } as const;
  });
}

/**
 * For account deletion, inside its transaction: the person's certificates verify as "revoked" from now on
 * and no longer carry their name; hours-report notes (personal text) go too.
 */
export async function revokeCertificatesOfDeletedUser(trx: Transaction<Database>, { userId }: { userId: number }) {
  await trx
    .updateTable("certificate")
    .set({ revoked_at: sql`coalesce(revoked_at, now())`, revoke_reason: sql`coalesce(revoke_reason, 'account_deleted')`, volunteer_name: "" })
    .where("user_id", "=", userId)
    .execute();
  await trx
    .updateTable("hours_report")
    .set({ note: null })
    .where("signup_id", "in", (eb) => eb.selectFrom("signup").select("id").where("user_id", "=", userId))
    .execute();
}

/** The account export's part: every certificate with its code, period, hours and state. */
export async function exportCertificates({ userId }: { userId: number }) {
  const documents = await loadDocuments({ userId }, 10_000);
  return documents.map((d) => ({
    code: d.code,
    periodFrom: d.periodFrom,
    periodTo: d.periodTo,
    totalHours: d.totalHours,
    issuedAt: d.issuedAt,
    revokedAt: d.revokedAt,
    organisations: d.organisations.map((o) => ({ name: o.name, hours: o.hours, confirmedBy: o.confirmedByName, opportunities: o.lines })),
  }));
}
