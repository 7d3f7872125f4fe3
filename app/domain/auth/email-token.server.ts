/**
 * One-time tokens sent by email (verify address, reset password, confirm a new address). 160 random bits;
 * only their SHA-256 is stored. Consuming is one UPDATE … WHERE used_at IS NULL, so a link works exactly once.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, EmailTokenPurpose } from "~db/schema";

type Executor = Kysely<Database> | Transaction<Database>;

export const TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 3600 * 1000,
  reset_password: 3600 * 1000,
  change_email: 24 * 3600 * 1000,
};

const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

function hashToken(token: string) {
  return Buffer.from(sha256(new TextEncoder().encode(token)));
}

export async function createEmailToken(
  trx: Executor,
  { userId, purpose, newEmail }: { userId: number; purpose: EmailTokenPurpose; newEmail?: string },
) {
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  // an older unused link for the same purpose stops working when a new one is sent
  await trx
    .updateTable("email_token")
    .set({ used_at: sql`now()` })
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .execute();
  await trx
    .insertInto("email_token")
    .values({
      user_id: userId,
      purpose,
      token_hash: hashToken(token),
      new_email: newEmail ?? null,
      expires_at: new Date(Date.now() + TOKEN_TTL_MS[purpose]),
    })
    .execute();
  return token;
}

export function isWellFormedToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN_PATTERN.test(token);
}

/** Marks the token used and returns whom it was for; null when unknown, used, expired or malformed. */
export async function consumeEmailToken(trx: Executor, { token, purpose }: { token: string; purpose: EmailTokenPurpose }) {
  if (!isWellFormedToken(token)) return null;
  const row = await trx
    .updateTable("email_token")
    .set({ used_at: sql`now()` })
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .returning(["user_id as userId", "new_email as newEmail"])
    .executeTakeFirst();
  return row ?? null;
}

/** Read-only check for the reset page's GET: is this link still good? */
export async function peekEmailToken(trx: Executor, { token, purpose }: { token: string; purpose: EmailTokenPurpose }) {
  if (!isWellFormedToken(token)) return false;
  const row = await trx
    .selectFrom("email_token")
    .select("id")
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  return Boolean(row);
}
