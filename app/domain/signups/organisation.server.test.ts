import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { RATE_LIMITS } from "~/domain/auth/rate-limit.server";
import { createShiftForSignups, createUser, createVolunteerProfile, createVolunteers, createOrganisationWithOwner } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { cancelShift, listShiftMessages, listSignupsForOrganisation, messageShiftVolunteers, moveUpSignup, recordAttendance } from "./organisation.server";
import { reasonsForSignedUp } from "./reasons.server";
import { signUp } from "./signups.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

async function signupsOf(shiftId: number) {
  return db.selectFrom("signup").selectAll().where("shift_id", "=", shiftId).orderBy("id").execute();
}

/** a full shift: `places` confirmed, then `waiting` on the waitlist (positions 1..waiting, in this order) */
async function fullShift(places: number, waiting: number) {
  const made = await createShiftForSignups({ places });
  const volunteers = await createVolunteers(places + waiting);
  for (const v of volunteers) await signUp({ opportunityId: made.opportunity.id, shiftIds: [made.shift.id], volunteer: v });
  const scope = { orgId: made.organisation.id, opportunityId: made.opportunity.id, actor: made.owner };
  return { ...made, volunteers, scope };
}

test("move up without a free place: to waitlist position 1, the others one down, positions stay 1..n", async () => {
  const { shift, scope } = await fullShift(2, 4);
  const before = await signupsOf(shift.id);
  const third = before.find((r) => r.waitlist_position === 3)!;
  expect(await moveUpSignup({ ...scope, signupId: third.id })).toEqual({ ok: true, outcome: "first" });
  const after = await signupsOf(shift.id);
  const position = (id: number) => after.find((r) => r.id === id)!.waitlist_position;
  const [p1, p2, , p4] = [1, 2, 3, 4].map((p) => before.find((r) => r.waitlist_position === p)!.id);
  expect([position(third.id), position(p1), position(p2), position(p4)]).toEqual([1, 2, 3, 4]);
  expect(after.filter((r) => r.status === "confirmed")).toHaveLength(2);
  // a confirmed sign-up cannot be moved up; another organisation's member cannot see the sign-up at all
  const confirmed = after.find((r) => r.status === "confirmed")!;
  expect(await moveUpSignup({ ...scope, signupId: confirmed.id })).toEqual({ ok: false, reason: "not_allowed" });
  const stranger = await createOrganisationWithOwner();
  expect(await moveUpSignup({ ...scope, actor: stranger.owner, signupId: third.id })).toEqual({ ok: false, reason: "not_found" });
  expect(await moveUpSignup({ ...scope, orgId: stranger.organisation.id, signupId: third.id })).toEqual({ ok: false, reason: "not_found" });
  // after the start, nothing moves
  expect(await moveUpSignup({ ...scope, signupId: third.id, now: new Date(Date.now() + 8 * 24 * 3600 * 1000) })).toEqual({ ok: false, reason: "started" });
});

test("move up with a free place: confirmed at once and told by email; the positions behind close up", async () => {
  const { shift, scope, volunteers } = await fullShift(1, 3);
  // a free place with people waiting (raised directly, as an "offer" round or a raised limit can leave it)
  await db.updateTable("shift").set({ places: 2 }).where("id", "=", shift.id).execute();
  const before = await signupsOf(shift.id);
  const second = before.find((r) => r.waitlist_position === 2)!;
  expect(await moveUpSignup({ ...scope, signupId: second.id })).toEqual({ ok: true, outcome: "confirmed" });
  const after = await signupsOf(shift.id);
  expect(after.find((r) => r.id === second.id)).toMatchObject({ status: "confirmed", waitlist_position: null });
  expect(after.filter((r) => r.status === "waitlisted").map((r) => r.waitlist_position).sort()).toEqual([1, 2]);
  const row = await db.selectFrom("shift").select(["places", "places_taken"]).where("id", "=", shift.id).executeTakeFirstOrThrow();
  expect(row).toEqual({ places: 2, places_taken: 2 });
  const email = volunteers.find((v) => v.id === second.user_id)!.email!;
  const mails = await db.selectFrom("outbox").select("template").where("recipient", "=", email).orderBy("id").execute();
  expect(mails.map((m) => m.template)).toEqual(["signup_waitlisted", "signup_promoted"]);
});

