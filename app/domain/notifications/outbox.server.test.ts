import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, createDatabase, db, getDatabaseKind } from "~db/client.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { parseEnv } from "~/utils/env.server";
import {
  CLAIM_LEASE_SECONDS,
  createSmtpTransport,
  deliverDueEmails,
  emailTransportFromEnv,
  enqueueEmail,
  keepTransport,
  MAX_ATTEMPTS,
  purgeOldEmails,
  RETRY_DELAYS_SECONDS,
  startEmailWorker,
  wakeEmailWorker,
  type EmailTransport,
  type OutgoingEmail,
} from "./outbox.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

// On PostgreSQL other test files share the database: every test works only with its own unique addresses.
function testAddress() {
  return `test-${randomUUID()}@example.org`;
}

function enqueueVerification(to: string, locale: "de" | "en" = "en") {
  const url = `https://mitenand.example/verify-email?token=${randomUUID().replaceAll("-", "")}`;
  return enqueueEmail(db, { to, template: "verify_email", locale, params: { name: "Anna Muster", url } }).then((id) => ({
    id,
    url,
  }));
}

function outboxRow(id: number) {
  return db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on a random local port that keeps what it receives. */
async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // plain SMTP on localhost: without STARTTLS nodemailer does not try the self-signed default certificate
    disabledCommands: ["STARTTLS"],
    logger: false,
    disableReverseLookup: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}

function decodeQuotedPrintable(raw: string) {
  const binary = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(binary, "latin1").toString("utf8");
}

/** The Subject header, unfolded, with RFC 2047 encoded words decoded. */
function subjectOf(raw: string) {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? "";
  return header
    .replace(/\r?\n[ \t]/g, " ")
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeQuotedPrintable(text.replaceAll("_", " ")),
    );
}

function failingTransport(message = "451 try again later"): EmailTransport {
  return {
    name: "failing",
    async send() {
      throw new Error(message);
    },
  };
}

function recordingTransport(name = "recording") {
  const sent: OutgoingEmail[] = [];
  const transport: EmailTransport = {
    name,
    async send(message) {
      sent.push(message);
    },
  };
  return { transport, sent };
}

test("a queued email goes out over SMTP with recipient, subject and link, and is marked sent", async () => {
  const smtp = await startSmtpServer();
  const transport = createSmtpTransport(smtp.url, { from: "Mitenand Test <no-reply@mitenand.test>" });
  try {
    const english = testAddress();
    const german = testAddress();
    const first = await enqueueVerification(english, "en");
    const second = await enqueueVerification(german, "de");

    const result = await deliverDueEmails({ transport, recipients: [english, german] });

    expect(result).toEqual({ sent: 2, failed: 0, retried: 0 });
    expect(smtp.received).toHaveLength(2);
    const toEnglish = smtp.received.find((mail) => mail.to.includes(english))!;
    expect(toEnglish.to).toEqual([english]);
    expect(toEnglish.raw).toMatch(/^From: Mitenand Test <no-reply@mitenand\.test>\r?$/m);
    expect(toEnglish.raw).toMatch(new RegExp(`^To: ${english.replaceAll(".", "\\.")}\\r?$`, "m"));
    expect(subjectOf(toEnglish.raw)).toBe("Confirm your email address for Mitenand");
    expect(toEnglish.raw).toContain("Content-Type: text/plain");
    expect(toEnglish.raw).toContain("Content-Type: text/html");
    expect(decodeQuotedPrintable(toEnglish.raw)).toContain(first.url);

    const toGerman = smtp.received.find((mail) => mail.to.includes(german))!;
    expect(subjectOf(toGerman.raw)).toBe("Bestätige deine E-Mail-Adresse für Mitenand");
    expect(decodeQuotedPrintable(toGerman.raw)).toContain(second.url);

    for (const { id } of [first, second]) {
      const row = await outboxRow(id);
      expect(row).toMatchObject({ status: "sent", attempts: 1, last_error: null });
      expect(row.sent_at).toBeInstanceOf(Date);
    }
    // nothing is sent twice
    expect(await deliverDueEmails({ transport, recipients: [english, german] })).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(smtp.received).toHaveLength(2);
  } finally {
    transport.close?.();
    await smtp.close();
  }
});

