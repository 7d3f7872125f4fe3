/**
 * The results and map counts of a search are the same for everyone who asks the same query: signed-in people
 * (who never get the page cache) share them here, per listing generation — a change to public data is seen on
 * the very next request — and for at most 60 s, for what depends on the clock (upcoming shifts). Concurrent
 * requests for one query share one search. Bounded: least recently used out beyond 500 queries.
 */
import { readListingGeneration } from "./listing-generation.server";
import { searchOpportunitiesWithMap } from "./search.server";
import { coalesceReads } from "~/server/page-cache.server";

type SearchArgs = Parameters<typeof searchOpportunitiesWithMap>[0];
type SearchResult = Awaited<ReturnType<typeof searchOpportunitiesWithMap>>;

const TTL_MS = 60_000;
const MAX_ENTRIES = 500;

interface Entry {
  generation: string;
  at: number;
  value: Promise<SearchResult>;
}

const entries = new Map<string, Entry>();
const readGeneration = coalesceReads(() => readListingGeneration());

/** searchOpportunitiesWithMap, shared across requests; the result is read-only for its callers */
export async function searchOpportunitiesWithMapCached(args: SearchArgs, now = Date.now): Promise<SearchResult> {
  const generation = await readGeneration();
  const key = JSON.stringify([args.locale, args.pageSize ?? null, args.filters, args.near ?? null]);
  const hit = entries.get(key);
  entries.delete(key);
  if (hit && hit.generation === generation && now() - hit.at < TTL_MS) {
    entries.set(key, hit);
    return hit.value;
  }
  const entry: Entry = { generation, at: now(), value: searchOpportunitiesWithMap(args) };
  entries.set(key, entry);
  entry.value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return entry.value;
}
