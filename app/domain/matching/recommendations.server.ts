/**
 * "Für dich": the published opportunities that fit a volunteer, best first, each with its reasons; and the
 * explanation for one opportunity ("why this fits you" on its page). Two steps:
 *
 * 1. Candidate selection in PostgreSQL: only published opportunities the hard rules leave possible — within the
 *    travel radius through the Gemeinde centroids (196 rows) or doable online, required languages the volunteer
 *    speaks (`languages_required <@ …`), German level, not dismissed, something upcoming or flexible. Interests
 *    first, then the soonest, at most MAX_CANDIDATES rows. At Swiss scale a wide radius leaves tens of thousands
 *    of such opportunities, so the soonest ones in the interests are read first by "the walk": one index-only
 *    scan of opportunity_next_shift_idx (published listings by their stored next shift, with every column the
 *    conditions read) that stops at MAX_CANDIDATES. Only when it finds fewer does the full query rank them all
 *    (still from that index: no per-listing look at the shifts). `opportunity.next_shift_starts_at` is kept by
 *    triggers on shift and refreshed as shifts pass (next-shift.server.ts); the few stored values that have
 *    passed since the last refresh are computed from the shifts (`firstStartAfter`), so both are exact.
 * 2. Scoring in TypeScript (score.ts: the same function everywhere, so the list and the opportunity page never
 *    disagree). The candidate queries return ids only; what the score and the cards read of each candidate (its
 *    row and next shifts, the same for everyone) comes from the process-wide cache per listing generation
 *    (opportunity-cache.server.ts), which reads the ones it lacks in one query.
 */
import { type Kysely, type RawBuilder, type Transaction, sql } from "kysely";
import { db } from "~db/client.server";
import type { Database } from "~db/schema";
import type { Locale } from "~/i18n/config";
import { cachedOpportunities, listingGenerationColumn, type OpportunityCard } from "./opportunity-cache.server";
import { matchOpportunityColumns, toMatchOpportunity, upcomingShiftsJoin, type MatchOpportunityRow } from "./opportunity-row.server";
import { getMatchProfile, toMatchProfile, type MatchProfileRow } from "./profile.server";
import { compareMatches, scoreMatch, type MatchOpportunity, type MatchProfile, type MatchResult, type Reason } from "./score";

type Executor = Kysely<Database> | Transaction<Database>;

const EARTH_RADIUS_KM = 6371.0088;
/** how many candidates the database hands to the score at most (interests first, then the soonest) */
export const MAX_CANDIDATES = 300;
export const RECOMMENDATIONS_PAGE_SIZE = 20;

/**
 * The opportunities never recommended to this volunteer, as a subquery of ids. Today: the dismissed ones
 * ("not for me"). This is the one place to add more, e.g. those already signed up for once the `signup` table
 * exists: `union select su.opportunity_id from signup su join shift … where su.user_id = ${userId}`.
 */
export function excludedOpportunityIds(userId: number): RawBuilder<number> {
  // dismissed ("not for me") and already signed up for (in any state but withdrawn or declined)
  return sql<number>`select d.opportunity_id from recommendation_dismissal d where d.user_id = ${userId}
    union select su.opportunity_id from signup su where su.user_id = ${userId} and su.status not in ('cancelled', 'declined')`;
}

interface CandidateRow {
  id: number;
  first_start: Date | string | null;
  /** the listing generation of the query's snapshot (the same on every row) */
  generation: string;
}

/**
 * The volunteer's profile as the candidate queries read it: `p`, one row (none without a profile), with the
 * home's centroid, the languages as [code, level] pairs (`languages`, for the score), the ones spoken at least
 * "good" (`spoken`, for the required languages) and the German level that limits (`german_cap`: none for a first
 * language or an unstated one). Reading it inside the candidate query saves the round
 * trip that used to fetch it first (each one costs milliseconds when the process waits for a core).
 */
function profileCte(userId: number) {
  return sql`p as (
    select p.bfs_nr, g.lat, g.lon, p.radius_km, p.online_only, p.german_level, p.interests, p.skills, p.availability,
      p.engagement, p.birth_year, p.age_band,
      (select coalesce(json_agg(json_build_array(vl.language, vl.level) order by vl.language), '[]'::json)
        from volunteer_language vl where vl.user_id = p.user_id) as languages,
      array(select vl.language from volunteer_language vl where vl.user_id = p.user_id and vl.level <> 'basic') as spoken,
      case when p.german_level <> 'native' then p.german_level end as german_cap
    from volunteer_profile p
    left join gemeinde g on g.bfs_nr = p.bfs_nr
    where p.user_id = ${userId}
  ),
  near as (
    -- the Gemeinden within the travel radius by centroid distance (196 rows), and home itself; none when online only
    select g2.bfs_nr from gemeinde g2, p
    where not p.online_only and p.bfs_nr is not null and (g2.bfs_nr = p.bfs_nr or (2 * ${sql.lit(EARTH_RADIUS_KM)} * asin(least(1, sqrt(
      power(sin(radians(g2.lat - p.lat) / 2), 2) +
      cos(radians(p.lat)) * cos(radians(g2.lat)) * power(sin(radians(g2.lon - p.lon) / 2), 2))))) <= p.radius_km)
  )`;
}

