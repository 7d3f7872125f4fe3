/**
 * The KIP reports: what happened in a period, within a scope (the canton, a region, a coordinator's regions).
 * One aggregate query per table: listings (grouping sets by category, region and Gemeinde in one pass over the
 * opportunities), moderation decisions (counts and the median waiting time), sign-ups; flags through a hook
 * (see ./flags.server.ts). Numbers only from rows that exist: nothing is estimated.
 *
 * Definitions (README "Reports"):
 * - published: listings public at some time in the period (published before its end; still published, or
 *   archived after its start);
 * - new: of those, the ones created in the period;
 * - active organisations: organisations with at least one published listing in the period;
 * - waiting time: from the submission (or the pending revision) to the first decision about it. A listing
 *   resubmitted later keeps only its latest submission time, so decisions on earlier rounds are left out of the
 *   median (counted in `measured`, shown next to it).
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import type { Locale } from "~/i18n/config";
import { loadFormReference } from "~/domain/opportunities/form-reference.server";
import { zurichToUtc } from "~/utils/zurich-time";
import { countFlags, flagVersionSql, type FlagCounts } from "./flags.server";
import { dayAfter, type ReportPeriod } from "./period";
import { inReportScope, type ReportScope } from "./scope.server";

export interface ListingCount {
  published: number;
  new: number;
}

export interface Report {
  period: ReportPeriod;
  totals: ListingCount & { activeOrganisations: number };
  byCategory: ({ id: string; label: string } & ListingCount)[];
  /** regionSlug null: Gemeinden in no region */
  byRegion: ({ slug: string | null; name: string | null } & ListingCount & { activeOrganisations: number })[];
  byGemeinde: ({ bfsNr: number; name: string } & ListingCount)[];
  decisions: { approve: number; request_changes: number; reject: number; unpublish: number; medianHours: number | null; measured: number };
  /** opened and resolved public flags in the period */
  flags: FlagCounts | null;
  signups: { signups: number; confirmedVolunteers: number; confirmedHours: number };
}

export function periodInstants(period: ReportPeriod) {
  return { start: zurichToUtc(period.from, "00:00"), end: zurichToUtc(dayAfter(period), "00:00") };
}

async function listingCounts(scope: ReportScope, start: Date, end: Date) {
  return (
    await sql<{
      category_id: string | null;
      region_id: number | null;
      bfs_nr: number | null;
      g_category: number;
      g_region: number;
      g_gemeinde: number;
      published: number;
      new: number;
      organisations: number;
    }>`
      select o.category_id, rg.region_id, o.bfs_nr,
        grouping(o.category_id)::int as g_category, grouping(rg.region_id)::int as g_region, grouping(o.bfs_nr)::int as g_gemeinde,
        count(*)::int as published,
        (count(*) filter (where o.created_at >= ${start} and o.created_at < ${end}))::int as new,
        count(distinct o.organisation_id)::int as organisations
      from opportunity o
      left join region_gemeinde rg on rg.bfs_nr = o.bfs_nr
      where o.status in ('published', 'archived')
        and o.published_at < ${end}
        and (o.status = 'published' or coalesce(o.archived_at, o.published_at) >= ${start})
        and ${inReportScope(scope, "o")}
      group by grouping sets ((o.category_id), (rg.region_id), (o.bfs_nr), ())`.execute(db)
  ).rows;
}

