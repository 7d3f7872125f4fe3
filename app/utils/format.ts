/** Dates and numbers the Swiss way, in the user's language and always in Europe/Zurich time. */
import { intlLocale, type Locale } from "~/i18n/config";
import { dateTimeFormat } from "./intl";

export const TIME_ZONE = "Europe/Zurich";

export function formatDate(value: Date | string, locale: Locale) {
  return dateTimeFormat(intlLocale(locale), { dateStyle: "long", timeZone: TIME_ZONE }).format(new Date(value));
}