/** the hard rules the candidate queries apply (the score checks them again), read from the profile `p` */
function candidateConditions({ userId, only }: { userId: number; only?: number[] }) {
  const conditions: RawBuilder<unknown>[] = [sql`exists (select from p)`, sql`o.status = 'published'`];
  if (only) conditions.push(only.length ? sql`o.id in (${sql.join(only)})` : sql`false`);
  else conditions.push(sql`o.id not in (${excludedOpportunityIds(userId)})`);
  // on site only within the radius; an online-only volunteer (or one without a home) gets none of those
  conditions.push(sql`(o.location_mode <> 'on_site' or o.bfs_nr in (select near.bfs_nr from near))`);
  // coalesce(…): the profile's values are parameters at plan time, and PostgreSQL guesses 0.5 % for `<@` with
  // an unknown array, takes the GIN index on languages_required and sorts every match instead of walking
  // opportunity_next_shift_idx in order; an opaque expression is guessed at 50 % and uses no index
  conditions.push(sql`coalesce(o.languages_required <@ (select p.spoken from p), false)`);
  // CEFR levels sort as text (A1 < A2 < B1 …); a first language meets every level, an unstated one is not asked
  // (uncorrelated subqueries of `p` only: PostgreSQL computes each once per query, not per listing)
  conditions.push(sql`(o.german_level is null or (select p.german_cap from p) is null or o.german_level <= (select p.german_cap from p))`);
  return conditions;
}

/**
 * The first upcoming shift of listing `o` after `now`. `o.next_shift_starts_at` holds it as of its last refresh
 * (triggers on shift, the periodic job; see next-shift.server.ts): a value after `now` is exact (no shift lay
 * between that refresh and it, and `now` is later than the refresh), null means nothing was upcoming then, and
 * only a passed value (≤ `now`: its shift began since the refresh) is computed from the shifts again.
 */
function firstStartAfter(now: Date) {
  return sql<Date | null>`case when o.next_shift_starts_at > ${now} then o.next_shift_starts_at
    when o.next_shift_starts_at is null then null
    else (select min(s.starts_at) from shift s where s.opportunity_id = o.id and s.starts_at > ${now} and s.cancelled_at is null) end`;
}

/** the full query's rows (id, first_start, interested), best first; needs `p` and `near` */
function fullRows({ userId, now, only, limit }: { userId: number; now: Date; only?: number[]; limit: number }) {
  return sql`
    select x.id, x.first_start, x.interested from (
      select o.id, ${firstStartAfter(now)} as first_start, o.category_id = any((select p.interests from p)::text[]) as interested, o.schedule_kind
      from opportunity o
      where ${sql.join(candidateConditions({ userId, only }), sql` and `)}
    ) x
    where x.first_start is not null or x.schedule_kind = 'flexible'
    order by x.interested desc, x.first_start asc nulls last, x.id
    limit ${limit}`;
}

/** the walk's rows (id, first_start), soonest first; needs `p` and `near` */
function walkRows({ userId, now, limit }: { userId: number; now: Date; limit: number }) {
  const conditions = candidateConditions({ userId });
  // in the interests, when the volunteer names any
  conditions.push(sql`coalesce((select cardinality(p.interests) = 0 from p) or o.category_id = any((select p.interests from p)::text[]), false)`);
  const where = sql.join(conditions, sql` and `);
  return sql`
    select c.id, c.first_start from (
      (select o.id, o.next_shift_starts_at as first_start from opportunity o
        where o.next_shift_starts_at > ${now} and ${where}
        order by o.next_shift_starts_at, o.id
        limit ${limit})
      union all
      (select o.id, ${firstStartAfter(now)} as first_start from opportunity o
        where o.next_shift_starts_at <= ${now} and ${where})
    ) c
    where c.first_start is not null
    order by c.first_start, c.id
    limit ${limit}`;
}

