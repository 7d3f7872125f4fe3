/**
 * Reviewing one opportunity: what the reviewer sees (the listing, a pending revision or the changes since the
 * last decision, the organisation's history) and the decision itself.
 *
 * A decision is applied only to the state the reviewer saw: the form carries the status, the row's version
 * (updated_at) and the pending revision's id; the transaction locks the row and compares. Of two coordinators
 * deciding at once, the second waits for the first's commit, then finds another state and gets
 * DecisionConflictError (a message, never a 5xx). Decision, status change, audit entry and the emails to the
 * organisation's members commit together.
 */
import { sql, type Transaction } from "kysely";
import { db } from "~db/client.server";
import type { Database, Opportunity, OpportunityRevision, OpportunityStatus } from "~db/schema";
import { recordAudit } from "~/domain/audit/audit.server";
import { readScheduleRule } from "~/domain/opportunities/editing.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { DECISION_TRANSITIONS, REVIEWED_FIELDS, type Decision, type ReviewedField } from "./decisions";
import { moderatedBy, type ModeratorActor } from "./scope.server";

export type ReviewedContent = Pick<Opportunity, ReviewedField>;

export function reviewedContent(row: ReviewedContent): ReviewedContent {
  return Object.fromEntries(REVIEWED_FIELDS.map((field) => [field, row[field]])) as ReviewedContent;
}

/** The fields whose values differ, in form order. Arrays compare by their items. */
export function changedFields(before: Partial<ReviewedContent>, after: ReviewedContent): ReviewedField[] {
  return REVIEWED_FIELDS.filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null));
}

/** What the review form sends back: the state the reviewer saw. */
export interface SeenState {
  status: OpportunityStatus;
  /** updated_at of the opportunity, in milliseconds */
  version: number;
  revisionId: number | null;
}

export class DecisionConflictError extends Error {
  constructor() {
    super("the opportunity changed since the reviewer opened it");
    this.name = "DecisionConflictError";
  }
}

/** The decision does not fit the item (e.g. reject a published listing). */
export class DecisionNotAllowedError extends Error {
  constructor(readonly decision: Decision, readonly status: OpportunityStatus) {
    super(`${decision} is not possible in status ${status}`);
    this.name = "DecisionNotAllowedError";
  }
}

/**
 * The opportunity for the review page. "missing": no such opportunity, or a draft nobody submitted (404);
 * "forbidden": it lies outside the actor's regions (403).
 */