async function decisionCounts(scope: ReportScope, start: Date, end: Date) {
  const row = (
    await sql<{ approve: number; request_changes: number; reject: number; unpublish: number; median_seconds: number | null; measured: number }>`
      select
        (count(*) filter (where w.decision = 'approve'))::int as approve,
        (count(*) filter (where w.decision = 'request_changes'))::int as request_changes,
        (count(*) filter (where w.decision = 'reject'))::int as reject,
        (count(*) filter (where w.decision = 'unpublish'))::int as unpublish,
        (percentile_cont(0.5) within group (order by w.seconds))::float8 as median_seconds,
        count(w.seconds)::int as measured
      from (
        select d.decision,
          case
            when d.revision_id is not null then
              case when r.submitted_at <= d.decided_at then extract(epoch from d.decided_at - r.submitted_at) end
            when d.status_before = 'submitted' and o.submitted_at <= d.decided_at and not exists (
              select 1 from moderation_decision e
              where e.opportunity_id = d.opportunity_id and e.revision_id is null
                and e.decided_at >= o.submitted_at and e.decided_at < d.decided_at)
            then extract(epoch from d.decided_at - o.submitted_at)
          end::float8 as seconds
        from moderation_decision d
        join opportunity o on o.id = d.opportunity_id
        left join opportunity_revision r on r.id = d.revision_id
        where d.decided_at >= ${start} and d.decided_at < ${end} and ${inReportScope(scope, "o")}
      ) w`.execute(db)
  ).rows[0];
  return {
    approve: row?.approve ?? 0,
    request_changes: row?.request_changes ?? 0,
    reject: row?.reject ?? 0,
    unpublish: row?.unpublish ?? 0,
    medianHours: row?.median_seconds == null ? null : Math.round((Number(row.median_seconds) / 3600) * 10) / 10,
    measured: row?.measured ?? 0,
  };
}

async function signupCounts(scope: ReportScope, start: Date, end: Date) {
  // a sign-up counts in the period it was made; a confirmed one (and its hours) in the period of its shift
  // (a flexible opportunity has none: then when it was confirmed)
  const row = (
    await sql<{ signups: number; confirmed_volunteers: number; confirmed_hours: string }>`
      select
        (count(*) filter (where s.created_at >= ${start} and s.created_at < ${end}))::int as signups,
        (count(distinct s.user_id) filter (where s.status in ('confirmed', 'attended')
          and coalesce(sh.starts_at, s.confirmed_at) >= ${start} and coalesce(sh.starts_at, s.confirmed_at) < ${end}))::int as confirmed_volunteers,
        coalesce(sum(s.hours) filter (where coalesce(sh.starts_at, s.confirmed_at, s.created_at) >= ${start}
          and coalesce(sh.starts_at, s.confirmed_at, s.created_at) < ${end}), 0)::text as confirmed_hours
      from signup s
      join opportunity o on o.id = s.opportunity_id
      left join shift sh on sh.id = s.shift_id
      where ${inReportScope(scope, "o")}
        and ((s.created_at >= ${start} and s.created_at < ${end})
          or (coalesce(sh.starts_at, s.confirmed_at, s.created_at) >= ${start} and coalesce(sh.starts_at, s.confirmed_at, s.created_at) < ${end}))`.execute(db)
  ).rows[0];
  return {
    signups: row?.signups ?? 0,
    confirmedVolunteers: row?.confirmed_volunteers ?? 0,
    confirmedHours: Number(row?.confirmed_hours ?? 0),
  };
}

/** The regions a report lists (with zeros): all for the canton, the coordinator's, or the one chosen. */
async function regionsOf(scope: ReportScope) {
  const query = db.selectFrom("region as r").select(["r.id", "r.slug", "r.name"]);
  switch (scope.kind) {
    case "canton":
      return query.execute();
    case "coordinator":
      return query.innerJoin("region_coordinator as rc", "rc.region_id", "r.id").where("rc.user_id", "=", scope.actorId).execute();
    case "region":
      return query.where("r.id", "=", scope.regionId).execute();
    case "noRegion":
      return [];
  }
}

/**
 * Reports are cached per listing generation (bumped by every change of opportunities, shifts, sign-ups, regions
 * and their Gemeinden, categories) and the newest decision id (decisions are only ever added; they are removed
 * only with their opportunity, which bumps the generation). The scope's key lists a coordinator's regions, so a
 * changed assignment is a new key. A year of the canton takes about a second to count on the busy bench machine;
 * from the cache a few milliseconds. Flags (not in the generation) join the key
 * through their newest id and resolved count.
 */
