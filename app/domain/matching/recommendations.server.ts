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
 *    disagree), with the next shifts of each candidate, which come in the same query (one round trip).
 */
import { type Kysely, type RawBuilder, type Transaction, sql } from "kysely";
import { db } from "~db/client.server";
import type { Database } from "~db/schema";
import type { Locale } from "~/i18n/config";
import { matchOpportunityColumns, toMatchOpportunity, upcomingShiftsJoin, type MatchOpportunityRow } from "./opportunity-row.server";
import { getMatchProfile } from "./profile.server";
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

interface CandidateRow extends MatchOpportunityRow {
  first_start: Date | string | null;
}

function textArray(values: readonly string[]) {
  return values.length === 0 ? sql`'{}'::text[]` : sql`array[${sql.join(values)}]::text[]`;
}

/** the Gemeinden within `radiusKm` of the profile's home, by centroid distance (the table has 196 rows) */
function gemeindenWithin(home: { lat: number; lon: number }, radiusKm: number) {
  const lat = sql`${home.lat}::float8`;
  const lon = sql`${home.lon}::float8`;
  return sql`select g2.bfs_nr from gemeinde g2 where (2 * ${sql.lit(EARTH_RADIUS_KM)} * asin(least(1, sqrt(
    power(sin(radians(g2.lat - ${lat}) / 2), 2) +
    cos(radians(${lat})) * cos(radians(g2.lat)) * power(sin(radians(g2.lon - ${lon}) / 2), 2))))) <= ${radiusKm}::float8`;
}

