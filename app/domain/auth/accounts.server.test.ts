import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createOpportunity, createOrganisation, createSessionFor, createUser, TEST_PASSWORD, uniqueEmail, uniqueSuffix } from "~/testing/factories.server";
import { archiveOrganisation, getPublicOrganisation, listSolelyOwnedOrganisations } from "~/domain/organisations/organisations.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import {
  changePassword,
  confirmEmailChange,
  deleteAccount,
  exportAccountData,
  logIn,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
  signUp,
  verifyEmail,
} from "./accounts.server";
import { invalidateSession, validateSessionToken } from "./session.server";

// The outbox as it is, except that addresses starting with "outbox-fails-" make enqueueing throw: that shows
// whether a change and its email are written in one transaction.
vi.mock("~/domain/notifications/outbox.server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/domain/notifications/outbox.server")>();
  return {
    ...actual,
    enqueueEmail: (...args: Parameters<typeof actual.enqueueEmail>) =>
      args[1].to.startsWith("outbox-fails-") ? Promise.reject(new Error("outbox unavailable")) : actual.enqueueEmail(...args),
  };
});

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const ORIGIN = "http://localhost:3000";

/** One client address per test, so the per-IP login limit of one test never touches another. */
function uniqueIp() {
  return `ip-${randomUUID()}`;
}

function emails(recipient: string, template?: string) {
  let query = db.selectFrom("outbox").selectAll().where("recipient", "=", recipient);
  if (template) query = query.where("template", "=", template);
  return query.orderBy("id", "asc").execute();
}

/** The one-time token in the newest email of that template to that address. */
async function tokenFromEmail(recipient: string, template: string) {
  const messages = await emails(recipient, template);
  expect(messages.length).toBeGreaterThan(0);
  const match = /token=([a-z2-7]{32})/.exec(messages.at(-1)!.text_body);
  expect(match).not.toBeNull();
  return match![1];
}

