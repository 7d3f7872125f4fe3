/**
 * Security policy for every response and every state-changing request: the headers (CSP with a per-request
 * nonce) and the same-origin check that stands in for CSRF tokens.
 */
import { randomBytes } from "node:crypto";

export function createNonce() {
  return randomBytes(16).toString("base64");
}

/** Paths that other sites may put in an iframe (Gemeinde websites embed our lists). */
export function isFrameablePath(path: string) {
  return path === "/embed" || path.startsWith("/embed/");
}

/** `https`: the site is served over TLS (production), so browsers may be told to use nothing else. */
export function securityHeaders(options: { nonce: string; https: boolean; path: string; devServer?: boolean }) {
  const frameable = isFrameablePath(options.path);
  const connect = ["'self'"];
  if (options.devServer) connect.push("ws://localhost:*", "ws://127.0.0.1:*");
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameable ? "*" : "'none'"}`,
  ];
  if (options.https) csp.push("upgrade-insecure-requests");
  const headers: Record<string, string> = {
    "Content-Security-Policy": csp.join("; "),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": frameable ? "cross-origin" : "same-origin",
  };
  if (!frameable) headers["X-Frame-Options"] = "DENY";
  if (options.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

/**
 * A non-GET request must come from a page of this site. Browsers send Origin on every POST; where it is
 * missing we fall back to Sec-Fetch-Site. Requests with neither come from non-browser clients, which carry
 * no ambient cookies of a victim, so they pass. The site is the configured APP_URL's origin: scheme, host and
 * port must all match (an http page of the same host, or another port, is another origin).
 */
export function checkSameOrigin(request: {
  method: string;
  origin?: string | null;
  secFetchSite?: string | null;
  allowedOrigins: readonly string[];
}): OriginVerdict {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  const { origin, secFetchSite, allowedOrigins } = request;
  if (origin) {
    if (origin === "null") return { ok: false, reason: "opaque origin" };
    let normalised: string;
    try {
      normalised = new URL(origin).origin;
    } catch {
      return { ok: false, reason: "malformed origin" };
    }
    if (!allowedOrigins.some((allowed) => allowed.toLowerCase() === normalised.toLowerCase())) {
      return { ok: false, reason: "cross-origin" };
    }
    return { ok: true };
  }
  if (secFetchSite && secFetchSite !== "same-origin" && secFetchSite !== "none") {
    return { ok: false, reason: `sec-fetch-site ${secFetchSite}` };
  }
  return { ok: true };
}
