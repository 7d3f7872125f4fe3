import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createOpportunity, createShift, createShiftForSignups, createUser, createVolunteerProfile, createVolunteers } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { getPublicOpportunity } from "~/domain/opportunities/detail.server";
import { cancelOwnSignup, expireOffers, respondToOffer, signUp } from "./signups.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const HOUR = 3600 * 1000;

async function signupsOf(shiftId: number) {
  return db.selectFrom("signup").selectAll().where("shift_id", "=", shiftId).orderBy("id").execute();
}

async function mailTo(email: string) {
  return db.selectFrom("outbox").select(["template", "text_body"]).where("recipient", "=", email).orderBy("id").execute();
}

test("200 concurrent sign-ups for a 10-place shift: exactly 10 confirmed, 190 waitlisted with positions 1–190", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 10 });
  const volunteers = await createVolunteers(200);
  const results = await Promise.all(
    volunteers.map((v) => signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer: v })),
  );
  expect(results.every((r) => r.ok)).toBe(true);
  const rows = await signupsOf(shift.id);
  expect(rows).toHaveLength(200);
  expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(10);
  const waitlisted = rows.filter((r) => r.status === "waitlisted");
  expect(waitlisted).toHaveLength(190);
  expect(waitlisted.map((r) => r.waitlist_position).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
  const after = await db.selectFrom("shift").select(["places", "places_taken"]).where("id", "=", shift.id).executeTakeFirstOrThrow();
  expect(after.places_taken).toBe(10);

  // cancelling one confirmed sign-up promotes waitlist position 1 in the same transaction
  const confirmed = rows.find((r) => r.status === "confirmed")!;
  const first = waitlisted.find((r) => r.waitlist_position === 1)!;
  const second = waitlisted.find((r) => r.waitlist_position === 2)!;
  const cancelled = await cancelOwnSignup({ signupId: confirmed.id, volunteer: { id: confirmed.user_id }, reason: "krank" });
  expect(cancelled).toEqual({ ok: true });
  const again = await signupsOf(shift.id);
  const byId = new Map(again.map((r) => [r.id, r]));
  expect(byId.get(confirmed.id)).toMatchObject({ status: "cancelled", cancel_reason: "krank", cancelled_by_role: "volunteer" });
  expect(byId.get(first.id)).toMatchObject({ status: "confirmed", waitlist_position: null });
  expect(byId.get(second.id)).toMatchObject({ status: "waitlisted", waitlist_position: 1 });
  expect(again.filter((r) => r.status === "waitlisted").map((r) => r.waitlist_position).sort((a, b) => a! - b!)).toEqual(
    Array.from({ length: 189 }, (_, i) => i + 1),
  );
  const promotedUser = volunteers.find((v) => v.id === first.user_id)!;
  expect((await mailTo(promotedUser.email!)).map((m) => m.template)).toEqual(["signup_waitlisted", "signup_promoted"]);
}, 120_000);

test("the same volunteer posting five times at once gets one row", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 3 });
  const volunteer = await createUser();
  const results = await Promise.all(
    Array.from({ length: 5 }, () => signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer })),
  );
  expect(results.every((r) => r.ok)).toBe(true);
  const rows = await signupsOf(shift.id);
  expect(rows).toHaveLength(1);
  expect(rows[0].status).toBe("confirmed");
  expect(results.filter((r) => r.ok && r.outcomes[0].already)).toHaveLength(4);
  expect((await mailTo(volunteer.email)).map((m) => m.template)).toEqual(["signup_confirmed"]);
});

test("the database refuses more places taken than there are, and lowering places below them", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 1 });
  const [a, b] = await createVolunteers(2);
  await signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer: a });
  // a direct write that skips the domain still cannot overbook
  await expect(
    db.insertInto("signup").values({ opportunity_id: opportunity.id, shift_id: shift.id, user_id: b.id, status: "confirmed" }).execute(),
  ).rejects.toThrow(/shift_places_taken_within/);
  await expect(db.updateTable("shift").set({ places: 2 }).where("id", "=", shift.id).execute()).resolves.toBeDefined();
  await signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer: b });
  await expect(db.updateTable("shift").set({ places: 1 }).where("id", "=", shift.id).execute()).rejects.toThrow(/shift_places_taken_within/);
  // and a shift with sign-ups cannot be deleted
  await expect(db.deleteFrom("shift").where("id", "=", shift.id).execute()).rejects.toThrow();
});

