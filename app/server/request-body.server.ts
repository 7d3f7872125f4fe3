/**
 * Request bodies, read before Remix sees them: refused above a size limit before they are buffered (by
 * Content-Length, and by counting bytes for chunked bodies), and refused when they are no well-formed form.
 * Every action of this app reads an HTML form (urlencoded or multipart); anything else is a 400, not a 500
 * thrown later by `request.formData()`.
 */
import type { IncomingMessage } from "node:http";

/** Forms: a 64 KB body holds any of our forms many times over. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Routes that need more: the opportunity form allows a 10,000-character description, which percent-encoded
 * non-Latin text (Tigrinya, Arabic: 6–9 bytes a character) can take past 64 KB.
 */
const LARGER_LIMITS: Array<{ pattern: RegExp; limit: number }> = [
  { pattern: /^\/orgs\/[^/]+\/manage\/opportunities\/(new|\d+)(\/|\.data|$)/, limit: 256 * 1024 },
];

export function bodyLimitFor(path: string) {
  return LARGER_LIMITS.find(({ pattern }) => pattern.test(path))?.limit ?? DEFAULT_BODY_LIMIT;
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

export type BodyVerdict =
  | { ok: true; body: Buffer | null }
  | { ok: false; status: 400 | 413; reason: string };

function mediaType(contentType: string | undefined) {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Reads the whole body unless it passes `limit` bytes; stops reading (and buffering) as soon as it does. */
export function readLimitedBody(req: IncomingMessage, limit: number): Promise<BodyVerdict> {
  const declared = req.headers["content-length"];
  if (declared !== undefined) {
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0) return Promise.resolve({ ok: false, status: 400, reason: "bad content-length" });
    if (length > limit) return Promise.resolve({ ok: false, status: 413, reason: `content-length ${length} > ${limit}` });
    if (length === 0) return Promise.resolve({ ok: true, body: null });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (verdict: BodyVerdict) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      resolve(verdict);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return settle({ ok: false, status: 413, reason: `body over ${limit} bytes` });
      chunks.push(chunk);
    };
    const onEnd = () => settle({ ok: true, body: size === 0 ? null : Buffer.concat(chunks, size) });
    const onError = () => settle({ ok: false, status: 400, reason: "body stream error" });
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** A body our actions can read with `request.formData()`; else the reason it is a 400. */
export async function checkFormBody(contentType: string | undefined, body: Buffer | null): Promise<string | null> {
  if (!body) return null;
  const type = mediaType(contentType);
  if (!FORM_TYPES.includes(type)) return `unsupported content-type ${type || "(none)"}`;
  try {
    await new Response(new Uint8Array(body), { headers: { "content-type": contentType! } }).formData();
    return null;
  } catch {
    return `malformed ${type} body`;
  }
}

/** Past the limit: discard (never buffer) what is still coming, so the client can read our 413; cut it off after `cap`. */
export function discardRest(req: IncomingMessage, cap = 1024 * 1024) {
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > cap) req.socket.destroy();
  });
  req.on("error", () => {});
  req.resume();
}
