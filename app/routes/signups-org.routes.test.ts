/**
 * The organisation's sign-up routes, called as Remix calls them: move up and message the shift (field messages
 * and 4xx on bad input, 404 for another organisation's ids), and an opportunity edit that lowers a shift's places
 * below the places taken: 400 with a message on that shift's places field, in both languages, nothing changed.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { getFixedT } from "~/i18n/i18n.server";
import {
  createOpportunity,
  createOrganisationWithOwner,
  createShift,
  createShiftForSignups,
  createVolunteers,
  opportunityFormData,
  zurichDateFromNow,
} from "~/testing/factories.server";
import { callRoute, formData } from "~/testing/route-call.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { zurichToUtc } from "~/utils/zurich-time";
import { signUp } from "~/domain/signups/signups.server";
import { action as editAction } from "./orgs.$slug.manage.opportunities.$id._index";
import { action as manageAction, loader as manageLoader } from "./orgs.$slug.manage.opportunities.$id.signups";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

test("the sign-up page: move up, message with its log; bad input is a field message; foreign ids 404, non-members 403", async () => {
  const made = await createShiftForSignups({ places: 1 });
  const volunteers = await createVolunteers(3);
  for (const v of volunteers) await signUp({ opportunityId: made.opportunity.id, shiftIds: [made.shift.id], volunteer: v });
  const params = { slug: made.organisation.slug, id: String(made.opportunity.id) };
  const path = `/orgs/${made.organisation.slug}/manage/opportunities/${made.opportunity.id}/signups`;
  const second = await db.selectFrom("signup").select("id").where("shift_id", "=", made.shift.id).where("waitlist_position", "=", 2).executeTakeFirstOrThrow();

  expect((await callRoute(manageAction, { token: made.ownerToken, path, params, form: formData({ intent: "move-up", signupId: String(second.id) }) })).status).toBe(302);
  const moved = await db.selectFrom("signup").select("waitlist_position").where("id", "=", second.id).executeTakeFirstOrThrow();
  expect(moved.waitlist_position).toBe(1);

  const shiftId = String(made.shift.id);
  const empty = await callRoute(manageAction, { token: made.ownerToken, path, params, form: formData({ intent: "message", shiftId, body: "   " }) });
  expect(empty.status).toBe(400);
  expect(empty.errors?.[`body-${shiftId}`]?.[0]?.key).toBe("signupsOrg.errors.messageEmpty");
  const long = await callRoute(manageAction, { token: made.ownerToken, path, params, form: formData({ intent: "message", shiftId, body: "x".repeat(2001) }) });
  expect(long.status).toBe(400);
  expect(long.errors?.[`body-${shiftId}`]?.[0]).toEqual({ key: "signupsOrg.errors.messageTooLong", values: { maximum: 2000 } });
  expect((await callRoute(manageAction, { token: made.ownerToken, path, params, form: formData({ intent: "message", shiftId, body: "Treffpunkt beim Eingang." }) })).status).toBe(302);

  // another organisation's shift: 404; someone who is not a member of this organisation: 403
  const other = await createShiftForSignups({ places: 1 });
  expect((await callRoute(manageAction, { token: made.ownerToken, path, params, form: formData({ intent: "message", shiftId: String(other.shift.id), body: "Hallo" }) })).status).toBe(404);
  const stranger = await createOrganisationWithOwner();
  expect((await callRoute(manageAction, { token: stranger.token, path, params, form: formData({ intent: "move-up", signupId: String(second.id) }) })).status).toBe(403);

  const page = await callRoute(manageLoader, { token: made.ownerToken, path, params });
  const shifts = page.body.shifts as { messages: { body: string; recipients: number }[] }[];
  expect(shifts[0]!.messages).toMatchObject([{ body: "Treffpunkt beim Eingang.", recipients: 1 }]);
  // no user ids reach the page
  expect(JSON.stringify(page.body)).not.toContain("userId");
});

test("lowering a shift's places below the places taken: 400 with a message on that shift's places field, nothing changed", async () => {
  const { organisation, owner, token } = await createOrganisationWithOwner();
  const opportunity = await createOpportunity({ organisation_id: organisation.id, schedule_kind: "one_off", total_places: null, category_id: "atelier" });
  const [takenDate, freeDate] = [zurichDateFromNow(14), zurichDateFromNow(15)];
  const shift = await createShift({ opportunity_id: opportunity.id, starts_at: zurichToUtc(takenDate, "14:00"), ends_at: zurichToUtc(takenDate, "17:00"), places: 3 });
  const volunteers = await createVolunteers(2);
  for (const v of volunteers) await signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer: v });
  void owner;
  const params = { slug: organisation.slug, id: String(opportunity.id) };
  const path = `/orgs/${organisation.slug}/manage/opportunities/${opportunity.id}`;
  // the taken shift in the second row, with 1 place for 2 taken
  const fields = opportunityFormData({
    shiftDate0: freeDate,
    shiftStart0: "09:00",
    shiftEnd0: "11:00",
    shiftPlaces0: "4",
    shiftDate1: takenDate,
    shiftStart1: "14:00",
    shiftEnd1: "17:00",
    shiftPlaces1: "1",
  });
  const result = await callRoute(editAction, { token, path, params, form: fields });
  expect(result.status).toBe(400);
  expect(result.errors).toEqual({ shiftPlaces1: [{ key: "signupsOrg.errors.placesBelowTaken", values: { taken: 2 } }] });
  for (const locale of ["de", "en"] as const) {
    const text = getFixedT(locale)("signupsOrg.errors.placesBelowTaken", { taken: 2 });
    expect(text).toContain("2");
    expect(text).not.toContain("signupsOrg");
  }
  const after = await db.selectFrom("shift").select(["places", "places_taken"]).where("opportunity_id", "=", opportunity.id).execute();
  expect(after).toEqual([{ places: 3, places_taken: 2 }]);

  // exactly the places taken is fine
  fields.set("shiftPlaces1", "2");
  expect((await callRoute(editAction, { token, path, params, form: fields })).status).toBe(302);
  const saved = await db.selectFrom("shift").select("places").where("id", "=", shift.id).executeTakeFirstOrThrow();
  expect(saved.places).toBe(2);
});

test("lowering a flexible opportunity's total places below the places taken: a message on total places, not a 500", async () => {
  const { organisation, token } = await createOrganisationWithOwner();
  const opportunity = await createOpportunity({ organisation_id: organisation.id, schedule_kind: "flexible", total_places: 3, category_id: "atelier" });
  const volunteers = await createVolunteers(2);
  for (const v of volunteers) await signUp({ opportunityId: opportunity.id, shiftIds: [], volunteer: v });
  const params = { slug: organisation.slug, id: String(opportunity.id) };
  const path = `/orgs/${organisation.slug}/manage/opportunities/${opportunity.id}`;
  const fields = opportunityFormData({ scheduleKind: "flexible", shiftDate0: "", shiftStart0: "", shiftEnd0: "", shiftPlaces0: "", totalPlaces: "1" });
  const result = await callRoute(editAction, { token, path, params, form: fields });
  expect(result.status).toBe(400);
  expect(result.errors?.totalPlaces?.[0]).toEqual({ key: "signupsOrg.errors.placesBelowTaken", values: { taken: 2 } });
  const row = await db.selectFrom("opportunity").select(["total_places", "places_taken"]).where("id", "=", opportunity.id).executeTakeFirstOrThrow();
  expect(row).toEqual({ total_places: 3, places_taken: 2 });
});
