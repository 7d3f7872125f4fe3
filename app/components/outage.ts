/**
 * What a 503 "database unavailable" answer carries (app/server/outage.server.ts throws it, the error boundary
 * reads it): whether a form submission was lost, and when to try again.
 */
export const OUTAGE_UNAVAILABLE = "database-unavailable";
export const OUTAGE_NOT_SAVED = "database-unavailable-not-saved";
export const OUTAGE_RETRY_AFTER_SECONDS = 10;
