/**
 * Enums and limits of invitations and saved searches, shared by the forms, the domain code and db/schema.ts
 * (the migration 2026-12-03T1340_invitations_alerts writes them out, frozen). Pure: safe in the browser.
 */

/** pending until the volunteer answers; accepted leads to the sign-up form */
export const INVITATION_STATUSES = ["pending", "accepted", "declined"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const INVITATION_LIMITS = {
  /** invitations one volunteer can receive in 7 days, from all organisations together */
  perVolunteerPerWeek: 3,
  /** how long a pending invitation can still be answered */
  answerableDays: 30,
} as const;

export const ALERT_FREQUENCIES = ["off", "daily", "weekly"] as const;
export type AlertFrequency = (typeof ALERT_FREQUENCIES)[number];

export const SAVED_SEARCH_LIMITS = {
  nameLength: 80,
  /** the canonical query string of /opportunities */
  queryLength: 2000,
  perUser: 20,
  /** listings in one digest email at most (the newest; the others follow with the next one) */
  digestItems: 20,
} as const;

/** seconds between two digests of one saved search */
export const ALERT_INTERVAL_SECONDS: Record<Exclude<AlertFrequency, "off">, number> = {
  daily: 24 * 3600,
  weekly: 7 * 24 * 3600,
};
