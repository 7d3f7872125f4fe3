/**
 * Shift dates and times as people in Zurich read them ("Di., 9. März 2027", "18:30"), in the user's language.
 * Pure; loaders format on the server so the browser shows exactly the same text (no hydration differences
 * between the server's and the browser's ICU data or time zone).
 */
import { intlLocale, type Locale } from "~/i18n/config";
import { dateTimeFormat } from "~/utils/intl";
import { ZURICH_TIME_ZONE } from "~/utils/zurich-time";

const cache = new Map<string, Intl.DateTimeFormat>();
function format(locale: Locale, kind: "day" | "dayShort" | "time" | "weekday") {
  const key = `${locale}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === "day"
        ? { weekday: "short", day: "numeric", month: "long", year: "numeric" }
        : kind === "dayShort"
          ? { weekday: "short", day: "numeric", month: "short" }
          : kind === "time"
            ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
            : { weekday: "long" };
    f = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: ZURICH_TIME_ZONE });
    cache.set(key, f);
  }
  return f;
}

/** "Di., 9. März 2027" / "Tue, 9 March 2027" */
export function formatShiftDay(d: Date, locale: Locale) {
  return format(locale, "day").format(d);
}

/** "Di., 9. März" / "Tue, 9 Mar" */
export function formatShiftDayShort(d: Date, locale: Locale) {
  return format(locale, "dayShort").format(d);
}

/** "18:30" */
export function formatTime(d: Date, locale: Locale) {
  return format(locale, "time").format(d);
}

/** ISO weekday (1 = Monday) as a word: "Dienstag" / "Tuesday" */
export function weekdayName(weekday: number, locale: Locale) {
  // 1 January 2024 was a Monday; noon UTC is the same day in Zurich
  return format(locale, "weekday").format(new Date(Date.UTC(2024, 0, weekday, 12)));
}

/** "9. März 2027" for a "YYYY-MM-DD" calendar date */
export function formatCalendarDate(date: string, locale: Locale) {
  return dateTimeFormat(intlLocale(locale), { dateStyle: "long", timeZone: ZURICH_TIME_ZONE }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** Language names from ISO 639 codes ("ti" → "Tigrinya"), falling back to the code. */
export function languageNames(codes: string[], locale: Locale) {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([intlLocale(locale)], { type: "language" });
  } catch {
    names = null;
  }
  return codes.map((code) => {
    try {
      return names?.of(code) ?? code;
    } catch {
      return code;
    }
  });
}
