/**
 * Who may moderate what: admins moderate everything (also the canton-wide queue of Gemeinden in no region),
 * a coordinator the opportunities whose Gemeinde lies in one of their regions. The filter goes into every query
 * (`moderatedBy`), so an id from another region never reaches its row.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import { requireUser, type SessionUser } from "~/domain/auth/permissions.server";
import { forbidden } from "~/utils/http";

export interface ModeratorActor {
  id: number;
  isAdmin: boolean;
}

export interface ModeratorScope extends ModeratorActor {
  regions: { id: number; slug: string; name: string }[];
}

/** The regions the actor coordinates (all regions for admins). */
export async function getModeratorScope(actor: ModeratorActor): Promise<ModeratorScope> {
  const regions = actor.isAdmin
    ? await db.selectFrom("region").select(["id", "slug", "name"]).orderBy("name").execute()
    : await db
        .selectFrom("region as r")
        .innerJoin("region_coordinator as rc", "rc.region_id", "r.id")
        .select(["r.id", "r.slug", "r.name"])
        .where("rc.user_id", "=", actor.id)
        .orderBy("r.name")
        .execute();
  return { id: actor.id, isAdmin: actor.isAdmin, regions };
}

/** Signed in (else login redirect) and an admin or a coordinator of at least one region (else 403). */
export async function requireModerator(request: Request): Promise<{ user: SessionUser; scope: ModeratorScope }> {
  const user = await requireUser(request);
  const scope = await getModeratorScope(user);
  if (!user.isAdmin && scope.regions.length === 0) forbidden();
  return { user, scope };
}

/** SQL filter on an opportunity row (aliased `alias`): true when the actor may moderate it. */
export function moderatedBy(actor: ModeratorActor, alias = "o") {
  if (actor.isAdmin) return sql<boolean>`true`;
  return sql<boolean>`exists (select 1 from region_coordinator rc_scope
    join region_gemeinde rg_scope on rg_scope.region_id = rc_scope.region_id
    where rc_scope.user_id = ${actor.id} and rg_scope.bfs_nr = ${sql.ref(`${alias}.bfs_nr`)})`;
}
