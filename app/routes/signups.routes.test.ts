/**
 * The sign-up routes, called as Remix calls them: bad input comes back as field messages with a 4xx status and no
 * row; someone else's sign-up is a 404; the organisation's page acts only on its own opportunities; the opportunity
 * page shows personal state only to the signed-in volunteer.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createShift, createShiftForSignups, createSessionFor, createUser } from "~/testing/factories.server";
import { callRoute, formData } from "~/testing/route-call.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { action as signupAction } from "./opportunities.$id_.signup";
import { loader as detailLoader } from "./opportunities.$id";
import { action as mySignupAction, loader as mySignupLoader } from "./me.signups.$id";
import { loader as mySignupsLoader } from "./me.signups._index";
import { loader as hoursLoader } from "./me.hours";
import { action as manageAction, loader as manageLoader } from "./orgs.$slug.manage.opportunities.$id.signups";
import { loader as csvLoader } from "./orgs.$slug.manage.opportunities.$id.signups[.csv]";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const HOUR = 3600 * 1000;

async function countSignups(userId: number) {
  const row = await db.selectFrom("signup").select(sql<number>`count(*)::int`.as("n")).where("user_id", "=", userId).executeTakeFirstOrThrow();
  return row.n;
}

test("signing up: anonymous → login and back; verified → redirect to the sign-up with a toast", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 2 });
  const params = { id: String(opportunity.id) };
  const anonymous = await callRoute(signupAction, { token: null, path: `/opportunities/${opportunity.id}/signup`, form: formData({ shiftId: String(shift.id) }), params });
  expect(anonymous.status).toBe(302);
  expect(anonymous.location).toBe(`/login?redirectTo=${encodeURIComponent(`/opportunities/${opportunity.id}/signup`)}`);

  const v = await createUser();
  const token = await createSessionFor(v.id);
  const done = await callRoute(signupAction, { token, path: `/opportunities/${opportunity.id}/signup`, form: formData({ shiftId: String(shift.id), message: "Hallo" }), params });
  expect(done.status).toBe(302);
  const row = await db.selectFrom("signup").selectAll().where("user_id", "=", v.id).executeTakeFirstOrThrow();
  expect(done.location).toBe(`/me/signups/${row.id}`);
  expect(done.response?.headers.get("Set-Cookie")).toContain("toast=");
  expect(row).toMatchObject({ status: "confirmed", message: "Hallo" });

  // the opportunity page: anonymous visitors get no personal data, the volunteer sees their status
  const anonymousPage = await callRoute(detailLoader, { token: null, path: `/opportunities/${opportunity.id}`, params });
  expect(anonymousPage.body.signup).toEqual({ mine: null, verified: true, askBirthYear: true });
  expect((anonymousPage.body.shifts as { placesLeft: number }[])[0].placesLeft).toBe(1);
  const ownPage = await callRoute(detailLoader, { token, path: `/opportunities/${opportunity.id}`, params });
  expect((ownPage.body.signup as { mine: unknown[] }).mine).toEqual([{ id: row.id, shiftId: shift.id, status: "confirmed", waitlistPosition: null }]);
});

test("bad input: no, unknown, foreign, repeated, 100 shift ids, too long a message, past shift, unverified → 4xx, no row", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 2, opportunity: { min_age: 16 } });
  const other = await createShiftForSignups();
  const past = await createShift({ opportunity_id: opportunity.id, starts_at: new Date(Date.now() - 3 * HOUR), ends_at: new Date(Date.now() - HOUR) });
  const v = await createUser();
  const token = await createSessionFor(v.id);
  const params = { id: String(opportunity.id) };
  const path = `/opportunities/${opportunity.id}/signup`;
  const cases: [Record<string, string | string[]>, number, string, string][] = [
    [{ birthYear: "1990" }, 400, "shiftId", "signups.errors.chooseShift"],
    [{ shiftId: "abc", birthYear: "1990" }, 400, "shiftId", "signups.errors.unknownShift"],
    [{ shiftId: "999999999", birthYear: "1990" }, 400, "shiftId", "signups.errors.unknownShift"],
    [{ shiftId: String(other.shift.id), birthYear: "1990" }, 400, "shiftId", "signups.errors.unknownShift"],
    [{ shiftId: [String(shift.id), String(shift.id)], birthYear: "1990" }, 400, "shiftId", "signups.errors.repeatedShift"],
    [{ shiftId: Array.from({ length: 100 }, (_, i) => String(i + 1)), birthYear: "1990" }, 400, "shiftId", "signups.errors.tooManyShifts"],
    [{ shiftId: String(shift.id), birthYear: "1990", message: "x".repeat(1001) }, 400, "message", "validation.tooLong"],
    [{ shiftId: String(past.id), birthYear: "1990" }, 409, "shiftId", "signups.errors.pastShift"],
    [{ shiftId: String(shift.id) }, 400, "birthYear", "signups.errors.birthYearNeeded"],
    [{ shiftId: String(shift.id), birthYear: "90" }, 400, "birthYear", "signups.errors.birthYear"],
    [{ shiftId: String(shift.id), birthYear: String(new Date().getFullYear() + 1) }, 400, "birthYear", "signups.errors.birthYear"],
    [{ shiftId: String(shift.id), birthYear: String(new Date().getFullYear() - 10) }, 400, "birthYear", "signups.errors.minAge"],
  ];
  for (const [fields, status, field, key] of cases) {
    const result = await callRoute(signupAction, { token, path, form: formData(fields), params });
    expect({ fields: Object.keys(fields), status: result.status, key: result.errors?.[field]?.[0]?.key }).toEqual({ fields: Object.keys(fields), status, key });
  }
  expect(await countSignups(v.id)).toBe(0);

  const unverified = await createUser({ verified: false });
  const refused = await callRoute(signupAction, { token: await createSessionFor(unverified.id), path, form: formData({ shiftId: String(shift.id), birthYear: "1990" }), params });
  expect(refused.status).toBe(403);
  expect(refused.errors?.form?.[0]?.key).toBe("signups.errors.verifyEmail");
  expect(await countSignups(unverified.id)).toBe(0);
});

test("own sign-up pages: list, detail, cancel with reason; someone else's is 404", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 1, opportunity: { address: "Geheimweg 1, 5000 Aarau", address_private: true } });
  const [a, b] = [await createUser(), await createUser()];
  const [ta, tb] = [await createSessionFor(a.id), await createSessionFor(b.id)];
  const params = { id: String(opportunity.id) };
  await callRoute(signupAction, { token: ta, path: "/x", form: formData({ shiftId: String(shift.id) }), params });
  await callRoute(signupAction, { token: tb, path: "/x", form: formData({ shiftId: String(shift.id) }), params });
  const [sa, sb] = await db.selectFrom("signup").selectAll().where("shift_id", "=", shift.id).orderBy("id").execute();

  const list = await callRoute(mySignupsLoader, { token: tb, path: "/me/signups", params: {} });
  expect((list.body.upcoming as { id: number; status: string; waitlistPosition: number }[]).map((s) => [s.id, s.status, s.waitlistPosition])).toEqual([[sb.id, "waitlisted", 1]]);

  const detailA = await callRoute(mySignupLoader, { token: ta, path: `/me/signups/${sa.id}`, params: { id: String(sa.id) } });
  expect((detailA.body.signup as { address: string | null }).address).toBe("Geheimweg 1, 5000 Aarau");
  const detailB = await callRoute(mySignupLoader, { token: tb, path: `/me/signups/${sb.id}`, params: { id: String(sb.id) } });
  expect((detailB.body.signup as { address: string | null }).address).toBeNull();
  expect((await callRoute(mySignupLoader, { token: tb, path: "/", params: { id: String(sa.id) } })).status).toBe(404);
  expect((await callRoute(mySignupAction, { token: tb, path: "/", form: formData({ intent: "cancel" }), params: { id: String(sa.id) } })).status).toBe(404);
  expect((await callRoute(mySignupAction, { token: ta, path: "/", form: formData({ intent: "explode" }), params: { id: String(sa.id) } })).status).toBe(400);

  const cancelled = await callRoute(mySignupAction, { token: ta, path: "/", form: formData({ intent: "cancel", reason: "Ich bin krank" }), params: { id: String(sa.id) } });
  expect(cancelled.status).toBe(302);
  const after = await db.selectFrom("signup").select(["id", "status", "cancel_reason"]).where("shift_id", "=", shift.id).orderBy("id").execute();
  expect(after).toEqual([
    { id: sa.id, status: "cancelled", cancel_reason: "Ich bin krank" },
    { id: sb.id, status: "confirmed", cancel_reason: null },
  ]);
  // cancelling twice: a clear 409, not a 500
  expect((await callRoute(mySignupAction, { token: ta, path: "/", form: formData({ intent: "cancel" }), params: { id: String(sa.id) } })).status).toBe(409);
});

test("organisation: confirm, decline with reason, foreign organisation 403/404, CSV with BOM and escaping, attendance after the start", async () => {
  const { organisation, ownerToken, opportunity, shift } = await createShiftForSignups({ places: 2, opportunity: { needs_confirmation: true } });
  const volunteers = [await createUser({ displayName: "=HYPERLINK(1)" }), await createUser(), await createUser()];
  for (const v of volunteers) await callRoute(signupAction, { token: await createSessionFor(v.id), path: "/x", form: formData({ shiftId: String(shift.id) }), params: { id: String(opportunity.id) } });
  const rows = await db.selectFrom("signup").selectAll().where("shift_id", "=", shift.id).orderBy("id").execute();
  expect(rows.map((r) => r.status)).toEqual(["pending", "pending", "waitlisted"]);
  const params = { slug: organisation.slug, id: String(opportunity.id) };
  const path = `/orgs/${organisation.slug}/manage/opportunities/${opportunity.id}/signups`;

  const page = await callRoute(manageLoader, { token: ownerToken, path, params });
  const shown = (page.body.shifts as { signups: { email: string | null; status: string }[] }[])[0].signups;
  expect(shown.every((s) => s.email === null)).toBe(true);

  expect((await callRoute(manageAction, { token: ownerToken, path, form: formData({ intent: "confirm", signupId: String(rows[0].id) }), params })).status).toBe(302);
  const declined = await callRoute(manageAction, { token: ownerToken, path, form: formData({ intent: "decline", signupId: String(rows[1].id), reason: "Zu viele" }), params });
  expect(declined.status).toBe(302);
  const after = await db.selectFrom("signup").select(["status", "decline_reason", "waitlist_position"]).where("shift_id", "=", shift.id).orderBy("id").execute();
  // the freed place goes to the waitlisted volunteer (confirmed at once: the waitlist promotes)
  expect(after).toEqual([
    { status: "confirmed", decline_reason: null, waitlist_position: null },
    { status: "declined", decline_reason: "Zu viele", waitlist_position: null },
    { status: "confirmed", decline_reason: null, waitlist_position: null },
  ]);
  const templates = await db.selectFrom("outbox").select("template").where("recipient", "=", volunteers[1].email).orderBy("id").execute();
  expect(templates.map((t) => t.template)).toEqual(["signup_received", "signup_declined"]);

  // another organisation's owner: 403 on this organisation's page, and its own slug with this opportunity id: 404
  const stranger = await createShiftForSignups();
  expect((await callRoute(manageLoader, { token: stranger.ownerToken, path, params })).status).toBe(403);
  const foreign = await callRoute(manageAction, {
    token: stranger.ownerToken,
    path,
    form: formData({ intent: "confirm", signupId: String(rows[0].id) }),
    params: { slug: stranger.organisation.slug, id: String(opportunity.id) },
  });
  expect(foreign.status).toBe(404);

  const csv = await callRoute(csvLoader, { token: ownerToken, path: `${path}.csv?shift=${shift.id}`, params });
  const bytes = new Uint8Array(await csv.response!.arrayBuffer());
  expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes);
  expect(text).toContain(";");
  expect(text).toContain("'=HYPERLINK(1)");
  expect(text).toContain(volunteers[0].email);

  // attendance: refused before the start, saved after it (with default hours = shift length)
  const attendance = formData({ intent: "attendance", shiftId: String(shift.id), [`attendance-${rows[0].id}`]: "attended", [`attendance-${rows[2].id}`]: "no_show" });
  expect((await callRoute(manageAction, { token: ownerToken, path, form: attendance, params })).status).toBe(409);
  await db.updateTable("shift").set({ starts_at: new Date(Date.now() - 3 * HOUR), ends_at: new Date(Date.now() - HOUR) }).where("id", "=", shift.id).execute();
  const badHours = formData({ intent: "attendance", shiftId: String(shift.id), [`attendance-${rows[0].id}`]: "attended", [`hours-${rows[0].id}`]: "-3" });
  expect((await callRoute(manageAction, { token: ownerToken, path, form: badHours, params })).status).toBe(400);
  const hugeHours = formData({ intent: "attendance", shiftId: String(shift.id), [`attendance-${rows[0].id}`]: "attended", [`hours-${rows[0].id}`]: "99" });
  expect((await callRoute(manageAction, { token: ownerToken, path, form: hugeHours, params })).status).toBe(400);
  const wrongSignup = formData({ intent: "attendance", shiftId: String(shift.id), [`attendance-${rows[1].id}`]: "attended" });
  expect((await callRoute(manageAction, { token: ownerToken, path, form: wrongSignup, params })).status).toBe(409);
  expect((await callRoute(manageAction, { token: ownerToken, path, form: attendance, params })).status).toBe(302);
  const final = await db.selectFrom("signup").select(["status", "hours"]).where("shift_id", "=", shift.id).orderBy("id").execute();
  expect(final.map((r) => [r.status, r.hours === null ? null : Number(r.hours)])).toEqual([
    ["attended", 2],
    ["declined", null],
    ["no_show", null],
  ]);
});

test("organisation cancels a future shift: everyone active is cancelled and told, the shift leaves the public page", async () => {
  const { organisation, ownerToken, opportunity, shift } = await createShiftForSignups({ places: 1 });
  const [a, b] = [await createUser(), await createUser()];
  for (const v of [a, b]) await callRoute(signupAction, { token: await createSessionFor(v.id), path: "/x", form: formData({ shiftId: String(shift.id) }), params: { id: String(opportunity.id) } });
  const params = { slug: organisation.slug, id: String(opportunity.id) };
  const done = await callRoute(manageAction, { token: ownerToken, path: "/x", form: formData({ intent: "cancel-shift", shiftId: String(shift.id), reason: "Raum besetzt" }), params });
  expect(done.status).toBe(302);
  const rows = await db.selectFrom("signup").select(["status", "cancelled_by_role"]).where("shift_id", "=", shift.id).execute();
  expect(rows).toEqual([
    { status: "cancelled", cancelled_by_role: "organisation" },
    { status: "cancelled", cancelled_by_role: "organisation" },
  ]);
  const mail = await db.selectFrom("outbox").select(["template", "text_body"]).where("recipient", "=", b.email).orderBy("id", "desc").executeTakeFirstOrThrow();
  expect(mail.template).toBe("signup_cancelled_by_organisation");
  expect(mail.text_body).toContain("Raum besetzt");
  const page = await callRoute(detailLoader, { token: null, path: "/x", params: { id: String(opportunity.id) } });
  expect(page.body.shifts).toEqual([]);
});

test("/me/hours sums attended hours per organisation and year", async () => {
  const { organisation, opportunity } = await createShiftForSignups();
  const v = await createUser();
  const year = new Date("2025-06-10T08:00:00Z");
  for (const [offset, hours] of [[0, 2], [1, 1.5]] as const) {
    const past = await createShift({ opportunity_id: opportunity.id, starts_at: new Date(year.getTime() + offset * 24 * HOUR), ends_at: new Date(year.getTime() + offset * 24 * HOUR + 2 * HOUR) });
    await db.insertInto("signup").values({ opportunity_id: opportunity.id, shift_id: past.id, user_id: v.id, status: "attended", hours }).execute();
  }
  const noShow = await createShift({ opportunity_id: opportunity.id, starts_at: new Date(year.getTime() + 2 * 24 * HOUR), ends_at: new Date(year.getTime() + 2 * 24 * HOUR + HOUR) });
  await db.insertInto("signup").values({ opportunity_id: opportunity.id, shift_id: noShow.id, user_id: v.id, status: "no_show" }).execute();
  const page = await callRoute(hoursLoader, { token: await createSessionFor(v.id), path: "/me/hours", params: {} });
  expect(page.body.rows).toEqual([{ organisation: organisation.name, year: 2025, hours: 3.5, shifts: 2 }]);
  expect(page.body.total).toBe(3.5);
});
