/**
 * The email outbox. A change and the email it causes are written in one transaction (`enqueueEmail(trx, …)`),
 * so a rolled-back change never sends mail and a committed one always does. A worker sends what is due: it
 * claims a batch with FOR UPDATE SKIP LOCKED and pushes each message's next_attempt_at forward by a lease in
 * the same statement, then sends outside any transaction. Several workers (processes) therefore never pick the
 * same message; a message is only sent twice if a worker dies between the SMTP hand-over and marking it sent
 * (at-least-once delivery).
 *
 * Without SMTP_URL, outside production messages are "kept": marked sent without leaving the machine and read in
 * the dev mailbox (/dev/mailbox). In production without SMTP_URL they stay pending until SMTP is configured.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import { createTransport } from "nodemailer";
import { db as defaultDb } from "~db/client.server";
import type { Database, OutboxMessage } from "~db/schema";
import { getEnv, type Env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { renderEmail, type EmailLocale, type EmailTemplateName, type EmailTemplateParams } from "./templates.server";

type Executor = Kysely<Database> | Transaction<Database>;

/** Delays after the 1st, 2nd … failed attempt; the attempt after the last delay is the final one. */
export const RETRY_DELAYS_SECONDS = [60, 5 * 60, 30 * 60, 2 * 3600, 12 * 3600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** How long a claimed message belongs to the worker that claimed it; after that another worker may retry it. */
export const CLAIM_LEASE_SECONDS = 5 * 60;
/** Sent (and failed) messages are deleted after this many days: they hold addresses, names and tokens. */
export const RETENTION_DAYS = 30;
const LAST_ERROR_MAX = 1000;

/**
 * Queues an email. With an `idempotencyKey` (one logical email, e.g. the reminder of one sign-up and shift) the
 * key is UNIQUE in the outbox: queuing it again returns the existing message's id and writes nothing; the key
 * also becomes the Message-ID, so a copy sent again after a crash can be recognised by the receiver.
 */
export async function enqueueEmail<T extends EmailTemplateName>(
  executor: Executor,
  {
    to,
    template,
    locale,
    params,
    idempotencyKey,
    headers,
  }: {
    to: string;
    template: T;
    locale: EmailLocale;
    params: EmailTemplateParams[T];
    idempotencyKey?: string;
    /** extra headers, e.g. List-Unsubscribe (RFC 8058); names and values are plain ASCII without line breaks */
    headers?: Record<string, string>;
  },
): Promise<number> {
  const { subject, text, html } = renderEmail(template, locale, params);
  if (headers) {
    for (const [name, value] of Object.entries(headers)) {
      // a header injection would let a value add recipients or bodies: refuse rather than send
      if (!/^[A-Za-z0-9-]+$/.test(name) || /[\r\n]/.test(value)) throw new Error(`invalid mail header ${name}`);
    }
  }
  const row = await executor
    .insertInto("outbox")
    .values({
      recipient: to,
      subject,
      text_body: text,
      html_body: html,
      template,
      idempotency_key: idempotencyKey ?? null,
      headers: headers ? sql<string>`${JSON.stringify(headers)}::text::jsonb` : null,
    })
    .$if(idempotencyKey !== undefined, (qb) => qb.onConflict((oc) => oc.column("idempotency_key").where("idempotency_key", "is not", null).doNothing()))
    .returning("id")
    .executeTakeFirst();
  if (row) return row.id;
  const existing = await executor.selectFrom("outbox").select("id").where("idempotency_key", "=", idempotencyKey!).executeTakeFirstOrThrow();
  return existing.id;
}

// --- transports ----------------------------------------------------------------------------------------------

export interface OutgoingEmail {
  id: number;
  /** stable across retries of the same message (from its idempotency key, else its outbox id): the Message-ID */
  messageId?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** extra headers (List-Unsubscribe …) */
  headers?: Record<string, string>;
}

export interface EmailTransport {
  /** for logs: "smtp", "keep" … */
  readonly name: string;
  /** resolves once the message is handed over; throws to have it retried later */
  send(message: OutgoingEmail): Promise<void>;
  close?(): void;
}

export function createSmtpTransport(smtpUrl: string, options: { from?: string } = {}): EmailTransport {
  const from = options.from ?? getEnv().MAIL_FROM;
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? "mitenand.invalid";
  // Timeouts well inside the claim lease, so a hanging server cannot outlive it. Settings in the URL's query
  // (e.g. ?pool=true) take precedence over these.
  const transporter = createTransport(
    { url: smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 },
    { from },
  );
  return {
    name: "smtp",
    async send(message) {
      await transporter.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.messageId ? { messageId: `<${message.messageId}@${domain}>` } : {}),
        ...(message.headers ? { headers: message.headers } : {}),
      });
    },
    close() {
      transporter.close();
    },
  };
}