/**
 * The candidate query in full: every possible opportunity sorted by interest and next shift, at most `limit`.
 * `only` restricts it to given opportunities. The ranking reads only the columns of opportunity_next_shift_idx.
 */
export function candidateQuery({
  userId,
  now,
  only,
  limit = MAX_CANDIDATES,
}: {
  userId: number;
  now: Date;
  only?: number[];
  limit?: number;
}) {
  return sql<CandidateRow>`
    with ${profileCte(userId)}
    select r.id, r.first_start, ${listingGenerationColumn} as generation
    from (${fullRows({ userId, now, only, limit })}) r
    order by r.interested desc, r.first_start asc nulls last, r.id`;
}

/**
 * The walk: the first `limit` opportunities of the full query when they all have an upcoming shift and lie in
 * the interests (or the volunteer names none): one index-only scan of opportunity_next_shift_idx in time order,
 * stopping at `limit`, plus the few listings whose stored next shift has passed since the last refresh
 * (computed from their shifts). Fewer than `limit` rows back mean: run the full query.
 */
export function soonestCandidateQuery({ userId, now, limit = MAX_CANDIDATES }: { userId: number; now: Date; limit?: number }) {
  return sql<CandidateRow>`
    with ${profileCte(userId)}
    select w.id, w.first_start, ${listingGenerationColumn} as generation
    from (${walkRows({ userId, now, limit })}) w
    order by w.first_start, w.id`;
}

interface RecommendationRow {
  profile: MatchProfileRow | null;
  /** [id, first start in epoch ms or null], in order */
  candidates: [number, number | null][] | null;
  generation: string;
}

/**
 * What a page of recommendations needs from the database, in one statement (one round trip, one snapshot):
 * the profile, the candidates — the walk, and only when it finds fewer than `limit` the full query (a CASE
 * branch: PostgreSQL runs that subquery only when it is reached) — and the listing generation.
 */
export function recommendationQuery({ userId, now, only, limit = MAX_CANDIDATES }: { userId: number; now: Date; only?: number[]; limit?: number }) {
  const pair = (alias: string) => sql`json_build_array(${sql.raw(alias)}.id, (extract(epoch from ${sql.raw(alias)}.first_start) * 1000)::float8)`;
  const full = sql`(select json_agg(${pair("f")} order by f.interested desc, f.first_start asc nulls last, f.id)
    from (${fullRows({ userId, now, only, limit })}) f)`;
  const candidates = only
    ? full
    : sql`case when (select count(*) from walk) >= ${limit}
        then (select json_agg(${pair("w")} order by w.first_start, w.id) from walk w)
        else ${full} end`;
  return sql<RecommendationRow>`
    with ${profileCte(userId)}${only ? sql`` : sql`, walk as (${walkRows({ userId, now, limit })})`}
    select (select row_to_json(p) from p) as profile, ${candidates} as candidates, ${listingGenerationColumn} as generation`;
}

export interface ScoredOpportunity extends MatchResult {
  id: number;
  firstStart: Date | null;
  card: OpportunityCard;
}

/**
 * The volunteer's profile and candidates (step 1) scored (step 2), best first; ruled-out ones are dropped.
 * `profile: null` without a profile.
 */
export async function scoreCandidates({
  userId,
  now = new Date(),
  only,
  keepRuledOut = false,
  trx = db,
}: {
  userId: number;
  now?: Date;
  only?: number[];
  keepRuledOut?: boolean;
  trx?: Executor;
}): Promise<{ profile: MatchProfile | null; scored: ScoredOpportunity[] }> {
  const { rows } = await recommendationQuery({ userId, now, only }).execute(trx);
  const row = rows[0];
  if (!row?.profile) return { profile: null, scored: [] };
  const profile = toMatchProfile(row.profile);
  const candidates = row.candidates ?? [];
  if (candidates.length === 0) return { profile, scored: [] };
  const opportunities = await cachedOpportunities({ ids: candidates.map(([id]) => id), generation: row.generation, now, trx });
  const scored: ScoredOpportunity[] = [];
  for (const [id, firstStart] of candidates) {
    const cached = opportunities.get(id);
    if (!cached) continue;
    const result = scoreMatch(profile, cached.match, now);
    if (!keepRuledOut && result.ruledOut.length > 0) continue;
    scored.push({ id, firstStart: firstStart === null ? null : new Date(firstStart), card: cached.card, ...result });
  }
  return { profile, scored: scored.sort(compareMatches) };
}

export interface Recommendation {
  id: number;
  title: string;
  summary: string;
  organisationName: string;
  gemeindeName: string;
  categoryId: string;
  firstStart: Date | null;
  score: number;
  reasons: Reason[];
}

