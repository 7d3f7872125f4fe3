/**
 * Public flags: anyone (also without an account) flags a published listing with a reason category and a
 * message; the flag waits in the queue of the listing's region until a coordinator of that region (or an admin)
 * resolves it, recording the outcome. The flagger's IP is kept only while the flag is open: resolving nulls it
 * in the same transaction (and a CHECK refuses a resolved flag with an IP).
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import { recordAudit } from "~/domain/audit/audit.server";
import { consumeRateLimits, RATE_LIMITS } from "~/domain/auth/rate-limit.server";
import type { FlagCategory, FlagOutcome } from "./flags";
import { applyDecision } from "./review.server";
import { moderatedBy, type ModeratorActor } from "./scope.server";

/** The published listing a visitor may flag (title for the form), or null. */
export async function getFlaggableListing(id: number) {
  return (
    (await db
      .selectFrom("opportunity")
      .select(["id", "title"])
      .where("id", "=", id)
      .where("status", "=", "published")
      .executeTakeFirst()) ?? null
  );
}

export type FlagResult = { ok: true; flagId: number } | { ok: false; reason: "not_found" } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** Records a flag on a published listing; per IP and per listing rate limited (counted before anything is written). */
export async function createFlag({
  opportunityId,
  category,
  message,
  ip,
}: {
  opportunityId: number;
  category: FlagCategory;
  message: string;
  ip: string;
}): Promise<FlagResult> {
  return db.transaction().execute(async (trx) => {
    const listing = await trx.selectFrom("opportunity").select("id").where("id", "=", opportunityId).where("status", "=", "published").executeTakeFirst();
    if (!listing) return { ok: false, reason: "not_found" } as const;
    const limit = await consumeRateLimits(trx, [
      ["ip", `flag:ip:${ip}`, RATE_LIMITS.flagsPerIp],
      ["listing", `flag:listing:${opportunityId}`, RATE_LIMITS.flagsPerListing],
    ]);
    if (!limit.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds } as const;
    const row = await trx
      .insertInto("opportunity_flag")
      .values({ opportunity_id: opportunityId, category, message, ip: ip.slice(0, 64) })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true, flagId: row.id } as const;
  });
}

/** The open flags of a listing the actor moderates, oldest first (for the review page). Never the IP. */
export async function listOpenFlags({ opportunityId, actor }: { opportunityId: number; actor: ModeratorActor }) {
  return db
    .selectFrom("opportunity_flag as f")
    .innerJoin("opportunity as o", "o.id", "f.opportunity_id")
    .select(["f.id", "f.category", "f.message", "f.created_at as createdAt"])
    .where("f.opportunity_id", "=", opportunityId)
    .where("f.resolved_at", "is", null)
    .where(moderatedBy(actor))
    .orderBy("f.created_at")
    .orderBy("f.id")
    .execute();
}

/** Resolved flags of a listing (newest first), for the review page's history. */
export async function listResolvedFlags({ opportunityId, actor }: { opportunityId: number; actor: ModeratorActor }) {
  return db
    .selectFrom("opportunity_flag as f")
    .innerJoin("opportunity as o", "o.id", "f.opportunity_id")
    .leftJoin("app_user as u", "u.id", "f.resolved_by")
    .select(["f.id", "f.category", "f.message", "f.created_at as createdAt", "f.resolved_at as resolvedAt", "f.outcome", "f.resolution_note as note", "u.display_name as resolvedBy"])
    .where("f.opportunity_id", "=", opportunityId)
    .where("f.resolved_at", "is not", null)
    .where(moderatedBy(actor))
    .orderBy("f.resolved_at", "desc")
    .limit(20)
    .execute();
}

export type ResolveResult = { ok: true; decisionId: number | null } | { ok: false; reason: "not_found" | "already_resolved" | "reason_required" };

/**
 * Resolves one open flag of the listing `opportunityId`, if the actor moderates it: outcome, note, who and when
 * recorded, the IP dropped, an audit entry written, all in one transaction. Of two coordinators resolving the
 * same flag at once, the second gets "already_resolved".
 *
 * Outcome "unpublished" takes a still published listing off the public pages in the same transaction, through
 * the review's `unpublish` decision (the note is its reason, so it is required): decision record, audit entry and
 * the emails to the organisation's members as for any decision. A listing that is no longer public (unpublished
 * or archived meanwhile) only gets the flag recorded.
 */
export async function resolveFlag({
  flagId,
  opportunityId,
  actor,
  outcome,
  note,
  origin,
  ip,
}: {
  flagId: number;
  opportunityId: number;
  actor: ModeratorActor;
  outcome: FlagOutcome;
  note: string | null;
  /** the site's configured origin, for the link in the organisation's email */
  origin: string;
  ip?: string;
}): Promise<ResolveResult> {
  if (outcome === "unpublished" && !note?.trim()) return { ok: false, reason: "reason_required" };
  return db.transaction().execute(async (trx) => {
    const flag = await trx
      .selectFrom("opportunity_flag as f")
      .innerJoin("opportunity as o", "o.id", "f.opportunity_id")
      .select(["f.id", "f.category", "f.resolved_at"])
      .where("f.id", "=", flagId)
      .where("f.opportunity_id", "=", opportunityId)
      .where(moderatedBy(actor))
      .forUpdate("f")
      .executeTakeFirst();
    if (!flag) return { ok: false, reason: "not_found" } as const;
    if (flag.resolved_at) return { ok: false, reason: "already_resolved" } as const;
    const updated = await trx
      .updateTable("opportunity_flag")
      .set({ resolved_at: sql`now()`, resolved_by: actor.id, outcome, resolution_note: note, ip: null })
      .where("id", "=", flagId)
      .where("resolved_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, reason: "already_resolved" } as const;
    let decisionId: number | null = null;
    if (outcome === "unpublished") {
      const listing = await trx.selectFrom("opportunity").select("status").where("id", "=", opportunityId).forUpdate().executeTakeFirstOrThrow();
      if (listing.status === "published") {
        // locked above, so the decision finds it published; it rechecks the scope itself
        const decided = await applyDecision(trx, { id: opportunityId, actor, decision: "unpublish", reason: note, seen: null, origin, ip });
        decisionId = decided?.decisionId ?? null;
      }
    }
    await recordAudit(
      {
        action: "flag.resolved",
        actorUserId: actor.id,
        subjectType: "opportunity",
        subjectId: opportunityId,
        ip,
        details: { flagId, category: flag.category, before: { status: "open" }, after: { status: "resolved", outcome }, note, decisionId },
      },
      trx,
    );
    return { ok: true, decisionId } as const;
  });
}