/** Development without SMTP: the message counts as sent and stays in the outbox for the dev mailbox. */
export const keepTransport: EmailTransport = {
  name: "keep",
  async send(message) {
    logger.debug({ outboxId: message.id }, "email kept for the dev mailbox");
  },
};

/** The transport this process should use, or null when messages must wait (production without SMTP_URL). */
export function emailTransportFromEnv(env: Env = getEnv()): EmailTransport | null {
  if (env.SMTP_URL) return createSmtpTransport(env.SMTP_URL, { from: env.MAIL_FROM });
  if (!env.isProduction) return keepTransport;
  return null;
}

// --- delivery ------------------------------------------------------------------------------------------------

function clock(now: Date | undefined): RawBuilder<Date> {
  return now ? sql<Date>`${now.toISOString()}::timestamptz` : sql<Date>`now()`;
}

function later(now: Date | undefined, seconds: number): RawBuilder<Date> {
  return sql<Date>`${clock(now)} + ${`${seconds} seconds`}::interval`;
}

function describeError(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, LAST_ERROR_MAX);
}

export interface DeliveryResult {
  sent: number;
  /** gave up after MAX_ATTEMPTS */
  failed: number;
  /** failed this time, will be tried again later */
  retried: number;
}

export async function deliverDueEmails({
  transport,
  batchSize = 20,
  now,
  db = defaultDb,
  recipients,
  signal,
  afterHandover,
}: {
  transport: EmailTransport;
  batchSize?: number;
  /** the time to act at (tests); defaults to the database clock */
  now?: Date;
  db?: Kysely<Database>;
  /** only messages to these addresses (tests on a shared database; flushing one person's mail) */
  recipients?: readonly string[];
  /** aborted: stop retrying to record a sent message (the worker is stopping) */
  signal?: AbortSignal;
  /** tests only: runs after the SMTP hand-over, before the message is marked sent (to inject a crash) */
  afterHandover?: (message: OutboxMessage) => Promise<void> | void;
}): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0, retried: 0 };
  if (recipients?.length === 0) return result;
  const claimedAt = Date.now();

  // A short transaction of its own; with PGlite's single connection nothing else may use `db` inside it.
  // The due rows are picked in a MATERIALIZED CTE, not in `WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP
  // LOCKED)`: PostgreSQL may re-run such a subquery for every outer row, and each re-run skips the rows this
  // very statement has just updated and locks the next ones, so far more than n rows were claimed.
  const claimed: OutboxMessage[] = await db.transaction().execute((trx) =>
    trx
      .with(
        (cte) => cte("due").materialized(),
        (qc) => {
          let due = qc
            .selectFrom("outbox")
            .select("id")
            .where("status", "=", "pending")
            .where("next_attempt_at", "<=", clock(now));
          if (recipients) due = due.where("recipient", "in", recipients);
          return due.orderBy("next_attempt_at").orderBy("id").limit(batchSize).forUpdate().skipLocked();
        },
      )
      .updateTable("outbox")
      .from("due")
      .set((eb) => ({ attempts: eb("outbox.attempts", "+", 1), next_attempt_at: later(now, CLAIM_LEASE_SECONDS) }))
      .whereRef("outbox.id", "=", "due.id")
      .where("outbox.status", "=", "pending")
      .returningAll("outbox")
      .execute(),
  );
  claimed.sort((a, b) => a.id - b.id);

  // Stop well before the lease runs out, or another worker could claim (and send) the rest again.
  const deadline = claimedAt + (CLAIM_LEASE_SECONDS * 1000) / 2;
  for (const [index, message] of claimed.entries()) {
    if (Date.now() > deadline) {
      await releaseClaims(db, claimed.slice(index).map((m) => m.id));
      break;
    }
    try {
      await transport.send({
        id: message.id,
        messageId: message.idempotency_key ?? `outbox-${message.id}`,
        to: message.recipient,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
        ...(message.headers ? { headers: message.headers } : {}),
      });
    } catch (error) {
      const lastError = describeError(error);
      if (message.attempts >= MAX_ATTEMPTS) {
        await db
          .updateTable("outbox")
          .set({ status: "failed", last_error: lastError })
          .where("id", "=", message.id)
          .execute();
        result.failed += 1;
        logger.error({ outboxId: message.id, template: message.template, attempts: message.attempts, error: lastError }, "email failed for good");
      } else {
        const delay = RETRY_DELAYS_SECONDS[message.attempts - 1];
        await db
          .updateTable("outbox")
          .set({ next_attempt_at: later(now, delay), last_error: lastError })
          .where("id", "=", message.id)
          .execute();
        result.retried += 1;
        logger.warn({ outboxId: message.id, template: message.template, attempts: message.attempts, retryInSeconds: delay, error: lastError }, "email not sent, will retry");
      }
      continue;
    }
    // fault injection (tests): a throw here is a worker dying between the SMTP hand-over and "mark sent"
    await afterHandover?.(message);
    // Handed over: record it even if the database is away right now (a restart, a failover). Until the lease
    // runs out no other worker takes the message, so retrying here is what keeps it from being sent twice.
    await untilRecorded(
      () => db.updateTable("outbox").set({ status: "sent", sent_at: clock(now), last_error: null }).where("id", "=", message.id).execute(),
      { until: claimedAt + (CLAIM_LEASE_SECONDS * 1000) * 0.9, signal, outboxId: message.id },
    );
    result.sent += 1;
  }
  return result;
}

