import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express, { type Response } from "express";
import { afterEach, expect, test } from "vitest";
import { acceptsEncoding, coalesceReads, createPageCache, type PageCacheOptions } from "./page-cache.server";
import { createNonce } from "./security.server";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

interface Page {
  status?: number;
  setCookie?: boolean;
  delayMs?: number;
  fail?: boolean;
  /** a script in the page that did not come with the nonce (as an injection would) */
  inject?: boolean;
}

/** an express app like ours: a nonce per request, the cache, then a "renderer" that streams in three writes */
async function startApp(overrides: Partial<PageCacheOptions> = {}, page: () => Page = () => ({})) {
  let generation = "1";
  let renders = 0;
  const cache = createPageCache({
    generation: async () => generation,
    variant: async (req) => req.get("accept-language") ?? "de",
    isCacheablePath: (path) => path === "/opportunities",
    neutralCookies: ["lng"],
    ...overrides,
  });
  const app = express();
  app.use((_req, res, next) => {
    res.locals.cspNonce = createNonce();
    res.setHeader("Content-Security-Policy", `script-src 'nonce-${res.locals.cspNonce}'`);
    next();
  });
  app.use(cache.middleware);
  app.get("*", async (req, res: Response) => {
    renders++;
    const { status = 200, setCookie = false, delayMs = 0, fail = false, inject = false } = page();
    const nonce = cache.renderNonce(res);
    res.status(status).setHeader("Content-Type", "text/html; charset=utf-8");
    if (setCookie) res.setHeader("Set-Cookie", "toast=; Path=/");
    res.write(`<!doctype html><title>${req.originalUrl} ${renders}</title>`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    res.write(`<script nonce="${nonce}">1</script>`);
    if (inject) res.write(`<script>alert(1)</script>`);
    if (fail) cache.markFailed(res);
    res.end(`<script nonce="${nonce}">2</script>äöü`);
  });
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    cache,
    get: async (path: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${base}${path}`, { headers });
      const body = await response.text();
      return { response, body, state: response.headers.get("x-page-cache") };
    },
    setGeneration: (value: string) => {
      generation = value;
    },
    renders: () => renders,
  };
}

/** every script's nonce in the body is the one in this response's CSP header */
function expectOwnNonce(response: globalThis.Response, body: string) {
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  const inBody = [...body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
  expect(inBody).toEqual([nonce, nonce]);
  return nonce;
}

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

/** a stored page: no nonce anywhere, and its CSP allows exactly the app's two inline scripts by hash */
function expectHashedScripts(response: globalThis.Response, body: string) {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(body).not.toContain("nonce=");
  expect(csp).not.toContain("'nonce-");
  expect(csp).toBe(`script-src ${sha256("1")} ${sha256("2")}`);
}

test("an anonymous page is rendered once, then served from the cache; its own scripts are allowed by hash", async () => {
  const app = await startApp();
  const first = await app.get("/opportunities?q=deutsch");
  const second = await app.get("/opportunities?q=deutsch");
  expect(first.state).toBe("miss");
  expect(second.state).toBe("hit");
  expect(app.renders()).toBe(1);
  expect(second.body).toBe(first.body);
  expect(second.body).toContain("/opportunities?q=deutsch 1");
  expect(second.body).toContain("äöü");
  expect(second.response.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expectHashedScripts(first.response, first.body);
  expectHashedScripts(second.response, second.body);
});

test("a script that came without the placeholder nonce (an injection) is not in the hashes", async () => {
  const app = await startApp({}, () => ({ inject: true }));
  await app.get("/opportunities");
  const hit = await app.get("/opportunities");
  expect(hit.state).toBe("hit");
  expect(hit.body).toContain("<script>alert(1)</script>");
  expect(hit.response.headers.get("content-security-policy")).not.toContain(sha256("alert(1)"));
  expectHashedScripts(hit.response, hit.body);
});

test("hits are sent compressed once when the browser accepts it: brotli, else gzip, else plain", async () => {
  const app = await startApp();
  const plain = await app.get("/opportunities?z=1");
  await new Promise((resolve) => setTimeout(resolve, 50)); // compression happens after the first answer
  for (const [accept, encoding] of [
    ["gzip, deflate, br", "br"],
    ["gzip", "gzip"],
    ["identity", null],
  ] as const) {
    const hit = await app.get("/opportunities?z=1", { "accept-encoding": accept });
    expect(hit.state).toBe("hit");
    expect(hit.response.headers.get("content-encoding")).toBe(encoding);
    expect(hit.response.headers.get("vary")).toBe("Accept-Encoding");
    expect(hit.body).toBe(plain.body); // fetch decodes
  }
});

test("another query, another language or a new listing generation is rendered anew", async () => {
  const app = await startApp();
  await app.get("/opportunities?q=a");
  expect((await app.get("/opportunities?q=b")).state).toBe("miss");
  expect((await app.get("/opportunities?q=a", { "accept-language": "en" })).state).toBe("miss");
  expect((await app.get("/opportunities?q=a")).state).toBe("hit");
  app.setGeneration("2");
  const afterChange = await app.get("/opportunities?q=a");
  expect(afterChange.state).toBe("miss");
  expect(afterChange.body).toContain("/opportunities?q=a 4");
  expect(app.renders()).toBe(4);
});

test("entries expire after the time-to-live", async () => {
  let clock = 1_000;
  const app = await startApp({ ttlMs: 60_000, now: () => clock });
  await app.get("/opportunities");
  clock += 59_000;
  expect((await app.get("/opportunities")).state).toBe("hit");
  clock += 2_000;
  expect((await app.get("/opportunities")).state).toBe("miss");
});

test("requests with a session (any cookie but the language cookie) bypass the cache, and are never stored", async () => {
  const app = await startApp();
  const signedIn = await app.get("/opportunities", { cookie: "lng=de; mitenand_session=abc" });
  expect(signedIn.state).toBeNull();
  expect(signedIn.body).toContain("nonce="); // the test app's renderer uses the request's own nonce
  expect(signedIn.body).toContain(/'nonce-([^']+)'/.exec(signedIn.response.headers.get("content-security-policy") ?? "")![1]);
  expect((await app.get("/opportunities", { cookie: "lng=de" })).state).toBe("miss");
  expect((await app.get("/opportunities")).state).toBe("hit");
  expect((await app.get("/opportunities", { cookie: "mitenand_session=abc" })).state).toBeNull();
  expect(app.renders()).toBe(3);
});

test("answers that are not 200, that set a cookie or whose rendering failed are sent, with their own nonce, but not stored", async () => {
  for (const page of [{ status: 400 }, { setCookie: true }, { fail: true }]) {
    const app = await startApp({}, () => page);
    const first = await app.get("/opportunities");
    expectOwnNonce(first.response, first.body);
    expect((await app.get("/opportunities")).state).toBe("miss");
    expect(app.renders()).toBe(2);
  }
});

test("other paths and other methods are not cached", async () => {
  const app = await startApp();
  expect((await app.get("/me/account")).state).toBeNull();
  expect((await app.get("/me/account")).state).toBeNull();
  expect(app.renders()).toBe(2);
});

test("concurrent misses of one page wait for a single rendering", async () => {
  const app = await startApp({}, () => ({ delayMs: 100 }));
  const answers = await Promise.all(Array.from({ length: 8 }, () => app.get("/opportunities?page=2")));
  expect(app.renders()).toBe(1);
  expect(answers.filter((a) => a.state === "miss")).toHaveLength(1);
  for (const answer of answers) expectHashedScripts(answer.response, answer.body);
});

test("when the generation cannot be read (database down), the app answers as without a cache", async () => {
  const app = await startApp({
    generation: async () => {
      throw new Error("connection refused");
    },
  });
  expect((await app.get("/opportunities")).state).toBeNull();
  expect((await app.get("/opportunities")).state).toBeNull();
  expect(app.renders()).toBe(2);
});

test("the cache stays within its byte budget, dropping the least recently used pages", async () => {
  // each page takes ≈ 300 bytes (plain, gzip and brotli); 2,000 bytes hold a few, and a page may take a quarter
  const app = await startApp({ maxBytes: 2000 });
  for (let i = 0; i < 10; i++) await app.get(`/opportunities?page=${i}`);
  await app.get("/opportunities?page=9"); // waits for the last one to be stored
  expect(app.cache.stats().entries).toBeGreaterThan(2);
  expect(app.cache.stats().entries).toBeLessThan(10);
  expect(app.cache.stats().bytes).toBeLessThanOrEqual(2000);
  expect((await app.get("/opportunities?page=9")).state).toBe("hit");
  expect((await app.get("/opportunities?page=0")).state).toBe("miss");
});

test("coalesced reads: one read at a time, and nobody gets a read that started before they asked", async () => {
  let reads = 0;
  let value = 0;
  const pending: (() => void)[] = [];
  const read = coalesceReads(async () => {
    reads++;
    const seen = value; // what the "database" holds when the read starts
    await new Promise<void>((resolve) => pending.push(resolve));
    return seen;
  });
  const flush = async () => {
    while (pending.length) {
      pending.shift()!();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  const first = read(); // starts read 1, sees 0
  value = 1; // a commit after read 1 started
  const late = [read(), read(), read()]; // must not get read 1's answer
  await flush();
  expect(await first).toBe(0);
  expect(await Promise.all(late)).toEqual([1, 1, 1]);
  expect(reads).toBe(2);
  const failing = coalesceReads(async () => {
    throw new Error("down");
  });
  await expect(failing()).rejects.toThrow("down");
  await expect(failing()).rejects.toThrow("down");
});

test("acceptsEncoding reads names, q-values and the wildcard", () => {
  expect(acceptsEncoding("gzip, deflate, br, zstd", "br")).toBe(true);
  expect(acceptsEncoding("gzip;q=0.8, br;q=0", "br")).toBe(false);
  expect(acceptsEncoding("gzip;q=0.8, br;q=0", "gzip")).toBe(true);
  expect(acceptsEncoding("*;q=0.5", "gzip")).toBe(true);
  expect(acceptsEncoding("identity", "gzip")).toBe(false);
  expect(acceptsEncoding(undefined, "gzip")).toBe(false);
});

test("stale if error: while the generation cannot be read, a stored page up to 10 minutes old is served, marked", async () => {
  let clock = 1_000_000;
  let down = false;
  let generation = "1";
  const app = await startApp({
    now: () => clock,
    generation: async () => {
      if (down) throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
      return generation;
    },
  });
  expect((await app.get("/opportunities")).state).toBe("miss");
  await new Promise((resolve) => setTimeout(resolve, 50)); // compressed and stored off the event loop
  // the data changed and the TTL ran out before the outage: the old entry is still the best there is
  generation = "2";
  clock += 61_000;
  down = true;
  const stale = await app.get("/opportunities");
  expect(stale.response.status).toBe(200);
  expect(stale.state).toBe("stale");
  expect(stale.response.headers.get("cache-control")).toBe("no-store");
  expect(stale.body).toContain("/opportunities 1");
  expect(app.renders()).toBe(1);
  expect(app.cache.stats().stale).toBe(1);

  // older than 10 minutes: not served, the app answers (in the app: its 503 page)
  clock += 10 * 60_000;
  const tooOld = await app.get("/opportunities");
  expect(tooOld.state).toBeNull(); // bypassed the cache
  expect(tooOld.body).toContain("/opportunities 2");
  expect(app.renders()).toBe(2);

  // a page that was never stored is rendered by the app as before
  down = false;
  expect((await app.get("/opportunities?page=2")).state).toBe("miss");
});

test("stale if error: a generation read that does not answer in time counts as an error", async () => {
  let hang = false;
  const app = await startApp({
    generationTimeoutMs: 100,
    generation: () => (hang ? new Promise<string>(() => {}) : Promise.resolve("1")),
  });
  await app.get("/opportunities");
  await new Promise((resolve) => setTimeout(resolve, 50));
  hang = true;
  const started = Date.now();
  const stale = await app.get("/opportunities");
  expect(stale.state).toBe("stale");
  expect(Date.now() - started).toBeLessThan(1000);
});
