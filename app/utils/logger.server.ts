/** The process logger (pino, JSON lines). Never log secrets, tokens or query strings. */
import { pino } from "pino";
import { getEnv } from "./env.server";

export const logger = pino({
  level: getEnv().LOG_LEVEL,
  base: { app: "mitenand" },
  redact: ["req.headers.cookie", "password", "token"],
});

/**
 * A request path as it may be logged: secrets that travel in the path (invitation tokens, and any other long
 * token-like segment) are replaced by a placeholder. Query strings are never logged at all.
 */
export function loggablePath(path: string) {
  return path
    .replace(/^\/invitations\/[^/]+/, "/invitations/:token")
    .replace(/^\/u\/[^/]+/, "/u/:token")
    .split("/")
    .map((segment) => (/^[A-Za-z0-9_]{24,}$/.test(segment) ? ":token" : segment))
    .join("/");
}
