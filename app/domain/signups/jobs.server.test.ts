import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createShiftForSignups, createVolunteers } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { CLAIM_LEASE_SECONDS, createSmtpTransport, deliverDueEmails } from "~/domain/notifications/outbox.server";
import { reminderKey, remindersOf, sendDueReminders } from "./jobs.server";
import { signUp } from "./signups.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const HOUR = 3600 * 1000;

test("a reminder 24 h before each confirmed shift, exactly once even with two workers running at the same time", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 2, startsInHours: 20 });
  const later = await createShiftForSignups({ places: 2, startsInHours: 30 });
  const [a, b, c, d] = await createVolunteers(4, { locale: "en" });
  for (const v of [a, b, c]) await signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer: v });
  await signUp({ opportunityId: later.opportunity.id, shiftIds: [later.shift.id], volunteer: d });

  const [first, second] = await Promise.all([sendDueReminders(), sendDueReminders()]);
  // a and b are confirmed; c is waitlisted; d's shift is more than 24 h away
  expect(first.sent + second.sent).toBeGreaterThanOrEqual(2);
  await sendDueReminders();
  const rows = await db.selectFrom("signup").select(["id", "user_id"]).where("shift_id", "=", shift.id).orderBy("id").execute();
  expect(await Promise.all(rows.map((r) => remindersOf(r.id)))).toEqual([1, 1, 0]);
  const mails = await db.selectFrom("outbox").select(["recipient", "subject"]).where("template", "=", "signup_reminder").where("recipient", "in", [a.email!, b.email!, c.email!, d.email!]).execute();
  expect(mails.map((m) => m.recipient).sort()).toEqual([a.email!, b.email!].sort());
  expect(mails[0].subject).toMatch(/^Reminder: /);

  // d's turn comes once the clock reaches 24 h before their shift
  expect((await sendDueReminders({ now: new Date(Date.now() + 7 * HOUR) })).sent).toBeGreaterThanOrEqual(1);
  const dRow = await db.selectFrom("signup").select("id").where("user_id", "=", d.id).executeTakeFirstOrThrow();
  expect(await remindersOf(dRow.id)).toBe(1);
});

/**
 * A real SMTP server on a random local port. Like a receiver that de-duplicates by Message-ID, it keeps the first
 * copy of each message in `mailbox` (and answers 250 to a repeat); `wire` is every copy that arrived.
 */
async function startDedupingSmtpServer() {
  const wire: { to: string[]; messageId: string; raw: string }[] = [];
  const mailbox = new Map<string, { to: string[]; raw: string }>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    disableReverseLookup: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const messageId = /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? "";
        const to = session.envelope.rcptTo.map((a) => a.address);
        wire.push({ to, messageId, raw });
        if (!mailbox.has(messageId)) mailbox.set(messageId, { to, raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, wire, mailbox, close: () => new Promise<void>((resolve) => server.close(resolve)) };
}

class InjectedCrash extends Error {}

test("two workers and a crash after the SMTP send: each reminder reaches the SMTP server exactly once", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 3, startsInHours: 20 });
  const volunteers = await createVolunteers(3, { locale: "en" });
  for (const v of volunteers) await signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer: v });
  const recipients = volunteers.map((v) => v.email!);
  // the confirmation emails are not what this test is about: out of the way
  await db.updateTable("outbox").set({ status: "sent" }).where("recipient", "in", recipients).execute();

  const smtp = await startDedupingSmtpServer();
  const transport = createSmtpTransport(smtp.url, { from: "Mitenand <noreply@mitenand.example>" });
  let crashes = 0;
  let crashed!: () => void;
  const aCrashed = new Promise<void>((resolve) => (crashed = resolve));
  try {
    // worker A dies right after handing its first message to SMTP, before it can mark it sent
    const workerA = async () => {
      await sendDueReminders();
      await deliverDueEmails({
        transport,
        recipients,
        batchSize: 1,
        afterHandover: () => {
          crashes += 1;
          crashed();
          throw new InjectedCrash("killed after the SMTP send");
        },
      });
    };
    const workerB = async () => {
      await sendDueReminders();
      // B delivers while A's claim is still held (so the crash happens first on every machine); B must not
      // take A's claimed message, or that reminder would be sent twice without any crash
      await Promise.race([aCrashed, sleep(5000)]);
      for (let i = 0; i < 5; i++) await deliverDueEmails({ transport, recipients, batchSize: 1 });
    };
    const [a, b] = await Promise.allSettled([workerA(), workerB()]);
    expect(b.status).toBe("fulfilled");
    expect(a.status === "rejected" ? a.reason : null).toBeInstanceOf(InjectedCrash);
    expect(crashes).toBe(1);

    // the crashed worker's message stays claimed until its lease ends; then a worker sends it again
    const afterLease = new Date(Date.now() + (CLAIM_LEASE_SECONDS + 60) * 1000);
    await deliverDueEmails({ transport, recipients, now: afterLease });

    const reminders = await db.selectFrom("outbox").select(["recipient", "status", "idempotency_key"]).where("recipient", "in", recipients).where("template", "=", "signup_reminder").execute();
    expect(reminders).toHaveLength(3);
    expect(reminders.every((r) => r.status === "sent" && r.idempotency_key?.startsWith("signup-reminder-"))).toBe(true);

    const ours = (to: string[]) => to.some((address) => recipients.includes(address));
    const onWire = smtp.wire.filter((m) => ours(m.to));
    // the crash really came after the send: one reminder crossed the wire twice, with the same Message-ID …
    expect(onWire).toHaveLength(4);
    expect(new Set(onWire.map((m) => m.messageId)).size).toBe(3);
    // … and the receiver, checking the key, has each reminder exactly once
    const delivered = [...smtp.mailbox.values()].filter((m) => ours(m.to));
    expect(delivered.map((m) => m.to[0]).sort()).toEqual([...recipients].sort());
    expect(delivered.every((m) => /Subject: Reminder: /.test(m.raw))).toBe(true);
    const rows = await db.selectFrom("signup").select("id").where("shift_id", "=", shift.id).execute();
    for (const row of rows) {
      expect(await remindersOf(row.id)).toBe(1);
      expect(onWire.some((m) => m.messageId === `<${reminderKey(row.id, shift.id)}@mitenand.example>`)).toBe(true);
    }
  } finally {
    transport.close?.();
    await smtp.close();
  }
}, 60_000);
