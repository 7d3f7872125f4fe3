/** Small helpers for responses and redirects shared by routes. */

/** Only same-site paths: "//evil.example" and "https://…" fall back to the default. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // control characters (a newline could split a header)
  if ([...to].some((c) => c.charCodeAt(0) < 32)) return fallback;
  return to;
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}
