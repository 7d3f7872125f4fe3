/**
 * Public flags in the reports: opened (created in the period) and resolved (resolved in the period), counted on
 * the flagged opportunity's Gemeinde with the report's scope.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import { inReportScope, type ReportScope } from "./scope.server";

export interface FlagCounts {
  opened: number;
  resolved: number;
}

export async function countFlags({ scope, start, end }: { scope: ReportScope; start: Date; end: Date }): Promise<FlagCounts | null> {
  const row = await db
    .selectFrom("opportunity_flag as f")
    .innerJoin("opportunity as o", "o.id", "f.opportunity_id")
    .select([
      sql<number>`(count(*) filter (where f.created_at >= ${start} and f.created_at < ${end}))::int`.as("opened"),
      sql<number>`(count(*) filter (where f.resolved_at >= ${start} and f.resolved_at < ${end}))::int`.as("resolved"),
    ])
    .where(inReportScope(scope, "o"))
    .where((eb) => eb.or([eb.and([eb("f.created_at", ">=", start), eb("f.created_at", "<", end)]), eb.and([eb("f.resolved_at", ">=", start), eb("f.resolved_at", "<", end)])]))
    .executeTakeFirstOrThrow();
  return { opened: row.opened, resolved: row.resolved };
}

/** Part of the reports' cache key: a new flag raises the max id, a resolution the resolved count. */
export const flagVersionSql = sql<string>`(select coalesce(max(id), 0)::text || ':' || count(resolved_at)::text from opportunity_flag)`;