test("an unreachable SMTP server counts as a failed attempt", async () => {
  const smtp = await startSmtpServer();
  await smtp.close(); // nothing listens on that port any more
  const transport = createSmtpTransport(smtp.url);
  const to = testAddress();
  const { id } = await enqueueVerification(to);
  expect(await deliverDueEmails({ transport, recipients: [to] })).toEqual({ sent: 0, failed: 0, retried: 1 });
  const row = await outboxRow(id);
  expect(row).toMatchObject({ status: "pending", attempts: 1 });
  expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
  transport.close?.();
});

test("a failing transport is retried with growing delays, then the message is given up", async () => {
  const to = testAddress();
  const { id } = await enqueueVerification(to);
  const transport = failingTransport(`451 mailbox busy ${"x".repeat(5000)}`);
  let now = new Date(Date.now() + 60_000);

  for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
    expect(await deliverDueEmails({ transport, now, recipients: [to] })).toEqual({ sent: 0, failed: 0, retried: 1 });
    const row = await outboxRow(id);
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(attempt);
    expect(row.last_error).toMatch(/^451 mailbox busy x+$/);
    expect(row.last_error!.length).toBe(1000);
    expect(row.next_attempt_at.getTime()).toBe(now.getTime() + RETRY_DELAYS_SECONDS[attempt - 1] * 1000);
    // not due again before the delay is over
    expect(await deliverDueEmails({ transport, now: new Date(now.getTime() + 30_000), recipients: [to] })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    now = row.next_attempt_at;
  }
  expect(RETRY_DELAYS_SECONDS.map((s) => s / 60)).toEqual([1, 5, 30, 120, 720]);

  expect(await deliverDueEmails({ transport, now, recipients: [to] })).toEqual({ sent: 0, failed: 1, retried: 0 });
  const row = await outboxRow(id);
  expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, sent_at: null });
  // given up for good: never claimed again
  const later = new Date(now.getTime() + 7 * 24 * 3600 * 1000);
  expect(await deliverDueEmails({ transport, now: later, recipients: [to] })).toEqual({ sent: 0, failed: 0, retried: 0 });
});

test("a claimed message is leased: it is not claimed again until the lease runs out", async () => {
  const to = testAddress();
  const { id } = await enqueueVerification(to);
  const now = new Date(Date.now() + 60_000);
  // a worker that dies after claiming: its send never returns
  let release!: () => void;
  const stuck: EmailTransport = { name: "stuck", send: () => new Promise<void>((resolve) => (release = resolve)) };
  const first = deliverDueEmails({ transport: stuck, now, recipients: [to] });
  await expect.poll(async () => (await outboxRow(id)).attempts).toBe(1);

  const { transport, sent } = recordingTransport();
  expect(await deliverDueEmails({ transport, now, recipients: [to] })).toEqual({ sent: 0, failed: 0, retried: 0 });
  const afterLease = new Date(now.getTime() + CLAIM_LEASE_SECONDS * 1000);
  expect(await deliverDueEmails({ transport, now: afterLease, recipients: [to] })).toEqual({ sent: 1, failed: 0, retried: 0 });
  expect(sent.map((m) => m.id)).toEqual([id]);
  release();
  await first;
});

