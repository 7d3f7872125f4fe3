import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createCoordinator, createOrganisationWithOwner, createSessionFor, createUser, requestWithSession } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import {
  createSession,
  hashSecret,
  invalidateUserSessions,
  readSessionToken,
  serializeBlankSessionCookie,
  serializeSessionCookie,
  sessionCookieName,
  SESSION_ABSOLUTE_MS,
  SESSION_RENEW_BEFORE_MS,
  SESSION_TTL_MS,
  validateSessionToken,
} from "./session.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const DAY = 24 * 3600 * 1000;

function sessionRow(token: string) {
  return db.selectFrom("user_session").selectAll().where("id", "=", token.split(".")[0]).executeTakeFirst();
}

test("a fresh token validates and names its user", async () => {
  const user = await createUser({ displayName: "Anna Muster", locale: "en", isAdmin: true });
  const token = await createSessionFor(user.id);
  const result = await validateSessionToken(token);
  expect(result?.user).toEqual({
    id: user.id,
    email: user.email,
    displayName: "Anna Muster",
    locale: "en",
    isAdmin: true,
    emailVerified: true,
  });
  expect(result?.session.userId).toBe(user.id);
  expect(result!.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_TTL_MS - 60_000);
});

test("tampered, unknown, malformed, oversized, empty and expired tokens are no session, never an error", async () => {
  const user = await createUser();
  const token = await createSessionFor(user.id);
  const [id, secret] = token.split(".");
  const flipped = secret.slice(0, -1) + (secret.endsWith("a") ? "b" : "a");
  const candidates = [
    `${id}.${flipped}`, // right id, wrong secret
    `${"a".repeat(24)}.${secret}`, // unknown id
    `${id}${secret}`, // no dot
    `${id}.${secret}.x`,
    `${id.toUpperCase()}.${secret}`,
    `${id}.${secret}\n`,
    "x".repeat(10 * 1024),
    `${id}.${"a".repeat(10 * 1024)}`,
    "",
    null,
    undefined,
    "' or 1=1 --",
    "💥.💥",
  ];
  for (const candidate of candidates) {
    await expect(validateSessionToken(candidate)).resolves.toBeNull();
  }
  // the genuine token still works afterwards: a wrong guess does not end the session
  expect(await validateSessionToken(token)).not.toBeNull();
  // expired: judged at a time past expires_at, the session ends and its row is deleted
  expect(await validateSessionToken(token, new Date(Date.now() + SESSION_TTL_MS + 1000))).toBeNull();
  expect(await sessionRow(token)).toBeUndefined();
  expect(await validateSessionToken(token)).toBeNull();
});

test("a session whose expires_at has passed is no session", async () => {
  const user = await createUser();
  const token = await createSessionFor(user.id);
  await db
    .updateTable("user_session")
    .set({ expires_at: new Date(Date.now() - 1000) })
    .where("id", "=", token.split(".")[0])
    .execute();
  expect(await validateSessionToken(token)).toBeNull();
});

test("sliding renewal: extended when less than 15 days remain, not before", async () => {
  const user = await createUser();
  const token = await createSessionFor(user.id);
  const created = (await sessionRow(token))!;
  const originalExpiry = created.expires_at.getTime();

  // 10 days in: 20 days remain, nothing changes
  const early = await validateSessionToken(token, new Date(created.created_at.getTime() + 10 * DAY));
  expect(early!.session.expiresAt.getTime()).toBe(originalExpiry);
  expect((await sessionRow(token))!.expires_at.getTime()).toBe(originalExpiry);

  // 20 days in: 10 days remain (< 15), so it runs for another 30 days from now
  const now = new Date(created.created_at.getTime() + 20 * DAY);
  const renewed = await validateSessionToken(token, now);
  expect(renewed!.session.expiresAt.getTime()).toBe(now.getTime() + SESSION_TTL_MS);
  expect((await sessionRow(token))!.expires_at.getTime()).toBe(now.getTime() + SESSION_TTL_MS);
  expect(SESSION_TTL_MS - SESSION_RENEW_BEFORE_MS).toBeGreaterThan(0);
});

test("sliding renewal never goes beyond 90 days after login (absolute limit)", async () => {
  const user = await createUser();
  const token = await createSessionFor(user.id);
  const row = (await sessionRow(token))!;
  const createdAt = row.created_at.getTime();
  const absoluteEnd = createdAt + SESSION_ABSOLUTE_MS;
  // as if it had been renewed a few times: expires 85 days after login
  await db
    .updateTable("user_session")
    .set({ expires_at: new Date(createdAt + 85 * DAY) })
    .where("id", "=", row.id)
    .execute();
  const renewed = await validateSessionToken(token, new Date(createdAt + 75 * DAY));
  expect(renewed!.session.expiresAt.getTime()).toBe(absoluteEnd);
  expect((await sessionRow(token))!.expires_at.getTime()).toBe(absoluteEnd);
  // even if expires_at were later, the session ends at the absolute limit
  await db
    .updateTable("user_session")
    .set({ expires_at: new Date(createdAt + 200 * DAY) })
    .where("id", "=", row.id)
    .execute();
  expect(await validateSessionToken(token, new Date(absoluteEnd + 1000))).toBeNull();
  expect(await sessionRow(token)).toBeUndefined();
});

