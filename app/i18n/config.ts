/**
 * Shared i18next settings for server and browser: German first, English second. The texts themselves are not
 * imported here: the server registers both locales (resources.server.ts), the browser only the page's locale,
 * loaded as its own chunk (load-translation.ts), so one locale's texts reach the client, not both.
 */
import type de from "./de.json";

export const LOCALES = ["de", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "de";

export type Translation = typeof de;

const registered: Partial<Record<Locale, Translation>> = {};

/** Makes a locale's texts available to `resources` (server: both at boot; browser: the page's locale). */
export function registerTranslation(locale: Locale, translation: Translation) {
  registered[locale] = translation;
}

function registeredTranslation(locale: Locale): Translation {
  const translation = registered[locale] ?? registered[DEFAULT_LOCALE] ?? Object.values(registered)[0];
  if (!translation) throw new Error("no translations registered (import ~/i18n/resources.server on the server)");
  return translation;
}

/**
 * The texts per locale, for meta functions and i18next. In the browser only the page's locale is loaded; asking
 * for the other one gives the loaded one (the language switch reloads the document anyway).
 */
export const resources: { readonly [L in Locale]: { readonly translation: Translation } } = {
  get de() {
    return { translation: registeredTranslation("de") };
  },
  get en() {
    return { translation: registeredTranslation("en") };
  },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export const i18nOptions = {
  supportedLngs: [...LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "translation",
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
  showSupportNotice: false,
} as const;

/** Swiss formatting: 1’234 and dd.mm.yyyy in German, en-CH in English. */
export function intlLocale(locale: Locale) {
  return locale === "de" ? "de-CH" : "en-CH";
}
