/**
 * Sign-up statuses and limits, shared by the database schema types, the domain and the pages (no server code).
 */
export const SIGNUP_STATUSES = ["pending", "confirmed", "waitlisted", "offered", "declined", "cancelled", "attended", "no_show"] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

/** statuses that hold one of the shift's places (the database trigger counts the same ones) */
export const PLACE_HOLDING_STATUSES = ["pending", "confirmed", "offered", "attended"] as const satisfies readonly SignupStatus[];
/** statuses of a sign-up that is still going to happen (the volunteer may cancel until the start) */
export const ACTIVE_STATUSES = ["pending", "confirmed", "waitlisted", "offered"] as const satisfies readonly SignupStatus[];

export const WAITLIST_MODES = ["auto", "offer"] as const;
export type WaitlistMode = (typeof WAITLIST_MODES)[number];

/** how long an offered place waits for its answer (the database allows 1–168) */
export const DEFAULT_OFFER_HOURS = 24;
export const MAX_OFFER_HOURS = 168;

export const CANCELLED_BY_ROLES = ["volunteer", "organisation", "system"] as const;
export type CancelledByRole = (typeof CANCELLED_BY_ROLES)[number];

export const SIGNUP_MESSAGE_MAX = 1000;
export const SIGNUP_REASON_MAX = 1000;
/** an organisation's message to the confirmed volunteers of a shift (the database allows 2000) */
export const SHIFT_MESSAGE_MAX = 2000;
/** shifts one form may ask for at once (a recurring group shows at most this many) */
export const MAX_SHIFTS_PER_SIGNUP = 60;
export const MAX_HOURS_PER_SHIFT = 24;

export function isActive(status: SignupStatus) {
  return (ACTIVE_STATUSES as readonly SignupStatus[]).includes(status);
}