test("needs confirmation: pending holds a place; places left on the detail page subtract it", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 2, opportunity: { needs_confirmation: true } });
  const [a, b, c] = await createVolunteers(3);
  for (const v of [a, b, c]) await signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer: v, message: "Ich freue mich" });
  const rows = await signupsOf(shift.id);
  expect(rows.map((r) => r.status)).toEqual(["pending", "pending", "waitlisted"]);
  expect(rows[0].message).toBe("Ich freue mich");
  const detail = await getPublicOpportunity({ id: opportunity.id, locale: "de" });
  expect(detail?.shifts[0]).toMatchObject({ places: 2, placesLeft: 0 });
  expect((await mailTo(a.email!)).map((m) => m.template)).toEqual(["signup_received"]);
});

test("offer mode: a freed place is offered; accepting confirms; an expired offer moves to the next in line", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 1, opportunity: { waitlist_mode: "offer", offer_hours: 24 } });
  const [a, b, c] = await createVolunteers(3);
  for (const v of [a, b, c]) await signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer: v });
  const [sa, sb, sc] = await signupsOf(shift.id);
  await cancelOwnSignup({ signupId: sa.id, volunteer: a });
  expect((await signupsOf(shift.id)).map((r) => [r.status, r.waitlist_position])).toEqual([
    ["cancelled", null],
    ["offered", null],
    ["waitlisted", 1],
  ]);
  // somebody else cannot take the offered place
  const late = await createUser();
  const lateResult = await signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer: late });
  expect(lateResult.ok && lateResult.outcomes[0]).toMatchObject({ status: "waitlisted", waitlistPosition: 2 });

  // nothing expires before its time (only this opportunity's offers: the database is shared with other files)
  await expireOffers({ now: new Date(Date.now() + 23 * HOUR), opportunityId: opportunity.id });
  expect((await signupsOf(shift.id)).find((r) => r.id === sb.id)?.status).toBe("offered");
  const later = new Date(Date.now() + 25 * HOUR);
  expect((await expireOffers({ now: later, opportunityId: opportunity.id })).expired).toBe(1);
  const after = await signupsOf(shift.id);
  expect(after.find((r) => r.id === sb.id)).toMatchObject({ status: "cancelled", cancelled_by_role: "system" });
  expect(after.find((r) => r.id === sc.id)).toMatchObject({ status: "offered" });
  // accepting after the expiry is refused; b's offer is gone anyway
  expect(await respondToOffer({ signupId: sb.id, volunteer: b, accept: true, now: later })).toEqual({ ok: false, reason: "not_allowed" });
  expect(await respondToOffer({ signupId: sc.id, volunteer: c, accept: true, now: new Date(Date.now() + 200 * HOUR) })).toEqual({
    ok: false,
    reason: "offer_expired",
  });
  expect(await respondToOffer({ signupId: sc.id, volunteer: c, accept: true, now: later })).toEqual({ ok: true });
  expect((await signupsOf(shift.id)).find((r) => r.id === sc.id)?.status).toBe("confirmed");
  expect((await mailTo(b.email!)).map((m) => m.template)).toEqual(["signup_waitlisted", "signup_offered", "signup_offer_expired"]);
});