function userRow(id: number) {
  return db.selectFrom("app_user").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function signUpVerified({ email = uniqueEmail(), password = TEST_PASSWORD, ip = uniqueIp() } = {}) {
  const { userId } = await signUp({ name: "Anna Muster", email, password, locale: "de", ip, origin: ORIGIN });
  const token = await tokenFromEmail(email, "verify_email");
  expect((await verifyEmail({ token, ip })).ok).toBe(true);
  return { userId: userId!, email, password };
}

test("signUp stores an argon2id hash and the address lower-cased, and queues the verification email", async () => {
  const email = uniqueEmail();
  const result = await signUp({
    name: "  Anna Muster ",
    email: `  ${email.toUpperCase()} `,
    password: TEST_PASSWORD,
    locale: "en",
    ip: uniqueIp(),
    origin: ORIGIN,
  });
  expect(result.created).toBe(true);
  const user = await userRow(result.userId!);
  expect(user.email).toBe(email);
  expect(user.display_name).toBe("Anna Muster");
  expect(user.locale).toBe("en");
  expect(user.password_hash).toMatch(/^\$argon2id\$/);
  expect(user.password_hash).not.toContain(TEST_PASSWORD);
  expect(user.email_verified_at).toBeNull();
  const [message, ...more] = await emails(email);
  expect(more).toEqual([]);
  expect(message.template).toBe("verify_email");
  expect(message.text_body).toContain(`${ORIGIN}/verify-email?token=`);
});

test("signUp writes the user and the email in one transaction: no email, no user", async () => {
  const email = `outbox-fails-${randomUUID()}@example.org`;
  await expect(signUp({ name: "Anna", email, password: TEST_PASSWORD, locale: "de", ip: uniqueIp(), origin: ORIGIN })).rejects.toThrow(
    "outbox unavailable",
  );
  expect(await db.selectFrom("app_user").select("id").where("email", "=", email).execute()).toEqual([]);
  expect(await db.selectFrom("email_token as t").innerJoin("app_user as u", "u.id", "t.user_id").select("t.id").where("u.email", "=", email).execute()).toEqual([]);
});

test("a second sign-up with the same address (other case) creates nobody and tells the owner instead", async () => {
  const email = uniqueEmail();
  const first = await signUp({ name: "Anna", email, password: TEST_PASSWORD, locale: "de", ip: uniqueIp(), origin: ORIGIN });
  const hashBefore = (await userRow(first.userId!)).password_hash;
  const second = await signUp({ name: "Mallory", email: email.toUpperCase(), password: "Ein-anderes-Passwort-1", locale: "en", ip: uniqueIp(), origin: ORIGIN });
  expect(second).toEqual({ created: false });
  const users = await db.selectFrom("app_user").select(["id", "display_name", "password_hash"]).where("email", "=", email).execute();
  expect(users).toEqual([{ id: first.userId, display_name: "Anna", password_hash: hashBefore }]);
  expect((await emails(email)).map((m) => m.template)).toEqual(["verify_email", "signup_existing_account"]);
  // the owner's language, and nothing the visitor typed
  const notice = (await emails(email, "signup_existing_account"))[0];
  expect(notice.text_body).toContain(`${ORIGIN}/forgot-password`);
  expect(notice.text_body).not.toContain("Mallory");
});

test("a verification link works once", async () => {
  const email = uniqueEmail();
  const { userId } = await signUp({ name: "Anna", email, password: TEST_PASSWORD, locale: "de", ip: uniqueIp(), origin: ORIGIN });
  const token = await tokenFromEmail(email, "verify_email");
  expect(await verifyEmail({ token, ip: uniqueIp() })).toEqual({ ok: true, userId });
  expect((await userRow(userId!)).email_verified_at).toBeInstanceOf(Date);
  expect(await verifyEmail({ token, ip: uniqueIp() })).toEqual({ ok: false });
  expect(await verifyEmail({ token: "not-a-token", ip: uniqueIp() })).toEqual({ ok: false });
});

test("logIn: unverified accounts are refused; wrong password and unknown address look the same", async () => {
  const unverified = await createUser({ verified: false });
  const verified = await createUser();
  const ip = uniqueIp();
  expect(await logIn({ email: unverified.email, password: TEST_PASSWORD, ip })).toEqual({ ok: false, reason: "unverified" });
  expect(await logIn({ email: unverified.email, password: "falsch-falsch-falsch", ip })).toEqual({ ok: false, reason: "invalid" });
  expect(await logIn({ email: verified.email, password: "falsch-falsch-falsch", ip })).toEqual({ ok: false, reason: "invalid" });
  expect(await logIn({ email: uniqueEmail(), password: TEST_PASSWORD, ip })).toEqual({ ok: false, reason: "invalid" });

  const ok = await logIn({ email: `  ${verified.email.toUpperCase()} `, password: TEST_PASSWORD, ip, userAgent: "Firefox" });
  expect(ok).toMatchObject({ ok: true, userId: verified.id, locale: "de" });
  if (!ok.ok) throw new Error("expected a session");
  expect((await validateSessionToken(ok.token))?.user.id).toBe(verified.id);
});

test("the 11th quick failed login for one account is rate limited", async () => {
  const user = await createUser();
  const ip = uniqueIp();
  for (let attempt = 1; attempt <= 10; attempt++) {
    expect(await logIn({ email: user.email, password: `falsch-${attempt}-falsch`, ip })).toEqual({ ok: false, reason: "invalid" });
  }
  const refused = await logIn({ email: user.email, password: `falsch-11-falsch`, ip });
  expect(refused).toMatchObject({ ok: false, reason: "rate_limited" });
  if (refused.ok || refused.reason !== "rate_limited") throw new Error("expected rate_limited");
  expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  expect(refused.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
  // even the right password waits now (from another address too: the limit is per account)
  expect(await logIn({ email: user.email, password: TEST_PASSWORD, ip: uniqueIp() })).toMatchObject({ reason: "rate_limited" });
});

test("a successful login resets the account's failure counter", async () => {
  const user = await createUser();
  const ip = uniqueIp();
  for (let attempt = 1; attempt <= 9; attempt++) {
    expect(await logIn({ email: user.email, password: "falsch-falsch-falsch", ip })).toMatchObject({ reason: "invalid" });
  }
  expect(await logIn({ email: user.email, password: TEST_PASSWORD, ip })).toMatchObject({ ok: true });
  // a fresh allowance of 10 failures
  for (let attempt = 1; attempt <= 10; attempt++) {
    expect(await logIn({ email: user.email, password: "falsch-falsch-falsch", ip })).toMatchObject({ reason: "invalid" });
  }
  expect(await logIn({ email: user.email, password: "falsch-falsch-falsch", ip })).toMatchObject({ reason: "rate_limited" });
});

test("logout ends that session only", async () => {
  const user = await createUser();
  const a = await logIn({ email: user.email, password: TEST_PASSWORD, ip: uniqueIp() });
  const b = await logIn({ email: user.email, password: TEST_PASSWORD, ip: uniqueIp() });
  if (!a.ok || !b.ok) throw new Error("expected sessions");
  const session = (await validateSessionToken(a.token))!.session;
  await invalidateSession(session.id);
  expect(await validateSessionToken(a.token)).toBeNull();
  expect(await validateSessionToken(b.token)).not.toBeNull();
});

test("changePassword needs the current password, ends every old session and hands back a new one", async () => {
  const user = await createUser();
  const oldTokens = [await createSessionFor(user.id), await createSessionFor(user.id)];
  const newPassword = `Neues-Passwort-${uniqueSuffix()}`;

  expect(await changePassword({ userId: user.id, currentPassword: "falsch-falsch", newPassword, ip: uniqueIp() })).toEqual({
    ok: false,
    reason: "wrong_password",
  });
  for (const token of oldTokens) expect(await validateSessionToken(token)).not.toBeNull();

  const changed = await changePassword({ userId: user.id, currentPassword: TEST_PASSWORD, newPassword, ip: uniqueIp(), userAgent: "Safari" });
  if (!changed.ok) throw new Error("expected the change to work");
  for (const token of oldTokens) expect(await validateSessionToken(token)).toBeNull();
  expect((await validateSessionToken(changed.token))?.user.id).toBe(user.id);
  expect((await emails(user.email, "password_changed_notice")).length).toBe(1);

  expect(await logIn({ email: user.email, password: TEST_PASSWORD, ip: uniqueIp() })).toMatchObject({ reason: "invalid" });
  expect(await logIn({ email: user.email, password: newPassword, ip: uniqueIp() })).toMatchObject({ ok: true });
});

test("resetPassword sets the password, ends all sessions, confirms the address and works once", async () => {
  const user = await createUser({ verified: false });
  const tokens = [await createSessionFor(user.id), await createSessionFor(user.id)];
  await requestPasswordReset({ email: user.email.toUpperCase(), ip: uniqueIp(), origin: ORIGIN });
  const token = await tokenFromEmail(user.email, "reset_password");
  const newPassword = `Zurueckgesetzt-${uniqueSuffix()}`;

  expect(await resetPassword({ token, password: newPassword, ip: uniqueIp() })).toEqual({ ok: true, userId: user.id });
  for (const old of tokens) expect(await validateSessionToken(old)).toBeNull();
  expect((await userRow(user.id)).email_verified_at).toBeInstanceOf(Date);
  expect(await logIn({ email: user.email, password: newPassword, ip: uniqueIp() })).toMatchObject({ ok: true });

  expect(await resetPassword({ token, password: "Noch-ein-Passwort-1", ip: uniqueIp() })).toEqual({ ok: false });
  expect(await logIn({ email: user.email, password: "Noch-ein-Passwort-1", ip: uniqueIp() })).toMatchObject({ reason: "invalid" });
});

test("a password reset for an unknown address sends nothing and answers the same", async () => {
  const email = uniqueEmail();
  expect(await requestPasswordReset({ email, ip: uniqueIp(), origin: ORIGIN })).toMatchObject({ allowed: true });
  expect(await emails(email)).toEqual([]);
});

test("requestEmailChange needs the right password and refuses the current address", async () => {
  const user = await createUser();
  const newEmail = uniqueEmail();
  expect(await requestEmailChange({ userId: user.id, password: "falsch-falsch", newEmail, ip: uniqueIp(), origin: ORIGIN })).toEqual({
    ok: false,
    reason: "wrong_password",
  });
  expect(await emails(newEmail)).toEqual([]);
  expect(
    await requestEmailChange({ userId: user.id, password: TEST_PASSWORD, newEmail: user.email.toUpperCase(), ip: uniqueIp(), origin: ORIGIN }),
  ).toEqual({ ok: false, reason: "same_email" });
  // an address that has an account gets no link, but the answer does not tell
  const taken = await createUser();
  expect(await requestEmailChange({ userId: user.id, password: TEST_PASSWORD, newEmail: taken.email, ip: uniqueIp(), origin: ORIGIN })).toEqual({
    ok: true,
  });
  expect(await emails(taken.email, "change_email")).toEqual([]);
});

test("confirmEmailChange switches the address and tells the old one", async () => {
  const user = await createUser({ displayName: "Anna Muster" });
  const newEmail = uniqueEmail();
  expect(await requestEmailChange({ userId: user.id, password: TEST_PASSWORD, newEmail, ip: uniqueIp(), origin: ORIGIN })).toEqual({ ok: true });
  expect((await userRow(user.id)).email).toBe(user.email);
  const token = await tokenFromEmail(newEmail, "change_email");

  expect(await confirmEmailChange({ token, ip: uniqueIp() })).toEqual({ ok: true, userId: user.id });
  const after = await userRow(user.id);
  expect(after.email).toBe(newEmail);
  expect(after.email_verified_at).toBeInstanceOf(Date);
  const [notice] = await emails(user.email, "email_changed_notice");
  expect(notice.text_body).toContain(newEmail);
  expect(await confirmEmailChange({ token, ip: uniqueIp() })).toEqual({ ok: false });

  expect(await logIn({ email: newEmail, password: TEST_PASSWORD, ip: uniqueIp() })).toMatchObject({ ok: true, userId: user.id });
  expect(await logIn({ email: user.email, password: TEST_PASSWORD, ip: uniqueIp() })).toMatchObject({ reason: "invalid" });
});

/** Every string and number anywhere in a value. */
function leaves(value: unknown): unknown[] {
  if (value === null || typeof value !== "object") return [value];
  if (value instanceof Date) return [value.toISOString()];
  return Object.values(value).flatMap(leaves);
}

test("exportAccountData contains the caller's data and nothing about anybody else", async () => {
  const region = await db
    .insertInto("region")
    .values({ slug: `test-region-${uniqueSuffix()}`, name: `Testregion ${uniqueSuffix()}` })
    .returningAll()
    .executeTakeFirstOrThrow();
  async function person(name: string) {
    const user = await createUser({ displayName: name });
    const organisation = await createOrganisation();
    await db.insertInto("organisation_member").values({ organisation_id: organisation.id, user_id: user.id, role: "owner" }).execute();
    await db.insertInto("region_coordinator").values({ region_id: region.id, user_id: user.id }).execute();
    const ip = `ip-${name}-${uniqueSuffix()}`;
    await logIn({ email: user.email, password: TEST_PASSWORD, ip, userAgent: `Agent of ${name}` });
    await logIn({ email: user.email, password: "falsch-falsch-falsch", ip });
    await requestPasswordReset({ email: user.email, ip, origin: ORIGIN });
    return { user, organisation, ip };
  }
  const anna = await person(`Anna-${uniqueSuffix()}`);
  const bruno = await person(`Bruno-${uniqueSuffix()}`);
  // another organisation's member list must not leak through Anna's membership either
  await db.insertInto("organisation_member").values({ organisation_id: anna.organisation.id, user_id: bruno.user.id, role: "editor" }).execute();

  const exported = await exportAccountData({ userId: anna.user.id, ip: anna.ip });
  const json = JSON.stringify(exported);
  expect(exported.account).toMatchObject({ email: anna.user.email, displayName: anna.user.display_name, language: "de" });
  expect(exported.organisationMemberships).toEqual([expect.objectContaining({ organisation: anna.organisation.name, role: "owner" })]);
  expect(exported.coordinatorOfRegions).toEqual([expect.objectContaining({ region: region.name })]);
  expect(exported.sessions).toEqual([expect.objectContaining({ user_agent: `Agent of ${anna.user.display_name}` })]);
  expect(exported.activity.map((a) => a.action)).toEqual(expect.arrayContaining(["user.login", "user.login_failed", "user.password_reset_requested"]));
  expect(exported.emailsSent.length).toBeGreaterThan(0);
  expect(json).toContain(anna.ip);
  for (const secret of [bruno.user.email, bruno.user.display_name, bruno.organisation.name, bruno.organisation.slug, bruno.ip, `Agent of ${bruno.user.display_name}`]) {
    expect(json).not.toContain(secret);
  }
  // no ids at all, so none of Bruno's either; no password hashes
  const values = leaves(exported);
  expect(values).not.toContain(bruno.user.id);
  expect(values).not.toContain(String(bruno.user.id));
  expect(values).not.toContain(anna.user.id);
  expect(json).not.toContain("$argon2id$");
  expect(json).not.toContain("secret_hash");
  // the export itself is on record
  const exportedEvents = await db.selectFrom("audit_event").select("id").where("actor_user_id", "=", anna.user.id).where("action", "=", "user.exported").execute();
  expect(exportedEvents.length).toBe(1);
});

test("deleteAccount needs the password, anonymises the row, ends sessions and frees the address", async () => {
  const { userId, email, password } = await signUpVerified({ password: `Loeschen-${uniqueSuffix()}-Konto` });
  const organisation = await createOrganisation();
  const coOwner = await createUser();
  await db
    .insertInto("organisation_member")
    .values([
      { organisation_id: organisation.id, user_id: userId, role: "owner" },
      { organisation_id: organisation.id, user_id: coOwner.id, role: "owner" },
    ])
    .execute();
  const login = await logIn({ email, password, ip: uniqueIp() });
  if (!login.ok) throw new Error("expected a session");

  expect(await deleteAccount({ userId, password: "falsch-falsch", ip: uniqueIp() })).toEqual({ ok: false, reason: "wrong_password" });
  expect((await userRow(userId)).deleted_at).toBeNull();

  expect(await deleteAccount({ userId, password, ip: uniqueIp() })).toEqual({ ok: true });
  const row = await userRow(userId);
  expect(row).toMatchObject({ email: null, password_hash: null, email_verified_at: null, is_admin: false });
  expect(row.deleted_at).toBeInstanceOf(Date);
  expect(row.display_name).not.toBe("Anna Muster");
  expect(await validateSessionToken(login.token)).toBeNull();
  expect(await db.selectFrom("user_session").select("id").where("user_id", "=", userId).execute()).toEqual([]);
  expect(await db.selectFrom("email_token").select("id").where("user_id", "=", userId).execute()).toEqual([]);
  expect(await db.selectFrom("organisation_member").select("user_id").where("user_id", "=", userId).execute()).toEqual([]);
  const ips = await db.selectFrom("audit_event").select("ip").where("actor_user_id", "=", userId).execute();
  expect(ips.length).toBeGreaterThan(0);
  expect(ips.every((e) => e.ip === null)).toBe(true);
  expect((await emails(email, "account_deleted")).length).toBe(1);

  // the address is free again, and the old password opens nothing
  expect(await logIn({ email, password, ip: uniqueIp() })).toMatchObject({ ok: false, reason: "invalid" });
  const again = await signUp({ name: "Anna Neu", email, password: "Ganz-neues-Konto-2026", locale: "de", ip: uniqueIp(), origin: ORIGIN });
  expect(again.created).toBe(true);
  expect(again.userId).not.toBe(userId);
  expect(await logIn({ email, password, ip: uniqueIp() })).toMatchObject({ ok: false, reason: "invalid" });
  expect(await deleteAccount({ userId, password, ip: uniqueIp() })).toEqual({ ok: false, reason: "wrong_password" });
});

test("the audit log records sign-up, login, failures, password change and deletion, never a password", async () => {
  const password = `Audit-Passwort-${uniqueSuffix()}`;
  const wrongPassword = `Falsches-Passwort-${uniqueSuffix()}`;
  const newPassword = `Audit-Neu-${uniqueSuffix()}`;
  const { userId, email } = await signUpVerified({ password });
  await logIn({ email, password: wrongPassword, ip: uniqueIp() });
  await logIn({ email, password, ip: uniqueIp() });
  await changePassword({ userId, currentPassword: password, newPassword, ip: uniqueIp() });
  await requestEmailChange({ userId, password: newPassword, newEmail: uniqueEmail(), ip: uniqueIp(), origin: ORIGIN });
  await deleteAccount({ userId, password: newPassword, ip: uniqueIp() });

  const events = await db
    .selectFrom("audit_event")
    .selectAll()
    .where((eb) => eb.or([eb("actor_user_id", "=", userId), eb.and([eb("subject_type", "=", "user"), eb("subject_id", "=", String(userId))])]))
    .orderBy("id")
    .execute();
  const actions = events.map((e) => e.action);
  for (const action of ["user.signup", "user.email_verified", "user.login_failed", "user.login", "user.password_changed", "user.email_change_requested", "user.deleted"]) {
    expect(actions).toContain(action);
  }
  expect(events.find((e) => e.action === "user.login_failed")?.details).toEqual({ reason: "wrong_password" });
  const all = JSON.stringify(events);
  for (const secret of [password, wrongPassword, newPassword]) expect(all).not.toContain(secret);
  expect(all).not.toContain("$argon2id$");
});

test("the only owner of an organisation cannot delete their account until it is handed over or archived", async () => {
  const { userId, password } = await signUpVerified();
  const handedOver = await createOrganisation({ name: `Verein Übergabe ${uniqueSuffix()}` });
  const archived = await createOrganisation({ name: `Verein Archiv ${uniqueSuffix()}` });
  const editor = await createUser();
  await db
    .insertInto("organisation_member")
    .values([
      { organisation_id: handedOver.id, user_id: userId, role: "owner" },
      { organisation_id: handedOver.id, user_id: editor.id, role: "editor" },
      { organisation_id: archived.id, user_id: userId, role: "owner" },
    ])
    .execute();
  const listing = await createOpportunity({ organisation_id: archived.id, status: "published" });

  const refused = await deleteAccount({ userId, password, ip: uniqueIp() });
  expect(refused).toEqual({
    ok: false,
    reason: "sole_owner",
    organisations: expect.arrayContaining([
      { id: handedOver.id, slug: handedOver.slug, name: handedOver.name },
      { id: archived.id, slug: archived.slug, name: archived.name },
    ]),
  });
  expect((await userRow(userId)).deleted_at).toBeNull();
  expect(await db.selectFrom("organisation_member").select("user_id").where("user_id", "=", userId).execute()).toHaveLength(2);

  // somebody who is no owner cannot archive it
  expect(await archiveOrganisation({ orgId: archived.id, actor: { id: editor.id } })).toBeNull();

  await db.updateTable("organisation_member").set({ role: "owner" }).where("organisation_id", "=", handedOver.id).where("user_id", "=", editor.id).execute();
  expect(await archiveOrganisation({ orgId: archived.id, actor: { id: userId } })).toMatchObject({ id: archived.id });
  const listingAfter = await db.selectFrom("opportunity").select("status").where("id", "=", listing.id).executeTakeFirstOrThrow();
  expect(listingAfter.status).toBe("archived");
  expect(await getPublicOrganisation({ slug: archived.slug, locale: "de" })).toBeNull();

  expect(await deleteAccount({ userId, password, ip: uniqueIp() })).toEqual({ ok: true });
  expect(await listSolelyOwnedOrganisations({ userId: editor.id })).toEqual([{ id: handedOver.id, slug: handedOver.slug, name: handedOver.name }]);
});

test("a signup with somebody's address tells its owner at most 3 times a day", async () => {
  const { email } = await signUpVerified();
  for (let i = 0; i < 5; i++) {
    expect(await signUp({ name: "Mallory", email, password: TEST_PASSWORD, locale: "de", ip: uniqueIp(), origin: ORIGIN })).toEqual({ created: false });
  }
  expect(await emails(email, "signup_existing_account")).toHaveLength(3);
});

test("a new email address gets at most 3 change confirmations a day", async () => {
  const newEmail = uniqueEmail();
  const outcomes = [];
  for (let i = 0; i < 4; i++) {
    const user = await createUser();
    outcomes.push(await requestEmailChange({ userId: user.id, password: TEST_PASSWORD, newEmail, ip: uniqueIp(), origin: ORIGIN }));
  }
  expect(outcomes.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
  expect(outcomes[3]).toMatchObject({ ok: false, reason: "rate_limited" });
  expect(await emails(newEmail, "change_email")).toHaveLength(3);
});

test("successful logins do not use up the per-IP limit (many people behind one address); failures do", async () => {
  const ip = uniqueIp();
  const user = await createUser();
  for (let i = 0; i < 55; i++) expect((await logIn({ email: user.email, password: TEST_PASSWORD, ip })).ok).toBe(true);
  // 50 failures use up the address's budget (the 51st is refused already)
  for (let i = 0; i < 51; i++) expect((await logIn({ email: uniqueEmail(), password: "falsch-falsch", ip })).ok).toBe(false);
  expect(await logIn({ email: user.email, password: TEST_PASSWORD, ip })).toMatchObject({ ok: false, reason: "rate_limited" });
}, 120_000);