test("a message to a shift goes to every confirmed volunteer in their language, is logged, and is rate limited per organisation", async () => {
  const made = await createShiftForSignups({ places: 3 });
  const scope = { orgId: made.organisation.id, opportunityId: made.opportunity.id, actor: made.owner };
  const [de] = await createVolunteers(1, { locale: "de" });
  const [en, waiting] = await createVolunteers(3, { locale: "en" }).then((v) => [v[0]!, v[2]!, v[1]!]);
  for (const v of [de, en, waiting]) await signUp({ opportunityId: made.opportunity.id, shiftIds: [made.shift.id], volunteer: v! });
  await db.updateTable("signup").set({ status: "waitlisted", waitlist_position: 1 }).where("user_id", "=", waiting!.id).execute();

  const body = "Bitte bringt warme Kleider mit.";
  expect(await messageShiftVolunteers({ ...scope, shiftId: made.shift.id, body })).toEqual({ ok: true, recipients: 2 });
  const mails = await db
    .selectFrom("outbox")
    .select(["recipient", "subject", "text_body", "template"])
    .where("recipient", "in", [de!.email!, en!.email!, waiting!.email!])
    .where("template", "=", "signup_org_message")
    .execute();
  expect(mails.map((m) => m.recipient).sort()).toEqual([de!.email!, en!.email!].sort());
  expect(mails.find((m) => m.recipient === de!.email)!.subject).toMatch(/^Nachricht von /);
  expect(mails.find((m) => m.recipient === en!.email)!.subject).toMatch(/^Message from /);
  expect(mails.every((m) => m.text_body.includes(body))).toBe(true);
  const log = await listShiftMessages({ orgId: made.organisation.id, opportunityId: made.opportunity.id });
  expect(log).toMatchObject([{ shiftId: made.shift.id, sender: made.owner.display_name, body, recipients: 2 }]);
  // another organisation sees no log and cannot send
  const stranger = await createOrganisationWithOwner();
  expect(await listShiftMessages({ orgId: stranger.organisation.id, opportunityId: made.opportunity.id })).toEqual([]);
  expect(await messageShiftVolunteers({ ...scope, actor: stranger.owner, shiftId: made.shift.id, body })).toEqual({ ok: false, reason: "not_found" });

  // the limit per organisation: the first message used one
  for (let i = 1; i < RATE_LIMITS.shiftMessagesPerOrganisation.limit; i++) {
    expect((await messageShiftVolunteers({ ...scope, shiftId: made.shift.id, body: `Nachricht ${i}` })).ok).toBe(true);
  }
  const refused = await messageShiftVolunteers({ ...scope, shiftId: made.shift.id, body: "eine zu viel" });
  expect(refused).toMatchObject({ ok: false, reason: "rate_limited" });
  const logged = await listShiftMessages({ orgId: made.organisation.id, opportunityId: made.opportunity.id });
  expect(logged).toHaveLength(RATE_LIMITS.shiftMessagesPerOrganisation.limit);
  expect(logged.some((m) => m.body === "eine zu viel")).toBe(false);
});

test("a message to a shift nobody is confirmed for, or a cancelled one, is refused and not logged", async () => {
  const made = await createShiftForSignups({ places: 3 });
  const scope = { orgId: made.organisation.id, opportunityId: made.opportunity.id, actor: made.owner };
  expect(await messageShiftVolunteers({ ...scope, shiftId: made.shift.id, body: "Hallo" })).toEqual({ ok: false, reason: "no_recipients" });
  const v = await createUser();
  await signUp({ opportunityId: made.opportunity.id, shiftIds: [made.shift.id], volunteer: v });
  await cancelShift({ ...scope, shiftId: made.shift.id, reason: null });
  expect(await messageShiftVolunteers({ ...scope, shiftId: made.shift.id, body: "Hallo" })).toEqual({ ok: false, reason: "not_allowed" });
  expect(await listShiftMessages({ orgId: made.organisation.id, opportunityId: made.opportunity.id })).toEqual([]);
});

test("matching reasons for signed-up volunteers with a profile, in the reader's language; none without a profile", async () => {
  const made = await createShiftForSignups({ places: 3, opportunity: { languages_helpful: ["ti"] } });
  const [withProfile, without] = await createVolunteers(2);
  await createVolunteerProfile(withProfile.id, { interests: ["konversationsgruppe"], languages: [["ti", "native"]], birth_year: 1980 });
  for (const v of [withProfile, without]) await signUp({ opportunityId: made.opportunity.id, shiftIds: [made.shift.id], volunteer: v });
  const listed = await listSignupsForOrganisation({ orgId: made.organisation.id, opportunityId: made.opportunity.id, actor: made.owner });
  const volunteers = listed!.shifts[0]!.signups.map((s) => ({ userId: s.userId, shifts: [{ startsAt: made.shift.starts_at, endsAt: made.shift.ends_at }] }));
  const en = await reasonsForSignedUp({ opportunityId: made.opportunity.id, volunteers, locale: "en" });
  expect(en.get(without.id)).toBeUndefined();
  const reasons = en.get(withProfile.id)!;
  expect(reasons).toContain("Speaks Tigrinya");
  expect(reasons.some((r) => r.startsWith("Interested in"))).toBe(true);
  // reasons only: nothing about age, and not the opportunity's own facts
  expect(reasons.join(" ")).not.toMatch(/1980|age|Newly posted|place left/i);
  const de = await reasonsForSignedUp({ opportunityId: made.opportunity.id, volunteers, locale: "de" });
  expect(de.get(withProfile.id)).toContain("Spricht Tigrinya");
});

test("the shared shift lookup: another organisation's shift is not found for cancelling or attendance", async () => {
  const made = await createShiftForSignups({ places: 3 });
  const other = await createShiftForSignups({ places: 3 });
  const scope = { orgId: made.organisation.id, opportunityId: made.opportunity.id, actor: made.owner };
  expect(await cancelShift({ ...scope, shiftId: other.shift.id, reason: null })).toEqual({ ok: false, reason: "not_found" });
  expect(await recordAttendance({ ...scope, shiftId: other.shift.id, entries: [] })).toEqual({ ok: false, reason: "not_found" });
  expect(await messageShiftVolunteers({ ...scope, shiftId: other.shift.id, body: "x" })).toEqual({ ok: false, reason: "not_found" });
});