test("only the SHA-256 of the secret is stored, never the secret itself", async () => {
  const user = await createUser();
  const { token } = await createSession({ userId: user.id, userAgent: "Firefox" });
  const [id, secret] = token.split(".");
  const row = (await sessionRow(token))!;
  expect(row.id).toBe(id);
  expect(row.user_agent).toBe("Firefox");
  expect(Buffer.from(row.secret_hash).equals(Buffer.from(hashSecret(secret)))).toBe(true);
  expect(row.secret_hash.length).toBe(32);
  expect(JSON.stringify({ ...row, secret_hash: Buffer.from(row.secret_hash).toString("hex") })).not.toContain(secret);
  expect(Buffer.from(row.secret_hash).toString("utf8")).not.toContain(secret);
});

test("a deleted (anonymised) user's sessions no longer validate", async () => {
  const user = await createUser();
  const token = await createSessionFor(user.id);
  await db
    .updateTable("app_user")
    .set({ email: null, password_hash: null, deleted_at: new Date() })
    .where("id", "=", user.id)
    .execute();
  expect(await validateSessionToken(token)).toBeNull();
});

test("invalidateUserSessions ends every session of that user (optionally but one) and no one else's", async () => {
  const user = await createUser();
  const other = await createUser();
  const tokens = await Promise.all([1, 2, 3].map(() => createSessionFor(user.id)));
  const otherToken = await createSessionFor(other.id);

  await invalidateUserSessions({ userId: user.id, exceptSessionId: tokens[0].split(".")[0] });
  expect(await validateSessionToken(tokens[0])).not.toBeNull();
  expect(await validateSessionToken(tokens[1])).toBeNull();

  await invalidateUserSessions({ userId: user.id });
  for (const token of tokens) expect(await validateSessionToken(token)).toBeNull();
  const left = await db.selectFrom("user_session").select("id").where("user_id", "=", user.id).execute();
  expect(left).toEqual([]);
  expect(await validateSessionToken(otherToken)).not.toBeNull();
});

test("readSessionToken finds the cookie among others and copes with odd headers", () => {
  const name = sessionCookieName();
  const read = (cookie: string | null) =>
    readSessionToken(new Request("http://localhost/", cookie === null ? {} : { headers: { Cookie: cookie } }));
  expect(read(null)).toBeNull();
  expect(read("")).toBeNull();
  expect(read(`${name}=abc.def`)).toBe("abc.def");
  expect(read(`lng=de; ${name}=abc.def; toast=x`)).toBe("abc.def");
  expect(read(`lng=de;${name}=abc.def`)).toBe("abc.def");
  expect(read(`  ${name} =  abc.def  `)).toBe("abc.def");
  expect(read(`x${name}=nope; ${name}x=nope`)).toBeNull();
  expect(read(`${name}=`)).toBe("");
  expect(read(`;;; =; ${name}`)).toBeNull();
  expect(read(`=${name}`)).toBeNull();
  expect(read(`${name}=a=b`)).toBe("a=b");
  expect(read(`${name}=${"x".repeat(9000)}`)).toBeNull();
  expect(readSessionToken(requestWithSession("abc.def", "/me/account"))).toBe("abc.def");
});

test("the cookie is HttpOnly, SameSite=Lax, path-wide; the blank one expires it", () => {
  const expires = new Date(Date.now() + DAY);
  const cookie = serializeSessionCookie("abc.def", expires);
  expect(cookie).toContain(`${sessionCookieName()}=abc.def`);
  expect(cookie).toContain("HttpOnly");
  expect(cookie).toContain("SameSite=Lax");
  expect(cookie).toContain("Path=/");
  expect(cookie).toContain(`Expires=${expires.toUTCString()}`);
  expect(serializeBlankSessionCookie()).toContain("Max-Age=0");
});

test("the session brings the layout's menu entries: member of an organisation, coordinator of a region", async () => {
  const volunteer = await createUser();
  const plain = await validateSessionToken(await createSessionFor(volunteer.id));
  expect(plain?.menu).toEqual({ hasOrganisations: false, isCoordinator: false });

  const { owner } = await createOrganisationWithOwner();
  const asOwner = await validateSessionToken(await createSessionFor(owner.id));
  expect(asOwner?.menu).toEqual({ hasOrganisations: true, isCoordinator: false });

  const { token } = await createCoordinator(4001);
  const asCoordinator = await validateSessionToken(token);
  expect(asCoordinator?.menu).toEqual({ hasOrganisations: false, isCoordinator: true });
});
