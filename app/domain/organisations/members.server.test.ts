import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { addOrganisationMember, createOrganisationWithOwner, createUser, uniqueEmail, uniqueSuffix } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import {
  acceptInvitation,
  changeMemberRole,
  hashToken,
  INVITATION_TTL_MS,
  inviteMember,
  listMembers,
  peekInvitation,
  removeMember,
  revokeInvitation,
  writeInvitation,
} from "./members.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const ORIGIN = "https://mitenand.example";

async function invite(orgId: number, actor: { id: number; display_name: string; locale: "de" | "en" }, email: string, role: "owner" | "editor" = "editor") {
  return inviteMember({ orgId, actor: { id: actor.id, displayName: actor.display_name, locale: actor.locale }, email, role, origin: ORIGIN });
}

test("an owner invites by email: one mail with a one-time link, only its hash is stored", async () => {
  const { organisation, owner } = await createOrganisationWithOwner({ name: "Verein Zäme Test" });
  const email = uniqueEmail();
  const result = await invite(organisation.id, owner, `  ${email.toUpperCase()} `);
  expect(result?.ok).toBe(true);
  const token = result?.ok ? result.token : "";
  expect(token).toMatch(/^[a-z2-7]{32}$/);

  const mails = await db.selectFrom("outbox").selectAll().where("recipient", "=", email).execute();
  expect(mails).toHaveLength(1);
  expect(mails[0].template).toBe("organisation_invitation");
  expect(mails[0].subject).toContain("Verein Zäme Test");
  expect(mails[0].text_body).toContain(`${ORIGIN}/invitations/${token}`);
  expect(mails[0].text_body).toContain(owner.display_name);

  const stored = await db.selectFrom("organisation_invitation").selectAll().where("organisation_id", "=", organisation.id).execute();
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ email, role: "editor", invited_by: owner.id, accepted_at: null });
  expect(Buffer.from(stored[0].token_hash).toString("utf8")).not.toContain(token);
  expect(stored[0].expires_at.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);

  expect(await peekInvitation({ token })).toMatchObject({ organisationName: "Verein Zäme Test", email, role: "editor", inviterName: owner.display_name });
  expect(await peekInvitation({ token: "x".repeat(32) })).toBeNull();
  expect(await peekInvitation({ token: "../../etc/passwd" })).toBeNull();
});

test("editors and strangers cannot invite", async () => {
  const { organisation } = await createOrganisationWithOwner();
  const editor = await createUser();
  await addOrganisationMember(organisation.id, editor.id, "editor");
  const stranger = await createUser();
  expect(await invite(organisation.id, editor, uniqueEmail())).toBeNull();
  expect(await invite(organisation.id, stranger, uniqueEmail())).toBeNull();
  expect(await db.selectFrom("organisation_invitation").select("id").where("organisation_id", "=", organisation.id).execute()).toHaveLength(0);
});

test("inviting a member again is refused; a new invitation replaces an open one", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const editor = await createUser();
  await addOrganisationMember(organisation.id, editor.id, "editor");
  expect(await invite(organisation.id, owner, editor.email)).toEqual({ ok: false, reason: "already_member" });

  const email = uniqueEmail();
  const first = await invite(organisation.id, owner, email);
  const second = await invite(organisation.id, owner, email, "owner");
  expect(await peekInvitation({ token: first?.ok ? first.token : "" })).toBeNull();
  expect(await peekInvitation({ token: second?.ok ? second.token : "" })).toMatchObject({ role: "owner" });
  const listed = await listMembers({ orgId: organisation.id, actor: owner });
  expect(listed?.invitations.map((i) => [i.email, i.role])).toEqual([[email, "owner"]]);
  expect(listed?.members.map((m) => [m.userId, m.role])).toEqual([
    [owner.id, "owner"],
    [editor.id, "editor"],
  ]);
});

