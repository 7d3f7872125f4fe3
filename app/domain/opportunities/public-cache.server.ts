/**
 * Parts of pages that are the same for everyone — a search's results and map counts, an opportunity's public
 * detail — shared across requests in the process, so signed-in people (who never get the page cache) do not
 * make them again on every request. Each entry belongs to the listing generation it was made in
 * (listing-generation.server.ts): a change to public data is seen on the very next request, on every instance,
 * because each request reads the generation from the database (concurrent requests share one read). Entries
 * live 60 s at most, for what depends on the clock (upcoming shifts, "next date"). Concurrent requests for one
 * key share one computation; least recently used out beyond `maxEntries`. Nothing personal may go in: callers
 * keep the visitor's own parts (sign-ups, matching reasons, session) per request. Values are shared, read-only.
 */
import { readListingGeneration } from "./listing-generation.server";
import { coalesceReads } from "~/server/page-cache.server";

const TTL_MS = 60_000;

interface Entry<V> {
  generation: string;
  at: number;
  value: Promise<V>;
}

export interface PublicCache<V> {
  /** the value for `key` in the current listing generation, made by `make` when missing, stale or expired */
  get: (key: string, make: () => Promise<V>, clock?: () => number) => Promise<V>;
  size: () => number;
}

// one read of the generation for all caches: concurrent requests share it (see coalesceReads)
const readSharedGeneration = coalesceReads(() => readListingGeneration());

export function createPublicCache<V>({
  maxEntries,
  now = Date.now,
  readGeneration = readSharedGeneration,
}: {
  maxEntries: number;
  now?: () => number;
  /** tests only: another source of the generation */
  readGeneration?: () => Promise<string>;
}): PublicCache<V> {
  const entries = new Map<string, Entry<V>>();
  return {
    async get(key, make, clock = now) {
      const generation = await readGeneration();
      const hit = entries.get(key);
      entries.delete(key);
      if (hit && hit.generation === generation && clock() - hit.at < TTL_MS) {
        entries.set(key, hit); // most recently used last
        return hit.value;
      }
      const entry: Entry<V> = { generation, at: clock(), value: make() };
      entries.set(key, entry);
      // a failure (or a thrown redirect) is not kept: the next request tries again
      entry.value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return entry.value;
    },
    size: () => entries.size,
  };
}
