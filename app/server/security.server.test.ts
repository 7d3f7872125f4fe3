import { expect, test } from "vitest";
import { checkSameOrigin, createNonce, securityHeaders } from "./security.server";

test("GET requests pass whatever their origin", () => {
  expect(checkSameOrigin({ method: "GET", origin: "https://evil.example", allowedOrigins: ["https://mitenand.ch"] })).toEqual({ ok: true });
});

test("a POST from the same host passes", () => {
  expect(checkSameOrigin({ method: "POST", origin: "http://localhost:3000", allowedOrigins: ["http://localhost:3000"] }).ok).toBe(true);
});

test("a POST from another origin is refused", () => {
  expect(checkSameOrigin({ method: "POST", origin: "https://evil.example", allowedOrigins: ["https://mitenand.ch"] }).ok).toBe(false);
});

test("another scheme on the same host is another origin", () => {
  expect(checkSameOrigin({ method: "POST", origin: "http://mitenand.ch", allowedOrigins: ["https://mitenand.ch"] }).ok).toBe(false);
  expect(checkSameOrigin({ method: "POST", origin: "https://mitenand.ch", allowedOrigins: ["https://mitenand.ch"] }).ok).toBe(true);
});

test("another port on the same host is another origin", () => {
  expect(checkSameOrigin({ method: "POST", origin: "http://localhost:4000", allowedOrigins: ["http://localhost:3000"] }).ok).toBe(false);
});

test("opaque and malformed origins are refused", () => {
  expect(checkSameOrigin({ method: "POST", origin: "null", allowedOrigins: ["https://mitenand.ch"] }).ok).toBe(false);
  expect(checkSameOrigin({ method: "DELETE", origin: "not a url", allowedOrigins: ["https://mitenand.ch"] }).ok).toBe(false);
});

test("without Origin, Sec-Fetch-Site decides", () => {
  expect(checkSameOrigin({ method: "POST", secFetchSite: "cross-site", allowedOrigins: ["https://mitenand.ch"] }).ok).toBe(false);
  expect(checkSameOrigin({ method: "POST", secFetchSite: "same-site", allowedOrigins: ["https://mitenand.ch"] }).ok).toBe(false);
  expect(checkSameOrigin({ method: "POST", secFetchSite: "same-origin", allowedOrigins: ["https://mitenand.ch"] }).ok).toBe(true);
});

test("a POST without Origin and Sec-Fetch-Site (no browser) passes", () => {
  expect(checkSameOrigin({ method: "POST", allowedOrigins: ["https://mitenand.ch"] }).ok).toBe(true);
});

test("the CSP carries the nonce and forbids framing", () => {
  const nonce = createNonce();
  const headers = securityHeaders({ nonce, https: false, path: "/" });
  expect(headers["Content-Security-Policy"]).toContain(`'nonce-${nonce}'`);
  expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
  expect(headers["X-Frame-Options"]).toBe("DENY");
  expect(headers["Strict-Transport-Security"]).toBeUndefined();
});

test("over https, HSTS is sent; embed pages may be framed", () => {
  expect(securityHeaders({ nonce: "n", https: true, path: "/" })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
  const embed = securityHeaders({ nonce: "n", https: false, path: "/embed/opportunities" });
  expect(embed["Content-Security-Policy"]).toContain("frame-ancestors *");
  expect(embed["X-Frame-Options"]).toBeUndefined();
});

test("nonces differ per call", () => {
  expect(createNonce()).not.toBe(createNonce());
});
