/**
 * Organisation verification by the coordinators of the organisation's region (by its Gemeinde; admins for
 * all): verify or un-verify with a note. The note and the change go to the audit log, where the page reads the
 * history from. The badge shows wherever verified_at is read (profile, opportunity page, queue).
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import { recordAudit } from "~/domain/audit/audit.server";
import { moderatedBy, type ModeratorActor } from "./scope.server";

/** "missing" (404) or "forbidden" (403, another region's organisation), else the organisation with history. */
export async function getOrganisationForVerification({ slug, actor }: { slug: string; actor: ModeratorActor }) {
  const row = await db
    .selectFrom("organisation as o")
    .innerJoin("gemeinde as g", "g.bfs_nr", "o.bfs_nr")
    .select(["o.id", "o.slug", "o.name", "o.kind", "o.verified_at as verifiedAt", "o.created_at as createdAt", "g.name as gemeindeName", moderatedBy(actor).as("allowed")])
    .where("o.slug", "=", slug)
    .executeTakeFirst();
  if (!row) return "missing" as const;
  if (!row.allowed) return "forbidden" as const;
  const [history, listings] = await Promise.all([
    db
      .selectFrom("audit_event as a")
      .leftJoin("app_user as u", "u.id", "a.actor_user_id")
      .select(["a.id", "a.action", "a.occurred_at as occurredAt", sql<string | null>`a.details->>'note'`.as("note"), "u.display_name as actorName"])
      .where("a.subject_type", "=", "organisation")
      .where("a.subject_id", "=", String(row.id))
      .where("a.action", "in", ["organisation.verified", "organisation.unverified"])
      .orderBy("a.occurred_at", "desc")
      .limit(20)
      .execute(),
    db
      .selectFrom("opportunity")
      .select(["id", "title", "status"])
      .where("organisation_id", "=", row.id)
      .where("status", "<>", "draft")
      .orderBy("updated_at", "desc")
      .limit(50)
      .execute(),
  ]);
  const { allowed: _allowed, ...organisation } = row;
  return { organisation, history, listings };
}

/** Null when the organisation is not in the actor's regions (or does not exist). */
export async function setVerification({
  id,
  actor,
  verified,
  note,
  ip,
}: {
  id: number;
  actor: ModeratorActor;
  verified: boolean;
  note: string;
  ip?: string;
}) {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("organisation as o")
      .select(["o.id", "o.verified_at"])
      .where("o.id", "=", id)
      .where(moderatedBy(actor))
      .forUpdate()
      .executeTakeFirst();
    if (!current) return null;
    await trx
      .updateTable("organisation")
      .set({ verified_at: verified ? (current.verified_at ?? sql<Date>`now()`) : null, updated_at: sql`now()` })
      .where("id", "=", id)
      .execute();
    await recordAudit(
      {
        action: verified ? "organisation.verified" : "organisation.unverified",
        actorUserId: actor.id,
        subjectType: "organisation",
        subjectId: id,
        ip,
        details: { note, before: { verified: current.verified_at !== null }, after: { verified } },
      },
      trx,
    );
    return { verified };
  });
}
