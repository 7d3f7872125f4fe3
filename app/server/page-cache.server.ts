/**
 * A page cache for anonymous visitors of the public listing pages (list, map, detail, organisation page,
 * embed). What such a page shows depends only on its URL, its host, the language and the public data, so one
 * rendering serves every anonymous visitor until the data changes. Like a CDN in front of the app, but exact:
 *
 * - Fresh: an entry belongs to a listing generation (a counter that triggers bump in every transaction that
 *   changes public data, see db/migrations/2026-12-02T1000_listing_generation.ts). Each request reads the
 *   current generation (one tiny query), so a change is visible on the next request of every instance. Pages
 *   also depend on the clock (upcoming shifts, "today"), hence a short time-to-live on top.
 * - Private: only requests without cookies other than the language cookie are served from or stored in the
 *   cache; only 200 answers without Set-Cookie are stored. Signed-in users always get their own rendering.
 * - CSP: a page that may be stored is rendered with a per-process placeholder instead of the request's nonce.
 *   Stored, its inline scripts that carry the placeholder (the app's own: an injected script could not know
 *   it) lose the attribute and are allowed by their SHA-256 hashes in the page's CSP instead, so the stored
 *   bytes are the same for every visitor and are compressed once (brotli, gzip) when stored. An answer that
 *   is not stored gets the placeholder replaced by its request's nonce.
 * - One rendering per key at a time: requests that miss while the same page is being rendered wait for it.
 * - Stale if error: when the generation cannot be read (the database is down or does not answer within
 *   `generationTimeoutMs`), a stored page at most `staleMaxMs` old is served anyway, marked
 *   `X-Page-Cache: stale` (and `Cache-Control: no-store`, so nothing downstream keeps it); without one, the app
 *   answers (its 503 page). Entries of an old generation therefore stay until replaced or pushed out.
 *
 * Bounded by bytes and time (least recently used first out). X-Page-Cache says "hit" or "miss" on pages that
 * could be cached; answers without it bypassed the cache.
 */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants as zlibConstants, gzip } from "node:zlib";
import type { NextFunction, Request, Response } from "express";
import { createNonce } from "./security.server";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export interface PageCacheOptions {
  /** the current listing generation; entries of another generation are stale */
  generation: () => Promise<string>;
  /** what else the rendering depends on besides path and query: host and language */
  variant: (req: Request) => Promise<string>;
  /** paths (without query) whose anonymous GET answers may be cached */
  isCacheablePath: (path: string) => boolean;
  /** names of cookies that don't change an anonymous page (the language cookie, which `variant` covers) */
  neutralCookies: readonly string[];
  ttlMs?: number;
  /** how old a stored page may be to be served while the generation cannot be read (default 10 minutes) */
  staleMaxMs?: number;
  /** how long to wait for the generation before treating it as unreadable (default 2 s) */
  generationTimeoutMs?: number;
  maxBytes?: number;
  now?: () => number;
}

interface Entry {
  generation: string;
  status: number;
  headers: [string, number | string | string[]][];
  /** the page without nonces, and compressed once */
  body: { identity: Buffer; gzip: Buffer; br: Buffer };
  /** "'sha256-…'" sources for the page's own inline scripts */
  scriptHashes: string[];
  bytes: number;
  storedAt: number;
  expires: number;
}

/** whether an Accept-Encoding header allows `encoding` (named or by "*", with q > 0) */
export function acceptsEncoding(header: string | undefined, encoding: string): boolean {
  if (!header) return false;
  let wildcard: boolean | null = null;
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name === encoding) return allowed;
    if (name === "*") wildcard = allowed;
  }
  return wildcard ?? false;
}

/** headers of the rendering that are not the page's own: per request, per connection, or never shared */
const UNSHARED_HEADERS = new Set([
  "set-cookie",
  "content-length",
  "content-encoding",
  "content-security-policy",
  "transfer-encoding",
  "connection",
  "date",
  "vary",
  "x-page-cache",
]);

export interface PageCache {
  middleware: (req: Request, res: Response, next: NextFunction) => void;
  /** the nonce to render with: the placeholder on pages that may be stored, else the request's own */
  renderNonce: (res: Response) => string;
  /** marks the current rendering as failed (an error after the shell was sent), so it is not stored */
  markFailed: (res: Response) => void;
  stats: () => { entries: number; bytes: number; hits: number; misses: number; stale: number };
}

/**
 * Many concurrent readers, few reads, no stale answers: a caller gets the result of a read that started after
 * it called (so it sees every commit before its request arrived). Callers that come while a read runs share
 * the next one, which starts when the running one ends; under load that is one read per round trip instead of
 * one per request.
 */