test("two workers running at the same time deliver every message exactly once", async () => {
  const recipients = Array.from({ length: 16 }, testAddress);
  for (const to of recipients) await enqueueVerification(to);

  // on PostgreSQL two separate connection pools, as two processes would have; PGlite has one connection
  const second = getDatabaseKind() === "postgres" ? createDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 2 }).db : db;
  const smtp = await startSmtpServer();
  const transports = [createSmtpTransport(smtp.url), createSmtpTransport(smtp.url)];
  try {
    const worker = async (instance: typeof db, transport: EmailTransport) => {
      let sent = 0;
      for (;;) {
        const result = await deliverDueEmails({ transport, db: instance, batchSize: 3, recipients });
        sent += result.sent;
        expect(result.failed + result.retried).toBe(0);
        expect(result.sent).toBeLessThanOrEqual(3);
        if (result.sent === 0) return sent;
      }
    };
    const [a, b] = await Promise.all([worker(db, transports[0]), worker(second, transports[1])]);
    expect(a + b).toBe(recipients.length);

    const perRecipient = new Map<string, number>();
    for (const mail of smtp.received) for (const to of mail.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(Object.fromEntries(perRecipient)).toEqual(Object.fromEntries(recipients.map((to) => [to, 1])));

    const rows = await db.selectFrom("outbox").select(["status", "attempts"]).where("recipient", "in", recipients).execute();
    expect(rows).toHaveLength(recipients.length);
    expect(rows.every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
  } finally {
    for (const transport of transports) transport.close?.();
    await smtp.close();
    if (second !== db) await second.destroy();
  }
});

test("an email enqueued in a transaction that is rolled back is never written", async () => {
  const rolledBack = testAddress();
  const committed = testAddress();
  await expect(
    db.transaction().execute(async (trx) => {
      await enqueueEmail(trx, { to: rolledBack, template: "password_changed_notice", locale: "de", params: { name: "Anna" } });
      throw new Error("the change failed");
    }),
  ).rejects.toThrow("the change failed");
  const id = await db
    .transaction()
    .execute((trx) => enqueueEmail(trx, { to: committed, template: "password_changed_notice", locale: "de", params: { name: "Anna" } }));

  const rows = await db.selectFrom("outbox").select(["id", "recipient", "template", "status"]).where("recipient", "in", [rolledBack, committed]).execute();
  expect(rows).toEqual([{ id, recipient: committed, template: "password_changed_notice", status: "pending" }]);
});

test("the transport follows the environment: SMTP when configured, kept in development, held in production", () => {
  const smtp = emailTransportFromEnv(parseEnv({ SMTP_URL: "smtp://127.0.0.1:2525" }));
  expect(smtp?.name).toBe("smtp");
  smtp?.close?.();
  expect(emailTransportFromEnv(parseEnv({ NODE_ENV: "development" }))).toBe(keepTransport);
  expect(emailTransportFromEnv(parseEnv({ NODE_ENV: "test" }))).toBe(keepTransport);
  expect(emailTransportFromEnv(parseEnv({ NODE_ENV: "production", APP_URL: "https://mitenand.example" }))).toBeNull();
  expect(emailTransportFromEnv(parseEnv({ NODE_ENV: "production", APP_URL: "https://mitenand.example", SMTP_URL: "smtps://u:p@mail.example.org" }))?.name).toBe("smtp");
});

test("kept messages count as sent and stay readable in the outbox", async () => {
  const to = testAddress();
  const { id, url } = await enqueueVerification(to);
  expect(await deliverDueEmails({ transport: keepTransport, recipients: [to] })).toEqual({ sent: 1, failed: 0, retried: 0 });
  const row = await outboxRow(id);
  expect(row.status).toBe("sent");
  expect(row.text_body).toContain(url);
});

test("sent and failed messages older than 30 days are purged, pending ones stay", async () => {
  const [oldSent, recentSent, oldFailed, oldPending] = [testAddress(), testAddress(), testAddress(), testAddress()];
  const days = (n: number) => new Date(Date.now() - n * 24 * 3600 * 1000);
  const base = { subject: "Test", text_body: "x", html_body: "<p>x</p>", template: "verify_email" };
  await db
    .insertInto("outbox")
    .values([
      { ...base, recipient: oldSent, status: "sent", sent_at: days(31), created_at: days(31) },
      { ...base, recipient: recentSent, status: "sent", sent_at: days(29), created_at: days(40) },
      { ...base, recipient: oldFailed, status: "failed", attempts: MAX_ATTEMPTS, created_at: days(31) },
      { ...base, recipient: oldPending, status: "pending", created_at: days(31), next_attempt_at: days(31) },
    ] as never)
    .execute();
  expect(await purgeOldEmails()).toBeGreaterThanOrEqual(2);
  const left = await db
    .selectFrom("outbox")
    .select("recipient")
    .where("recipient", "in", [oldSent, recentSent, oldFailed, oldPending])
    .execute();
  expect(left.map((row) => row.recipient).sort()).toEqual([recentSent, oldPending].sort());
});

