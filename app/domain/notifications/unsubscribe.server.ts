/**
 * One-click unsubscribe (RFC 8058) for the alert and invitation emails. Each such email carries
 * `List-Unsubscribe: <https://…/u/TOKEN>` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, and the same link
 * in its text. The token says what to stop and until when the link works, signed with HMAC-SHA256 (APP_SECRET, or
 * the random secret the migration stored in the database): no login needed, and nobody can forge a link for
 * someone else's alert. POST /u/TOKEN stops it (a mail client's one-click request, or the button of the GET page);
 * GET only shows the confirm page — a link scanner that follows links must never unsubscribe anybody.
 *
 * What stops: "alert" turns one saved search's alert off; "invitations" withdraws the volunteer's opt-in
 * ("organisations may suggest opportunities to me"): invitations only come because of it, and withdrawing it
 * also removes them from every matches page.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { db } from "~db/client.server";
import { getEnv } from "~/utils/env.server";
import { appOrigin } from "~/utils/request.server";

export const UNSUBSCRIBE_KINDS = { a: "alert", i: "invitations" } as const;
export type UnsubscribeKind = (typeof UNSUBSCRIBE_KINDS)[keyof typeof UNSUBSCRIBE_KINDS];
const KIND_LETTER: Record<UnsubscribeKind, string> = { alert: "a", invitations: "i" };

/** how long an unsubscribe link works: long enough for an email read weeks later */
export const UNSUBSCRIBE_TOKEN_DAYS = 90;
/** the path of the links, exempt from the same-origin check for POST (app.server.ts): the token is the proof */
export const UNSUBSCRIBE_PATH = /^\/u\/[A-Za-z0-9._-]{1,200}$/;

let dbSecret: Promise<string> | undefined;

async function secret() {
  const fromEnv = getEnv().APP_SECRET;
  if (fromEnv) return fromEnv;
  dbSecret ??= db
    .selectFrom("app_secret")
    .select("value")
    .where("name", "=", "unsubscribe")
    .executeTakeFirstOrThrow()
    .then((row) => row.value)
    .catch((error: unknown) => {
      dbSecret = undefined;
      throw error;
    });
  return dbSecret;
}

function sign(key: string, payload: string) {
  return createHmac("sha256", key).update(`unsubscribe:${payload}`).digest("base64url").slice(0, 32);
}

export async function createUnsubscribeToken({ kind, id, now = new Date() }: { kind: UnsubscribeKind; id: number; now?: Date }) {
  const expires = Math.floor(now.getTime() / 1000) + UNSUBSCRIBE_TOKEN_DAYS * 24 * 3600;
  const payload = `${KIND_LETTER[kind]}${id}.${expires.toString(36)}`;
  return `${payload}.${sign(await secret(), payload)}`;
}

export type TokenVerdict = { ok: true; kind: UnsubscribeKind; id: number } | { ok: false; reason: "invalid" | "expired" };

export async function verifyUnsubscribeToken(token: string, now = new Date()): Promise<TokenVerdict> {
  const match = /^([ai])([1-9]\d{0,9})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return { ok: false, reason: "invalid" };
  const [, letter, id, expires, signature] = match as unknown as [string, "a" | "i", string, string, string];
  const expected = Buffer.from(sign(await secret(), `${letter}${id}.${expires}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  // checked after the signature: an expired link is only called expired if it was a real one
  if (parseInt(expires, 36) * 1000 < now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, kind: UNSUBSCRIBE_KINDS[letter], id: Number(id) };
}

export async function unsubscribeUrl(args: { kind: UnsubscribeKind; id: number; now?: Date }) {
  return `${appOrigin()}/u/${await createUnsubscribeToken(args)}`;
}

/** the RFC 8058 headers for an email whose unsubscribe link is `url` */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/** What a valid token would stop, for the confirm page: the saved search's name; null when it is gone. */
export async function describeUnsubscribe({ kind, id }: { kind: UnsubscribeKind; id: number }) {
  if (kind === "alert") {
    const row = await db.selectFrom("saved_search").select(["name", "alert"]).where("id", "=", id).executeTakeFirst();
    return row ? { kind, name: row.name, active: row.alert !== "off" } : null;
  }
  const row = await db
    .selectFrom("volunteer_profile as p")
    .innerJoin("app_user as u", "u.id", "p.user_id")
    .select("p.suggestions_opt_in")
    .where("p.user_id", "=", id)
    .where("u.deleted_at", "is", null)
    .executeTakeFirst();
  return row ? { kind, name: null, active: row.suggestions_opt_in } : null;
}

/** Stops what the token names; idempotent (a second click finds it stopped already). */
export async function unsubscribe({ kind, id }: { kind: UnsubscribeKind; id: number }) {
  if (kind === "alert") {
    await db.updateTable("saved_search").set({ alert: "off", updated_at: new Date() }).where("id", "=", id).execute();
  } else {
    await db
      .updateTable("volunteer_profile")
      .set({ suggestions_opt_in: false, updated_at: new Date() })
      .where("user_id", "=", id)
      .where("suggestions_opt_in", "=", true)
      .execute();
  }
}
