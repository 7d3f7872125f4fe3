/**
 * Invitations on the real database: opt-in required, one per volunteer and opportunity, at most 3 per volunteer
 * in 7 days across organisations (also when sent at the same moment), only the organisation's own published
 * opportunities, the email with its one-click unsubscribe, and the volunteer's answer (own invitations only).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { sql } from "kysely";
import { closeDatabase, db } from "~db/client.server";
import { createOpportunity, createOrganisationWithOwner, createUser, createVolunteerProfile } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { exportMatchingData } from "./export.server";
import { answerInvitation, countPendingInvitations, inviteVolunteer, listInvitations } from "./invitations.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

async function optedIn(optIn = true) {
  const user = await createUser();
  await createVolunteerProfile(user.id, { suggestions_opt_in: optIn });
  return user;
}

async function orgWithOpportunity() {
  const { organisation, owner } = await createOrganisationWithOwner();
  const opportunity = await createOpportunity({ organisation_id: organisation.id });
  return { organisation, owner, opportunity };
}

function invite(o: Awaited<ReturnType<typeof orgWithOpportunity>>, volunteerId: number, opportunityId = o.opportunity.id) {
  return inviteVolunteer({ opportunityId, organisationId: o.organisation.id, volunteerId, invitedBy: o.owner.id });
}

async function invitationsOf(userId: number) {
  return db.selectFrom("match_invitation").selectAll().where("volunteer_id", "=", userId).execute();
}

async function mailsTo(email: string) {
  return db.selectFrom("outbox").select(["template", "text_body", "headers"]).where("recipient", "=", email).execute();
}

test("an opted-in volunteer is invited once: the email carries the List-Unsubscribe headers and link", async () => {
  const o = await orgWithOpportunity();
  const v = await optedIn();
  const result = await invite(o, v.id);
  expect(result.ok).toBe(true);
  const mails = await mailsTo(v.email);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.template).toBe("match_invitation");
  const headers = mails[0]!.headers as Record<string, string>;
  expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  const link = /^<(http[^>]+\/u\/[^>]+)>$/.exec(headers["List-Unsubscribe"] ?? "")?.[1];
  expect(link).toBeTruthy();
  expect(mails[0]!.text_body).toContain(link!);
  expect(mails[0]!.text_body).toContain(o.opportunity.title);

  // the same opportunity again: refused, nothing new written
  expect(await invite(o, v.id)).toEqual({ ok: false, error: "alreadyInvited" });
  expect(await invitationsOf(v.id)).toHaveLength(1);
  expect(await mailsTo(v.email)).toHaveLength(1);
});

test("a volunteer without the opt-in (or without a profile) cannot be invited", async () => {
  const o = await orgWithOpportunity();
  const notOptedIn = await optedIn(false);
  const noProfile = await createUser();
  expect(await invite(o, notOptedIn.id)).toEqual({ ok: false, error: "notOptedIn" });
  expect(await invite(o, noProfile.id)).toEqual({ ok: false, error: "notOptedIn" });
  expect(await invitationsOf(notOptedIn.id)).toHaveLength(0);
  expect(await mailsTo(notOptedIn.email)).toHaveLength(0);
});

test("only the organisation's own published opportunities", async () => {
  const o = await orgWithOpportunity();
  const other = await orgWithOpportunity();
  const draft = await createOpportunity({ organisation_id: o.organisation.id, status: "draft" });
  const v = await optedIn();
  expect(await invite(o, v.id, other.opportunity.id)).toEqual({ ok: false, error: "notFound" });
  expect(await invite(o, v.id, draft.id)).toEqual({ ok: false, error: "notFound" });
  expect(await invitationsOf(v.id)).toHaveLength(0);
});

test("at most 3 invitations per volunteer in 7 days, across organisations; older ones do not count", async () => {
  const v = await optedIn();
  // the per-recipient mail budget (3 a day) is a separate limit: this test is about the weekly one
  const orgs = await Promise.all([1, 2, 3, 4, 5].map(() => orgWithOpportunity()));
  const old = await invite(orgs[0]!, v.id);
  expect(old.ok).toBe(true);
  await db.updateTable("match_invitation").set({ created_at: sql`now() - interval '8 days'` } as never).where("volunteer_id", "=", v.id).execute();
  await db.deleteFrom("rate_limit").where("key", "=", `mail-to:${v.email}`).execute();
  for (const o of orgs.slice(1, 4)) expect((await invite(o, v.id)).ok).toBe(true);
  await db.deleteFrom("rate_limit").where("key", "=", `mail-to:${v.email}`).execute();
  expect(await invite(orgs[4]!, v.id)).toEqual({ ok: false, error: "weeklyLimit" });
  expect(await invitationsOf(v.id)).toHaveLength(4);
});

test("concurrent invitations from five organisations: exactly 3 succeed", async () => {
  const v = await optedIn();
  const orgs = await Promise.all([1, 2, 3, 4, 5].map(() => orgWithOpportunity()));
  // the per-recipient mail limit would stop them at 3 too: lift it for this test, so the weekly rule is what holds
  await db.deleteFrom("rate_limit").where("key", "=", `mail-to:${v.email}`).execute();
  const results = await Promise.all(orgs.map((o) => inviteVolunteer({ opportunityId: o.opportunity.id, organisationId: o.organisation.id, volunteerId: v.id, invitedBy: o.owner.id })));
  const ok = results.filter((r) => r.ok).length;
  expect(ok).toBe(3);
  expect(await invitationsOf(v.id)).toHaveLength(3);
  expect((await mailsTo(v.email)).length).toBe(3);
});

test("the per-recipient mail limit refuses a fourth invitation in a day with a retry time", async () => {
  const v = await optedIn();
  const orgs = await Promise.all([1, 2, 3, 4].map(() => orgWithOpportunity()));
  for (const o of orgs.slice(0, 3)) expect((await invite(o, v.id)).ok).toBe(true);
  const fourth = await invite(orgs[3]!, v.id);
  expect(fourth).toMatchObject({ ok: false, error: "rateLimited" });
  expect(fourth.ok === false && fourth.retryAfterSeconds).toBeGreaterThan(0);
});

test("the volunteer accepts or declines their own pending invitations only", async () => {
  const o = await orgWithOpportunity();
  const second = await createOpportunity({ organisation_id: o.organisation.id });
  const v = await optedIn();
  const stranger = await optedIn();
  await invite(o, v.id);
  await invite(o, v.id, second.id);
  const [newest, oldest] = await listInvitations({ userId: v.id });
  expect(newest!.answerable && oldest!.answerable).toBe(true);
  expect(await countPendingInvitations({ userId: v.id })).toBe(2);

  expect(await answerInvitation({ id: newest!.id, userId: stranger.id, answer: "accept" })).toBeNull();
  expect(await answerInvitation({ id: newest!.id, userId: v.id, answer: "accept" })).toBe(newest!.opportunityId);
  // answered once: a second answer finds nothing
  expect(await answerInvitation({ id: newest!.id, userId: v.id, answer: "decline" })).toBeNull();
  expect(await answerInvitation({ id: oldest!.id, userId: v.id, answer: "decline" })).toBe(oldest!.opportunityId);
  const after = await listInvitations({ userId: v.id });
  expect(after.map((i) => i.status).sort()).toEqual(["accepted", "declined"]);
  expect(await countPendingInvitations({ userId: v.id })).toBe(0);
});

test("withdrawing the opt-in stops new invitations; one already received stays answerable", async () => {
  const o = await orgWithOpportunity();
  const second = await createOpportunity({ organisation_id: o.organisation.id });
  const v = await optedIn();
  await invite(o, v.id);
  await db.updateTable("volunteer_profile").set({ suggestions_opt_in: false }).where("user_id", "=", v.id).execute();
  expect(await invite(o, v.id, second.id)).toEqual({ ok: false, error: "notOptedIn" });
  const [received] = await listInvitations({ userId: v.id });
  expect(received!.answerable).toBe(true);
});

test("deleting the account deletes the invitations it received", async () => {
  const o = await orgWithOpportunity();
  const v = await optedIn();
  await invite(o, v.id);
  await db.updateTable("app_user").set({ deleted_at: new Date(), email: null, password_hash: null }).where("id", "=", v.id).execute();
  expect(await invitationsOf(v.id)).toHaveLength(0);
});

test("the data export holds the profile, the saved searches and the invitations, and nobody else's", async () => {
  const o = await orgWithOpportunity();
  const v = await optedIn();
  const other = await optedIn();
  await invite(o, v.id);
  await invite(o, other.id);
  await db.insertInto("saved_search").values({ user_id: v.id, name: "Abends in Aarau", query: "near=Aarau&time=evening", alert: "weekly" }).execute();
  const exported = await exportMatchingData({ userId: v.id });
  expect(exported.profile?.suggestionsOptIn).toBe(true);
  expect(exported.savedSearches).toEqual([{ name: "Abends in Aarau", query: "near=Aarau&time=evening", alert: "weekly", createdAt: expect.any(Date) }]);
  expect(exported.invitations).toEqual([
    { opportunityId: o.opportunity.id, title: o.opportunity.title, organisation: o.organisation.name, status: "pending", receivedAt: expect.any(Date) },
  ]);
});
