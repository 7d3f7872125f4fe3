/** Facts about the request that domain functions need: where links should point and who is calling. */
import type { AppLoadContext } from "@remix-run/node";

/** This site's origin as the request reached it (Host, or the forwarded host behind a trusted proxy). */
export function siteOrigin(request: Request) {
  return new URL(request.url).origin;
}

export function clientIp(context: AppLoadContext) {
  return context.clientIp ?? "unknown";
}
