import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { deleteAccount, exportAccountData } from "~/domain/auth/accounts.server";
import { createAttendedShift, createFlexibleSignup, createOrganisationWithOpportunity, createUser } from "~/testing/certificate-factories.server";
import { addOrganisationMember, zurichDateFromNow } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { zurichToUtc } from "~/utils/zurich-time";
import {
  certificateOrganisations,
  getOwnCertificate,
  issueCertificate,
  listCertificatesForOrganisation,
  newCertificateCode,
  revokeCertificateAsOrganisation,
  revokeOwnCertificate,
  verifyCertificate,
} from "./certificates.server";
import { decideHoursReport, reportHours } from "./hours-reports.server";
import { saveCertificateTexts } from "./texts.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const at = (date: string) => zurichToUtc(date, "10:00");

test("a certificate sums the confirmed hours per organisation within the period; other periods, unconfirmed hours and other people's organisations are left out", async () => {
  const volunteer = await createUser({ displayName: "Jürg Müller" });
  const a = await createOrganisationWithOpportunity({ ownerName: "Regula Bühler" });
  const b = await createOrganisationWithOpportunity({ ownerName: "Peter Frei" });
  const foreign = await createOrganisationWithOpportunity();
  await saveCertificateTexts({ orgId: a.organisation.id, opportunityId: a.opportunity.id, actor: a.owner, roleDescription: "Gesprächsrunden leiten", competencies: "Moderation" });

  await createAttendedShift({ opportunityId: a.opportunity.id, userId: volunteer.id, startsAt: at("2026-03-10"), hours: 2.5 });
  await createAttendedShift({ opportunityId: a.opportunity.id, userId: volunteer.id, startsAt: at("2026-04-14"), hours: 3 });
  // outside the period
  await createAttendedShift({ opportunityId: a.opportunity.id, userId: volunteer.id, startsAt: at("2025-12-30"), hours: 4 });
  await createAttendedShift({ opportunityId: b.opportunity.id, userId: volunteer.id, startsAt: at("2026-05-01"), hours: 1.75 });
  // a flexible engagement with b: one confirmed report counts, an open one does not
  const flexible = await createFlexibleSignup({ organisationId: b.organisation.id, userId: volunteer.id });
  const confirmed = await reportHours({ signupId: flexible.signup.id, volunteer, workedOn: "2026-06-02", hours: 2, note: null, now: at("2026-06-03") });
  const open = await reportHours({ signupId: flexible.signup.id, volunteer, workedOn: "2026-06-03", hours: 5, note: null, now: at("2026-06-03") });
  if (!confirmed.ok || !open.ok) throw new Error("reports refused");
  await decideHoursReport({ orgId: b.organisation.id, opportunityId: flexible.opportunity.id, actor: b.owner, reportId: confirmed.id, decision: "confirm" });
  // someone else's hours with the foreign organisation
  const someoneElse = await createUser();
  await createAttendedShift({ opportunityId: foreign.opportunity.id, userId: someoneElse.id, startsAt: at("2026-03-10"), hours: 8 });

  expect((await certificateOrganisations({ userId: volunteer.id })).map((o) => o.id).sort()).toEqual([a.organisation.id, b.organisation.id].sort());

  const issued = await issueCertificate({
    volunteer,
    organisationIds: [a.organisation.id, b.organisation.id, foreign.organisation.id],
    from: "2026-01-01",
    to: "2026-12-31",
    locale: "de",
  });
  if (!issued.ok) throw new Error("not issued");
  expect(issued.code).toMatch(/^[A-Z2-7]{20}$/);
  const document = await getOwnCertificate({ id: issued.id, userId: volunteer.id });
  expect(document?.volunteerName).toBe("Jürg Müller");
  expect(document?.totalHours).toBe(9.25);
  expect(document?.organisations.map((o) => [o.id, o.hours, o.confirmedByName]).sort()).toEqual(
    [
      [a.organisation.id, 5.5, "Regula Bühler"],
      [b.organisation.id, 3.75, "Peter Frei"],
    ].sort(),
  );
  const lineA = document?.organisations.find((o) => o.id === a.organisation.id)?.lines[0];
  expect(lineA).toMatchObject({ title: a.opportunity.title, roleDescription: "Gesprächsrunden leiten", competencies: "Moderation", hours: 5.5 });

  // another volunteer cannot see it
  expect(await getOwnCertificate({ id: issued.id, userId: someoneElse.id })).toBeNull();

  // a period with nothing confirmed, or only a foreign organisation: no certificate, nothing stored
  const before = await db.selectFrom("certificate").select(sql<string>`count(*)`.as("n")).where("user_id", "=", volunteer.id).executeTakeFirstOrThrow();
  expect(await issueCertificate({ volunteer, organisationIds: [a.organisation.id], from: "2024-01-01", to: "2024-12-31", locale: "de" })).toEqual({ ok: false, reason: "no_hours" });
  expect(await issueCertificate({ volunteer, organisationIds: [foreign.organisation.id], from: "2026-01-01", to: "2026-12-31", locale: "de" })).toEqual({ ok: false, reason: "no_hours" });
  const after = await db.selectFrom("certificate").select(sql<string>`count(*)`.as("n")).where("user_id", "=", volunteer.id).executeTakeFirstOrThrow();
  expect(after.n).toBe(before.n);
});

