import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { consumeRateLimit, consumeRateLimits, deleteStaleRateLimits, resetRateLimit, tooManyRequests } from "./rate-limit.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

// on PostgreSQL other files share the rate_limit table: every test uses keys of its own
function uniqueKey(what = "test") {
  return `${what}:${randomUUID()}`;
}

function row(key: string) {
  return db.selectFrom("rate_limit").selectAll().where("key", "=", key).executeTakeFirst();
}

test("limit hits are allowed, the next is refused with a Retry-After inside the window", async () => {
  const key = uniqueKey();
  const rule = { limit: 3, windowSeconds: 60 };
  expect(await consumeRateLimit(key, rule)).toEqual({ allowed: true, remaining: 2 });
  expect(await consumeRateLimit(key, rule)).toEqual({ allowed: true, remaining: 1 });
  expect(await consumeRateLimit(key, rule)).toEqual({ allowed: true, remaining: 0 });
  for (let i = 0; i < 2; i++) {
    const refused = await consumeRateLimit(key, rule);
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  }
  expect((await row(key))?.hits).toBe(5);
  // other keys are not affected
  expect(await consumeRateLimit(uniqueKey(), rule)).toEqual({ allowed: true, remaining: 2 });
});

test("several limits: each counted in order; the first refusal names its scope and stops the later ones", async () => {
  const [first, second, third] = [uniqueKey("a"), uniqueKey("b"), uniqueKey("c")];
  const limits = [
    ["first", first, { limit: 5, windowSeconds: 60 }],
    ["second", second, { limit: 1, windowSeconds: 60 }],
    ["third", third, { limit: 5, windowSeconds: 60 }],
  ] as const;
  expect(await consumeRateLimits(db, limits)).toEqual({ allowed: true });
  expect([(await row(first))?.hits, (await row(second))?.hits, (await row(third))?.hits]).toEqual([1, 1, 1]);
  const refused = await consumeRateLimits(db, limits);
  expect(refused).toMatchObject({ allowed: false, scope: "second", limit: 1 });
  if (refused.allowed) return;
  expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  // the refused one counted its hit, the one after it was not touched
  expect([(await row(first))?.hits, (await row(second))?.hits, (await row(third))?.hits]).toEqual([2, 2, 1]);
});

test("several limits in a transaction that rolls back leave no hits", async () => {
  const key = uniqueKey();
  let inside: unknown;
  let hitsInside: unknown;
  await db
    .transaction()
    .execute(async (trx) => {
      inside = await consumeRateLimits(trx, [["only", key, { limit: 5, windowSeconds: 60 }]]);
      hitsInside = await trx.selectFrom("rate_limit").select("hits").where("key", "=", key).executeTakeFirst();
      throw new Error("roll back");
    })
    .catch(() => undefined);
  expect(inside).toEqual({ allowed: true });
  expect(hitsInside).toEqual({ hits: 1 });
  expect(await row(key)).toBeUndefined();
});

test("a new window starts once the old one has run out (real time, 1-second window)", async () => {
  const key = uniqueKey();
  const rule = { limit: 1, windowSeconds: 1 };
  expect(await consumeRateLimit(key, rule)).toMatchObject({ allowed: true });
  expect(await consumeRateLimit(key, rule)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  await sleep(1100);
  expect(await consumeRateLimit(key, rule)).toEqual({ allowed: true, remaining: 0 });
  expect((await row(key))?.hits).toBe(1);
});

test("a new window starts once the old one has run out (window moved back in SQL)", async () => {
  const key = uniqueKey();
  const rule = { limit: 2, windowSeconds: 15 * 60 };
  for (let i = 0; i < 4; i++) await consumeRateLimit(key, rule);
  expect((await consumeRateLimit(key, rule)).allowed).toBe(false);
  await db
    .updateTable("rate_limit")
    .set({ window_started_at: new Date(Date.now() - 15 * 60 * 1000 - 1000) })
    .where("key", "=", key)
    .execute();
  expect(await consumeRateLimit(key, rule)).toEqual({ allowed: true, remaining: 1 });
  const fresh = (await row(key))!;
  expect(fresh.hits).toBe(1);
  expect(Math.abs(fresh.window_started_at.getTime() - Date.now())).toBeLessThan(60_000);
});

test("20 concurrent hits count exactly 20, and exactly `limit` of them get through", async () => {
  const key = uniqueKey();
  const results = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit(key, { limit: 100, windowSeconds: 60 })));
  expect((await row(key))?.hits).toBe(20);
  const remaining = results.map((r) => (r.allowed ? r.remaining : -1)).sort((a, b) => a - b);
  expect(remaining).toEqual(Array.from({ length: 20 }, (_, i) => 80 + i));

  const tight = uniqueKey();
  const tightResults = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit(tight, { limit: 10, windowSeconds: 60 })));
  expect(tightResults.filter((r) => r.allowed)).toHaveLength(10);
  expect((await row(tight))?.hits).toBe(20);
});

test("reset forgets a key; stale windows are cleaned up", async () => {
  const key = uniqueKey();
  const rule = { limit: 1, windowSeconds: 60 };
  await consumeRateLimit(key, rule);
  expect((await consumeRateLimit(key, rule)).allowed).toBe(false);
  await resetRateLimit(key);
  expect(await row(key)).toBeUndefined();
  expect((await consumeRateLimit(key, rule)).allowed).toBe(true);

  const stale = uniqueKey();
  await consumeRateLimit(stale, rule);
  await db
    .updateTable("rate_limit")
    .set({ window_started_at: new Date(Date.now() - 25 * 3600 * 1000) })
    .where("key", "=", stale)
    .execute();
  await deleteStaleRateLimits();
  expect(await row(stale)).toBeUndefined();
  expect(await row(key)).toBeDefined();
});

test("very long keys are cut to what the column takes, consistently", async () => {
  const key = `${uniqueKey()}:${"x".repeat(400)}`;
  const rule = { limit: 1, windowSeconds: 60 };
  expect((await consumeRateLimit(key, rule)).allowed).toBe(true);
  expect((await consumeRateLimit(key, rule)).allowed).toBe(false);
  await resetRateLimit(key);
  expect((await consumeRateLimit(key, rule)).allowed).toBe(true);
});

test("tooManyRequests throws a 429 with Retry-After", () => {
  let thrown: unknown;
  try {
    tooManyRequests(42);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(429);
  expect((thrown as Response).headers.get("Retry-After")).toBe("42");
});
