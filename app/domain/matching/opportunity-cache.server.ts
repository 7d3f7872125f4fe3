/**
 * Published opportunities as the score and the recommendation cards read them, shared by every request of the
 * process. They are the same for every volunteer, so a request asks the database only for the ids of its
 * candidates (the walk: an index-only scan) and takes the rest from here, instead of reading and decoding the
 * same rows with their next shifts again for each volunteer (that was most of a recommendation's time outside
 * the candidate query). Only the ones not here yet are read, all in one query.
 *
 * An entry is exact, not merely recent, while both hold:
 * - the listing generation is the one it was read under. Every committed write to opportunities, shifts,
 *   sign-ups (places left), organisations and Gemeinden bumps it (listing-generation.server.ts), and the
 *   candidate query hands back the generation of its own snapshot, so no extra round trip asks for it;
 * - none of its shifts has begun: it holds the next SHIFTS_CONSIDERED shifts after the moment it was read for,
 *   and those are still the next ones at any later moment before the first of them starts.
 * Bounded: beyond MAX_ENTRIES the oldest entries go.
 */
import { type Kysely, type Transaction, sql } from "kysely";
import { db } from "~db/client.server";
import type { Database } from "~db/schema";
import { matchOpportunityColumns, toMatchOpportunity, upcomingShiftsJoin, type MatchOpportunityRow } from "./opportunity-row.server";
import type { MatchOpportunity } from "./score";

type Executor = Kysely<Database> | Transaction<Database>;

/** a few thousand listings are what volunteers' candidates have in common; 20,000 entries are ≈ 40 MB at most */
const MAX_ENTRIES = 20_000;

/** the listing generation of the query's own snapshot, as a column (an init plan: computed once per query) */
export const listingGenerationColumn = sql<string>`(select coalesce(sum(lg.n), 0)::text from listing_generation lg)`;

/** what a recommendation card shows of an opportunity besides its score */
export interface OpportunityCard {
  title: string;
  summary: string;
  organisationName: string;
  gemeindeName: string;
  categoryId: string;
}

export interface CachedOpportunity {
  match: MatchOpportunity;
  card: OpportunityCard;
}

interface Entry extends CachedOpportunity {
  /** the `now` its shifts were read for: they are the next ones from then on… */
  readFor: number;
  /** …until the first of them starts (epoch ms; Infinity without shifts) */
  validUntil: number;
}

let currentGeneration: bigint | null = null;
const entries = new Map<number, Entry>();

interface Row extends MatchOpportunityRow {
  title: string;
  summary: string;
  organisation_name: string;
  gemeinde_name: string;
  generation: string;
}

/** Forgets every entry (tests; a process that wants to start afresh). */
export function clearOpportunityCache() {
  entries.clear();
  currentGeneration = null;
}

export function opportunityCacheSize() {
  return entries.size;
}

/** Takes note of a generation seen in a query; returns whether entries of it may be used and stored. */
function noteGeneration(generation: string) {
  const seen = BigInt(generation);
  if (currentGeneration === null || seen > currentGeneration) {
    entries.clear();
    currentGeneration = seen;
  }
  return seen === currentGeneration;
}

/**
 * The opportunities `ids` (published ones, as the candidate query found them under `generation`) as of `now`:
 * from the cache where exact, the others in one query. Ids that are no longer there are left out.
 */
export async function cachedOpportunities({
  ids,
  generation,
  now,
  trx = db,
}: {
  ids: readonly number[];
  generation: string;
  now: Date;
  trx?: Executor;
}): Promise<Map<number, CachedOpportunity>> {
  const result = new Map<number, CachedOpportunity>();
  const at = now.getTime();
  const current = noteGeneration(generation);
  const missing: number[] = [];
  for (const id of ids) {
    const entry = current ? entries.get(id) : undefined;
    if (entry && entry.readFor <= at && at < entry.validUntil) result.set(id, entry);
    else missing.push(id);
  }
  if (missing.length === 0) return result;

  const { rows } = await sql<Row>`
    select ${matchOpportunityColumns}, o.title, o.summary, org.name as organisation_name, g.name as gemeinde_name,
      ${listingGenerationColumn} as generation
    from opportunity o
    join organisation org on org.id = o.organisation_id
    join gemeinde g on g.bfs_nr = o.bfs_nr
    ${upcomingShiftsJoin(now)}
    where o.id in (${sql.join(missing)})`.execute(trx);
  // read under a later generation than the candidates (a write in between): fine for this request, whose
  // candidates are a moment older anyway; stored only when it is the newest generation seen
  const store = rows.length > 0 && noteGeneration(rows[0]!.generation);
  for (const row of rows) {
    const match = toMatchOpportunity(row);
    const entry: Entry = {
      match,
      card: { title: row.title, summary: row.summary, organisationName: row.organisation_name, gemeindeName: row.gemeinde_name, categoryId: row.category_id },
      readFor: at,
      validUntil: match.shifts[0]?.startsAt.getTime() ?? Number.POSITIVE_INFINITY,
    };
    result.set(row.id, entry);
    if (store) {
      entries.delete(row.id);
      entries.set(row.id, entry);
    }
  }
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return result;
}
