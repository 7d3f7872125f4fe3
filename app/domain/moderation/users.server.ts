/**
 * /admin/users: admins find a person by email or name, grant or revoke the admin and coordinator roles, see the
 * person's organisations, and give an organisation that has no owner left a new owner. Every change is audited
 * in its transaction.
 *
 * At least one admin always remains: revoking locks every admin row first (`FOR UPDATE`, in id order), then
 * counts. Two admins revoking each other at once are serialised by those locks; the second finds itself the
 * last one and is refused. The functions take an optional `database` (default: the process's) so the rule can
 * be tested on a database of its own.
 */
import { sql, type Kysely } from "kysely";
import { db } from "~db/client.server";
import type { Database } from "~db/schema";
import { recordAudit } from "~/domain/audit/audit.server";

const SEARCH_LIMIT = 50;

/** People whose email or name contains `q` (case-insensitive), admins and coordinators first. */
export async function searchUsers({ q }: { q: string }) {
  const term = q.trim().slice(0, 100);
  if (term.length < 2) return [];
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom("app_user as u")
    .select([
      "u.id",
      "u.display_name as displayName",
      "u.email",
      "u.is_admin as isAdmin",
      sql<number>`(select count(*)::int from region_coordinator rc where rc.user_id = u.id)`.as("regionCount"),
      sql<number>`(select count(*)::int from organisation_member m where m.user_id = u.id)`.as("organisationCount"),
    ])
    .where("u.deleted_at", "is", null)
    .where((eb) => eb.or([eb("u.email", "ilike", pattern), eb("u.display_name", "ilike", pattern)]))
    .orderBy("u.is_admin", "desc")
    .orderBy("u.display_name")
    .orderBy("u.id")
    .limit(SEARCH_LIMIT)
    .execute();
}

/** One person for the admin page: roles, regions, organisations (with whether each still has an owner). */
export async function getUserForAdmin({ id }: { id: number }) {
  const user = await db
    .selectFrom("app_user")
    .select(["id", "display_name as displayName", "email", "is_admin as isAdmin", "created_at as createdAt"])
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!user) return null;
  const [regions, allRegions, organisations, ownerless] = await Promise.all([
    db
      .selectFrom("region_coordinator as rc")
      .innerJoin("region as r", "r.id", "rc.region_id")
      .select(["r.id", "r.slug", "r.name"])
      .where("rc.user_id", "=", id)
      .orderBy("r.name")
      .execute(),
    db.selectFrom("region").select(["id", "slug", "name"]).orderBy("name").execute(),
    db
      .selectFrom("organisation_member as m")
      .innerJoin("organisation as o", "o.id", "m.organisation_id")
      .select(["o.id", "o.slug", "o.name", "m.role", "o.archived_at as archivedAt"])
      .where("m.user_id", "=", id)
      .orderBy("o.name")
      .execute(),
    ownerlessOrganisations(),
  ]);
  return { user, regions, allRegions, organisations, ownerless };
}

/** Organisations (not archived) without any owner. */
export function ownerlessOrganisations() {
  return db
    .selectFrom("organisation as o")
    .select(["o.id", "o.name", "o.slug"])
    .where("o.archived_at", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("organisation_member as m").select("m.user_id").whereRef("m.organisation_id", "=", "o.id").where("m.role", "=", "owner"))),
    )
    .orderBy("o.name")
    .limit(200)
    .execute();
}

export type RoleChangeResult = { ok: true; changed: boolean } | { ok: false; reason: "not_found" | "last_admin" };

