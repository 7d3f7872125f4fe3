/**
 * The sign-up jobs, every few minutes: offers whose time ran out move on to the next in line, and each confirmed
 * volunteer gets one reminder 24 hours before their shift.
 *
 * A reminder is queued exactly once per sign-up and shift: the `signup_reminder` row (primary key signup +
 * shift) and the outbox email are written in one transaction, and `ON CONFLICT DO NOTHING` lets only one of
 * several workers (processes or overlapping runs) write them; the email's idempotency key
 * `signup-reminder-<signup>-<shift>` is UNIQUE in the outbox too.
 *
 * Delivery: the outbox claims each message for one worker with a lease (FOR UPDATE SKIP LOCKED), so two
 * workers never send it at the same time. A worker that dies after the SMTP hand-over but before marking the
 * message sent cannot know whether it went out; once the lease ends another worker sends it again — with the
 * same Message-ID (`<signup-reminder-…@domain>`). No SMTP sender can ask the receiver "did you get it?", so
 * exactly-once across such a crash needs the receiving side to check the key before accepting a copy
 * (Message-ID de-duplication, as the integration test's SMTP server does); on the wire it is at-least-once.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import { logger } from "~/utils/logger.server";
import { startPeriodicJob } from "~/utils/periodic-job.server";
import { enqueueSignupEmail } from "./emails.server";
import { expireOffers } from "./signups.server";

export const REMINDER_HOURS_BEFORE = 24;

/** the idempotency key (and Message-ID) of the reminder of one sign-up and shift */
export function reminderKey(signupId: number, shiftId: number) {
  return `signup-reminder-${signupId}-${shiftId}`;
}

export async function sendDueReminders({ now = new Date(), limit = 500 }: { now?: Date; limit?: number } = {}) {
  const horizon = new Date(now.getTime() + REMINDER_HOURS_BEFORE * 3600 * 1000);
  const due = await db
    .selectFrom("signup as su")
    .innerJoin("shift as s", "s.id", "su.shift_id")
    .select(["su.id", "su.shift_id as shiftId"])
    .where("su.status", "=", "confirmed")
    .where("s.cancelled_at", "is", null)
    .where("s.starts_at", ">", now)
    .where("s.starts_at", "<=", horizon)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("signup_reminder as r").select("r.signup_id").whereRef("r.signup_id", "=", "su.id").whereRef("r.shift_id", "=", "s.id"))),
    )
    .orderBy("s.starts_at")
    .limit(limit)
    .execute();
  let sent = 0;
  for (const row of due) {
    const claimed = await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto("signup_reminder")
        .values({ signup_id: row.id, shift_id: row.shiftId! })
        .onConflict((oc) => oc.columns(["signup_id", "shift_id"]).doNothing())
        .returning("signup_id")
        .executeTakeFirst();
      if (!inserted) return false;
      // still confirmed (a cancellation may have come in since the list was read)
      const still = await trx.selectFrom("signup").select("id").where("id", "=", row.id).where("status", "=", "confirmed").executeTakeFirst();
      if (!still) return false;
      await enqueueSignupEmail(trx, { kind: "reminder", signupIds: [row.id], idempotencyKey: reminderKey(row.id, row.shiftId!) });
      return true;
    });
    if (claimed) sent += 1;
  }
  return { sent };
}

/** Runs both jobs now and then every `intervalMs` (default 5 minutes); never two runs at once. Returns stop(). */
export function startSignupJobs({ intervalMs = 5 * 60 * 1000 }: { intervalMs?: number } = {}): () => Promise<void> {
  return startPeriodicJob({
    intervalMs,
    failureMessage: "sign-up jobs failed",
    async run() {
      const { expired } = await expireOffers();
      const { sent } = await sendDueReminders();
      if (expired + sent > 0) logger.info({ expired, reminders: sent }, "sign-up jobs ran");
    },
  });
}

/** for tests: the reminders written for a sign-up */
export async function remindersOf(signupId: number) {
  const row = await db.selectFrom("signup_reminder").select(sql<number>`count(*)::int`.as("n")).where("signup_id", "=", signupId).executeTakeFirstOrThrow();
  return row.n;
}
