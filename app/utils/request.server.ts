/** Facts about the request that domain functions need: where links should point and who is calling. */
import type { AppLoadContext } from "@remix-run/node";
import { getEnv } from "./env.server";

/**
 * This site's canonical origin, from APP_URL (configuration): every absolute URL the app writes starts with it.
 * Never derived from the request (Host / X-Forwarded-Host are whatever the client sends).
 */
export function appOrigin() {
  return getEnv().appOrigin;
}

export function clientIp(context: AppLoadContext) {
  return context.clientIp ?? "unknown";
}
