/**
 * The audit log: who did what to which object, when and from where. Never passwords, tokens or mail bodies.
 * Write it with the executor of the change it records, so both commit or neither does.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import { db } from "~db/client.server";
import type { Database } from "~db/schema";

export type AuditAction =
  | "user.signup"
  | "user.email_verified"
  | "user.login"
  | "user.login_failed"
  | "user.logout"
  | "user.password_reset_requested"
  | "user.password_reset"
  | "user.password_changed"
  | "user.email_change_requested"
  | "user.email_changed"
  | "user.profile_changed"
  | "user.sessions_revoked"
  | "user.exported"
  | "user.deleted"
  | "user.admin_granted"
  | "organisation.created"
  | "organisation.updated"
  | "organisation.member_invited"
  | "organisation.invitation_revoked"
  | "organisation.invitation_accepted"
  | "organisation.member_role_changed"
  | "organisation.member_removed"
  | "organisation.archived"
  | "opportunity.created"
  | "opportunity.updated"
  | "opportunity.duplicated"
  | "opportunity.submitted"
  | "opportunity.withdrawn"
  | "opportunity.archived"
  | "opportunity.restored"
  | "opportunity.revision_submitted"
  | "moderation.approve"
  | "moderation.request_changes"
  | "moderation.reject"
  | "moderation.unpublish"
  | "region.created"
  | "region.renamed"
  | "region.retired"
  | "region.gemeinden_changed"
  | "region.coordinator_added"
  | "region.coordinator_removed"
  | "user.admin_revoked"
  | "organisation.verified"
  | "organisation.unverified"
  | "signup.declined"
  | "signup.attendance_recorded"
  | "shift.cancelled"
  | "flag.resolved"
  | "organisation.owner_assigned"
  | "region.coordinator_invited"
  | "region.invitation_accepted"
  | "hours.confirmed"
  | "hours.rejected"
  | "certificate.issued"
  | "certificate.revoked"
  | "signup.moved_up"
  | "shift.messaged";

export async function recordAudit(
  event: {
    action: AuditAction;
    actorUserId?: number | null;
    subjectType?: string;
    subjectId?: string | number;
    ip?: string | null;
    details?: Record<string, unknown>;
  },
  trx: Kysely<Database> | Transaction<Database> = db,
) {
  await trx
    .insertInto("audit_event")
    .values({
      action: event.action,
      actor_user_id: event.actorUserId ?? null,
      subject_type: event.subjectType ?? null,
      subject_id: event.subjectId === undefined ? null : String(event.subjectId),
      ip: event.ip?.slice(0, 64) ?? null,
      // sent as text and cast by the server: postgres.js would JSON-encode a string bound to a jsonb parameter again
      details: sql`${JSON.stringify(event.details ?? {})}::text::jsonb`,
    })
    .execute();
}
