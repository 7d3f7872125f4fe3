/**
 * Intl formatters, made once per locale and options and kept: building one costs tens of microseconds (ICU data
 * lookups), and a page that formatted each row's dates with fresh ones spent milliseconds on it. Formatters are
 * immutable, so sharing them between requests (and renders in the browser) is safe.
 */
const formatters = new Map<string, unknown>();

function kept<T>(key: string, make: () => T): T {
  let value = formatters.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    formatters.set(key, value);
  }
  return value;
}

const keyOf = (kind: string, locale: string, options?: object) => `${kind}|${locale}|${options ? JSON.stringify(options) : ""}`;

export function numberFormat(locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return kept(keyOf("number", locale, options), () => new Intl.NumberFormat(locale, options));
}

export function dateTimeFormat(locale: string, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return kept(keyOf("date", locale, options), () => new Intl.DateTimeFormat(locale, options));
}

export function pluralRules(locale: string, options?: Intl.PluralRulesOptions): Intl.PluralRules {
  return kept(keyOf("plural", locale, options), () => new Intl.PluralRules(locale, options));
}

export function collator(locale: string, options?: Intl.CollatorOptions): Intl.Collator {
  return kept(keyOf("collator", locale, options), () => new Intl.Collator(locale, options));
}