export async function getReviewItem({ id, actor }: { id: number; actor: ModeratorActor }) {
  const row = await db
    .selectFrom("opportunity as o")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .leftJoin("region_gemeinde as rg", "rg.bfs_nr", "o.bfs_nr")
    .leftJoin("region as reg", "reg.id", "rg.region_id")
    .selectAll("o")
    .select([
      "org.name as organisationName",
      "org.slug as organisationSlug",
      "org.verified_at as organisationVerifiedAt",
      "reg.name as regionName",
      moderatedBy(actor).as("allowed"),
    ])
    .where("o.id", "=", id)
    .where("o.status", "<>", "draft")
    .executeTakeFirst();
  if (!row) return "missing" as const;
  if (!row.allowed) return "forbidden" as const;
  const { organisationName, organisationSlug, organisationVerifiedAt, regionName, allowed: _allowed, ...opportunity } = row;

  const [revision, decisions, organisationHistory, shifts, schedule] = await Promise.all([
    db
      .selectFrom("opportunity_revision")
      .selectAll()
      .where("opportunity_id", "=", id)
      .where("status", "in", ["pending", "changes_requested"])
      .executeTakeFirst(),
    db
      .selectFrom("moderation_decision as d")
      .leftJoin("app_user as u", "u.id", "d.decided_by")
      .select(["d.id", "d.decision", "d.reason", "d.decided_at as decidedAt", "d.revision_id as revisionId", "d.snapshot", "u.display_name as decidedBy"])
      .where("d.opportunity_id", "=", id)
      .orderBy("d.decided_at", "desc")
      .orderBy("d.id", "desc")
      .limit(20)
      .execute(),
    db
      .selectFrom("moderation_decision as d")
      .innerJoin("opportunity as other", "other.id", "d.opportunity_id")
      .select(["d.id", "d.decision", "d.reason", "d.decided_at as decidedAt", "other.id as opportunityId", "other.title"])
      .where("other.organisation_id", "=", opportunity.organisation_id)
      .where("other.id", "<>", id)
      .orderBy("d.decided_at", "desc")
      .limit(10)
      .execute(),
    db
      .selectFrom("shift")
      .select(["id", "starts_at as startsAt", "ends_at as endsAt", "places"])
      .where("opportunity_id", "=", id)
      .where("ends_at", ">", new Date())
      .orderBy("starts_at")
      .limit(30)
      .execute(),
    readScheduleRule(db, id),
  ]);

  // What changed: a pending revision against the public version; a resubmission against the version the last
  // decision saw.
  const pendingRevision = revision?.status === "pending" ? revision : null;
  const lastSnapshot = decisions[0]?.snapshot as Partial<ReviewedContent> | undefined;
  const diff = pendingRevision
    ? { against: "published" as const, before: reviewedContent(opportunity), after: reviewedContent(pendingRevision) }
    : opportunity.status === "submitted" && lastSnapshot && Object.keys(lastSnapshot).length > 0
      ? { against: "lastDecision" as const, before: lastSnapshot, after: reviewedContent(opportunity) }
      : null;

  return {
    opportunity,
    organisation: { name: organisationName, slug: organisationSlug, verified: organisationVerifiedAt !== null },
    regionName,
    revision: revision ?? null,
    pendingRevision,
    diff: diff ? { ...diff, fields: changedFields(diff.before, diff.after) } : null,
    decisions,
    organisationHistory,
    shifts,
    schedule: schedule ?? null,
    seen: {
      status: opportunity.status,
      version: opportunity.updated_at.getTime(),
      revisionId: pendingRevision?.id ?? null,
    } satisfies SeenState,
  };
}

export type ReviewItem = Exclude<Awaited<ReturnType<typeof getReviewItem>>, "missing" | "forbidden">;

function revisionColumns(revision: OpportunityRevision) {
  return reviewedContent(revision);
}

export interface DecisionInput {
  id: number;
  actor: ModeratorActor;
  decision: Decision;
  reason: string | null;
  seen: SeenState;
  /** the site's configured origin, for the link in the emails */
  origin: string;
  ip?: string;
}

/**
 * Applies a decision. Null when the opportunity does not exist or lies outside the actor's regions;
 * DecisionConflictError when it changed since `seen`; DecisionNotAllowedError when the decision does not fit.
 */
export async function decide(input: DecisionInput): Promise<{ status: OpportunityStatus; decisionId: number } | null> {
  return db.transaction().execute((trx) => applyDecision(trx, input));
}

/**
 * The decision inside the caller's transaction (a flag resolved with "unpublished" unpublishes through here, so
 * flag, decision, audit and emails commit together). Without `seen`, the row lock and the conditional update on
 * the status read under it are the only guard: for callers that did not show the reviewer a version.
 */