const RECORD_RETRY_MS = 1000;

/** Runs `write` until it succeeds, retrying every second until `until` (epoch ms) or until `signal` aborts. */
async function untilRecorded(
  write: () => Promise<unknown>,
  { until, signal, outboxId }: { until: number; signal?: AbortSignal; outboxId: number },
) {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      if (attempt > 1) logger.info({ outboxId, attempts: attempt }, "email recorded as sent after a database error");
      return;
    } catch (error) {
      if (signal?.aborted || Date.now() + RECORD_RETRY_MS > until) throw error;
      if (attempt === 1) logger.warn({ outboxId, error: describeError(error) }, "email sent, but not yet recorded: retrying");
      await new Promise((resolve) => setTimeout(resolve, RECORD_RETRY_MS));
    }
  }
}

/** Gives claimed but unsent messages back, without counting the attempt. */
async function releaseClaims(db: Kysely<Database>, ids: number[]) {
  if (ids.length === 0) return;
  await db
    .updateTable("outbox")
    .set((eb) => ({ attempts: eb("attempts", "-", 1), next_attempt_at: sql<Date>`now()` }))
    .where("id", "in", ids)
    .where("status", "=", "pending")
    .execute();
}

/**
 * Deletes sent and failed messages older than RETENTION_DAYS: they contain personal data (names, addresses)
 * and one-time tokens, and nobody needs them once they are delivered or given up on. Pending ones stay.
 */
export async function purgeOldEmails({ db = defaultDb, now }: { db?: Kysely<Database>; now?: Date } = {}) {
  const cutoff = sql<Date>`${clock(now)} - ${`${RETENTION_DAYS} days`}::interval`;
  const deleted = await db
    .deleteFrom("outbox")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "sent"), eb("sent_at", "<", cutoff)]),
        eb.and([eb("status", "=", "failed"), eb("created_at", "<", cutoff)]),
      ]),
    )
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

// --- the worker loop -----------------------------------------------------------------------------------------

const PURGE_EVERY_MS = 3600 * 1000;
const runningWorkers = new Set<() => void>();

/** Asks every running worker of this process to look at the outbox now instead of at its next tick. */
export function wakeEmailWorker() {
  for (const wake of runningWorkers) wake();
}

/**
 * Polls the outbox every `intervalMs` (never two runs at once) and purges old messages about once an hour.
 * Returns `stop`, which waits for a run in progress, so the database can be closed right after it.
 */
export function startEmailWorker({
  intervalMs = 2000,
  batchSize = 20,
  transport = emailTransportFromEnv(),
  db = defaultDb,
}: {
  intervalMs?: number;
  batchSize?: number;
  /** null: deliver nothing (production without SMTP_URL), only purge */
  transport?: EmailTransport | null;
  db?: Kysely<Database>;
} = {}): () => Promise<void> {
  if (transport) {
    logger.info({ transport: transport.name, intervalMs }, "email worker started");
  } else {
    logger.warn(
      "SMTP_URL is not set: emails are queued in the outbox but NOT sent. Set SMTP_URL (smtp:// or smtps://) to deliver them.",
    );
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let lastPurge = 0;
  const stopping = new AbortController();

  async function runOnce() {
    if (transport) {
      const total: DeliveryResult = { sent: 0, failed: 0, retried: 0 };
      // keep going while full batches come back, so a backlog drains without waiting for the next tick
      for (;;) {
        const result = await deliverDueEmails({ transport, batchSize, db, signal: stopping.signal });
        total.sent += result.sent;
        total.failed += result.failed;
        total.retried += result.retried;
        if (stopped || result.sent + result.failed + result.retried < batchSize) break;
      }
      if (total.sent + total.failed + total.retried > 0) logger.info(total, "email outbox delivered");
    }
    if (Date.now() - lastPurge >= PURGE_EVERY_MS) {
      lastPurge = Date.now();
      const purged = await purgeOldEmails({ db });
      if (purged > 0) logger.info({ purged }, "old emails purged from the outbox");
    }
  }

  function schedule(ms: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  }

  function run() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = runOnce()
      .catch((error: unknown) => logger.error({ error: describeError(error) }, "email worker run failed"))
      .finally(() => {
        running = undefined;
        const soon = again;
        again = false;
        schedule(soon ? 0 : intervalMs);
      });
  }

  runningWorkers.add(run);
  schedule(0);

  return async function stop() {
    stopped = true;
    stopping.abort();
    runningWorkers.delete(run);
    clearTimeout(timer);
    await running;
    transport?.close?.();
  };
}