/** Grants or revokes the admin role. Refused when it would leave no admin. */
export async function setAdminRole({
  actor,
  userId,
  admin,
  ip,
  database = db,
}: {
  actor: { id: number };
  userId: number;
  admin: boolean;
  ip?: string;
  database?: Kysely<Database>;
}): Promise<RoleChangeResult> {
  return database.transaction().execute(async (trx) => {
    // every admin row locked, in a fixed order: concurrent revocations queue here and see each other's result
    const admins = await trx.selectFrom("app_user").select("id").where("is_admin", "=", true).where("deleted_at", "is", null).orderBy("id").forUpdate().execute();
    const target = await trx.selectFrom("app_user").select(["id", "is_admin"]).where("id", "=", userId).where("deleted_at", "is", null).forUpdate().executeTakeFirst();
    if (!target) return { ok: false, reason: "not_found" } as const;
    if (target.is_admin === admin) return { ok: true, changed: false } as const;
    if (!admin && admins.filter((a) => a.id !== userId).length === 0) return { ok: false, reason: "last_admin" } as const;
    await trx.updateTable("app_user").set({ is_admin: admin }).where("id", "=", userId).execute();
    await recordAudit(
      {
        action: admin ? "user.admin_granted" : "user.admin_revoked",
        actorUserId: actor.id,
        subjectType: "user",
        subjectId: userId,
        ip,
        details: { before: { admin: !admin }, after: { admin } },
      },
      trx,
    );
    return { ok: true, changed: true } as const;
  });
}

/** Makes the person coordinator of a region, or ends that; false when the person or region does not exist. */
export async function setCoordinatorRole({
  actor,
  userId,
  regionId,
  coordinator,
  ip,
}: {
  actor: { id: number };
  userId: number;
  regionId: number;
  coordinator: boolean;
  ip?: string;
}): Promise<RoleChangeResult> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("app_user").select("id").where("id", "=", userId).where("deleted_at", "is", null).executeTakeFirst();
    const region = await trx.selectFrom("region").select("id").where("id", "=", regionId).executeTakeFirst();
    if (!user || !region) return { ok: false, reason: "not_found" } as const;
    const changed = coordinator
      ? await trx.insertInto("region_coordinator").values({ region_id: regionId, user_id: userId }).onConflict((oc) => oc.doNothing()).returning("user_id").executeTakeFirst()
      : await trx.deleteFrom("region_coordinator").where("region_id", "=", regionId).where("user_id", "=", userId).returning("user_id").executeTakeFirst();
    if (!changed) return { ok: true, changed: false } as const;
    await recordAudit(
      {
        action: coordinator ? "region.coordinator_added" : "region.coordinator_removed",
        actorUserId: actor.id,
        subjectType: "region",
        subjectId: regionId,
        ip,
        details: { userId, before: coordinator ? null : "coordinator", after: coordinator ? "coordinator" : null },
      },
      trx,
    );
    return { ok: true, changed: true } as const;
  });
}

export type AssignOwnerResult = { ok: true } | { ok: false; reason: "not_found" | "has_owner" };

/** Only for an organisation without owner (checked under a lock on its row): the person becomes its owner. */
export async function assignOwner({ actor, userId, orgId, ip }: { actor: { id: number }; userId: number; orgId: number; ip?: string }): Promise<AssignOwnerResult> {
  return db.transaction().execute(async (trx) => {
    const organisation = await trx.selectFrom("organisation").select("id").where("id", "=", orgId).where("archived_at", "is", null).forUpdate().executeTakeFirst();
    const user = await trx.selectFrom("app_user").select("id").where("id", "=", userId).where("deleted_at", "is", null).executeTakeFirst();
    if (!organisation || !user) return { ok: false, reason: "not_found" } as const;
    const owner = await trx.selectFrom("organisation_member").select("user_id").where("organisation_id", "=", orgId).where("role", "=", "owner").executeTakeFirst();
    if (owner) return { ok: false, reason: "has_owner" } as const;
    const before = await trx.selectFrom("organisation_member").select("role").where("organisation_id", "=", orgId).where("user_id", "=", userId).executeTakeFirst();
    await trx
      .insertInto("organisation_member")
      .values({ organisation_id: orgId, user_id: userId, role: "owner" })
      .onConflict((oc) => oc.columns(["organisation_id", "user_id"]).doUpdateSet({ role: "owner" }))
      .execute();
    await recordAudit(
      { action: "organisation.owner_assigned", actorUserId: actor.id, subjectType: "organisation", subjectId: orgId, ip, details: { userId, before: before?.role ?? null, after: "owner" } },
      trx,
    );
    return { ok: true } as const;
  });
}