export type RecommendationsResult =
  | { hasProfile: false }
  | { hasProfile: true; total: number; page: number; pageCount: number; items: Recommendation[] };

/** One page of recommendations for the volunteer; `{ hasProfile: false }` without a profile. */
export async function recommendOpportunities({
  userId,
  page = 1,
  pageSize = RECOMMENDATIONS_PAGE_SIZE,
  now = new Date(),
}: {
  userId: number;
  page?: number;
  pageSize?: number;
  /** the cards' texts are the listings' own; formatting for the reader happens in recommendationViews */
  locale: Locale;
  now?: Date;
}): Promise<RecommendationsResult> {
  const { profile, scored } = await scoreCandidates({ userId, now });
  if (!profile) return { hasProfile: false };
  const pageCount = Math.max(1, Math.ceil(scored.length / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const slice = scored.slice((current - 1) * pageSize, current * pageSize);
  return {
    hasProfile: true,
    total: scored.length,
    page: current,
    pageCount,
    items: slice.map((s) => ({ ...s.card, id: s.id, firstStart: s.firstStart, score: s.score, reasons: s.reasons })),
  };
}

/**
 * Why one published opportunity fits the volunteer, or what rules it out; null without a profile. The hard
 * rules the candidate query applies in SQL are checked again by the score, so an opportunity the query would
 * skip still gets its reasons here.
 */
export async function explainMatch({
  userId,
  opportunityId,
  now = new Date(),
  opportunity,
}: {
  userId: number;
  opportunityId: number;
  now?: Date;
  /**
   * the opportunity as the score reads it, when the caller has it (getMatchOpportunity: public, so the
   * opportunity page keeps it per listing generation); else read here
   */
  opportunity?: MatchOpportunity | null;
}): Promise<(MatchResult & { dismissed: boolean }) | null> {
  const [profile, target, dismissal] = await Promise.all([
    getMatchProfile({ userId }),
    opportunity === undefined ? getMatchOpportunity({ opportunityId, now }) : opportunity,
    db.selectFrom("recommendation_dismissal").select("user_id").where("user_id", "=", userId).where("opportunity_id", "=", opportunityId).executeTakeFirst(),
  ]);
  if (!profile || !target) return null;
  const result = scoreMatch(profile, target, now);
  return { ...result, dismissed: dismissal !== undefined };
}

/** A published opportunity as the score reads it (the same for everyone), or null. */
export async function getMatchOpportunity({ opportunityId, now = new Date() }: { opportunityId: number; now?: Date }): Promise<MatchOpportunity | null> {
  const { rows } = await sql<MatchOpportunityRow>`
    select ${matchOpportunityColumns}
    from opportunity o
    join gemeinde g on g.bfs_nr = o.bfs_nr
    ${upcomingShiftsJoin(now)}
    where o.id = ${opportunityId} and o.status = 'published'`.execute(db);
  return rows[0] ? toMatchOpportunity(rows[0]) : null;
}

// --- "not for me" -----------------------------------------------------------------------------------------------

/** Hides a published opportunity from the volunteer's recommendations; false when there is no such listing. */
export async function dismissRecommendation({ userId, opportunityId }: { userId: number; opportunityId: number }) {
  const inserted = await sql<{ opportunity_id: number }>`
    insert into recommendation_dismissal (user_id, opportunity_id)
    select ${userId}, o.id from opportunity o where o.id = ${opportunityId} and o.status = 'published'
    on conflict do nothing
    returning opportunity_id`.execute(db);
  if (inserted.rows.length > 0) return true;
  const exists = await db.selectFrom("opportunity").select("id").where("id", "=", opportunityId).where("status", "=", "published").executeTakeFirst();
  return exists !== undefined;
}

/** Undoes "not for me" (only the volunteer's own dismissal). */
export async function undoDismissal({ userId, opportunityId }: { userId: number; opportunityId: number }) {
  const result = await db
    .deleteFrom("recommendation_dismissal")
    .where("user_id", "=", userId)
    .where("opportunity_id", "=", opportunityId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The volunteer's dismissed opportunities that are still published, newest dismissal first. */
export async function listDismissed({ userId, limit = 50 }: { userId: number; limit?: number }) {
  return db
    .selectFrom("recommendation_dismissal as d")
    .innerJoin("opportunity as o", "o.id", "d.opportunity_id")
    .select(["o.id", "o.title"])
    .where("d.user_id", "=", userId)
    .where("o.status", "=", "published")
    .orderBy("d.created_at", "desc")
    .orderBy("o.id")
    .limit(limit)
    .execute();
}
