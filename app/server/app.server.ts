/**
 * The HTTP server around Remix: security headers, the same-origin check, request logging, static files.
 * server.js (outside the bundle) imports the build and calls bootServer(); keeping this code inside the
 * bundle lets it share TypeScript, env validation and the database with the app.
 */
import express, { type Request, type Response, type NextFunction } from "express";
import compression from "compression";
import {
  createRequestHandler,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import { closeDatabase, db, getDatabaseKind } from "~db/client.server";
import { prepareDatabase } from "~db/setup.server";
import { startEmailWorker } from "~/domain/notifications/outbox.server";
import { UNSUBSCRIBE_PATH } from "~/domain/notifications/unsubscribe.server";
import { startBackgroundJobs } from "./jobs.server";
import { getEnv } from "~/utils/env.server";
import { loggablePath, logger } from "~/utils/logger.server";
import { getFixedT, localeCookie, parseAcceptLanguage } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/config";
import { readListingGeneration } from "~/domain/opportunities/listing-generation.server";
import { coalesceReads, createPageCache } from "./page-cache.server";
import { checkSameOrigin, createNonce, securityHeaders } from "./security.server";
import { bodyLimitFor, checkFormBody, discardRest, readLimitedBody } from "./request-body.server";
import { withOutageHandling } from "./outage.server";
import { writeBodyInBursts } from "./write-body.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    /** the client's address (from X-Forwarded-For only behind a trusted proxy) */
    clientIp: string;
    /** an error after the document's shell was sent: the page must not be cached */
    markRenderFailed: () => void;
  }
}

/** The origin the request says it reached (Host header): trusted only in development without APP_URL. */
function requestOrigin(req: Request) {
  const host = req.get("host");
  return host ? `${req.protocol}://${host}` : null;
}

/** the request's language, as getLocale decides it, from the express request */
async function localeOf(req: Request) {
  const fromCookie = await localeCookie.parse(req.get("cookie") ?? null).catch(() => null);
  return isLocale(fromCookie) ? fromCookie : (parseAcceptLanguage(req.get("accept-language") ?? null) ?? DEFAULT_LOCALE);
}

/** the public pages anonymous visitors may get from the page cache (documents and their single-fetch data) */
const CACHEABLE_PATHS = [
  /^\/$/,
  /^\/_root\.data$/,
  /^\/opportunities(\.data)?$/,
  /^\/opportunities\/\d+(\.data)?$/,
  /^\/orgs(\.data)?$/,
  /^\/orgs\/[a-z0-9-]+(\.data)?$/,
  /^\/embed\/opportunities$/,
];

