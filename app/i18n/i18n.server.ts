/**
 * Which language a request gets: the `lng` cookie (set by the language switch) first, then Accept-Language,
 * then German. Also a server-side `t` for loaders, meta titles and plain responses.
 */
import { createInstance } from "i18next";
import { createCookie } from "@remix-run/node";
import { getEnv } from "~/utils/env.server";
import { DEFAULT_LOCALE, i18nOptions, isLocale, LOCALES, type Locale } from "./config";
import { serverResources } from "./resources.server";
import { createTranslator, type TFunction, type Texts } from "./translate";

export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  secure: getEnv().cookieSecure,
});

export function parseAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { lang: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.lang && !Number.isNaN(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLocale) ?? null;
}

export async function getLocale(request: Request): Promise<Locale> {
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  return parseAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}

const instances = new Map<Locale, ReturnType<typeof createInstance>>();

/** One initialised i18next instance per locale, shared by all requests (they only read from it). */
export function getI18n(locale: Locale) {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createInstance();
    void instance.init({ ...i18nOptions, lng: locale, resources: serverResources, initAsync: false } as never);
    instances.set(locale, instance);
  }
  return instance;
}

const translators = new Map<Locale, TFunction>();

/**
 * The server's `t` for a locale: the same small translator the pages render with (translate.ts, checked against
 * i18next for every key), made once per process. i18next's getFixedT built a function per call and took
 * ≈ 2–4 % of a signed-in page's CPU profile.
 */
export function getFixedT(locale: Locale): TFunction {
  let t = translators.get(locale);
  if (!t) {
    t = createTranslator(locale, serverResources[locale].translation as unknown as Texts);
    translators.set(locale, t);
  }
  return t;
}

export { LOCALES };
