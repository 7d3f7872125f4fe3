/**
 * Route tests call loaders and actions as Remix does: a Request (with the session cookie when a token is given),
 * params and the load context that server.js builds. A thrown Response (redirect, 403, 404, 429) comes back like
 * a returned one, and `data(…, { status })` is unwrapped, so a test reads status, Location, field errors and body.
 */
import type { AppLoadContext } from "@remix-run/node";
import type { FieldErrors } from "~/utils/forms";
import { requestWithSession } from "./factories.server";

export type RouteArgs = { request: Request; params: Record<string, string>; context: AppLoadContext };
export type RouteHandler = (args: RouteArgs) => Promise<unknown>;

export interface RouteResult {
  status: number;
  /** the redirect target of a Response, else null */
  location: string | null;
  /** `errors` of the returned data (the field messages of a refused form), else null */
  errors: FieldErrors | null;
  /** the returned data; {} for a Response */
  body: Record<string, unknown>;
  /** the Response itself (files, headers), else null */
  response: Response | null;
}

export type FormFields = Record<string, string | string[]>;

/** A FormData with each field (a list gives the field once per item). */
export function formData(fields: FormFields) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(key, item);
  return data;
}

export interface RouteCall {
  /** session token of the caller; none: anonymous */
  token?: string | null;
  path: string;
  params?: Record<string, string>;
  /** a POST with this body; none: a GET */
  form?: FormData | FormFields;
  /** the client address in the load context (rate limits per IP) */
  ip?: string;
  headers?: HeadersInit;
}

export function routeRequest({ token, path, form, headers }: Pick<RouteCall, "token" | "path" | "form" | "headers">) {
  const init: RequestInit = form ? { method: "POST", body: form instanceof FormData ? form : formData(form) } : {};
  if (headers) init.headers = headers;
  return token ? requestWithSession(token, path, init) : new Request(new URL(path, "http://localhost"), init);
}

/** Calls a loader or action with a request built from `call`. */
export async function callRoute(fn: RouteHandler, { params = {}, ip = "127.0.0.1", ...request }: RouteCall): Promise<RouteResult> {
  return callRouteWith(fn, routeRequest(request), { params, ip });
}

/** Calls a loader or action with a request the test built itself. */
export async function callRouteWith(fn: RouteHandler, request: Request, { params = {}, ip = "127.0.0.1" }: { params?: Record<string, string>; ip?: string } = {}) {
  const context = { cspNonce: "test", clientIp: ip } as AppLoadContext;
  try {
    return toRouteResult(await fn({ request, params, context }));
  } catch (thrown) {
    if (thrown instanceof Response) return toRouteResult(thrown);
    throw thrown;
  }
}

export function toRouteResult(value: unknown): RouteResult {
  if (value instanceof Response) return { status: value.status, location: value.headers.get("Location"), errors: null, body: {}, response: value };
  // data(…) from @remix-run/node: { type: "DataWithResponseInit", data, init }
  const wrapped = value as { data?: Record<string, unknown>; init?: { status?: number } | null; type?: string };
  const body = (wrapped?.type === "DataWithResponseInit" ? wrapped.data : (value as Record<string, unknown>)) ?? {};
  return { status: wrapped?.init?.status ?? 200, location: null, errors: (body.errors as FieldErrors | null) ?? null, body, response: null };
}
