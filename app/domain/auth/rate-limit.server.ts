/**
 * Rate limits kept in PostgreSQL, so they hold across app instances: one row per key and fixed window, bumped
 * by a single atomic upsert. Keys name what is limited and for whom, e.g. "login:account:anna@example.org".
 */
import { sql, type Kysely, type Transaction } from "kysely";
import { db } from "~db/client.server";
import type { Database } from "~db/schema";

export interface RateLimitRule {
  /** requests allowed per window */
  limit: number;
  windowSeconds: number;
}

export const RATE_LIMITS = {
  loginPerAccount: { limit: 10, windowSeconds: 15 * 60 },
  loginPerIp: { limit: 50, windowSeconds: 15 * 60 },
  signupPerIp: { limit: 10, windowSeconds: 60 * 60 },
  forgotPasswordPerIp: { limit: 10, windowSeconds: 60 * 60 },
  forgotPasswordPerAccount: { limit: 3, windowSeconds: 60 * 60 },
  verificationResendPerAccount: { limit: 3, windowSeconds: 60 * 60 },
  reauthPerAccount: { limit: 10, windowSeconds: 15 * 60 },
  // emails a person makes us send to somebody else (invitations, "this address already has an account", the
  // confirmation of a new email address): few per recipient, a bounded number per sender and organisation
  mailsToRecipient: { limit: 3, windowSeconds: 24 * 3600 },
  invitationsPerOrganisation: { limit: 20, windowSeconds: 24 * 3600 },
  invitationsPerSender: { limit: 30, windowSeconds: 24 * 3600 },
  // public flags on listings: anyone may send them, so bound what one address and what one listing receive
  flagsPerIp: { limit: 10, windowSeconds: 60 * 60 },
  flagsPerListing: { limit: 20, windowSeconds: 24 * 3600 },
  coordinatorInvitationsPerSender: { limit: 30, windowSeconds: 24 * 3600 },
  // /verify/:code lookups: plenty for an employer checking a few certificates, useless for guessing 100-bit codes
  certificateVerifyPerIp: { limit: 60, windowSeconds: 15 * 60 },
  // an organisation's messages to the confirmed volunteers of its shifts (each goes to everyone on the shift)
  shiftMessagesPerOrganisation: { limit: 10, windowSeconds: 24 * 3600 },
  // organisations inviting matched volunteers to an opportunity (each invitation is also one mailsToRecipient)
  matchInvitationsPerOrganisation: { limit: 30, windowSeconds: 24 * 3600 },
} satisfies Record<string, RateLimitRule>;

export type RateLimitResult = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one hit against `key`; refuses once the window's limit is used up. Inside a transaction pass it as
 * `executor` (the embedded database has one connection: a query beside an open transaction would wait for it).
 */
export async function consumeRateLimit(
  key: string,
  rule: RateLimitRule,
  executor: Kysely<Database> | Transaction<Database> = db,
): Promise<RateLimitResult> {
  const window = `${rule.windowSeconds} seconds`;
  const row = await executor
    .insertInto("rate_limit")
    .values({ key: key.slice(0, 300), window_started_at: sql`now()`, hits: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        window_started_at: sql`case when rate_limit.window_started_at <= now() - ${window}::interval then now() else rate_limit.window_started_at end`,
        hits: sql`case when rate_limit.window_started_at <= now() - ${window}::interval then 1 else rate_limit.hits + 1 end`,
      }),
    )
    .returning([
      "hits",
      sql<number>`ceil(extract(epoch from (window_started_at + ${window}::interval - now())))::int`.as("secondsLeft"),
    ])
    .executeTakeFirstOrThrow();
  if (row.hits > rule.limit) return { allowed: false, retryAfterSeconds: Math.max(1, row.secondsLeft) };
  return { allowed: true, remaining: rule.limit - row.hits };
}

/** One limit of several that one action consumes: what it is called in the result, its key, its rule. */
export type NamedRateLimit<Scope extends string> = readonly [scope: Scope, key: string, rule: RateLimitRule];

export type RateLimitsResult<Scope extends string> =
  | { allowed: true }
  | { allowed: false; scope: Scope; limit: number; retryAfterSeconds: number };

/**
 * Counts one hit against each limit in order and stops at the first that refuses (the later ones are not
 * counted). In a transaction pass it as `executor`: the hits are then kept or rolled back with it.
 */
export async function consumeRateLimits<Scope extends string>(
  executor: Kysely<Database> | Transaction<Database>,
  limits: readonly NamedRateLimit<Scope>[],
): Promise<RateLimitsResult<Scope>> {
  for (const [scope, key, rule] of limits) {
    const result = await consumeRateLimit(key, rule, executor);
    if (!result.allowed) return { allowed: false, scope, limit: rule.limit, retryAfterSeconds: result.retryAfterSeconds };
  }
  return { allowed: true };
}

/** The key that limits how many emails others make us send to `address`. */
export function recipientKey(address: string) {
  return `mail-to:${address.trim().toLowerCase()}`;
}

/**
 * Gives back one hit of the current window: what succeeded should not use up a budget meant for failures (a
 * school or library behind one address logs many people in).
 */
export async function refundRateLimit(key: string) {
  await db
    .updateTable("rate_limit")
    .set({ hits: sql`greatest(hits - 1, 0)` })
    .where("key", "=", key.slice(0, 300))
    .execute();
}

/** After a successful login the failures of that account no longer count. */
export async function resetRateLimit(key: string) {
  await db.deleteFrom("rate_limit").where("key", "=", key.slice(0, 300)).execute();
}

export async function deleteStaleRateLimits(olderThanSeconds = 24 * 3600) {
  await db
    .deleteFrom("rate_limit")
    .where("window_started_at", "<", sql<Date>`now() - ${`${olderThanSeconds} seconds`}::interval`)
    .execute();
}

/** A 429 Response for routes: friendly page via the error boundary, and Retry-After for clients. */
export function tooManyRequests(retryAfterSeconds: number): never {
  throw new Response("Too Many Requests", { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } });
}
