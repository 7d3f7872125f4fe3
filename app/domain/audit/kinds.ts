/**
 * The kinds of audit entries the audit views filter by, and which actions each covers. Coordinators see only
 * the moderation kinds (and only their regions' entries); admins see everything ("other": every action not in
 * a moderation kind, e.g. logins or organisation membership).
 */
export const MODERATION_AUDIT_KINDS = {
  decision: ["moderation.approve", "moderation.request_changes", "moderation.reject", "moderation.unpublish"],
  verification: ["organisation.verified", "organisation.unverified"],
  flag: ["flag.resolved"],
  role: [
    "user.admin_granted",
    "user.admin_revoked",
    "region.coordinator_added",
    "region.coordinator_removed",
    "region.coordinator_invited",
    "region.invitation_accepted",
    "organisation.owner_assigned",
  ],
  region: ["region.created", "region.renamed", "region.retired", "region.gemeinden_changed"],
} as const;

export type ModerationAuditKind = keyof typeof MODERATION_AUDIT_KINDS;
export const AUDIT_KINDS = [...(Object.keys(MODERATION_AUDIT_KINDS) as ModerationAuditKind[]), "other"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const MODERATION_AUDIT_ACTIONS: readonly string[] = Object.values(MODERATION_AUDIT_KINDS).flat();

export const AUDIT_PAGE_SIZE = 50;

/** the i18n key of an action's label ("moderation.approve" → "audit.actions.moderation_approve") */
export function auditActionKey(action: string) {
  return `audit.actions.${action.replace(/\./g, "_")}`;
}