const CACHE_SIZE = 64;
const cache = new Map<string, Promise<Report>>();

function scopeKey(scope: ReportScope, coordinatorRegionIds: readonly number[]) {
  switch (scope.kind) {
    case "canton":
    case "noRegion":
      return scope.kind;
    case "region":
      return `region:${scope.regionId}`;
    case "coordinator":
      return `coordinator:${scope.actorId}:${[...coordinatorRegionIds].sort((a, b) => a - b).join(",")}`;
  }
}

export async function buildReport({
  scope,
  period,
  locale,
  coordinatorRegionIds = [],
}: {
  scope: ReportScope;
  period: ReportPeriod;
  locale: Locale;
  /** for a coordinator's scope: their region ids (part of the cache key) */
  coordinatorRegionIds?: readonly number[];
}): Promise<Report> {
  const version = (
    await sql<{ generation: string; decision: number | null; flags: string }>`
      select (select coalesce(sum(n), 0)::text from listing_generation) as generation,
        (select max(id) from moderation_decision) as decision, ${flagVersionSql} as flags`.execute(db)
  ).rows[0];
  const key = `${version.generation}|${version.decision ?? 0}|${version.flags}|${scopeKey(scope, coordinatorRegionIds)}|${period.from}|${period.to}|${locale}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const pending = computeReport({ scope, period, locale });
  cache.set(key, pending);
  pending.catch(() => cache.delete(key));
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return pending;
}

async function computeReport({ scope, period, locale }: { scope: ReportScope; period: ReportPeriod; locale: Locale }): Promise<Report> {
  const { start, end } = periodInstants(period);
  // one after the other: PGlite has a single connection, and on PostgreSQL the queries are short
  const listings = await listingCounts(scope, start, end);
  const decisions = await decisionCounts(scope, start, end);
  const signups = await signupCounts(scope, start, end);
  const flags = await countFlags({ scope, start, end });
  const reference = await loadFormReference(locale);
  const regions = await regionsOf(scope);
  const regionById = new Map(regions.map((r) => [r.id, r]));
  const gemeindeName = new Map(reference.gemeinden.map((g) => [g.bfsNr, g.name]));

  const total = listings.find((r) => r.g_category && r.g_region && r.g_gemeinde);
  const byCategoryCount = new Map(listings.filter((r) => !r.g_category).map((r) => [r.category_id!, r]));
  const byCategory = reference.categories.map((c) => ({
    id: c.id,
    label: c.label,
    published: byCategoryCount.get(c.id)?.published ?? 0,
    new: byCategoryCount.get(c.id)?.new ?? 0,
  }));
  const collator = new Intl.Collator("de");
  // every region of the scope, also those without listings; then the Gemeinden in no region, when any
  const regionCounts = new Map(listings.filter((r) => !r.g_region).map((r) => [r.region_id, r]));
  const zero = { published: 0, new: 0, organisations: 0 };
  const byRegion = [
    ...[...regionById.values()].sort((a, b) => collator.compare(a.name, b.name)).map((region) => ({ ...region, counts: regionCounts.get(region.id) ?? zero })),
    ...(regionCounts.has(null) ? [{ slug: null, name: null, counts: regionCounts.get(null)! }] : []),
  ].map(({ slug, name, counts }) => ({ slug, name, published: counts.published, new: counts.new, activeOrganisations: counts.organisations }));
  const byGemeinde = listings
    .filter((r) => !r.g_gemeinde)
    .map((r) => ({ bfsNr: r.bfs_nr!, name: gemeindeName.get(r.bfs_nr!) ?? String(r.bfs_nr), published: r.published, new: r.new }))
    .sort((a, b) => b.published - a.published || collator.compare(a.name, b.name));

  return {
    period,
    totals: { published: total?.published ?? 0, new: total?.new ?? 0, activeOrganisations: total?.organisations ?? 0 },
    byCategory,
    byRegion,
    byGemeinde,
    decisions,
    flags,
    signups,
  };
}