test("the invitation writer (organisations and regions) ends only the open invitation of that address to that target", async () => {
  const [a, b] = await Promise.all([createOrganisationWithOwner(), createOrganisationWithOwner()]);
  const regions = await db
    .insertInto("region")
    .values([1, 2].map((n) => ({ slug: `invite-writer-${n}-${uniqueSuffix()}`, name: `Einladungsregion ${n} ${uniqueSuffix()}` })))
    .returning("id")
    .execute();
  const email = uniqueEmail();
  const other = uniqueEmail();
  const write = (kind: "organisation" | "region", targetId: number, address: string) =>
    db.transaction().execute((trx) =>
      kind === "organisation"
        ? writeInvitation(trx, { table: "organisation_invitation", targetId, email: address, invitedBy: a.owner.id, role: "editor" })
        : writeInvitation(trx, { table: "coordinator_invitation", targetId, email: address, invitedBy: a.owner.id }),
    );
  const openIds = async () => [
    ...(await db.selectFrom("organisation_invitation").select("id").where("email", "in", [email, other]).where("expires_at", ">", new Date()).execute()).map((r) => `o${r.id}`),
    ...(await db.selectFrom("coordinator_invitation").select("id").where("email", "in", [email, other]).where("expires_at", ">", new Date()).execute()).map((r) => `c${r.id}`),
  ].sort();

  for (const [kind, first, second] of [["organisation", a.organisation.id, b.organisation.id], ["region", regions[0].id, regions[1].id]] as const) {
    const prefix = kind === "organisation" ? "o" : "c";
    const old = await write(kind, first, email);
    const elsewhere = await write(kind, second, email);
    const otherAddress = await write(kind, first, other);
    const before = await openIds();
    const fresh = await write(kind, first, email);
    expect(fresh.token).toMatch(/^[a-z2-7]{32}$/);
    expect(fresh.token).not.toBe(old.token);
    const after = await openIds();
    // only the old invitation of that address to that organisation or region stopped working
    expect(after).toEqual([...before.filter((id) => id !== `${prefix}${old.invitationId}`), `${prefix}${fresh.invitationId}`].sort());
    expect(after).toEqual(expect.arrayContaining([`${prefix}${elsewhere.invitationId}`, `${prefix}${otherAddress.invitationId}`]));
    const table = kind === "organisation" ? "organisation_invitation" : "coordinator_invitation";
    const stored = await db.selectFrom(table).select(["token_hash", "invited_by", "expires_at"]).where("id", "=", fresh.invitationId).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.token_hash).equals(Buffer.from(hashToken(fresh.token)))).toBe(true);
    expect(stored.invited_by).toBe(a.owner.id);
    expect(stored.expires_at.getTime() - Date.now()).toBeGreaterThan(INVITATION_TTL_MS - 60_000);
  }
});

test("accepting needs the invited address: the wrong account gets a clear answer and nothing changes", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const invited = await createUser();
  const other = await createUser();
  const result = await invite(organisation.id, owner, invited.email);
  const token = result?.ok ? result.token : "";

  expect(await acceptInvitation({ token, user: other })).toEqual({ ok: false, reason: "wrong_email", invitedEmail: invited.email });
  expect(await db.selectFrom("organisation_member").select("user_id").where("organisation_id", "=", organisation.id).where("user_id", "=", other.id).execute()).toHaveLength(0);
  expect(await peekInvitation({ token })).not.toBeNull();

  const accepted = await acceptInvitation({ token, user: invited });
  expect(accepted).toEqual({ ok: true, organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name }, role: "editor" });
  const member = await db.selectFrom("organisation_member").select("role").where("organisation_id", "=", organisation.id).where("user_id", "=", invited.id).executeTakeFirst();
  expect(member).toEqual({ role: "editor" });
  const row = await db.selectFrom("organisation_invitation").select(["accepted_at", "accepted_by"]).where("organisation_id", "=", organisation.id).executeTakeFirstOrThrow();
  expect(row.accepted_by).toBe(invited.id);

  // a link works once
  expect(await acceptInvitation({ token, user: invited })).toEqual({ ok: false, reason: "invalid" });
  expect(await acceptInvitation({ token: "not-a-token", user: invited })).toEqual({ ok: false, reason: "invalid" });
});

test("an expired or revoked invitation cannot be accepted; an owner accepting an editor invitation stays owner", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const invited = await createUser();
  const expired = await invite(organisation.id, owner, invited.email);
  await db.updateTable("organisation_invitation").set({ expires_at: sql`now() - interval '1 minute'` }).where("id", "=", expired?.ok ? expired.invitationId : 0).execute();
  expect(await acceptInvitation({ token: expired?.ok ? expired.token : "", user: invited })).toEqual({ ok: false, reason: "invalid" });

  const revoked = await invite(organisation.id, owner, invited.email);
  expect(await revokeInvitation({ orgId: organisation.id, actor: invited, invitationId: revoked?.ok ? revoked.invitationId : 0 })).toBe(false);
  expect(await revokeInvitation({ orgId: organisation.id, actor: owner, invitationId: revoked?.ok ? revoked.invitationId : 0 })).toBe(true);
  expect(await acceptInvitation({ token: revoked?.ok ? revoked.token : "", user: invited })).toEqual({ ok: false, reason: "invalid" });

  const second = await createOrganisationWithOwner();
  await addOrganisationMember(second.organisation.id, invited.id, "owner");
  const { token } = (await invite(second.organisation.id, second.owner, uniqueEmail())) as { token: string };
  expect(token).toBeTruthy();
  await db.updateTable("organisation_invitation").set({ email: invited.email }).where("organisation_id", "=", second.organisation.id).execute();
  expect(await acceptInvitation({ token, user: invited })).toMatchObject({ ok: true, role: "owner" });
});

