/**
 * Housekeeping that the privacy notice promises: expired sessions, used or expired email tokens and old
 * rate-limit windows go after a day; IP addresses in the audit log after a year. Runs with the other jobs.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import { deleteStaleRateLimits } from "~/domain/auth/rate-limit.server";
import { deleteExpiredSessions } from "~/domain/auth/session.server";

export async function runMaintenance(now = new Date()) {
  const sessions = await deleteExpiredSessions(now);
  await deleteStaleRateLimits(24 * 3600);
  const tokens = await db
    .deleteFrom("email_token")
    .where((eb) => eb.or([eb("expires_at", "<", now), eb("used_at", "<", sql<Date>`now() - interval '1 day'`)]))
    .executeTakeFirst();
  const invitations = await db
    .deleteFrom("organisation_invitation")
    .where("expires_at", "<", sql<Date>`now() - interval '30 days'`)
    .where("accepted_at", "is", null)
    .executeTakeFirst();
  const auditIps = await db
    .updateTable("audit_event")
    .set({ ip: null })
    .where("ip", "is not", null)
    .where("occurred_at", "<", sql<Date>`now() - interval '1 year'`)
    .executeTakeFirst();
  return {
    sessions,
    tokens: Number(tokens.numDeletedRows),
    invitations: Number(invitations.numDeletedRows),
    auditIps: Number(auditIps.numUpdatedRows),
  };
}
