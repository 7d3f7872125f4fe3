/**
 * Finding published opportunities: German full text (stemmed, umlauts folded, title over summary/tags over
 * description), filters on category, Gemeinde, region, distance, dates, weekdays, time of day, languages,
 * remote work and free places, and the counts per Gemeinde for the map. Filters come from search-params.ts.
 *
 * Shift filters (dates, weekday, time of day) and all local times are evaluated in Europe/Zurich; they match an
 * opportunity that has an upcoming shift satisfying all of them, so flexible opportunities (without shifts) drop
 * out only when such a filter is set.
 */
import { type RawBuilder, sql } from "kysely";
import { db } from "~db/client.server";
import type { LocationMode, ScheduleKind } from "~db/schema";
import type { Locale } from "~/i18n/config";
import { hasShiftFilter, type SearchFilters, type SearchProblems, SEARCH_PROBLEM_KEYS } from "~/domain/opportunities/search-params";

export interface NearGemeinde {
  bfsNr: number;
  name: string;
  lat: number;
  lon: number;
}

export interface OpportunitySearchItem {
  id: number;
  title: string;
  summary: string;
  organisationName: string;
  organisationSlug: string;
  gemeindeName: string;
  bfsNr: number;
  categoryId: string;
  categoryLabel: string;
  locationMode: LocationMode;
  scheduleKind: ScheduleKind;
  publishedAt: Date;
  /** start of the next upcoming shift that matches the shift filters; null for flexible opportunities */
  nextStart: Date | null;
  nextEnd: Date | null;
  /** places of that shift, or of a flexible opportunity; null when neither has any */
  places: { total: number; free: number } | null;
  /** km between the Gemeinde centroids, when the search has a `near` place */
  distanceKm: number | null;
}

export interface OpportunitySearchResult {
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  items: OpportunitySearchItem[];
  /** the Gemeinde `near` resolved to (null without `near`, or when it names no Aargau place) */
  near: NearGemeinde | null;
}

const ZURICH = sql.lit("Europe/Zurich");
const EARTH_RADIUS_KM = 6371.0088;

// --- places ----------------------------------------------------------------------------------------------------

/*
 * Free places, in one place each: the places minus those held by sign-ups (pending, confirmed, offered, attended;
 * `places_taken` is kept by a trigger on signup, see the signups migration). The `free` filter, the places
 * shown on each card and the map counts all follow.
 */
const shiftFreePlaces = sql<number>`(s.places - s.places_taken)`;
const flexibleFreePlaces = sql<number>`(o.total_places - o.places_taken)`;

// --- the parts of the query ------------------------------------------------------------------------------------

/**
 * The prefix fallback for the last word ("Konversation" → konversation:* finds "Konversationsgruppe"). Only for a
 * plain last word of three or more letters: not inside quotes, not negated. The word reaches to_tsquery with
 * everything but letters and digits removed (also after folding), so user input never becomes tsquery syntax.
 */