// The worker sends whatever is due, so it only runs where this file has the database to itself.
test.skipIf(getDatabaseKind() === "postgres")("the worker sends due mail, never runs twice at once, and wakes on demand", async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  const sentTo: string[] = [];
  const slow: EmailTransport = {
    name: "slow",
    async send(message) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(20);
      sentTo.push(message.to);
      inFlight -= 1;
    },
  };
  const early = [testAddress(), testAddress(), testAddress()];
  for (const to of early) await enqueueVerification(to);

  const stop = startEmailWorker({ intervalMs: 5, batchSize: 2, transport: slow });
  try {
    // (earlier tests of this file may have left due messages of their own; they go out too)
    await expect.poll(() => early.every((to) => sentTo.includes(to)), { timeout: 10_000 }).toBe(true);
    const late = testAddress();
    await enqueueVerification(late);
    wakeEmailWorker();
    await expect.poll(() => sentTo.includes(late), { timeout: 10_000 }).toBe(true);
  } finally {
    await stop();
  }
  expect(maxInFlight).toBe(1);
  expect(new Set(sentTo).size).toBe(sentTo.length);
  const rows = await db.selectFrom("outbox").select("status").where("recipient", "in", sentTo).execute();
  expect(rows.every((row) => row.status === "sent")).toBe(true);
});

test.skipIf(getDatabaseKind() === "postgres")("a stopped worker sends nothing more", async () => {
  const { transport, sent } = recordingTransport();
  const stop = startEmailWorker({ intervalMs: 5, transport });
  await stop();
  const to = testAddress();
  await enqueueVerification(to);
  wakeEmailWorker();
  await sleep(100);
  expect(sent).toEqual([]);
  // tidy up for the tests after this one
  await deliverDueEmails({ transport: keepTransport, recipients: [to] });
});

/** `real`, except that the first `failures` executions of an UPDATE fail as if the database had gone away */
function databaseAwayForUpdates(real: typeof db, failures: number): typeof db {
  let left = failures;
  const wrap = <T extends object>(builder: T): T =>
    new Proxy(builder, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (property === "execute" && left > 0) {
          return async () => {
            left--;
            throw Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" });
          };
        }
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result && typeof result === "object" && "execute" in result ? wrap(result) : result;
        };
      },
    });
  return new Proxy(real, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (property === "updateTable") return (...args: unknown[]) => wrap((value as (...a: unknown[]) => object).apply(target, args));
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

test("a message handed over while the database is away is recorded once it answers again, and not sent twice", async () => {
  const to = testAddress();
  const { id } = await enqueueVerification(to);
  const { transport, sent } = recordingTransport();
  // the claim works; then the database goes away for the next two writes (recording the message as sent)
  const flaky = databaseAwayForUpdates(db, 2);
  const started = Date.now();
  expect(await deliverDueEmails({ transport, db: flaky, recipients: [to] })).toEqual({ sent: 1, failed: 0, retried: 0 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(2000); // retried every second
  expect((await outboxRow(id)).status).toBe("sent");
  expect(await deliverDueEmails({ transport, now: new Date(Date.now() + 2 * CLAIM_LEASE_SECONDS * 1000), recipients: [to] })).toEqual({
    sent: 0,
    failed: 0,
    retried: 0,
  });
  expect(sent.map((m) => m.id)).toEqual([id]);
});