export async function applyDecision(
  trx: Transaction<Database>,
  { id, actor, decision, reason, seen, origin, ip }: Omit<DecisionInput, "seen"> & { seen: SeenState | null },
): Promise<{ status: OpportunityStatus; decisionId: number } | null> {
  const current = await trx
    .selectFrom("opportunity as o")
    .selectAll("o")
    .where("o.id", "=", id)
    .where("o.status", "<>", "draft")
    .where(moderatedBy(actor))
    .forUpdate()
    .executeTakeFirst();
  if (!current) return null;
  const revision = await trx
    .selectFrom("opportunity_revision")
    .selectAll()
    .where("opportunity_id", "=", id)
    .where("status", "=", "pending")
    .forUpdate()
    .executeTakeFirst();
  if (seen && (current.status !== seen.status || current.updated_at.getTime() !== seen.version || (revision?.id ?? null) !== seen.revisionId)) {
    throw new DecisionConflictError();
  }

  let after: OpportunityStatus = current.status;
  let snapshot = reviewedContent(current);
  const onRevision = revision && current.status === "published" && (decision === "approve" || decision === "request_changes");
  if (onRevision) {
    snapshot = revisionColumns(revision);
    if (decision === "approve") {
      await trx
        .updateTable("opportunity")
        .set({ ...revisionColumns(revision), updated_at: sql`now()` })
        .where("id", "=", id)
        .where("status", "=", "published")
        .executeTakeFirstOrThrow();
    }
    await trx
      .updateTable("opportunity_revision")
      .set({ status: decision === "approve" ? "approved" : "changes_requested", decided_at: sql`now()` })
      .where("id", "=", revision.id)
      .where("status", "=", "pending")
      .execute();
  } else {
    const transition = DECISION_TRANSITIONS[decision];
    if (!(transition.from as readonly OpportunityStatus[]).includes(current.status)) {
      throw new DecisionNotAllowedError(decision, current.status);
    }
    after = transition.to;
    const updated = await trx
      .updateTable("opportunity")
      .set({
        status: after,
        updated_at: sql`now()`,
        ...(decision === "approve" ? { published_at: sql<Date>`now()`, archived_at: null } : {}),
      })
      .where("id", "=", id)
      .where("status", "=", current.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new DecisionConflictError();
    if (decision === "unpublish") {
      // the organisation edits the listing itself again; an open revision would be stale
      await trx
        .updateTable("opportunity_revision")
        .set({ status: "discarded", decided_at: sql`now()` })
        .where("opportunity_id", "=", id)
        .where("status", "in", ["pending", "changes_requested"])
        .execute();
    }
  }

  const row = await trx
    .insertInto("moderation_decision")
    .values({
      opportunity_id: id,
      revision_id: onRevision ? revision.id : null,
      decision,
      reason: reason?.trim() || null,
      status_before: current.status,
      status_after: after,
      decided_by: actor.id,
      snapshot: sql`${JSON.stringify(snapshot)}::text::jsonb`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(
    {
      action: `moderation.${decision}`,
      actorUserId: actor.id,
      subjectType: "opportunity",
      subjectId: id,
      ip,
      details: {
        decisionId: row.id,
        revisionId: onRevision ? revision.id : null,
        reason: reason?.trim() || null,
        before: { status: current.status, ...(onRevision ? { revision: "pending" } : {}) },
        after: { status: after, ...(onRevision ? { revision: decision === "approve" ? "approved" : "changes_requested" } : {}) },
      },
    },
    trx,
  );
  await notifyMembers(trx, {
    organisationId: current.organisation_id,
    opportunityId: id,
    title: onRevision && decision === "approve" ? revision.title : current.title,
    decision,
    revision: Boolean(onRevision),
    reason: reason?.trim() ?? "",
    origin,
  });
  return { status: after, decisionId: row.id };
}

async function notifyMembers(
  trx: Transaction<Database>,
  { organisationId, opportunityId, title, decision, revision, reason, origin }: {
    organisationId: number;
    opportunityId: number;
    title: string;
    decision: Decision;
    revision: boolean;
    reason: string;
    origin: string;
  },
) {
  const organisation = await trx.selectFrom("organisation").select(["name", "slug"]).where("id", "=", organisationId).executeTakeFirstOrThrow();
  const members = await trx
    .selectFrom("organisation_member as m")
    .innerJoin("app_user as u", "u.id", "m.user_id")
    .select(["u.email", "u.display_name as name", "u.locale"])
    .where("m.organisation_id", "=", organisationId)
    .where("u.deleted_at", "is", null)
    .where("u.email", "is not", null)
    .orderBy("u.id")
    .execute();
  const url = `${origin}/orgs/${organisation.slug}/manage/opportunities/${opportunityId}/preview`;
  for (const member of members) {
    await enqueueEmail(trx, {
      to: member.email!,
      template: "moderation_decision",
      locale: member.locale,
      params: { name: member.name, orgName: organisation.name, title, decision, revision, reason, url },
    });
  }
}