/** the hard rules the candidate queries apply (the score checks them again) */
function candidateConditions({ profile, userId, only }: { profile: MatchProfile; userId: number; only?: number[] }) {
  const conditions: RawBuilder<unknown>[] = [sql`o.status = 'published'`];
  if (only) conditions.push(only.length ? sql`o.id in (${sql.join(only)})` : sql`false`);
  else conditions.push(sql`o.id not in (${excludedOpportunityIds(userId)})`);
  if (profile.onlineOnly || !profile.home) {
    conditions.push(sql`o.location_mode <> 'on_site'`);
  } else {
    conditions.push(sql`(o.location_mode <> 'on_site' or o.bfs_nr in (${gemeindenWithin(profile.home, profile.radiusKm)}) or o.bfs_nr = ${profile.home.bfsNr})`);
  }
  const spoken = profile.languages.filter((l) => l.level !== "basic").map((l) => l.code);
  conditions.push(sql`o.languages_required <@ ${textArray(spoken)}`);
  // CEFR levels sort as text (A1 < A2 < B1 …); a first language meets every level, an unstated one is not asked
  if (profile.germanLevel && profile.germanLevel !== "native") {
    conditions.push(sql`(o.german_level is null or o.german_level <= ${profile.germanLevel})`);
  }
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

/**
 * The candidate query (step 1), in full: every possible opportunity sorted by interest and next shift. `only`
 * restricts it to given opportunities (the explanation of one page). The ranking reads only the columns of
 * opportunity_next_shift_idx; the rows are read for the `limit` best.
 */
export function candidateQuery({
  profile,
  userId,
  now,
  only,
  limit = MAX_CANDIDATES,
}: {
  profile: MatchProfile;
  userId: number;
  now: Date;
  only?: number[];
  limit?: number;
}) {
  const conditions = candidateConditions({ profile, userId, only });
  const interests = textArray(profile.interests);
  return sql<CandidateRow>`
    select ${matchOpportunityColumns}, r.first_start
    from (
      select x.id, x.first_start, x.interested from (
        select o.id, ${firstStartAfter(now)} as first_start, o.category_id = any(${interests}) as interested, o.schedule_kind
        from opportunity o
        where ${sql.join(conditions, sql` and `)}
      ) x
      where x.first_start is not null or x.schedule_kind = 'flexible'
      order by x.interested desc, x.first_start asc nulls last, x.id
      limit ${limit}
    ) r
    join opportunity o on o.id = r.id
    join gemeinde g on g.bfs_nr = o.bfs_nr
    ${upcomingShiftsJoin(now)}
    order by r.interested desc, r.first_start asc nulls last, o.id`;
}

/**
 * The walk: the first `limit` opportunities of the full query when they all have an upcoming shift and lie in
 * the interests (or the volunteer names none): one index-only scan of opportunity_next_shift_idx in time order,
 * stopping at `limit`, plus the few listings whose stored next shift has passed since the last refresh
 * (computed from their shifts). Fewer than `limit` rows back mean: run the full query.
 */
export function soonestCandidateQuery({
  profile,
  userId,
  now,
  limit = MAX_CANDIDATES,
}: {
  profile: MatchProfile;
  userId: number;
  now: Date;
  limit?: number;
}) {
  const conditions = candidateConditions({ profile, userId });
  if (profile.interests.length > 0) conditions.push(sql`o.category_id = any(${textArray(profile.interests)})`);
  const where = sql.join(conditions, sql` and `);
  return sql<CandidateRow>`
    select ${matchOpportunityColumns}, w.first_start
    from (
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
      limit ${limit}
    ) w
    join opportunity o on o.id = w.id
    join gemeinde g on g.bfs_nr = o.bfs_nr
    ${upcomingShiftsJoin(now)}
    order by w.first_start, o.id`;
}

/** the candidates of the full query, through the walk when it finds them all */
async function candidateRows({ profile, userId, now, only, trx }: { profile: MatchProfile; userId: number; now: Date; only?: number[]; trx: Executor }) {
  if (!only) {
    const { rows } = await soonestCandidateQuery({ profile, userId, now }).execute(trx);
    if (rows.length >= MAX_CANDIDATES) return rows;
  }
  return (await candidateQuery({ profile, userId, now, only }).execute(trx)).rows;
}

export interface ScoredOpportunity extends MatchResult {
  id: number;
  firstStart: Date | null;
}

/** Candidates (step 1) scored (step 2), best first; ruled-out ones are dropped. */
export async function scoreCandidates({
  profile,
  userId,
  now = new Date(),
  only,
  keepRuledOut = false,
  trx = db,
}: {
  profile: MatchProfile;
  userId: number;
  now?: Date;
  only?: number[];
  keepRuledOut?: boolean;
  trx?: Executor;
}): Promise<ScoredOpportunity[]> {
  const rows = await candidateRows({ profile, userId, now, only, trx });
  return rows
    .map((row) => {
      const opportunity = toMatchOpportunity(row);
      return { id: row.id, firstStart: row.first_start ? new Date(row.first_start) : null, ...scoreMatch(profile, opportunity, now) };
    })
    .filter((r) => keepRuledOut || r.ruledOut.length === 0)
    .sort(compareMatches);
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
  locale,
  now = new Date(),
}: {
  userId: number;
  page?: number;
  pageSize?: number;
  locale: Locale;
  now?: Date;
}): Promise<RecommendationsResult> {
  const profile = await getMatchProfile({ userId });
  if (!profile) return { hasProfile: false };
  const scored = await scoreCandidates({ profile, userId, now });
  const pageCount = Math.max(1, Math.ceil(scored.length / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const slice = scored.slice((current - 1) * pageSize, current * pageSize);
  const details = await opportunitySummaries(
    slice.map((s) => s.id),
    locale,
  );
  return {
    hasProfile: true,
    total: scored.length,
    page: current,
    pageCount,
    items: slice.flatMap((s) => {
      const d = details.get(s.id);
      return d ? [{ ...d, id: s.id, firstStart: s.firstStart, score: s.score, reasons: s.reasons }] : [];
    }),
  };
}

async function opportunitySummaries(ids: number[], _locale: Locale) {
  if (ids.length === 0) return new Map<number, Omit<Recommendation, "id" | "firstStart" | "score" | "reasons">>();
  const rows = await db
    .selectFrom("opportunity as o")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .innerJoin("gemeinde as g", "g.bfs_nr", "o.bfs_nr")
    .select(["o.id", "o.title", "o.summary", "o.category_id", "org.name as organisationName", "g.name as gemeindeName"])
    .where("o.id", "in", ids)
    .execute();
  return new Map(
    rows.map((r) => [r.id, { title: r.title, summary: r.summary, organisationName: r.organisationName, gemeindeName: r.gemeindeName, categoryId: r.category_id }]),
  );
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
