/**
 * The opportunity page's data that is the same for everyone who reads it in one language: the listing, its
 * upcoming shifts with places left, the weekly rule, JSON-LD, share link and meta texts, formatted for the
 * reader's language. Shared across requests per listing generation (public-cache.server.ts), so a signed-in
 * visitor's request only adds their own parts (sign-ups, "why this fits you"), which the route asks per request.
 */
import { getMatchOpportunity } from "~/domain/matching/recommendations.server";
import type { MatchOpportunity } from "~/domain/matching/score";
import { getFixedT } from "~/i18n/i18n.server";
import { intlLocale, type Locale } from "~/i18n/config";
import { formatDate } from "~/utils/format";
import { appOrigin } from "~/utils/request.server";
import { getPublicOpportunity } from "./detail.server";
import { opportunityJsonLd, serialiseJsonLd } from "./json-ld";
import { createPublicCache } from "./public-cache.server";
import { formatCalendarDate, formatShiftDay, formatTime, languageNames, weekdayName } from "./shift-format";

/** null: no published opportunity with that id (the route answers 404) */
export async function getOpportunityPage({ id, locale }: { id: number; locale: Locale }) {
  const opportunity = await getPublicOpportunity({ id, locale });
  if (!opportunity) return null;

  const t = getFixedT(locale);
  const url = `${appOrigin()}/opportunities/${opportunity.id}`;
  const weekly = opportunity.weekly
    ? {
        text: t("opportunity.weekly", {
          weekday: weekdayName(opportunity.weekly.weekday, locale),
          start: opportunity.weekly.startTime,
          end: opportunity.weekly.endTime,
        }),
        until: opportunity.weekly.lastDate
          ? t("opportunity.weeklyUntil", { date: formatCalendarDate(opportunity.weekly.lastDate, locale) })
          : null,
      }
    : null;

  return {
    locale,
    url,
    // formatted here, so server and browser show the same text
    opportunity: {
      ...withoutShifts(opportunity),
      publishedLabel: formatDate(opportunity.publishedAt, locale),
      languagesRequiredNames: languageNames(opportunity.languagesRequired, locale),
      languagesHelpfulNames: languageNames(opportunity.languagesHelpful, locale),
    },
    weekly,
    shifts: opportunity.shifts.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      day: formatShiftDay(s.startsAt, locale),
      time: t("opportunity.timeRange", { start: formatTime(s.startsAt, locale), end: formatTime(s.endsAt, locale) }),
      places: s.places,
      placesLeft: s.placesLeft,
    })),
    jsonLd: serialiseJsonLd(opportunityJsonLd(opportunity, { url, workHours: weekly?.text })),
    share: {
      mailto: `mailto:?subject=${encodeURIComponent(t("opportunity.shareMailSubject", { title: opportunity.title }))}&body=${encodeURIComponent(t("opportunity.shareMailBody", { url }))}`,
    },
    meta: {
      title: t("opportunity.metaTitle", { title: opportunity.title }),
      description:
        opportunity.summary.trim() ||
        t("opportunity.metaDescriptionFallback", { organisation: opportunity.organisation.name, gemeinde: opportunity.gemeinde.name }),
      ogLocale: intlLocale(locale).replace("-", "_"),
    },
  };
}

export type OpportunityPage = NonNullable<Awaited<ReturnType<typeof getOpportunityPage>>>;

function withoutShifts<T extends { shifts: unknown }>({ shifts: _shifts, ...rest }: T): Omit<T, "shifts"> {
  return rest;
}

// a page's data is ≈ 5–30 kB: 1,000 pages stay well under 30 MB
const pages = createPublicCache<{ page: OpportunityPage; match: MatchOpportunity | null } | null>({ maxEntries: 1000 });

/**
 * getOpportunityPage, and the opportunity as the matching score reads it (for "why this fits you"; not page
 * data: it never goes to the browser), shared across requests per listing generation (at most 60 s); read-only
 */
export function getOpportunityPageCached({ id, locale }: { id: number; locale: Locale }, clock?: () => number) {
  return pages.get(
    `${locale}:${id}`,
    async () => {
      const [page, match] = await Promise.all([getOpportunityPage({ id, locale }), getMatchOpportunity({ opportunityId: id })]);
      return page ? { page, match } : null;
    },
    clock,
  );
}