/** A small error page in the request's language, for answers given before Remix runs. */
async function sendErrorPage(req: Request, res: Response, status: number, title: string, text: string) {
  const locale = await localeOf(req);
  const t = getFixedT(locale);
  res
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${t(title)} – Mitenand</title></head>` +
        `<body><main><h1>${t(title)}</h1><p>${t(text)}</p><p><a href="/">${t("errors.backHome")}</a></p></main></body></html>`,
    );
}

function toHeaders(incoming: Request["headers"]) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(incoming)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  return headers;
}

/**
 * The Remix request handler, like @remix-run/express's but with a body that was read (and size-checked)
 * before, and a URL on the configured origin: nothing that reads request.url can pick up a forged Host.
 */
function remixHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  origin: string;
  getLoadContext: (req: Request, res: Response) => AppLoadContext;
}) {
  const handleRequest = createRequestHandler(options.build, options.mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (!req.originalUrl.startsWith("/")) {
        res.status(400).type("text").send("Bad Request");
        return;
      }
      const controller = new AbortController();
      let finished = false;
      res.on("finish", () => (finished = true));
      res.on("close", () => finished || controller.abort());
      const body = res.locals.requestBody as Buffer | null | undefined;
      const request = new Request(`${options.origin}${req.originalUrl}`, {
        method: req.method,
        headers: toHeaders(req.headers),
        signal: controller.signal,
        ...(body && req.method !== "GET" && req.method !== "HEAD" ? { body: new Uint8Array(body) } : {}),
      });
      const response = await handleRequest(request, options.getLoadContext(req, res));
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) res.append(key, value);
      if (response.body) await writeBodyInBursts(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

export function createApp(options: { build: ServerBuild | (() => Promise<ServerBuild>); devServer?: boolean }) {
  const env = getEnv();
  const app = express();
  app.disable("x-powered-by");
  // A number of hops, never `true`: with `true` express takes the left-most X-Forwarded-For entry, which the
  // client writes itself when the proxy appends (a spoofed address per request defeats the rate limits).
  app.set("trust proxy", env.TRUST_PROXY);

  // Absolute URLs come from APP_URL, never from request headers; X-Forwarded-Host is dropped before the Remix
  // adapter (which reads the port from it) builds request.url, so nothing can pick it up by accident.
  app.use((req, _res, next) => {
    delete req.headers["x-forwarded-host"];
    if (!env.TRUST_PROXY) delete req.headers["x-forwarded-proto"];
    next();
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ method: req.method, path: loggablePath(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
    });
    next();
  });

  app.use((req, res, next) => {
    const nonce = createNonce();
    res.locals.cspNonce = nonce;
    res.set(securityHeaders({ nonce, https: env.cookieSecure, path: req.path, devServer: options.devServer }));
    next();
  });

  // exactly APP_URL's origin; in development without APP_URL also whatever host the browser used
  const allowedOrigins = (req: Request) => {
    if (env.appUrlConfigured || env.isProduction) return [env.appOrigin];
    const own = requestOrigin(req);
    return own ? [env.appOrigin, own] : [env.appOrigin];
  };
  app.use((req, res, next) => {
    // RFC 8058: a mail client (or webmail page) POSTs the one-click unsubscribe from anywhere; the signed token in
    // the path is the proof, and that endpoint can only switch an alert off. Exactly that path, POST only.
    // Remix's own check would throw (a 500) on an Origin that is not this host: that request has no Origin to
    // compare for this path, so the header is dropped here.
    if (req.method === "POST" && UNSUBSCRIBE_PATH.test(req.path)) {
      delete req.headers.origin;
      return next();
    }
    const verdict = checkSameOrigin({
      method: req.method,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      allowedOrigins: allowedOrigins(req),
    });
    if (verdict.ok) return next();
    logger.warn({ method: req.method, path: loggablePath(req.path), reason: verdict.reason }, "refused cross-origin request");
    void sendErrorPage(req, res, 403, "errors.forbiddenTitle", "errors.crossOrigin");
  });

  // Bodies are read here, within a limit, before anything buffers them; only well-formed forms go on.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    void (async () => {
      const verdict = await readLimitedBody(req, bodyLimitFor(req.path));
      const problem = verdict.ok ? await checkFormBody(req.get("content-type"), verdict.body) : verdict.reason;
      if (verdict.ok && !problem) {
        res.locals.requestBody = verdict.body;
        return next();
      }
      const status = verdict.ok ? 400 : verdict.status;
      logger.warn({ method: req.method, path: loggablePath(req.path), status, reason: problem }, "refused request body");
      // an oversized body is never read: a declared one closes the connection after the answer; the rest of a
      // chunked one is discarded unread (up to a bound) so the client gets to read the 413
      if (status === 413 && req.get("content-length") !== undefined) res.set("Connection", "close");
      else if (status === 413) discardRest(req);
      await sendErrorPage(req, res, status, status === 413 ? "errors.tooLargeTitle" : "errors.badRequestTitle", status === 413 ? "errors.tooLargeText" : "errors.badRequestText");
    })().catch(next);
  });

  // On-the-fly compression uses gzip: Remix flushes after every streamed chunk, and a brotli stream flushed that
  // often halves the throughput of a page (measured: /about 172 → 94 req/s). Brotli is kept for what is
  // compressed once: the page cache's stored pages, which read the browser's original Accept-Encoding.
  app.use((req, res, next) => {
    const accept = req.headers["accept-encoding"];
    res.locals.acceptEncoding = accept;
    if (accept && /\bbr\b|\*/.test(accept)) {
      const others = accept.replace(/\s*\bbr\b(;\s*q=[0-9.]+)?\s*,?/g, "").replace(/,\s*$/, "").trim();
      req.headers["accept-encoding"] = `${others ? `${others}, ` : ""}br;q=0`;
    }
    next();
  });
  // Level 2, not zlib's default 6: the 135 kB search page, streamed with a flush per chunk, takes ≈ 1 ms of gzip
  // instead of ≈ 4 ms for ≈ 7 % more bytes (22.0 kB instead of 20.5 kB). The page cache's stored pages are
  // compressed once, at their own (high) levels.
  app.use(compression({ level: 2 }));
  // fingerprinted by the Remix compiler, so they may be cached for ever
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // public/ holds files only (favicon.svg, …): asking the file system about page paths costs every page a stat
  const publicFiles = express.static("public", { maxAge: "1h" });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));

  const pageCache = env.PAGE_CACHE
    ? createPageCache({
        generation: coalesceReads(() => readListingGeneration()),
        // pages carry absolute URLs from APP_URL only, so the host the request named does not vary them
        variant: async (req) => localeOf(req),
        isCacheablePath: (path) => CACHEABLE_PATHS.some((pattern) => pattern.test(path)),
        neutralCookies: [localeCookie.name],
      })
    : null;
  if (pageCache) app.use(pageCache.middleware);

  app.all(
    "*",
    remixHandler({
      build: withOutageHandling(options.build),
      mode: env.NODE_ENV,
      origin: env.appOrigin,
      getLoadContext: (req, res) => ({
        cspNonce: pageCache ? pageCache.renderNonce(res) : (res.locals.cspNonce as string),
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        markRenderFailed: () => pageCache?.markFailed(res),
      }),
    }),
  );
  return app;
}

let stopEmailWorker: (() => Promise<void>) | undefined;
let stopJobs: (() => Promise<void>) | undefined;

/** Called once per process before listening: migrations and reference data, then the email worker and the jobs. */
export async function bootServer() {
  const started = Date.now();
  const { applied } = await prepareDatabase(db);
  logger.info({ database: getDatabaseKind(), applied, ms: Date.now() - started }, "database ready");
  const env = getEnv();
  // EMAIL_WORKER=off: a separate `npm run worker` process sends the outbox
  if (env.EMAIL_WORKER !== "off") stopEmailWorker ??= startEmailWorker();
  // JOBS=off: a separate `npm run worker` process runs the periodic jobs (schedules, sign-ups, alerts, next shift)
  if (env.JOBS !== "off") stopJobs ??= startBackgroundJobs();
  if (env.isProduction && env.DEV_MAILBOX) logger.warn("DEV_MAILBOX is on: /dev/mailbox shows every email, tokens included");
}

export async function shutdownServer() {
  await stopEmailWorker?.();
  stopEmailWorker = undefined;
  await stopJobs?.();
  stopJobs = undefined;
  await closeDatabase();
}
