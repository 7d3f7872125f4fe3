/**
 * The hours-report, certificate and verify routes, called as Remix calls them: bad input is a field message with
 * a 4xx and no row, foreign objects are 404s, the PDF is only the owner's, verify is rate limited per IP.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { RATE_LIMITS } from "~/domain/auth/rate-limit.server";
import { issueCertificate } from "~/domain/certificates/certificates.server";
import { reportHours } from "~/domain/certificates/hours-reports.server";
import { createAttendedShift, createFlexibleSignup, createOrganisationWithOpportunity } from "~/testing/certificate-factories.server";
import { createOrganisationWithOwner, createSessionFor, createUser, zurichDateFromNow } from "~/testing/factories.server";
import { callRoute, formData } from "~/testing/route-call.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { action as certificateAction } from "./me.certificate";
import { loader as pdfLoader } from "./me.certificate_.$id[.pdf]";
import { action as mySignupAction } from "./me.signups.$id";
import { action as orgHoursAction, loader as orgHoursLoader } from "./orgs.$slug.manage.opportunities.$id.hours";
import { loader as verifyLoader } from "./verify.$code";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

async function countReports(signupId: number) {
  const row = await db.selectFrom("hours_report").select(sql<number>`count(*)::int`.as("n")).where("signup_id", "=", signupId).executeTakeFirstOrThrow();
  return row.n;
}

test("reporting hours: negative, huge or badly written hours and future dates are field messages; someone else's sign-up is a 404", async () => {
  const { organisation } = await createOrganisationWithOwner();
  const volunteer = await createUser();
  const token = await createSessionFor(volunteer.id);
  const { signup } = await createFlexibleSignup({ organisationId: organisation.id, userId: volunteer.id });
  const params = { id: String(signup.id) };
  const path = `/me/signups/${signup.id}`;
  const report = (fields: Record<string, string>, t: string | null = token) => callRoute(mySignupAction, { token: t, path, params, form: formData({ intent: "report-hours", ...fields }) });

  for (const hours of ["-1", "0", "25", "1000", "2.555", "zwei"]) {
    const result = await report({ workedOn: zurichDateFromNow(-1), hours });
    expect({ hours, status: result.status }).toEqual({ hours, status: 400 });
    expect(result.errors?.hours?.[0]?.key).toBe("hoursReports.errors.hours");
  }
  const future = await report({ workedOn: zurichDateFromNow(2), hours: "2" });
  expect(future.status).toBe(400);
  expect(future.errors?.workedOn?.[0]?.key).toBe("hoursReports.errors.futureDate");
  const badDate = await report({ workedOn: "2026-02-30", hours: "2" });
  expect(badDate.errors?.workedOn?.[0]?.key).toBe("hoursReports.errors.date");
  const other = await createUser();
  expect((await report({ workedOn: zurichDateFromNow(-1), hours: "2" }, await createSessionFor(other.id))).status).toBe(404);
  expect(await countReports(signup.id)).toBe(0);

  const done = await report({ workedOn: zurichDateFromNow(-1), hours: "2,5", note: "Deutschkurs" });
  expect(done.status).toBe(302);
  expect(done.location).toBe(path);
  const row = await db.selectFrom("hours_report").select(["hours", "note", "status"]).where("signup_id", "=", signup.id).executeTakeFirstOrThrow();
  expect(row).toEqual({ hours: "2.50", note: "Deutschkurs", status: "reported" });
});

test("the organisation's hours page: its own reports only; a corrected confirmation; bad hours are a field message", async () => {
  const { organisation, token: ownerToken } = await createOrganisationWithOwner();
  const stranger = await createOrganisationWithOwner();
  const volunteer = await createUser();
  const { opportunity, signup } = await createFlexibleSignup({ organisationId: organisation.id, userId: volunteer.id });
  const reported = await reportHours({ signupId: signup.id, volunteer, workedOn: zurichDateFromNow(-1), hours: 3, note: null });
  if (!reported.ok) throw new Error("refused");
  const params = { slug: organisation.slug, id: String(opportunity.id) };
  const path = `/orgs/${organisation.slug}/manage/opportunities/${opportunity.id}/hours`;

  const page = await callRoute(orgHoursLoader, { token: ownerToken, path, params });
  expect((page.body.reports as { id: number }[]).map((r) => r.id)).toEqual([reported.id]);
  // another organisation's owner: its slug with this opportunity is a 404, this slug a 403
  expect((await callRoute(orgHoursLoader, { token: stranger.token, path, params: { slug: stranger.organisation.slug, id: String(opportunity.id) } })).status).toBe(404);
  expect((await callRoute(orgHoursLoader, { token: stranger.token, path, params })).status).toBe(403);

  const bad = await callRoute(orgHoursAction, { token: ownerToken, path, params, form: formData({ intent: "confirm-hours", reportId: String(reported.id), hours: "-2" }) });
  expect(bad.status).toBe(400);
  expect(bad.errors?.hours?.[0]?.key).toBe("hoursReports.errors.hours");
  const ok = await callRoute(orgHoursAction, { token: ownerToken, path, params, form: formData({ intent: "confirm-hours", reportId: String(reported.id), hours: "2.5" }) });
  expect(ok.status).toBe(302);
  const row = await db.selectFrom("hours_report").select(["status", "confirmed_hours"]).where("id", "=", reported.id).executeTakeFirstOrThrow();
  expect(row).toEqual({ status: "confirmed", confirmed_hours: "2.50" });

  const tooLong = await callRoute(orgHoursAction, { token: ownerToken, path, params, form: formData({ intent: "certificate-texts", roleDescription: "x".repeat(2001), competencies: "" }) });
  expect(tooLong.status).toBe(400);
  expect(tooLong.errors?.roleDescription?.[0]).toEqual({ key: "certificate.errors.textTooLong", values: { maximum: 2000 } });
});

test("/me/certificate: no organisation, a reversed or future period, or no confirmed hours are field messages and store nothing; the PDF is the owner's only", async () => {
  const volunteer = await createUser();
  const token = await createSessionFor(volunteer.id);
  const { organisation, opportunity } = await createOrganisationWithOpportunity();
  await createAttendedShift({ opportunityId: opportunity.id, userId: volunteer.id, startsAt: new Date(Date.now() - 5 * 24 * 3600 * 1000), hours: 2 });
  const issue = (fields: Record<string, string | string[]>) => callRoute(certificateAction, { token, path: "/me/certificate", params: {}, form: formData({ intent: "issue", ...fields }) });
  const org = String(organisation.id);

  expect((await issue({ from: zurichDateFromNow(-30), to: zurichDateFromNow(0) })).errors?.organisationId?.[0]?.key).toBe("certificate.errors.chooseOrganisation");
  expect((await issue({ organisationId: org, from: zurichDateFromNow(0), to: zurichDateFromNow(-30) })).errors?.to?.[0]?.key).toBe("certificate.errors.period");
  expect((await issue({ organisationId: org, from: zurichDateFromNow(-30), to: zurichDateFromNow(3) })).errors?.to?.[0]?.key).toBe("certificate.errors.futureEnd");
  const empty = await issue({ organisationId: org, from: "2020-01-01", to: "2020-12-31" });
  expect(empty.status).toBe(400);
  expect(empty.errors?.form?.[0]?.key).toBe("certificate.errors.noHours");
  const count = () => db.selectFrom("certificate").select(sql<number>`count(*)::int`.as("n")).where("user_id", "=", volunteer.id).executeTakeFirstOrThrow();
  expect((await count()).n).toBe(0);

  const done = await issue({ organisationId: org, from: zurichDateFromNow(-30), to: zurichDateFromNow(0) });
  expect(done.status).toBe(302);
  const certificate = await db.selectFrom("certificate").select(["id", "code"]).where("user_id", "=", volunteer.id).executeTakeFirstOrThrow();
  const pdfPath = `/me/certificate/${certificate.id}.pdf`;
  const pdf = await callRoute(pdfLoader, { token, path: pdfPath, params: { id: String(certificate.id) } });
  expect(pdf.status).toBe(200);
  expect(pdf.response?.headers.get("Content-Type")).toBe("application/pdf");
  const other = await createUser();
  expect((await callRoute(pdfLoader, { token: await createSessionFor(other.id), path: pdfPath, params: { id: String(certificate.id) } })).status).toBe(404);
  // someone else's certificate cannot be revoked
  const foreignRevoke = await callRoute(certificateAction, { token: await createSessionFor(other.id), path: "/me/certificate", params: {}, form: formData({ intent: "revoke", certificateId: String(certificate.id) }) });
  expect(foreignRevoke.status).toBe(404);
});

test("/verify: valid 200, revoked 410, unknown or malformed 404, and too many lookups from one IP 429", async () => {
  const volunteer = await createUser({ displayName: "Mara Steiner" });
  const { organisation, opportunity } = await createOrganisationWithOpportunity();
  await createAttendedShift({ opportunityId: opportunity.id, userId: volunteer.id, startsAt: new Date(Date.now() - 3 * 24 * 3600 * 1000), hours: 4 });
  const issued = await issueCertificate({ volunteer, organisationIds: [organisation.id], from: zurichDateFromNow(-10), to: zurichDateFromNow(0), locale: "de" });
  if (!issued.ok) throw new Error("not issued");
  const ip = `test-${randomUUID()}`;
  const verify = (code: string) => callRoute(verifyLoader, { token: null, path: `/verify/${code}`, params: { code }, ip });

  const valid = await verify(issued.code.toLowerCase());
  expect(valid.status).toBe(200);
  expect(valid.body).toMatchObject({ state: "valid", certificate: { volunteerName: "Mara Steiner", totalHours: 4 } });
  expect((await verify("AAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
  expect((await verify("not-a-code")).status).toBe(404);
  await db.updateTable("certificate").set({ revoked_at: new Date(), revoke_reason: "volunteer" }).where("code", "=", issued.code).execute();
  const revoked = await verify(issued.code);
  expect(revoked.status).toBe(410);
  expect(revoked.body.certificate).toBeNull();

  for (let i = 4; i < RATE_LIMITS.certificateVerifyPerIp.limit; i++) await verify("AAAAAAAAAAAAAAAAAAAA");
  const limited = await verify(issued.code);
  expect(limited.status).toBe(429);
  expect(Number(limited.response?.headers.get("Retry-After"))).toBeGreaterThan(0);
});
