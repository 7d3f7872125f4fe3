/**
 * Database outages as a 503, never a 500: every loader and action of the server build is wrapped so that an
 * error meaning "the database is not reachable now" (isDatabaseUnavailable: connection refused or closed,
 * connect timeout, server shutting down, deadline passed) is thrown on as a 503 Response with Retry-After. The
 * shared error boundary shows it as "Mitenand ist gleich wieder da" (i18n `outage`), and for a POST says that
 * nothing was saved. Any other error stays what it was (a 500, logged by handleError).
 */
import type { ServerBuild } from "@remix-run/node";
import { isDatabaseUnavailable } from "~db/client.server";
import { loggablePath, logger } from "~/utils/logger.server";
import { OUTAGE_NOT_SAVED, OUTAGE_RETRY_AFTER_SECONDS, OUTAGE_UNAVAILABLE } from "~/components/outage";

type Handler = (args: { request: Request }) => unknown;

let lastLogged = 0;

function outageResponse(request: Request, error: unknown) {
  // one warning per second at most: during an outage every request ends up here
  if (Date.now() - lastLogged > 1000) {
    lastLogged = Date.now();
    logger.warn({ err: error, method: request.method, path: loggablePath(new URL(request.url).pathname) }, "database unavailable: 503");
  }
  return new Response(request.method === "GET" || request.method === "HEAD" ? OUTAGE_UNAVAILABLE : OUTAGE_NOT_SAVED, {
    status: 503,
    headers: { "Retry-After": String(OUTAGE_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
  });
}

function wrap<T extends Handler | undefined>(handler: T): T {
  if (!handler) return handler;
  const wrapped = async (args: { request: Request }) => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof Response || !isDatabaseUnavailable(error)) throw error;
      throw outageResponse(args.request, error);
    }
  };
  return wrapped as unknown as T;
}

function wrapBuild(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const module = route.module;
    routes[id] = {
      ...route,
      module: { ...module, loader: wrap(module.loader as Handler | undefined), action: wrap(module.action as Handler | undefined) } as typeof module,
    };
  }
  return { ...build, routes };
}

/** the server build with every loader and action answering 503 while the database is unreachable */
export function withOutageHandling(build: ServerBuild | (() => Promise<ServerBuild>)) {
  if (typeof build === "function") return async () => wrapBuild(await build());
  return wrapBuild(build);
}
