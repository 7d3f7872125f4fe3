/**
 * Moderation decisions in one table, shared by the review page, the domain and the database schema: which
 * decision applies to which state, where it leads, and the limits of a reason.
 */
import type { OpportunityStatus } from "~db/schema";

export const DECISIONS = ["approve", "request_changes", "reject", "unpublish"] as const;
export type Decision = (typeof DECISIONS)[number];

export const REVISION_STATUSES = ["pending", "changes_requested", "approved", "discarded"] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

/** the reason's maximum length (also a CHECK in the database) */
export const REASON_MAX = 2000;

/**
 * What a decision does to a submission (an opportunity in review) or to a published listing. Unpublishing sends
 * the listing back to the organisation (changes requested), so it can fix it and submit it again.
 */
export const DECISION_TRANSITIONS = {
  approve: { from: ["submitted"], to: "published" },
  request_changes: { from: ["submitted"], to: "changes_requested" },
  reject: { from: ["submitted"], to: "rejected" },
  unpublish: { from: ["published"], to: "changes_requested" },
} as const satisfies Record<Decision, { from: readonly OpportunityStatus[]; to: OpportunityStatus }>;

/** Decisions on a pending revision of a published listing: approve it, or send it back. */
export const REVISION_DECISIONS = ["approve", "request_changes"] as const satisfies readonly Decision[];

/** The kinds of items in a coordinator's queue. */
export const QUEUE_KINDS = ["new", "resubmission", "revision", "flag"] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

/** The content columns a revision holds; everything else (shifts, schedule, places) changes without review. */
export const REVIEWED_FIELDS = [
  "title",
  "summary",
  "description",
  "category_id",
  "bfs_nr",
  "address",
  "address_private",
  "location_mode",
  "languages_helpful",
  "languages_required",
  "german_level",
  "tags",
  "target_groups",
  "min_age",
  "contact_name",
  "contact_email",
  "needs_confirmation",
] as const;
export type ReviewedField = (typeof REVIEWED_FIELDS)[number];

export const QUEUE_PAGE_SIZE = 20;

/** Which decisions a reviewer is offered for an item. */
export function availableDecisions(status: OpportunityStatus, hasPendingRevision: boolean): Decision[] {
  if (status === "published" && hasPendingRevision) return ["approve", "request_changes", "unpublish"];
  return DECISIONS.filter((d) => (DECISION_TRANSITIONS[d].from as readonly OpportunityStatus[]).includes(status));
}