test("bad input: unpublished, past, cancelled, foreign and unknown shifts, minimum age: a reason and no row", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 3, opportunity: { min_age: 18 } });
  const other = await createShiftForSignups();
  const past = await createShift({ opportunity_id: opportunity.id, starts_at: new Date(Date.now() - 2 * HOUR), ends_at: new Date(Date.now() - HOUR) });
  const cancelled = await createShift({ opportunity_id: opportunity.id, cancelled_at: new Date() });
  const draft = await createOpportunity({ status: "draft", published_at: null, schedule_kind: "one_off", total_places: null });
  const v = await createUser();
  const base = { opportunityId: opportunity.id, volunteer: v, birthYear: 1990 };
  expect(await signUp({ ...base, shiftIds: [shift.id], birthYear: null })).toEqual({ ok: false, reason: "age_needed" });
  expect(await signUp({ ...base, shiftIds: [shift.id], birthYear: new Date().getFullYear() - 10 })).toEqual({ ok: false, reason: "min_age" });
  expect(await signUp({ ...base, shiftIds: [] })).toEqual({ ok: false, reason: "no_shift_chosen" });
  expect(await signUp({ ...base, shiftIds: [shift.id, other.shift.id] })).toEqual({ ok: false, reason: "unknown_shift", shiftId: other.shift.id });
  expect(await signUp({ ...base, shiftIds: [999_999_999] })).toEqual({ ok: false, reason: "unknown_shift", shiftId: 999_999_999 });
  expect(await signUp({ ...base, shiftIds: [shift.id, past.id] })).toEqual({ ok: false, reason: "past_shift", shiftId: past.id });
  expect(await signUp({ ...base, shiftIds: [cancelled.id] })).toEqual({ ok: false, reason: "cancelled_shift", shiftId: cancelled.id });
  expect(await signUp({ ...base, opportunityId: draft.id, shiftIds: [] })).toEqual({ ok: false, reason: "unpublished" });
  const count = await db.selectFrom("signup").select(sql<number>`count(*)::int`.as("n")).where("user_id", "=", v.id).executeTakeFirstOrThrow();
  expect(count.n).toBe(0);
  // someone else's sign-up cannot be cancelled
  const ok = await signUp({ ...base, shiftIds: [shift.id, shift.id] });
  expect(ok.ok && ok.outcomes).toHaveLength(1);
  const stranger = await createUser();
  const mine = ok.ok ? ok.outcomes[0].signupId : 0;
  expect(await cancelOwnSignup({ signupId: mine, volunteer: stranger })).toEqual({ ok: false, reason: "not_found" });
  // after the start it is too late to cancel
  expect(await cancelOwnSignup({ signupId: mine, volunteer: v, now: new Date(Date.now() + 8 * 24 * HOUR) })).toEqual({ ok: false, reason: "started" });
});

test("flexible opportunities count against total places; cancelling and signing up again reuses the row", async () => {
  const opportunity = await createOpportunity({ schedule_kind: "flexible", total_places: 1 });
  const [a, b] = await createVolunteers(2);
  const ra = await signUp({ opportunityId: opportunity.id, shiftIds: [], volunteer: a });
  const rb = await signUp({ opportunityId: opportunity.id, shiftIds: [], volunteer: b });
  expect(ra.ok && ra.outcomes[0].status).toBe("confirmed");
  expect(rb.ok && rb.outcomes[0]).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
  expect(await signUp({ opportunityId: opportunity.id, shiftIds: [1], volunteer: a })).toEqual({ ok: false, reason: "shift_not_flexible" });
  const aId = ra.ok ? ra.outcomes[0].signupId : 0;
  await cancelOwnSignup({ signupId: aId, volunteer: a });
  const bRow = await db.selectFrom("signup").selectAll().where("user_id", "=", b.id).executeTakeFirstOrThrow();
  expect(bRow.status).toBe("confirmed");
  const again = await signUp({ opportunityId: opportunity.id, shiftIds: [], volunteer: a });
  expect(again.ok && again.outcomes[0]).toMatchObject({ signupId: aId, status: "waitlisted", waitlistPosition: 1 });
  const detail = await getPublicOpportunity({ id: opportunity.id, locale: "de" });
  expect(detail?.flexiblePlaces).toEqual({ total: 1, left: 0 });
});