test("verify says valid with name, organisations, period and hours; revoked by the volunteer or an owner says revoked; unknown codes are unknown", async () => {
  const volunteer = await createUser({ displayName: "Anna Keller" });
  const { organisation, owner, opportunity } = await createOrganisationWithOpportunity();
  await createAttendedShift({ opportunityId: opportunity.id, userId: volunteer.id, startsAt: at("2026-02-02"), hours: 2 });
  const issue = () => issueCertificate({ volunteer, organisationIds: [organisation.id], from: "2026-01-01", to: "2026-06-30", locale: "en" });
  const first = await issue();
  const second = await issue();
  if (!first.ok || !second.ok) throw new Error("not issued");
  expect(first.code).not.toBe(second.code);

  const verified = await verifyCertificate({ code: first.code });
  expect(verified.state).toBe("valid");
  if (verified.state !== "valid") throw new Error("not valid");
  expect(verified.certificate).toMatchObject({ volunteerName: "Anna Keller", periodFrom: "2026-01-01", periodTo: "2026-06-30", totalHours: 2 });
  expect(verified.certificate.organisations.map((o) => o.name)).toEqual([organisation.name]);

  // an editor (not an owner) and a stranger may not revoke; the owner may
  const editor = await createUser();
  await addOrganisationMember(organisation.id, editor.id, "editor");
  expect(await revokeCertificateAsOrganisation({ orgId: organisation.id, actor: editor, certificateId: first.id })).toEqual({ ok: false, reason: "not_found" });
  expect(await listCertificatesForOrganisation({ orgId: organisation.id, actor: editor })).toBeNull();
  expect(await revokeOwnCertificate({ id: first.id, userId: editor.id })).toEqual({ ok: false, reason: "not_found" });
  expect((await listCertificatesForOrganisation({ orgId: organisation.id, actor: owner }))?.map((c) => c.id)).toEqual([second.id, first.id]);
  expect(await revokeCertificateAsOrganisation({ orgId: organisation.id, actor: owner, certificateId: first.id })).toEqual({ ok: true });
  expect((await verifyCertificate({ code: first.code })).state).toBe("revoked");
  expect(await revokeOwnCertificate({ id: first.id, userId: volunteer.id })).toEqual({ ok: false, reason: "already_revoked" });

  expect(await revokeOwnCertificate({ id: second.id, userId: volunteer.id })).toEqual({ ok: true });
  expect((await verifyCertificate({ code: second.code })).state).toBe("revoked");
  expect(await verifyCertificate({ code: newCertificateCode() })).toEqual({ state: "unknown" });
});

test("the export lists hours reports and certificates; a deleted account's certificates verify as revoked and lose the name", async () => {
  const volunteer = await createUser({ displayName: "Lena Baumann" });
  const { organisation, opportunity } = await createOrganisationWithOpportunity();
  await createAttendedShift({ opportunityId: opportunity.id, userId: volunteer.id, startsAt: at(zurichDateFromNow(-10)), hours: 3 });
  const flexible = await createFlexibleSignup({ organisationId: organisation.id, userId: volunteer.id });
  const report = await reportHours({ signupId: flexible.signup.id, volunteer, workedOn: zurichDateFromNow(-2), hours: 1.5, note: "Hausaufgabenhilfe" });
  if (!report.ok) throw new Error("refused");
  const issued = await issueCertificate({ volunteer, organisationIds: [organisation.id], from: zurichDateFromNow(-30), to: zurichDateFromNow(0), locale: "de" });
  if (!issued.ok) throw new Error("not issued");

  const exported = await exportAccountData({ userId: volunteer.id, ip: "127.0.0.1" });
  expect(exported.hoursReports.map((r) => [r.hours, r.status, r.note])).toEqual([[1.5, "reported", "Hausaufgabenhilfe"]]);
  expect(exported.certificates.map((c) => [c.code, c.totalHours, c.revokedAt])).toEqual([[issued.code, 3, null]]);

  expect(await deleteAccount({ userId: volunteer.id, password: volunteer.password, ip: "127.0.0.1" })).toEqual({ ok: true });
  expect((await verifyCertificate({ code: issued.code })).state).toBe("revoked");
  const row = await db.selectFrom("certificate").select(["volunteer_name", "revoke_reason"]).where("id", "=", issued.id).executeTakeFirstOrThrow();
  expect(row).toEqual({ volunteer_name: "", revoke_reason: "account_deleted" });
  const note = await db.selectFrom("hours_report").select("note").where("id", "=", report.id).executeTakeFirstOrThrow();
  expect(note.note).toBeNull();
});
