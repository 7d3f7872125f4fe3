/** Shared i18next settings for server and browser: German first, English second. */
import de from "./de.json";
import en from "./en.json";

export const LOCALES = ["de", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "de";

export const resources = { de: { translation: de }, en: { translation: en } } as const;

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
