import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { consumeRateLimit, deleteStaleRateLimits, resetRateLimit, tooManyRequests } from "./rate-limit.server";

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
