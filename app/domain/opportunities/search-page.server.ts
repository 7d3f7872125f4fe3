/**
 * The search page's data (/opportunities): the results, total and map counts of a query, the regions, the chips
 * that drop one filter each, the page links and meta texts, formatted for the reader's language. It depends only
 * on the URL and the language, never on who asks, so it is shared across requests per listing generation
 * (public-cache.server.ts): signed-in people, who never get the page cache, make it once per query and change.
 */
import { redirect } from "@remix-run/node";
import { CATEGORIES } from "~db/data/categories";
import { getGemeindeNames } from "~/domain/geo/map.server";
import { intlLocale, type Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { numberFormat } from "~/utils/intl";
import { createPublicCache } from "./public-cache.server";
import { RADIUS_DEFAULT_KM, SEARCH_LANGUAGES, toSearchParams, toSearchString, type SearchFilters } from "./search-params";
import { parseSearchParams } from "./search-params.server";
import { listRegions, searchOpportunitiesWithMap, validateSearchFilters } from "./search.server";
import { formatCalendarDate, formatShiftDay, formatTime, weekdayName } from "./shift-format";

const PATH = "/opportunities";

const languageNamesByLocale = new Map<Locale, Intl.DisplayNames>();
function languageName(code: string, locale: Locale) {
  try {
    let names = languageNamesByLocale.get(locale);
    if (!names) {
      names = new Intl.DisplayNames([intlLocale(locale)], { type: "language" });
      languageNamesByLocale.set(locale, names);
    }
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** the page's data for a URL and language; throws the redirect to the canonical URL */
export async function getSearchPage({ url, locale }: { url: URL; locale: Locale }) {
  const t = getFixedT(locale);
  const parsed = parseSearchParams(url.searchParams);
  const checked = await validateSearchFilters({ filters: parsed.filters });
  const filters = checked.filters;
  const problems = { ...parsed.problems, ...checked.problems };
  const hasProblems = Object.keys(problems).length > 0;

  // Empty fields of the GET form and other noise: answer with the canonical URL, short and shareable. With
  // problems the page stays where it is, so the message can point at the field.
  const canonical = toSearchParams(filters).toString();
  if (!hasProblems && canonical !== url.searchParams.toString()) {
    throw redirect(canonical ? `${PATH}?${canonical}` : PATH);
  }

  const [result, regions] = await Promise.all([searchOpportunitiesWithMap({ filters, locale, near: checked.near }), listRegions()]);
  const number = numberFormat(intlLocale(locale));
  const distance = numberFormat(intlLocale(locale), { maximumFractionDigits: 1 });
  const gemeindeNames = getGemeindeNames();
  const regionNames = new Map(regions.map((r) => [r.slug, r.name]));

  const languageCodes = [...SEARCH_LANGUAGES, ...filters.languages.filter((l) => !(SEARCH_LANGUAGES as readonly string[]).includes(l))];
  const languages = languageCodes.map((code) => ({ code, name: languageName(code, locale) }));
  const languageNameOf = new Map(languages.map((l) => [l.code, l.name]));

  // every active filter value, with the link that drops just that one (the chips, and the "nothing found" tips)
  const without = (changes: Partial<SearchFilters>) => `${PATH}${toSearchString({ ...filters, ...changes, page: 1 })}`;
  const category = (id: string) => CATEGORIES.find((c) => c.id === id)!;
  const chips: { key: string; label: string; href: string }[] = [
    ...(filters.q ? [{ key: "q", label: t("search.chips.q", { q: filters.q }), href: without({ q: null, sort: filters.sort === "relevance" ? "soonest" : filters.sort }) }] : []),
    ...filters.categories.map((id) => ({
      key: `category-${id}`,
      label: locale === "de" ? category(id).label_de : category(id).label_en,
      href: without({ categories: filters.categories.filter((c) => c !== id) }),
    })),
    ...filters.gemeinden.map((bfsNr) => ({
      key: `gemeinde-${bfsNr}`,
      label: gemeindeNames.get(bfsNr) ?? String(bfsNr),
      href: without({ gemeinden: filters.gemeinden.filter((g) => g !== bfsNr) }),
    })),
    ...(filters.region ? [{ key: "region", label: regionNames.get(filters.region) ?? filters.region, href: without({ region: null }) }] : []),
    ...(filters.near
      ? [
          {
            key: "near",
            label: t("search.chips.near", { radius: filters.radius, place: result.near?.name ?? filters.near }),
            href: without({ near: null, radius: RADIUS_DEFAULT_KM, sort: filters.sort === "nearest" ? "soonest" : filters.sort }),
          },
        ]
      : []),
    ...(filters.from ? [{ key: "from", label: t("search.chips.from", { date: formatCalendarDate(filters.from, locale) }), href: without({ from: null }) }] : []),
    ...(filters.to ? [{ key: "to", label: t("search.chips.to", { date: formatCalendarDate(filters.to, locale) }), href: without({ to: null }) }] : []),
    ...filters.weekdays.map((weekday) => ({
      key: `weekday-${weekday}`,
      label: weekdayName(weekday, locale),
      href: without({ weekdays: filters.weekdays.filter((w) => w !== weekday) }),
    })),
    ...(filters.time ? [{ key: "time", label: t(`search.times.${filters.time}`), href: without({ time: null }) }] : []),
    ...filters.languages.map((code) => ({
      key: `lang-${code}`,
      label: t("search.chips.language", { language: languageNameOf.get(code) ?? code }),
      href: without({ languages: filters.languages.filter((l) => l !== code) }),
    })),
    ...(filters.remote ? [{ key: "remote", label: t("search.remote"), href: without({ remote: false }) }] : []),
    ...(filters.free ? [{ key: "free", label: t("search.free"), href: without({ free: false }) }] : []),
  ];

  const pageHref = (page: number) => `${PATH}${toSearchString({ ...filters, page })}`;
  const title = filters.q ? t("search.metaTitleQuery", { q: filters.q }) : t("search.metaTitle");
  const pageTitle = result.page > 1 ? t("search.metaTitlePage", { title, page: result.page }) : title;

  return {
    status: hasProblems ? 400 : 200,
    body: {
      locale,
      filters,
      problems,
      near: result.near ? { bfsNr: result.near.bfsNr, name: result.near.name } : null,
      total: result.total,
      totalText: number.format(result.total),
      page: result.page,
      pageCount: result.pageCount,
      prevHref: result.page > 1 ? pageHref(Math.min(result.page - 1, result.pageCount)) : null,
      nextHref: result.page < result.pageCount ? pageHref(result.page + 1) : null,
      firstHref: pageHref(1),
      items: result.items.map((item) => ({
        id: item.id,
        title: item.title,
        summary: item.summary,
        organisationName: item.organisationName,
        organisationVerified: item.organisationVerified,
        gemeindeName: item.gemeindeName,
        categoryLabel: item.categoryLabel,
        locationMode: item.locationMode,
        next: item.nextStart
          ? {
              // whole minutes: "2026-12-07T18:00Z" is a valid datetime, 7 bytes shorter than toISOString's
              iso: item.nextStart.toISOString().replace(/:00\.000Z$/, "Z"),
              text: item.nextEnd
                ? t("search.when", {
                    day: formatShiftDay(item.nextStart, locale),
                    start: formatTime(item.nextStart, locale),
                    end: formatTime(item.nextEnd, locale),
                  })
                : `${formatShiftDay(item.nextStart, locale)}, ${formatTime(item.nextStart, locale)}`,
            }
          : null,
        flexible: item.scheduleKind === "flexible",
        placesText: item.places ? t("search.places", { count: item.places.free, total: item.places.total }) : null,
        distanceText: item.distanceKm === null ? null : t("search.distance", { km: distance.format(item.distanceKm) }),
      })),
      chips,
      // "bfsNr:count,…" for the Gemeinden with results: a fraction of an object's size in the page's data script
      counts: [...result.counts].filter(([, count]) => count > 0).map(([bfsNr, count]) => `${bfsNr}:${count}`).join(","),
      regions,
      languages,
      weekdays: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, name: weekdayName(weekday, locale) })),
      meta: {
        title: `${pageTitle} – ${t("app.name")}`,
        description: t("search.metaDescription"),
        prev: result.page > 1 && result.page <= result.pageCount ? pageHref(result.page - 1) : null,
        next: result.page < result.pageCount ? pageHref(result.page + 1) : null,
      },
    },
  };
}

export type SearchPage = Awaited<ReturnType<typeof getSearchPage>>;

// ≈ 15–30 kB of data per query and language
const pages = createPublicCache<SearchPage>({ maxEntries: 300 });

/** getSearchPage, shared across requests per listing generation (at most 60 s); read-only for callers */
export function getSearchPageCached({ url, locale }: { url: URL; locale: Locale }, clock?: () => number) {
  return pages.get(JSON.stringify([locale, url.search]), () => getSearchPage({ url, locale }), clock);
}
