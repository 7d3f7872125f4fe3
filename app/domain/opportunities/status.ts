/**
 * The life of an opportunity as its organisation sees it, in one table: which status allows which step, and
 * where the step leads. Moderation (publish, request changes, reject) is the RIF coordinators' side and is added
 * by the moderation issue; the database CHECKs the status values themselves.
 */
import type { OpportunityStatus } from "~db/schema";

export const ORGANISATION_TRANSITIONS = {
  /** hand a draft (or a draft sent back with change requests) to the RIF for review */
  submit: { from: ["draft", "changes_requested"], to: "submitted" },
  /** take a submitted opportunity back before it is reviewed */
  withdraw: { from: ["submitted"], to: "draft" },
  /** end a published opportunity: it leaves the public listings */
  archive: { from: ["published"], to: "archived" },
  /** bring an archived opportunity back as a draft, to be edited and submitted again */
  restore: { from: ["archived"], to: "draft" },
} as const satisfies Record<string, { from: readonly OpportunityStatus[]; to: OpportunityStatus }>;

export type OrganisationTransition = keyof typeof ORGANISATION_TRANSITIONS;
export const ORGANISATION_TRANSITION_NAMES = Object.keys(ORGANISATION_TRANSITIONS) as OrganisationTransition[];

/**
 * Statuses whose content the organisation may change. Editing a published opportunity needs a new review and
 * comes with the moderation issue.
 */
export const EDITABLE_STATUSES = ["draft", "changes_requested"] as const satisfies readonly OpportunityStatus[];

export function canEdit(status: OpportunityStatus) {
  return (EDITABLE_STATUSES as readonly OpportunityStatus[]).includes(status);
}

export function canTransition(status: OpportunityStatus, transition: OrganisationTransition) {
  return (ORGANISATION_TRANSITIONS[transition].from as readonly OpportunityStatus[]).includes(status);
}

export function nextStatus(status: OpportunityStatus, transition: OrganisationTransition): OpportunityStatus | null {
  return canTransition(status, transition) ? ORGANISATION_TRANSITIONS[transition].to : null;
}

/**
 * A published listing can be edited too, but its edit goes to the RIF as a revision (moderation issue) while
 * the public keeps the approved version.
 */
export function canRevise(status: OpportunityStatus) {
  return status === "published";
}

/** What the dashboard offers for a row: edit, duplicate (always) and the allowed transitions. */
export type RowAction = "edit" | "duplicate" | OrganisationTransition;

export function allowedActions(status: OpportunityStatus): RowAction[] {
  return [
    ...(canEdit(status) || canRevise(status) ? (["edit"] as const) : []),
    "duplicate",
    ...ORGANISATION_TRANSITION_NAMES.filter((transition) => canTransition(status, transition)),
  ];
}

/** The order of the dashboard's groups: what needs the organisation's attention first. */
export const DASHBOARD_STATUS_ORDER = [
  "changes_requested",
  "draft",
  "submitted",
  "published",
  "rejected",
  "archived",
] as const satisfies readonly OpportunityStatus[];
