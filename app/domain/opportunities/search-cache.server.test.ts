import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase } from "~db/client.server";
import { createOpportunity } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { emptySearchFilters } from "./search-params";
import { searchOpportunitiesWithMapCached } from "./search-cache.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

/** a made-up word only this test's rows contain (letters only: the German parser keeps it one word) */
function uniqueWord() {
  return `cachq${randomUUID().replace(/-/g, "").slice(0, 10).replace(/\d/g, (d) => "ghijklmnop"[Number(d)])}`;
}

const search = (q: string, now?: () => number) =>
  searchOpportunitiesWithMapCached({ filters: { ...emptySearchFilters(), q, sort: "relevance" }, locale: "de", near: null }, now);

test("the same query is answered from the cache until public data changes, then searched afresh", async () => {
  const w = uniqueWord();
  const first = await createOpportunity({ title: `Erzählcafé ${w}`, bfs_nr: 4001 });
  const before = await search(w);
  expect(before.items.map((item) => item.id)).toEqual([first.id]);
  expect(before.counts.get(4001)).toBe(1);
  // nothing changed: the very same result
  expect(await search(w)).toBe(before);

  // a new published opportunity bumps the listing generation: the next search sees it
  const second = await createOpportunity({ title: `Erzählcafé ${w}`, bfs_nr: 4021 });
  const after = await search(w);
  expect(after).not.toBe(before);
  expect(after.items.map((item) => item.id).sort()).toEqual([first.id, second.id].sort());
  expect(after.counts.get(4021)).toBe(1);
});

test("an entry lives at most 60 s (what depends on the clock), and queries and languages are kept apart", async () => {
  const w = uniqueWord();
  await createOpportunity({ title: `Velokurs ${w}` });
  let clock = Date.now();
  const now = () => clock;
  const first = await search(w, now);
  clock += 59_000;
  expect(await search(w, now)).toBe(first);
  clock += 2_000;
  expect(await search(w, now)).not.toBe(first);

  const other = await search(`${w} velo`, now);
  expect(other).not.toBe(first);
  const english = await searchOpportunitiesWithMapCached(
    { filters: { ...emptySearchFilters(), q: w, sort: "relevance" }, locale: "en", near: null },
    now,
  );
  expect(english).not.toBe(await search(w, now));
});