test("minimum age from the profile: a year of birth or an age band settles it, else the form's year (saved to the profile)", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 5, opportunity: { min_age: 17 } });
  const year = new Date().getFullYear();
  const [young, old, band, straddling, fresh, freshYoung] = await createVolunteers(6);
  await createVolunteerProfile(young.id, { birth_year: year - 15 });
  await createVolunteerProfile(old.id, { birth_year: year - 40 });
  await createVolunteerProfile(band.id, { age_band: "26_64" });
  await createVolunteerProfile(straddling.id, { age_band: "16_17" });
  const base = { opportunityId: opportunity.id, shiftIds: [shift.id] };

  expect(await signUp({ ...base, volunteer: young })).toEqual({ ok: false, reason: "min_age" });
  expect((await signUp({ ...base, volunteer: old })).ok).toBe(true);
  expect((await signUp({ ...base, volunteer: band })).ok).toBe(true);
  // 16–17 may be 16 or 17: the form asks for the year
  expect(await signUp({ ...base, volunteer: straddling })).toEqual({ ok: false, reason: "age_needed" });
  expect(await signUp({ ...base, volunteer: fresh })).toEqual({ ok: false, reason: "age_needed" });
  // too young by the year given: no sign-up, and nothing saved
  expect(await signUp({ ...base, volunteer: freshYoung, birthYear: year - 16 })).toEqual({ ok: false, reason: "min_age" });
  expect(await db.selectFrom("volunteer_profile").select("user_id").where("user_id", "=", freshYoung.id).executeTakeFirst()).toBeUndefined();
  // old enough by the year given: signed up, and the year is in the profile (no home needed for that)
  const ok = await signUp({ ...base, volunteer: fresh, birthYear: year - 17 });
  expect(ok.ok && ok.outcomes[0].status).toBe("confirmed");
  expect(await db.selectFrom("volunteer_profile").select(["birth_year", "bfs_nr", "suggestions_opt_in"]).where("user_id", "=", fresh.id).executeTakeFirst()).toEqual({
    birth_year: year - 17,
    bfs_nr: null,
    suggestions_opt_in: false,
  });
  const rows = await signupsOf(shift.id);
  expect(rows.map((r) => r.user_id).sort((a, b) => a - b)).toEqual([old.id, band.id, fresh.id].sort((a, b) => a - b));
});

test("a flexible opportunity without a number of places has no limit", async () => {
  const opportunity = await createOpportunity({ schedule_kind: "flexible", total_places: null });
  const volunteers = await createVolunteers(3);
  for (const v of volunteers) {
    const result = await signUp({ opportunityId: opportunity.id, shiftIds: [], volunteer: v });
    expect(result.ok && result.outcomes[0].status).toBe("confirmed");
  }
});

test("the emails rendered ahead carry the new sign-up's own id and waitlist position; several shifts still get one email per outcome", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 1 });
  const second = await createShift({ opportunity_id: opportunity.id, places: 1 });
  const [first, waiting, both] = await createVolunteers(3);
  const confirmed = await signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer: first });
  const waitlisted = await signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer: waiting });
  if (!confirmed.ok || !waitlisted.ok) throw new Error("sign-up refused");
  const [confirmedMail] = await mailTo(first.email!);
  expect(confirmedMail.template).toBe("signup_confirmed");
  expect(confirmedMail.text_body).toContain(`/me/signups/${confirmed.outcomes[0].signupId}/calendar.ics`);
  expect(confirmedMail.text_body).toContain(`/me/signups/${confirmed.outcomes[0].signupId}\n`);
  expect(confirmedMail.text_body).not.toMatch(/signupid|position[0-9a-f]{32}/);
  const [waitlistedMail] = await mailTo(waiting.email!);
  expect(waitlistedMail.template).toBe("signup_waitlisted");
  expect(waitlistedMail.text_body).toContain(`/me/signups/${waitlisted.outcomes[0].signupId}`);
  expect(waitlistedMail.text_body).toContain("Dein Platz auf der Warteliste: 1.");
  expect(waitlistedMail.text_body).not.toMatch(/signupid|position[0-9a-f]{32}/);
  const html = await db.selectFrom("outbox").select(["html_body", "subject"]).where("recipient", "=", waiting.email!).executeTakeFirstOrThrow();
  expect(html.html_body).toContain(`/me/signups/${waitlisted.outcomes[0].signupId}"`);

  // shift 1 is full (waitlist position 2), shift 2 has its place: one confirmed and one waitlisted email
  const mixed = await signUp({ opportunityId: opportunity.id, shiftIds: [shift.id, second.id], volunteer: both });
  expect(mixed.ok && mixed.outcomes.map((o) => [o.status, o.waitlistPosition])).toEqual([
    ["waitlisted", 2],
    ["confirmed", null],
  ]);
  const mixedMail = await mailTo(both.email!);
  expect(mixedMail.map((m) => m.template).sort()).toEqual(["signup_confirmed", "signup_waitlisted"]);
  expect(mixedMail.find((m) => m.template === "signup_waitlisted")!.text_body).toContain("Dein Platz auf der Warteliste: 2.");
});
