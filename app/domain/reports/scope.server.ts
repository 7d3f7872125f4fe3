/**
 * Whose numbers a report shows. Admins: the whole canton, one region, or the Gemeinden in no region;
 * coordinators: all their regions or one of them. The scope becomes a SQL filter on the opportunity's Gemeinde
 * (`inReportScope`), so a coordinator's query never reads another region's rows.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import { moderatedBy, type ModeratorScope } from "~/domain/moderation/scope.server";

export type ReportScope =
  | { kind: "canton" }
  | { kind: "coordinator"; actorId: number }
  | { kind: "region"; regionId: number; slug: string; name: string }
  | { kind: "noRegion" };

/** "" = everything the actor may see; a region slug; "none" = Gemeinden in no region (admins). */
export async function resolveReportScope({ scope, region }: { scope: ModeratorScope; region: string }): Promise<ReportScope | "missing" | "forbidden"> {
  if (region === "") return scope.isAdmin ? { kind: "canton" } : { kind: "coordinator", actorId: scope.id };
  if (region === "none") return scope.isAdmin ? { kind: "noRegion" } : "forbidden";
  const own = scope.regions.find((r) => r.slug === region);
  if (own) return { kind: "region", regionId: own.id, slug: own.slug, name: own.name };
  if (!/^[a-z0-9-]{1,80}$/.test(region)) return "missing";
  const exists = await db.selectFrom("region").select("id").where("slug", "=", region).executeTakeFirst();
  return exists ? "forbidden" : "missing";
}

/** SQL filter on a row with a `bfs_nr` column (aliased `alias`): true when it lies in the report's scope. */
export function inReportScope(scope: ReportScope, alias: string) {
  const bfsNr = sql.ref(`${alias}.bfs_nr`);
  switch (scope.kind) {
    case "canton":
      return sql<boolean>`true`;
    case "coordinator":
      return moderatedBy({ id: scope.actorId, isAdmin: false }, alias);
    case "region":
      return sql<boolean>`exists (select 1 from region_gemeinde rg_report where rg_report.region_id = ${scope.regionId} and rg_report.bfs_nr = ${bfsNr})`;
    case "noRegion":
      return sql<boolean>`not exists (select 1 from region_gemeinde rg_report where rg_report.bfs_nr = ${bfsNr})`;
  }
}
