/**
 * The dev mailbox: reads the outbox for /dev/mailbox, so sign-up and password links can be followed without a
 * mail server. Available outside production, and in production only with DEV_MAILBOX=true (the e2e tests run
 * the production build); everywhere else the pages answer 404, as if they did not exist.
 */
import { db } from "~db/client.server";
import { getEnv, type Env } from "~/utils/env.server";

export function isDevMailboxEnabled(env: Env = getEnv()) {
  return !env.isProduction || env.DEV_MAILBOX;
}

export function requireDevMailbox() {
  if (!isDevMailboxEnabled()) throw new Response("Not Found", { status: 404 });
}

export async function listMailbox({ to, limit = 200 }: { to?: string; limit?: number }) {
  let query = db
    .selectFrom("outbox")
    .select(["id", "recipient", "subject", "status", "created_at"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit);
  if (to) query = query.where("recipient", "=", to);
  return query.execute();
}

export async function getMailboxMessage({ id }: { id: number }) {
  return db
    .selectFrom("outbox")
    .select(["id", "recipient", "subject", "text_body", "template", "status", "attempts", "last_error", "created_at", "sent_at", "headers"])
    .where("id", "=", id)
    .executeTakeFirst();
}
