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
 * - CSP: a cached page must not reuse a nonce. Pages that may be stored are rendered with a per-process
 *   placeholder of the nonce's length; every answer, hit or miss, gets the placeholder replaced by its own
 *   request's nonce (the one in its CSP header).
 * - One rendering per key at a time: requests that miss while the same page is being rendered wait for it.
 *
 * Bounded by bytes and time (least recently used first out). X-Page-Cache says "hit" or "miss" on pages that
 * could be cached; answers without it bypassed the cache.
 */
import type { NextFunction, Request, Response } from "express";
import { createNonce } from "./security.server";

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
  maxBytes?: number;
  now?: () => number;
}

interface Entry {
  generation: string;
  status: number;
  headers: [string, number | string | string[]][];
  /** the body split at the nonce placeholder */
  parts: Buffer[];
  bytes: number;
  /** the body's length once the nonce is in */
  bytesWithNonce: number;
  expires: number;
}

/** headers of the rendering that are not the page's own: per request, per connection, or never shared */
const UNSHARED_HEADERS = new Set(["set-cookie", "content-length", "content-encoding", "transfer-encoding", "connection", "date", "x-page-cache"]);

export interface PageCache {
  middleware: (req: Request, res: Response, next: NextFunction) => void;
  /** the nonce to render with: the placeholder on pages that may be stored, else the request's own */
  renderNonce: (res: Response) => string;
  /** marks the current rendering as failed (an error after the shell was sent), so it is not stored */
  markFailed: (res: Response) => void;
  stats: () => { entries: number; bytes: number; hits: number; misses: number };
  clear: () => void;
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

  function drop(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  }

  function lookup(key: string, generation: string) {
    const entry = entries.get(key);
    if (!entry) return null;
    if (entry.generation !== generation || entry.expires <= now()) {
      drop(key);
      return null;
    }
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

  function send(res: Response, entry: Entry, state: "hit" | "miss") {
    for (const [name, value] of entry.headers) if (!res.hasHeader(name)) res.setHeader(name, value);
    res.setHeader("X-Page-Cache", state);
    res.status(entry.status);
    res.setHeader("Content-Length", entry.bytesWithNonce);
    // the parts as they are, with the nonce between them: no copy of the page per request, and corked, so
    // the socket gets them in one write
    const nonce = Buffer.from(res.locals.cspNonce as string);
    const last = entry.parts.length - 1;
    res.cork();
    entry.parts.forEach((part, i) => {
      if (i < last) {
        res.write(part);
        res.write(nonce);
      }
    });
    res.end(entry.parts[last]);
    process.nextTick(() => res.uncork());
  }

  function withNonce(parts: Buffer[], nonce: string) {
    if (parts.length === 1) return parts[0];
    const nonceBytes = Buffer.from(nonce);
    const pieces: Buffer[] = [];
    parts.forEach((part, i) => {
      if (i > 0) pieces.push(nonceBytes);
      pieces.push(part);
    });
    return Buffer.concat(pieces);
  }

  function split(body: Buffer) {
    const parts: Buffer[] = [];
    let from = 0;
    for (let at = body.indexOf(placeholderBytes); at !== -1; at = body.indexOf(placeholderBytes, from)) {
      parts.push(body.subarray(from, at));
      from = at + placeholderBytes.length;
    }
    parts.push(body.subarray(from));
    return parts;
  }

  /** Buffers the rendering, then stores it when it may be shared and sends it with the request's nonce. */
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
      if (typeof chunk === "function") callback = chunk;
      else if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding));
      if (typeof encoding === "function") callback = encoding;
      const parts = split(Buffer.concat(chunks));
      const shareable = res.statusCode === 200 && !res.hasHeader("set-cookie") && !res.locals.pageCacheFailed;
      let entry: Entry | null = null;
      if (shareable) {
        const size = parts.reduce((sum, part) => sum + part.length, 0);
        entry = {
          generation,
          status: res.statusCode,
          headers: Object.entries(res.getHeaders())
            .filter(([name, value]) => value !== undefined && !UNSHARED_HEADERS.has(name.toLowerCase()))
            .map(([name, value]) => [name, value as number | string | string[]]),
          parts,
          bytes: size + key.length,
          bytesWithNonce: size + (parts.length - 1) * placeholderBytes.length,
          expires: now() + ttlMs,
        };
        store(key, entry);
      }
      settle(entry);
      res.setHeader("X-Page-Cache", "miss");
      return (end as (this: Response, ...args: unknown[]) => Response).call(res, withNonce(parts, res.locals.cspNonce as string), callback);
    } as Response["end"];
  }

  async function handle(req: Request, res: Response, next: NextFunction) {
    if (req.method !== "GET" || !options.isCacheablePath(req.path) || !isAnonymous(req.headers.cookie)) return next();
    let generation: string;
    let key: string;
    try {
      const [current, variant] = await Promise.all([options.generation(), options.variant(req)]);
      generation = current;
      key = `${variant}\n${req.originalUrl}`;
    } catch {
      // e.g. the database is down: let the app answer (with its error page) as if there were no cache
      return next();
    }

    const cached = lookup(key, generation);
    if (cached) {
      hits++;
      return send(res, cached, "hit");
    }
    const pending = inFlight.get(key);
    if (pending) {
      const entry = await pending;
      if (entry && entry.generation === generation) {
        hits++;
        return send(res, entry, "hit");
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
    res.on("close", () => settle(null));
    res.locals.pageCacheNonce = placeholder;
    capture(res, key, generation, settle);
    next();
  }

  return {
    middleware: (req, res, next) => {
      handle(req, res, next).catch(next);
    },
    renderNonce: (res) => (res.locals.pageCacheNonce as string | undefined) ?? (res.locals.cspNonce as string),
    markFailed: (res) => {
      res.locals.pageCacheFailed = true;
    },
    stats: () => ({ entries: entries.size, bytes, hits, misses }),
    clear: () => {
      entries.clear();
      bytes = 0;
    },
  };
}
