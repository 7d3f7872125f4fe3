/** Shift times as people read them: "Di., 15. Juni 2027, 18:30–20:00", always in Zurich time. */
import { intlLocale, type Locale } from "~/i18n/config";
import { TIME_ZONE } from "~/utils/format";
import { dateTimeFormat } from "~/utils/intl";

function toDate(value: Date | string) {
  return typeof value === "string" ? new Date(value) : value;
}

export function formatShift(startsAt: Date | string, endsAt: Date | string | null, locale: Locale) {
  const start = toDate(startsAt);
  const date = dateTimeFormat(intlLocale(locale), { weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: TIME_ZONE }).format(start);
  const time = dateTimeFormat(intlLocale(locale), { hour: "2-digit", minute: "2-digit", timeZone: TIME_ZONE });
  return endsAt ? `${date}, ${time.format(start)}–${time.format(toDate(endsAt))}` : `${date}, ${time.format(start)}`;
}

export function ShiftTime({ startsAt, endsAt = null, locale }: { startsAt: Date | string; endsAt?: Date | string | null; locale: Locale }) {
  return <time dateTime={toDate(startsAt).toISOString()}>{formatShift(startsAt, endsAt, locale)}</time>;
}