function prefixWord(q: string): { rest: string; word: string } | null {
  const match = /(?:^|\s)([\p{L}\p{N}]{3,})$/u.exec(q);
  if (!match) return null;
  if ((q.match(/"/g) ?? []).length % 2 === 1) return null;
  const word = match[1];
  return { rest: q.slice(0, q.length - word.length), word };
}

/*
 * Unicode hyphens and dashes (U+2010–2015, U+2212 minus sign, their small and fullwidth forms): unaccent folds
 * them to "-", which websearch_to_tsquery would read as "exclude the next word" ("Deutsch – Treff" would find
 * nothing). Only the ASCII hyphen-minus is the exclusion syntax, so these become a space before folding.
 */
const UNICODE_DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

function textQuery(input: string): RawBuilder<string> {
  const q = input.replace(UNICODE_DASHES, " ");
  const full = sql<string>`websearch_to_tsquery('german', mitenand_fold(${q}))`;
  const prefix = prefixWord(q);
  if (!prefix) return full;
  // websearch_to_tsquery('') is the empty query, and "empty && x" is x; a null prefix (nothing left) drops out
  const last = sql`to_tsquery('german', nullif(regexp_replace(mitenand_fold(${prefix.word}), '[^[:alnum:]]+', '', 'g'), '') || ':*')`;
  return sql<string>`(${full} || coalesce(websearch_to_tsquery('german', mitenand_fold(${prefix.rest})) && ${last}, ${full}))`;
}

function distanceKm(near: NearGemeinde): RawBuilder<number> {
  // haversine between centroids; the Gemeinde table has 196 rows, so this runs on those, never per opportunity
  const lat = sql`${near.lat}::float8`;
  const lon = sql`${near.lon}::float8`;
  return sql<number>`(2 * ${sql.lit(EARTH_RADIUS_KM)} * asin(least(1, sqrt(
    power(sin(radians(g.lat - ${lat}) / 2), 2) +
    cos(radians(${lat})) * cos(radians(g.lat)) * power(sin(radians(g.lon - ${lon}) / 2), 2)))))`;
}

/** conditions on a shift `s` of opportunity `o`: upcoming, and the date, weekday and time filters */
function shiftConditions(filters: SearchFilters, { free }: { free: boolean }) {
  const local = sql`(s.starts_at at time zone ${ZURICH})`;
  const conditions: RawBuilder<unknown>[] = [sql`s.starts_at > now()`, sql`s.cancelled_at is null`];
  if (filters.from) conditions.push(sql`s.starts_at >= (${filters.from}::date)::timestamp at time zone ${ZURICH}`);
  if (filters.to) conditions.push(sql`s.starts_at < (${filters.to}::date + 1)::timestamp at time zone ${ZURICH}`);
  if (filters.weekdays.length) {
    conditions.push(sql`extract(isodow from ${local})::int in (${sql.join(filters.weekdays)})`);
  }
  if (filters.time === "morning") conditions.push(sql`${local}::time < '12:00'`);
  if (filters.time === "afternoon") conditions.push(sql`${local}::time >= '12:00' and ${local}::time < '17:00'`);
  if (filters.time === "evening") conditions.push(sql`${local}::time >= '17:00'`);
  if (free) conditions.push(sql`${shiftFreePlaces} > 0`);
  return sql.join(conditions, sql` and `);
}

interface QueryParts {
  /** every condition but the one on shifts */
  conditions: RawBuilder<unknown>[];
  /** the shift filters (and free places) as a condition on `o`, when set; kept apart so a query that walks the
   * matching shifts anyway can leave out this second, costly pass over them */
  shiftCondition: RawBuilder<unknown> | null;
  /** joins the Gemeinden within the radius as `ng` (with distance_km) */
  nearJoin: RawBuilder<unknown>;
  rank: RawBuilder<number>;
  distance: RawBuilder<number | null>;
}

function queryParts(filters: SearchFilters, near: NearGemeinde | null, { withGemeinde }: { withGemeinde: boolean }): QueryParts {
  const conditions: RawBuilder<unknown>[] = [sql`o.status = 'published'`];
  let rank: RawBuilder<number> = sql<number>`0::real`;
  if (filters.q) {
    const query = textQuery(filters.q);
    conditions.push(sql`o.search_vector @@ ${query}`);
    rank = sql<number>`ts_rank_cd(o.search_vector, ${query})`;
  }
  if (filters.categories.length) conditions.push(sql`o.category_id in (${sql.join(filters.categories)})`);
  if (withGemeinde && filters.gemeinden.length) conditions.push(sql`o.bfs_nr in (${sql.join(filters.gemeinden)})`);
  if (filters.region) {
    conditions.push(sql`o.bfs_nr in (select rg.bfs_nr from region_gemeinde rg join region r on r.id = rg.region_id where r.slug = ${filters.region})`);
  }
  if (filters.languages.length) {
    const languages = sql`array[${sql.join(filters.languages)}]::text[]`;
    conditions.push(sql`(o.languages_helpful && ${languages} or o.languages_required && ${languages})`);
  }
  if (filters.remote) conditions.push(sql`o.location_mode in ('remote', 'both')`);

  let shiftCondition: RawBuilder<unknown> | null = null;
  if (hasShiftFilter(filters)) {
    shiftCondition = sql`exists (select 1 from shift s where s.opportunity_id = o.id and ${shiftConditions(filters, { free: filters.free })})`;
  } else if (filters.free) {
    shiftCondition = sql`(exists (select 1 from shift s where s.opportunity_id = o.id and ${shiftConditions(filters, { free: true })})
      or (o.schedule_kind = 'flexible' and coalesce(${flexibleFreePlaces}, 0) > 0))`;
  }

  let nearJoin: RawBuilder<unknown> = sql``;
  let distance: RawBuilder<number | null> = sql<null>`null::float8`;
  if (filters.near) {
    if (!near) conditions.push(sql`false`);
    else {
      nearJoin = sql`join (select g.bfs_nr, ${distanceKm(near)} as distance_km from gemeinde g) ng
        on ng.bfs_nr = o.bfs_nr and ng.distance_km <= ${filters.radius}::float8`;
      distance = sql<number>`ng.distance_km`;
    }
  }
  return { conditions, shiftCondition, nearJoin, rank, distance };
}

function whereAll(parts: QueryParts, { withShifts = true }: { withShifts?: boolean } = {}) {
  const all = withShifts && parts.shiftCondition ? [...parts.conditions, parts.shiftCondition] : parts.conditions;
  return sql.join(all, sql` and `);
}

// --- public functions ------------------------------------------------------------------------------------------

/**
 * The Gemeinde a `near` value names: a postcode (its main Gemeinde; postcodes win over BFS numbers, as people
 * type postcodes), a BFS number, a Gemeinde name ("Wohlen" finds "Wohlen (AG)") or a postal locality ("Wildegg").
 */
export async function resolveNear(near: string | null): Promise<NearGemeinde | null> {
  if (!near) return null;
  const columns = sql`g.bfs_nr as "bfsNr", g.name, g.lat, g.lon`;
  if (/^\d{4}$/.test(near)) {
    const code = Number(near);
    const result = await sql<NearGemeinde>`
      select ${columns} from gemeinde g
      where g.bfs_nr = coalesce(
        (select p.bfs_nr from postcode p where p.plz = ${code} and p.is_main order by p.locality, p.bfs_nr limit 1),
        ${code})`.execute(db);
    return result.rows[0] ?? null;
  }
  const result = await sql<NearGemeinde>`
    select ${columns} from (
      select g.bfs_nr, 1 as priority from gemeinde g
        where mitenand_fold(g.name) in (mitenand_fold(${near}), mitenand_fold(${near}) || ' (ag)')
      union all
      select p.bfs_nr, 2 from postcode p
        where p.is_main and mitenand_fold(p.locality) in (mitenand_fold(${near}), mitenand_fold(${near}) || ' ag')
    ) found
    join gemeinde g on g.bfs_nr = found.bfs_nr
    order by found.priority, g.bfs_nr
    limit 1`.execute(db);
  return result.rows[0] ?? null;
}

/** The RIF regions, for the region filter. */
export async function listRegions() {
  return db.selectFrom("region").select(["slug", "name"]).orderBy("name").execute();
}

/**
 * Checks the parts of parsed filters that only the database knows: the region must exist and `near` must name
 * an Aargau place. What fails is dropped and reported, like the parser's problems.
 */
export async function validateSearchFilters({ filters }: { filters: SearchFilters }): Promise<{
  filters: SearchFilters;
  problems: SearchProblems;
  near: NearGemeinde | null;
}> {
  const problems: SearchProblems = {};
  const [near, region] = await Promise.all([
    resolveNear(filters.near),
    filters.region ? db.selectFrom("region").select("slug").where("slug", "=", filters.region).executeTakeFirst() : undefined,
  ]);
  const checked = { ...filters };
  if (filters.region && !region) {
    problems.region = SEARCH_PROBLEM_KEYS.region;
    checked.region = null;
  }
  if (filters.near && !near) {
    problems.near = SEARCH_PROBLEM_KEYS.near;
    checked.near = null;
    if (checked.sort === "nearest") checked.sort = checked.q ? "relevance" : "soonest";
  }
  return { filters: checked, problems, near };
}

/** ORDER BY on the output columns of the page query (rank, distance_km, next_start, published_at, id) */
function orderBy(sort: SearchFilters["sort"]) {
  const c = (column: string) => sql.ref(column);
  switch (sort) {
    case "relevance":
      return sql`${c("rank")} desc, ${c("published_at")} desc, ${c("id")} desc`;
    case "newest":
      return sql`${c("published_at")} desc, ${c("id")} desc`;
    case "nearest":
      return sql`${c("distance_km")} asc nulls last, ${c("id")} asc`;
    case "soonest":
      return sql`${c("next_start")} asc nulls last, ${c("id")} asc`;
  }
}

interface PageRow {
  id: number;
  next_start: Date | null;
}

interface DetailRow {
  id: number;
  title: string;
  summary: string;
  organisationName: string;
  organisationSlug: string;
  gemeindeName: string;
  bfsNr: number;
  categoryId: string;
  categoryLabel: string;
  locationMode: LocationMode;
  scheduleKind: ScheduleKind;
  publishedAt: Date;
  nextStart: Date | null;
  nextEnd: Date | null;
  placesTotal: number | null;
  placesFree: number | null;
  distanceKm: number | null;
}

/** how many shifts the "soonest" walk may read per wanted row before it gives up and sorts everything */
const WALK_SHIFTS_PER_ROW = 8;
const WALK_MAX_ROWS = 1000;

/**
 * One page of published opportunities matching the filters, in the filters' order, and how many match in all.
 * `near` may pass the place validateSearchFilters already resolved (else it is looked up again); a `near` that
 * names no Aargau place matches nothing.
 */
export async function searchOpportunities({
  filters,
  locale,
  pageSize = 20,
  near: resolved,
}: {
  filters: SearchFilters;
  locale: Locale;
  pageSize?: number;
  near?: NearGemeinde | null;
}): Promise<OpportunitySearchResult> {
  return search({ filters, locale, pageSize, near: resolved, total: "count" });
}

async function search({
  filters,
  locale,
  pageSize,
  near: resolved,
  total: totalFrom,
}: {
  filters: SearchFilters;
  locale: Locale;
  pageSize: number;
  near?: NearGemeinde | null;
  /** "count": a count query; or the counts per Gemeinde, from which the total follows */
  total: "count" | Map<number, number> | Promise<Map<number, number>>;
}): Promise<OpportunitySearchResult> {
  const size = Math.min(Math.max(Math.floor(pageSize), 1), 100);
  const page = Math.max(1, Math.floor(filters.page));
  const offset = (page - 1) * size;
  const near = resolved === undefined ? await resolveNear(filters.near) : resolved;
  const parts = queryParts(filters, near, { withGemeinde: true });
  const where = whereAll(parts);
  const shiftMatch = shiftConditions(filters, { free: filters.free });

  const countQuery =
    totalFrom === "count"
      ? sql<{ total: number }>`select count(*)::int as total from opportunity o ${parts.nearJoin} where ${where}`
          .execute(db)
          .then((result) => result.rows[0]?.total ?? 0)
      : Promise.resolve(totalFrom).then((counts) => totalFromCounts(counts, filters));

  async function pageIds(): Promise<number[]> {
    if (filters.sort === "soonest" && !filters.q && offset + size <= WALK_MAX_ROWS) {
      // The soonest opportunities are the first distinct ones among the upcoming shifts in time order. Reading
      // shifts by shift_starts_idx until offset + size distinct opportunities turned up is exact (any other
      // opportunity's first shift comes later) and reads a few hundred rows instead of sorting every match.
      const wanted = offset + size;
      const walk = await sql<PageRow>`
        with walk as (
          select s.opportunity_id, s.starts_at from shift s
          join opportunity o on o.id = s.opportunity_id
          ${parts.nearJoin}
          where ${shiftMatch} and ${whereAll(parts, { withShifts: false })}
          order by s.starts_at, s.opportunity_id
          limit ${wanted * WALK_SHIFTS_PER_ROW}
        )
        select opportunity_id as id, min(starts_at) as next_start
        from walk group by opportunity_id
        order by next_start, id
        limit ${wanted}`.execute(db);
      if (walk.rows.length === wanted) return walk.rows.slice(offset).map((row) => row.id);
      // too few distinct ones: either many shifts per opportunity (sort them all, below) or the dated ones ran
      // out and flexible ones follow (also below, where they sort last)
    }
    const rank = filters.sort === "relevance" ? parts.rank : sql<number>`0::real`;
    // only "soonest" sorts on the next shift, so only it computes that for every match; with shift filters the
    // join itself keeps just the opportunities with a matching shift
    const needsNextStart = filters.sort === "soonest";
    const joinNeedsShift = needsNextStart && hasShiftFilter(filters);
    const nextStartJoin = needsNextStart
      ? sql`${joinNeedsShift ? sql`join` : sql`left join`} (select s.opportunity_id, min(s.starts_at) as next_start
          from shift s where ${shiftMatch} group by s.opportunity_id) nx on nx.opportunity_id = o.id`
      : sql``;
    const rows = await sql<PageRow>`
      select o.id, o.published_at, ${rank} as rank, ${parts.distance} as distance_km,
        ${needsNextStart ? sql`nx.next_start` : sql`null::timestamptz`} as next_start
      from opportunity o
      ${parts.nearJoin}
      ${nextStartJoin}
      where ${joinNeedsShift ? whereAll(parts, { withShifts: false }) : where}
      order by ${orderBy(filters.sort)}
      limit ${size} offset ${offset}`.execute(db);
    return rows.rows.map((row) => row.id);
  }

  const [ids, total] = await Promise.all([pageIds(), countQuery]);
  const label = sql.ref(locale === "de" ? "c.label_de" : "c.label_en");
  const details =
    ids.length === 0
      ? []
      : (
          await sql<DetailRow>`
            select o.id, o.title, o.summary, org.name as "organisationName", org.slug as "organisationSlug",
              g.name as "gemeindeName", o.bfs_nr as "bfsNr", c.id as "categoryId", ${label} as "categoryLabel",
              o.location_mode as "locationMode", o.schedule_kind as "scheduleKind", o.published_at as "publishedAt",
              nx.starts_at as "nextStart", nx.ends_at as "nextEnd",
              coalesce(nx.places, o.total_places) as "placesTotal",
              case when nx.starts_at is not null then nx.free_places
                   when o.schedule_kind = 'flexible' then ${flexibleFreePlaces} end as "placesFree",
              ${near ? distanceKm(near) : sql`null::float8`} as "distanceKm"
            from opportunity o
            join organisation org on org.id = o.organisation_id
            join gemeinde g on g.bfs_nr = o.bfs_nr
            join category c on c.id = o.category_id
            left join lateral (
              select s.starts_at, s.ends_at, s.places, ${shiftFreePlaces} as free_places from shift s
              where s.opportunity_id = o.id and ${shiftMatch}
              order by s.starts_at limit 1
            ) nx on true
            where o.id in (${sql.join(ids)})`.execute(db)
        ).rows;
  const byId = new Map(details.map((row) => [row.id, row]));

  return {
    total,
    page,
    pageSize: size,
    pageCount: Math.max(1, Math.ceil(total / size)),
    near,
    items: ids
      .map((id) => byId.get(id))
      .filter((row): row is DetailRow => row !== undefined)
      .map((row) => ({
        id: row.id,
        title: row.title,
        summary: row.summary,
        organisationName: row.organisationName,
        organisationSlug: row.organisationSlug,
        gemeindeName: row.gemeindeName,
        bfsNr: row.bfsNr,
        categoryId: row.categoryId,
        categoryLabel: row.categoryLabel,
        locationMode: row.locationMode,
        scheduleKind: row.scheduleKind,
        publishedAt: new Date(row.publishedAt),
        nextStart: row.nextStart ? new Date(row.nextStart) : null,
        nextEnd: row.nextEnd ? new Date(row.nextEnd) : null,
        places: row.placesTotal === null ? null : { total: row.placesTotal, free: Math.max(0, row.placesFree ?? 0) },
        distanceKm: row.distanceKm === null ? null : Math.round(row.distanceKm * 10) / 10,
      })),
  };
}

/**
 * Published opportunities per Gemeinde (BFS number → count) for the map: the current filters apply, except the
 * Gemeinde filter itself, so the map still shows where else there is something. Gemeinden without any are absent.
 */
export async function countOpenByGemeinde({
  filters,
  near: resolved,
}: { filters?: SearchFilters; near?: NearGemeinde | null } = {}): Promise<Map<number, number>> {
  const effective: SearchFilters | null = filters ?? null;
  const near = !effective ? null : resolved === undefined ? await resolveNear(effective.near) : resolved;
  const { conditions, shiftCondition, nearJoin } = effective
    ? queryParts(effective, near, { withGemeinde: false })
    : { conditions: [sql`o.status = 'published'`], shiftCondition: null, nearJoin: sql`` };
  const where = sql.join(shiftCondition ? [...conditions, shiftCondition] : conditions, sql` and `);
  const result = await sql<{ bfsNr: number; count: number }>`
    select o.bfs_nr as "bfsNr", count(*)::int as count
    from opportunity o ${nearJoin}
    where ${where}
    group by o.bfs_nr`.execute(db);
  return new Map(result.rows.map((row) => [row.bfsNr, row.count]));
}

/** the counts per Gemeinde ignore the Gemeinde filter: the total is theirs, or the sum over the chosen ones */
function totalFromCounts(counts: Map<number, number>, filters: SearchFilters) {
  const bfsNrs = filters.gemeinden.length ? new Set(filters.gemeinden) : null;
  let total = 0;
  for (const [bfsNr, count] of counts) if (!bfsNrs || bfsNrs.has(bfsNr)) total += count;
  return total;
}

/**
 * The list page's two answers at once: a page of results and the map's counts per Gemeinde. The total comes
 * from the counts (they ignore only the Gemeinde filter), which saves a third pass over the matches.
 */
export async function searchOpportunitiesWithMap({
  filters,
  locale,
  pageSize = 20,
  near: resolved,
}: {
  filters: SearchFilters;
  locale: Locale;
  pageSize?: number;
  near?: NearGemeinde | null;
}): Promise<OpportunitySearchResult & { counts: Map<number, number> }> {
  const near = resolved === undefined ? await resolveNear(filters.near) : resolved;
  const counts = countOpenByGemeinde({ filters, near });
  // a failed search must not leave the counts' rejection unhandled
  counts.catch(() => {});
  const result = await search({ filters, locale, pageSize, near, total: counts });
  return { ...result, counts: await counts };
}
