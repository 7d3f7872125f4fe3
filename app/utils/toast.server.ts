/**
 * Toasts: a one-time message shown on the next page ("Gespeichert."), carried in a short-lived cookie.
 * The cookie holds only a message key from our i18n files, checked on the way back in.
 */
import { createCookie, redirect } from "@remix-run/node";
import { z } from "zod";
import { getEnv } from "./env.server";

const toastSchema = z.object({
  key: z.string().regex(/^toast\.[a-zA-Z]+$/),
  type: z.enum(["success", "info", "error"]).default("success"),
});
export type Toast = z.infer<typeof toastSchema>;

const toastCookie = createCookie("toast", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 60,
  secure: getEnv().cookieSecure,
});

export async function toastHeader(toast: Toast) {
  return toastCookie.serialize(toast);
}

export async function redirectWithToast(url: string, toast: Toast, init: { headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastHeader(toast));
  return redirect(url, { headers });
}

/** Reads and clears the toast. */
export async function popToast(request: Request): Promise<{ toast: Toast | null; setCookie: string | null }> {
  const raw = await toastCookie.parse(request.headers.get("Cookie")).catch(() => null);
  if (!raw) return { toast: null, setCookie: null };
  const parsed = toastSchema.safeParse(raw);
  return {
    toast: parsed.success ? parsed.data : null,
    setCookie: await toastCookie.serialize("", { maxAge: 0 }),
  };
}
