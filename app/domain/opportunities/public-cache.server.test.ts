import { expect, test } from "vitest";
import { createPublicCache } from "./public-cache.server";

/** a cache over a generation the test sets (other test files bump the real one at any time on PostgreSQL) */
function cacheWithGeneration(maxEntries = 10) {
  const state = { generation: "1", clock: 1_000_000 };
  const cache = createPublicCache<{ made: number }>({ maxEntries, now: () => state.clock, readGeneration: async () => state.generation });
  let made = 0;
  const make = () => Promise.resolve({ made: ++made });
  return { state, cache, make, madeCount: () => made };
}

test("the same key in the same generation is made once and shared; a new generation makes it again", async () => {
  const { state, cache, make, madeCount } = cacheWithGeneration();
  const first = await cache.get("a", make);
  expect(await cache.get("a", make)).toBe(first);
  expect(madeCount()).toBe(1);
  // concurrent requests for a missing key share one making
  const [x, y] = await Promise.all([cache.get("b", make), cache.get("b", make)]);
  expect(x).toBe(y);
  expect(madeCount()).toBe(2);

  state.generation = "2";
  const fresh = await cache.get("a", make);
  expect(fresh).not.toBe(first);
  expect(await cache.get("a", make)).toBe(fresh);
});

test("an entry lives at most 60 s, failures are not kept, and the least recently used goes beyond the bound", async () => {
  const { state, cache, make } = cacheWithGeneration(2);
  const first = await cache.get("a", make);
  state.clock += 59_000;
  expect(await cache.get("a", make)).toBe(first);
  state.clock += 2_000;
  expect(await cache.get("a", make)).not.toBe(first);

  await expect(cache.get("broken", () => Promise.reject(new Error("database away")))).rejects.toThrow("database away");
  const recovered = await cache.get("broken", make);
  expect(recovered.made).toBeGreaterThan(0);

  const a = await cache.get("a", make); // a used last, "broken" is the least recently used
  await cache.get("c", make);
  expect(cache.size()).toBe(2);
  expect(await cache.get("a", make)).toBe(a);
  const broken = await cache.get("broken", make);
  expect(broken).not.toBe(recovered);
});
