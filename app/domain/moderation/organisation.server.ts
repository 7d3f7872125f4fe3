/**
 * The organisation's view of moderation: for each of its opportunities the latest decision (with its reason)
 * and whether an edit of the published listing waits for review. Only for members of the organisation.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import type { Decision, RevisionStatus } from "./decisions";

export interface ModerationNote {
  decision: Decision | null;
  reason: string | null;
  decidedAt: Date | null;
  /** the decision was about an edit of the published listing */
  onRevision: boolean;
  /** status of the open revision, if any */
  revisionStatus: RevisionStatus | null;
}

export async function listModerationNotes({
  orgId,
  actor,
  opportunityIds,
}: {
  orgId: number;
  actor: { id: number };
  /**
   * only these opportunities (the dashboard's page): a large organisation's notes for every listing cost a
   * decision lookup per listing and ended up in the page's loader data (≈ 1,400 listings: 40 ms of database time
   * and ≈ 45 kB of serialised notes per view, for 50 rows shown)
   */
  opportunityIds?: readonly number[];
}): Promise<Record<number, ModerationNote>> {
  if (opportunityIds?.length === 0) return {};
  let query = db
    .selectFrom("opportunity as o")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("moderation_decision as d")
          .select(["d.decision", "d.reason", "d.decided_at", "d.revision_id"])
          .whereRef("d.opportunity_id", "=", "o.id")
          .orderBy("d.decided_at", "desc")
          .orderBy("d.id", "desc")
          .limit(1)
          .as("d"),
      (join) => join.onTrue(),
    )
    .leftJoin("opportunity_revision as r", (join) =>
      join.onRef("r.opportunity_id", "=", "o.id").on("r.status", "in", ["pending", "changes_requested"]),
    )
    .select([
      "o.id",
      "d.decision",
      "d.reason",
      "d.decided_at as decidedAt",
      sql<boolean>`d.revision_id is not null`.as("onRevision"),
      "r.status as revisionStatus",
    ])
    .where("o.organisation_id", "=", orgId)
    .where((eb) =>
      eb.exists(eb.selectFrom("organisation_member as m").select("m.user_id").whereRef("m.organisation_id", "=", "o.organisation_id").where("m.user_id", "=", actor.id)),
    )
    .where((eb) => eb.or([eb("d.decision", "is not", null), eb("r.status", "is not", null)]))
    .limit(500);
  if (opportunityIds) query = query.where("o.id", "in", [...opportunityIds]);
  const rows = await query.execute();
  return Object.fromEntries(
    rows.map((row) => [
      row.id,
      {
        decision: row.decision ?? null,
        reason: row.reason ?? null,
        decidedAt: row.decidedAt ?? null,
        onRevision: row.onRevision,
        revisionStatus: row.revisionStatus ?? null,
      },
    ]),
  );
}
