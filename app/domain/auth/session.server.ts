/**
 * Sessions the Lucia way (lucia-auth.com, "Basic session API"), on @oslojs/crypto and @oslojs/encoding.
 * The cookie holds `<id>.<secret>`: id 120 bits and secret 160 bits from the CSPRNG, base32. The database keeps
 * only SHA-256(secret), compared in constant time, so a leaked session table cannot be replayed.
 * Sliding expiry: 30 days, extended when less than 15 days remain; never beyond 90 days after login.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { Kysely, Transaction } from "kysely";
import { db } from "~db/client.server";
import { precompile } from "~db/precompiled.server";
import type { Database } from "~db/schema";
import { getEnv } from "~/utils/env.server";

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
export const SESSION_RENEW_BEFORE_MS = 15 * 24 * 3600 * 1000;
export const SESSION_ABSOLUTE_MS = 90 * 24 * 3600 * 1000;

type Executor = Kysely<Database> | Transaction<Database>;

const TOKEN_PATTERN = /^([a-z2-7]{24})\.([a-z2-7]{32})$/;

function randomBase32(bytes: number) {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function hashSecret(secret: string) {
  return sha256(new TextEncoder().encode(secret));
}

export function generateSessionToken() {
  const id = randomBase32(15);
  const secret = randomBase32(20);
  return { id, secret, token: `${id}.${secret}` };
}

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  locale: "de" | "en";
  isAdmin: boolean;
  emailVerified: boolean;
}

export interface ValidSession {
  id: string;
  userId: number;
  expiresAt: Date;
}

/** What the layout shows every signed-in page (menu entries), read with the session in the same query. */
export interface SessionMenu {
  hasOrganisations: boolean;
  isCoordinator: boolean;
}

export async function createSession({
  userId,
  userAgent,
  trx = db,
}: {
  userId: number;
  userAgent?: string | null;
  trx?: Executor;
}) {
  const { id, secret, token } = generateSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await trx
    .insertInto("user_session")
    .values({
      id,
      user_id: userId,
      secret_hash: Buffer.from(hashSecret(secret)),
      expires_at: expiresAt,
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

/** Every signed-in request runs it: built and compiled once (db/precompiled.server.ts). */
const sessionLookup = precompile(
  (id: string) =>
    db
      .selectFrom("user_session as s")
      .innerJoin("app_user as u", "u.id", "s.user_id")
      .where("s.id", "=", id)
      .where("u.deleted_at", "is", null)
      .select([
        "s.id",
        "s.secret_hash",
        "s.created_at",
        "s.expires_at",
        "u.id as userId",
        "u.email",
        "u.display_name",
        "u.locale",
        "u.is_admin",
        "u.email_verified_at",
        // the layout's menu entries: one round trip per page instead of three
        (eb) => eb.exists(eb.selectFrom("organisation_member as m").select("m.user_id").whereRef("m.user_id", "=", "u.id")).as("has_organisations"),
        (eb) => eb.exists(eb.selectFrom("region_coordinator as rc").select("rc.user_id").whereRef("rc.user_id", "=", "u.id")).as("is_coordinator"),
      ]),
  ["\u0000session-id"],
);

/** Anything malformed, unknown, tampered with or expired is simply no session (never an error). */
export async function validateSessionToken(
  token: string | null | undefined,
  now = new Date(),
): Promise<{ session: ValidSession; user: SessionUser; menu: SessionMenu } | null> {
  if (!token || token.length > 100) return null;
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const [, id, secret] = match;
  const row = (await sessionLookup(db, id)).rows[0];
  if (!row || !constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) return null;

  const absoluteEnd = row.created_at.getTime() + SESSION_ABSOLUTE_MS;
  if (now.getTime() >= row.expires_at.getTime() || now.getTime() >= absoluteEnd) {
    await db.deleteFrom("user_session").where("id", "=", id).execute();
    return null;
  }
  let expiresAt = row.expires_at;
  if (expiresAt.getTime() - now.getTime() < SESSION_RENEW_BEFORE_MS) {
    expiresAt = new Date(Math.min(now.getTime() + SESSION_TTL_MS, absoluteEnd));
    await db.updateTable("user_session").set({ expires_at: expiresAt }).where("id", "=", id).execute();
  }
  return {
    session: { id, userId: row.userId, expiresAt },
    user: {
      id: row.userId,
      email: row.email!,
      displayName: row.display_name,
      locale: row.locale,
      isAdmin: row.is_admin,
      emailVerified: row.email_verified_at !== null,
    },
    menu: { hasOrganisations: Boolean(row.has_organisations), isCoordinator: Boolean(row.is_coordinator) },
  };
}

export async function invalidateSession(sessionId: string) {
  await db.deleteFrom("user_session").where("id", "=", sessionId).execute();
}

/** Ends every session of a user, optionally except the one in use (password change keeps you logged in here). */
export async function invalidateUserSessions({
  userId,
  exceptSessionId,
  trx = db,
}: {
  userId: number;
  exceptSessionId?: string;
  trx?: Executor;
}) {
  let query = trx.deleteFrom("user_session").where("user_id", "=", userId);
  if (exceptSessionId) query = query.where("id", "<>", exceptSessionId);
  await query.execute();
}

export async function deleteExpiredSessions(now = new Date()) {
  const result = await db.deleteFrom("user_session").where("expires_at", "<=", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// --- the cookie ---------------------------------------------------------------------------------------------

/** `__Host-` binds the cookie to this exact host over https (no Domain, Path=/, Secure). */
export function sessionCookieName() {
  return getEnv().cookieSecure ? "__Host-mitenand_session" : "mitenand_session";
}

export function readSessionToken(request: Request) {
  const header = request.headers.get("Cookie");
  if (!header || header.length > 8192) return null;
  const name = sessionCookieName();
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}

export function serializeSessionCookie(token: string, expiresAt: Date) {
  const attributes = [
    `${sessionCookieName()}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (getEnv().cookieSecure) attributes.push("Secure");
  return attributes.join("; ");
}

export function serializeBlankSessionCookie() {
  const attributes = [`${sessionCookieName()}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (getEnv().cookieSecure) attributes.push("Secure");
  return attributes.join("; ");
}
