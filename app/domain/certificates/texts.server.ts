/**
 * The organisation's certificate texts per opportunity: role and tasks, competencies gained. Not listing text:
 * stored beside the opportunity (no moderation revision, no change to public pages). Scoped by organisation
 * and the actor's membership like every manage query.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";

function managedOpportunity(orgId: number, opportunityId: number, actor: { id: number }) {
  return db
    .selectFrom("opportunity as o")
    .leftJoin("opportunity_certificate_text as ct", "ct.opportunity_id", "o.id")
    .select(["o.id", "o.title", "o.schedule_kind as scheduleKind", sql<string>`coalesce(ct.role_description, '')`.as("roleDescription"), sql<string>`coalesce(ct.competencies, '')`.as("competencies")])
    .where("o.id", "=", opportunityId)
    .where("o.organisation_id", "=", orgId)
    .where(sql<boolean>`exists (select 1 from organisation_member m where m.organisation_id = o.organisation_id and m.user_id = ${actor.id})`);
}

/** The opportunity (id, title, schedule kind) with its certificate texts, or null when it is not the organisation's. */
export async function getCertificateTexts({ orgId, opportunityId, actor }: { orgId: number; opportunityId: number; actor: { id: number } }) {
  return (await managedOpportunity(orgId, opportunityId, actor).executeTakeFirst()) ?? null;
}

export async function saveCertificateTexts({
  orgId,
  opportunityId,
  actor,
  roleDescription,
  competencies,
}: {
  orgId: number;
  opportunityId: number;
  actor: { id: number };
  roleDescription: string;
  competencies: string;
}): Promise<{ ok: true } | { ok: false; reason: "not_found" }> {
  const opportunity = await managedOpportunity(orgId, opportunityId, actor).executeTakeFirst();
  if (!opportunity) return { ok: false, reason: "not_found" };
  await db
    .insertInto("opportunity_certificate_text")
    .values({ opportunity_id: opportunityId, role_description: roleDescription, competencies, updated_by: actor.id })
    .onConflict((oc) => oc.column("opportunity_id").doUpdateSet({ role_description: roleDescription, competencies, updated_by: actor.id, updated_at: sql`now()` }))
    .execute();
  return { ok: true };
}
