import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { hoursByOrganisationAndYear } from "~/domain/signups/volunteer.server";
import { createAttendedShift, createFlexibleSignup, createOrganisationWithOpportunity, createUser } from "~/testing/certificate-factories.server";
import { createOrganisationWithOwner, zurichDateFromNow } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { decideHoursReport, listHoursReportsForOrganisation, listOwnHoursReports, reportHours } from "./hours-reports.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

test("a volunteer reports hours on a flexible sign-up; the organisation confirms one corrected and rejects another; only confirmed hours count", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const volunteer = await createUser();
  const { opportunity, signup } = await createFlexibleSignup({ organisationId: organisation.id, userId: volunteer.id });

  const first = await reportHours({ signupId: signup.id, volunteer, workedOn: zurichDateFromNow(-3), hours: 3, note: "Gesprächsrunde" });
  const second = await reportHours({ signupId: signup.id, volunteer, workedOn: zurichDateFromNow(-1), hours: 2.5, note: null });
  const third = await reportHours({ signupId: signup.id, volunteer, workedOn: zurichDateFromNow(0), hours: 1, note: null });
  if (!first.ok || !second.ok || !third.ok) throw new Error("reports refused");

  const listed = await listHoursReportsForOrganisation({ orgId: organisation.id, opportunityId: opportunity.id, actor: owner });
  expect(listed?.reports.map((r) => [r.hours, r.status, r.volunteerName])).toEqual([
    [1, "reported", volunteer.display_name],
    [2.5, "reported", volunteer.display_name],
    [3, "reported", volunteer.display_name],
  ]);
  // nothing counts before the organisation decides
  expect(await hoursByOrganisationAndYear({ userId: volunteer.id })).toEqual([]);

  const scope = { orgId: organisation.id, opportunityId: opportunity.id, actor: owner };
  expect(await decideHoursReport({ ...scope, reportId: first.id, decision: "confirm", hours: 2.75 })).toEqual({ ok: true });
  expect(await decideHoursReport({ ...scope, reportId: second.id, decision: "confirm" })).toEqual({ ok: true });
  expect(await decideHoursReport({ ...scope, reportId: third.id, decision: "reject" })).toEqual({ ok: true });
  // decided is decided
  expect(await decideHoursReport({ ...scope, reportId: third.id, decision: "confirm" })).toEqual({ ok: false, reason: "already_decided" });

  const own = await listOwnHoursReports({ signupId: signup.id, userId: volunteer.id });
  expect(own.map((r) => [r.hours, r.status, r.confirmedHours])).toEqual([
    [1, "rejected", null],
    [2.5, "confirmed", 2.5],
    [3, "confirmed", 2.75],
  ]);
  const year = Number(zurichDateFromNow(-1).slice(0, 4));
  const hours = await hoursByOrganisationAndYear({ userId: volunteer.id });
  expect(hours.reduce((sum, r) => sum + r.hours, 0)).toBe(5.25);
  expect(hours.every((r) => r.organisation === organisation.name)).toBe(true);
  expect(hours.map((r) => r.year)).toContain(year);
});

test("bad reports are refused and write nothing: future date, too old, someone else's sign-up, a shift sign-up, an unconfirmed one", async () => {
  const { organisation } = await createOrganisationWithOwner();
  const volunteer = await createUser();
  const other = await createUser();
  const { signup } = await createFlexibleSignup({ organisationId: organisation.id, userId: volunteer.id });
  const { signup: pending } = await createFlexibleSignup({ organisationId: organisation.id, userId: volunteer.id, status: "pending" });
  const { opportunity } = await createOrganisationWithOpportunity();
  const { signup: shiftSignup } = await createAttendedShift({ opportunityId: opportunity.id, userId: volunteer.id, startsAt: new Date(Date.now() - 48 * 3600 * 1000), hours: 2 });

  expect(await reportHours({ signupId: signup.id, volunteer, workedOn: zurichDateFromNow(1), hours: 2, note: null })).toEqual({ ok: false, reason: "future_date" });
  expect(await reportHours({ signupId: signup.id, volunteer, workedOn: zurichDateFromNow(-500), hours: 2, note: null })).toEqual({ ok: false, reason: "too_old" });
  expect(await reportHours({ signupId: signup.id, volunteer: other, workedOn: zurichDateFromNow(-1), hours: 2, note: null })).toEqual({ ok: false, reason: "not_found" });
  expect(await reportHours({ signupId: shiftSignup.id, volunteer, workedOn: zurichDateFromNow(-1), hours: 2, note: null })).toEqual({ ok: false, reason: "not_flexible" });
  expect(await reportHours({ signupId: pending.id, volunteer, workedOn: zurichDateFromNow(-1), hours: 2, note: null })).toEqual({ ok: false, reason: "not_confirmed" });
  // the database refuses hours out of range even if the domain were bypassed
  await expect(db.insertInto("hours_report").values({ signup_id: signup.id, worked_on: zurichDateFromNow(-1), hours: 25 }).execute()).rejects.toThrow();
  await expect(db.insertInto("hours_report").values({ signup_id: signup.id, worked_on: zurichDateFromNow(-1), hours: -1 }).execute()).rejects.toThrow();
  const count = await db.selectFrom("hours_report").select(sql<string>`count(*)`.as("n")).where("signup_id", "in", [signup.id, pending.id, shiftSignup.id]).executeTakeFirstOrThrow();
  expect(Number(count.n)).toBe(0);
});

test("another organisation's member can neither list nor decide the reports", async () => {
  const { organisation } = await createOrganisationWithOwner();
  const { owner: stranger } = await createOrganisationWithOwner();
  const volunteer = await createUser();
  const { opportunity, signup } = await createFlexibleSignup({ organisationId: organisation.id, userId: volunteer.id });
  const report = await reportHours({ signupId: signup.id, volunteer, workedOn: zurichDateFromNow(-2), hours: 2, note: null });
  if (!report.ok) throw new Error("refused");
  expect(await listHoursReportsForOrganisation({ orgId: organisation.id, opportunityId: opportunity.id, actor: stranger })).toBeNull();
  expect(await decideHoursReport({ orgId: organisation.id, opportunityId: opportunity.id, actor: stranger, reportId: report.id, decision: "confirm" })).toEqual({ ok: false, reason: "not_found" });
  const row = await db.selectFrom("hours_report").select("status").where("id", "=", report.id).executeTakeFirstOrThrow();
  expect(row.status).toBe("reported");
});