export function coalesceReads<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = () => {
    const current = read().finally(() => {
      if (running === current) running = null;
    });
    running = current;
    return current;
  };
  return () => {
    if (!running) return start();
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = null;
        return start();
      });
    return next;
  };
}

export function createPageCache(options: PageCacheOptions): PageCache {
  const ttlMs = options.ttlMs ?? 60_000;
  const staleMaxMs = options.staleMaxMs ?? 10 * 60_000;
  const generationTimeoutMs = options.generationTimeoutMs ?? 2000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const neutral = new Set(options.neutralCookies);
  // base64 of 16 random bytes, like a nonce: same length, so nothing in the page moves when it is replaced
  const placeholder = createNonce();
  const placeholderBytes = Buffer.from(placeholder);
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Entry | null>>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;
  let staleHits = 0;

  function drop(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  }

  function lookup(key: string, generation: string) {
    const entry = entries.get(key);
    if (!entry) return null;
    // an outdated entry stays (until replaced or pushed out) for stale-if-error
    if (entry.generation !== generation || entry.expires <= now()) return null;
    // most recently used last
    entries.delete(key);
    entries.set(key, entry);
    return entry;
  }

  function store(key: string, entry: Entry) {
    if (entry.bytes > maxBytes / 4) return;
    drop(key);
    entries.set(key, entry);
    bytes += entry.bytes;
    for (const oldest of entries.keys()) {
      if (bytes <= maxBytes) break;
      drop(oldest);
    }
  }

  function isAnonymous(cookieHeader: string | undefined) {
    if (!cookieHeader) return true;
    return cookieHeader.split(";").every((pair) => {
      const name = pair.split("=", 1)[0].trim();
      return name === "" || neutral.has(name);
    });
  }

  /** the request's CSP with the page's script hashes in place of the request's nonce */
  function useHashes(res: Response, hashes: string[]) {
    const csp = res.getHeader("content-security-policy");
    const nonce = res.locals.cspNonce as string;
    if (typeof csp === "string") {
      res.setHeader("Content-Security-Policy", csp.replace(` 'nonce-${nonce}'`, hashes.map((hash) => ` ${hash}`).join("")));
    }
  }

  function send(req: Request, res: Response, entry: Entry, state: "hit" | "stale" = "hit") {
    for (const [name, value] of entry.headers) if (!res.hasHeader(name)) res.setHeader(name, value);
    useHashes(res, entry.scriptHashes);
    res.setHeader("X-Page-Cache", state);
    if (state === "stale") res.setHeader("Cache-Control", "no-store");
    res.setHeader("Vary", "Accept-Encoding");
    // brotli where accepted (smallest), else gzip, else plain; the header as the browser sent it (the app may
    // narrow it for on-the-fly compression)
    const accepts = (encoding: string) => acceptsEncoding((res.locals.acceptEncoding as string | undefined) ?? req.headers["accept-encoding"], encoding);
    const encoding = accepts("br") ? "br" : accepts("gzip") ? "gzip" : "identity";
    const body = encoding === "br" ? entry.body.br : encoding === "gzip" ? entry.body.gzip : entry.body.identity;
    // set before the compression middleware sees the answer: it leaves encoded answers alone
    if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", body.length);
    res.status(entry.status).end(body);
  }

  /**
   * The stored form of a rendering: scripts with the placeholder lose it and are listed by hash. Null when the
   * placeholder turns up anywhere else (then the page is not stored).
   */
  function withoutNonces(body: Buffer): { html: Buffer; scriptHashes: string[] } | null {
    if (!body.includes(placeholderBytes)) return { html: body, scriptHashes: [] };
    const text = body.toString("utf8");
    const attribute = ` nonce="${placeholder}"`;
    const scriptHashes: string[] = [];
    const html = text.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/g, (tag, attributes: string, content: string) => {
      if (!attributes.includes(attribute)) return tag;
      if (/\bsrc=/.test(attributes)) return `<script${attributes.replace(attribute, "")}>${content}</script>`;
      scriptHashes.push(`'sha256-${createHash("sha256").update(content, "utf8").digest("base64")}'`);
      return `<script${attributes.replace(attribute, "")}>${content}</script>`;
    });
    if (html.includes(placeholder)) return null;
    return { html: Buffer.from(html, "utf8"), scriptHashes: [...new Set(scriptHashes)] };
  }

  function replaceNonce(body: Buffer, nonce: string) {
    if (!body.includes(placeholderBytes)) return body;
    return Buffer.from(body.toString("latin1").split(placeholder).join(nonce), "latin1");
  }

  /**
   * Buffers the rendering. A page that may be shared is sent (and stored, once compressed) in its nonce-free
   * form with script hashes; anything else is sent with the request's nonce in place of the placeholder.
   */
  function capture(res: Response, key: string, generation: string, settle: (entry: Entry | null) => void) {
    const chunks: Buffer[] = [];
    const write = res.write;
    const end = res.end;
    const toBuffer = (chunk: unknown, encoding: unknown) =>
      Buffer.isBuffer(chunk)
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
          : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");

    res.write = function (chunk: unknown, encoding?: unknown, callback?: unknown) {
      chunks.push(toBuffer(chunk, encoding));
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") process.nextTick(done as () => void);
      return true;
    } as Response["write"];

    res.end = function (chunk?: unknown, encoding?: unknown, callback?: unknown) {
      res.write = write;
      res.end = end;
      res.locals.pageCacheEnded = true;
      if (typeof chunk === "function") callback = chunk;
      else if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding));
      if (typeof encoding === "function") callback = encoding;
      const body = Buffer.concat(chunks);
      const shareable = res.statusCode === 200 && !res.hasHeader("set-cookie") && !res.locals.pageCacheFailed;
      const stored = shareable ? withoutNonces(body) : null;
      res.setHeader("X-Page-Cache", "miss");
      const finish = (out: Buffer) => (end as (this: Response, ...args: unknown[]) => Response).call(res, out, callback);
      if (!stored) {
        settle(null);
        return finish(replaceNonce(body, res.locals.cspNonce as string));
      }
      const status = res.statusCode;
      const expires = now() + ttlMs;
      const headers = Object.entries(res.getHeaders())
        .filter(([name, value]) => value !== undefined && !UNSHARED_HEADERS.has(name.toLowerCase()))
        .map(([name, value]) => [name, value as number | string | string[]] as [string, number | string | string[]]);
      useHashes(res, stored.scriptHashes);
      // compressed off the event loop (zlib's thread pool); waiting requests get the entry when it is ready
      Promise.all([
        gzipAsync(stored.html, { level: 6 }),
        brotliAsync(stored.html, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }),
      ]).then(
        ([gzipped, brotli]) => {
          const entry: Entry = {
            generation,
            status,
            headers,
            body: { identity: stored.html, gzip: gzipped, br: brotli },
            scriptHashes: stored.scriptHashes,
            bytes: stored.html.length + gzipped.length + brotli.length + key.length,
            storedAt: expires - ttlMs,
            expires,
          };
          store(key, entry);
          settle(entry);
        },
        () => settle(null),
      );
      return finish(stored.html);
    } as Response["end"];
  }

  async function handle(req: Request, res: Response, next: NextFunction) {
    if (req.method !== "GET" || !options.isCacheablePath(req.path) || !isAnonymous(req.headers.cookie)) return next();
    let key: string;
    try {
      key = `${await options.variant(req)}\n${req.originalUrl}`;
    } catch {
      return next();
    }
    let generation: string;
    try {
      generation = await readGeneration();
    } catch {
      // the database is down or does not answer: a recent stored page is better than an error page
      const stale = entries.get(key);
      if (stale && now() - stale.storedAt <= staleMaxMs) {
        staleHits++;
        return send(req, res, stale, "stale");
      }
      return next();
    }

    const cached = lookup(key, generation);
    if (cached) {
      hits++;
      return send(req, res, cached);
    }
    const pending = inFlight.get(key);
    if (pending) {
      const entry = await pending;
      if (entry && entry.generation === generation) {
        hits++;
        return send(req, res, entry);
      }
    }

    misses++;
    let settle!: (entry: Entry | null) => void;
    const flight = new Promise<Entry | null>((resolve) => {
      let settled = false;
      settle = (entry) => {
        if (settled) return;
        settled = true;
        if (inFlight.get(key) === flight) inFlight.delete(key);
        resolve(entry);
      };
    });
    if (!inFlight.has(key)) inFlight.set(key, flight);
    // an aborted request may never end its rendering: don't keep the waiting ones waiting
    res.on("close", () => {
      if (!res.locals.pageCacheEnded) settle(null);
    });
    res.locals.pageCacheNonce = placeholder;
    capture(res, key, generation, settle);
    next();
  }

  function readGeneration() {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      options.generation(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("listing generation: no answer")), generationTimeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  return {
    middleware: (req, res, next) => {
      handle(req, res, next).catch(next);
    },
    renderNonce: (res) => (res.locals.pageCacheNonce as string | undefined) ?? (res.locals.cspNonce as string),
    markFailed: (res) => {
      res.locals.pageCacheFailed = true;
    },
    stats: () => ({ entries: entries.size, bytes, hits, misses, stale: staleHits }),
  };
}