test("the last owner can be neither removed nor demoted; with two owners one may go", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const scope = { orgId: organisation.id, actor: owner };
  expect(await removeMember({ ...scope, userId: owner.id })).toEqual({ ok: false, reason: "last_owner" });
  expect(await changeMemberRole({ ...scope, userId: owner.id, role: "editor" })).toEqual({ ok: false, reason: "last_owner" });

  const second = await createUser();
  await addOrganisationMember(organisation.id, second.id, "editor");
  expect(await changeMemberRole({ ...scope, userId: second.id, role: "owner" })).toEqual({ ok: true });
  expect(await changeMemberRole({ ...scope, userId: owner.id, role: "editor" })).toEqual({ ok: true });
  // the former owner is an editor now and may no longer manage members
  expect(await removeMember({ orgId: organisation.id, actor: owner, userId: second.id })).toBeNull();
  expect(await removeMember({ orgId: organisation.id, actor: second, userId: second.id })).toEqual({ ok: false, reason: "last_owner" });
  expect(await removeMember({ orgId: organisation.id, actor: second, userId: owner.id })).toEqual({ ok: true });
  const members = await db.selectFrom("organisation_member").select(["user_id", "role"]).where("organisation_id", "=", organisation.id).execute();
  expect(members).toEqual([{ user_id: second.id, role: "owner" }]);
  expect(await removeMember({ orgId: organisation.id, actor: second, userId: owner.id })).toEqual({ ok: false, reason: "not_found" });
  const audit = await db.selectFrom("audit_event").select("action").where("subject_type", "=", "organisation").where("subject_id", "=", String(organisation.id)).execute();
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["organisation.member_role_changed", "organisation.member_removed"]));
});

test("two owners demoting each other at the same time leave one owner", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const second = await createUser();
  await addOrganisationMember(organisation.id, second.id, "owner");
  const results = await Promise.all([
    changeMemberRole({ orgId: organisation.id, actor: owner, userId: second.id, role: "editor" }),
    changeMemberRole({ orgId: organisation.id, actor: second, userId: owner.id, role: "editor" }),
  ]);
  const owners = await db.selectFrom("organisation_member").select("user_id").where("organisation_id", "=", organisation.id).where("role", "=", "owner").execute();
  expect(owners).toHaveLength(1);
  expect(results.filter((r) => r?.ok)).toHaveLength(1);
});

test("the member list is for members only", async () => {
  const { organisation } = await createOrganisationWithOwner();
  expect(await listMembers({ orgId: organisation.id, actor: await createUser() })).toBeNull();
});

test("one address gets at most 3 invitations a day, whoever sends them", async () => {
  const email = uniqueEmail();
  const outcomes = [];
  for (let i = 0; i < 4; i++) {
    const { organisation, owner } = await createOrganisationWithOwner();
    outcomes.push(await invite(organisation.id, owner, email));
  }
  expect(outcomes.slice(0, 3).every((outcome) => outcome?.ok)).toBe(true);
  expect(outcomes[3]).toMatchObject({ ok: false, reason: "rate_limited", scope: "recipient", limit: 3 });
  expect(await db.selectFrom("outbox").select("id").where("recipient", "=", email).execute()).toHaveLength(3);
});

test("an organisation sends at most 20 invitations a day; the 21st writes nothing", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  for (let i = 0; i < 20; i++) expect((await invite(organisation.id, owner, uniqueEmail()))?.ok).toBe(true);
  const email = uniqueEmail();
  expect(await invite(organisation.id, owner, email)).toMatchObject({ ok: false, reason: "rate_limited", scope: "organisation", limit: 20 });
  expect(await db.selectFrom("outbox").select("id").where("recipient", "=", email).execute()).toEqual([]);
  expect(await db.selectFrom("organisation_invitation").select("id").where("email", "=", email).execute()).toEqual([]);
}, 60_000);

test("one sender sends at most 30 invitations a day across their organisations", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const second = await createOrganisationWithOwner();
  await addOrganisationMember(second.organisation.id, owner.id, "owner");
  for (let i = 0; i < 30; i++) expect((await invite(i < 15 ? organisation.id : second.organisation.id, owner, uniqueEmail()))?.ok).toBe(true);
  expect(await invite(second.organisation.id, owner, uniqueEmail())).toMatchObject({ ok: false, scope: "sender", limit: 30 });
}, 60_000);
