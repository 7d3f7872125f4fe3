/**
 * Open data about published opportunities: the query parsing, item shape and links of GET /api/opportunities,
 * the shifts of the iCal feed and the embeddable list. Read-only, published only, no cookies: the language comes
 * from Accept-Language alone, so responses can be cached publicly (Vary: Accept-Language).
 */
import { z } from "zod";
import { db } from "~db/client.server";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/config";
import { getFixedT, parseAcceptLanguage } from "~/i18n/i18n.server";
import { API_DEFAULT_PAGE_SIZE, API_MAX_PAGE_SIZE } from "./openapi";
import { listUpcomingShiftsOf, MAX_CALENDAR_SHIFTS, type FeedShift } from "./detail.server";
import { toSearchParams, type SearchFilters } from "./search-params";
import { parseSearchParams } from "./search-params.server";
import { searchOpportunities, validateSearchFilters, type OpportunitySearchItem } from "./search.server";

/** the feed follows at most this many opportunities (pages of the search), and writes at most MAX_CALENDAR_SHIFTS events */
const FEED_MAX_OPPORTUNITIES = 500;

export const OPEN_DATA_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Cache-Control": "public, max-age=60",
  Vary: "Accept-Language",
} as const;

/** the answer to a browser's CORS preflight (OPTIONS) */
export const PREFLIGHT_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Accept, Accept-Language",
  "Access-Control-Max-Age": "86400",
} as const;

/** The language of an open-data response: Accept-Language only (no cookie, so a shared cache may keep it). */
export function openDataLocale(request: Request): Locale {
  return parseAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}

const pageSizeSchema = z.string().trim().regex(/^\d{1,3}$/).transform(Number).pipe(z.number().int().min(1).max(API_MAX_PAGE_SIZE));

export type OpenDataQuery =
  | { ok: true; filters: SearchFilters; pageSize: number }
  | { ok: false; problems: Record<string, string> };

/**
 * The search parameters of an open-data URL, checked: anything the list page would quietly drop (an unknown
 * Gemeinde, a malformed date, a region that does not exist) is a problem here, because a program that sent it
 * should know. `pageSize` only where `withPageSize` (the API).
 */
export async function parseOpenDataQuery(url: URL, { locale, withPageSize = false }: { locale: Locale; withPageSize?: boolean }): Promise<OpenDataQuery> {
  const t = getFixedT(locale);
  const parsed = parseSearchParams(url.searchParams);
  const checked = await validateSearchFilters({ filters: parsed.filters });
  const keys: Record<string, string> = { ...parsed.problems, ...checked.problems };
  const problems: Record<string, string> = {};
  for (const [param, key] of Object.entries(keys)) {
    problems[param] = t(key, { defaultValue: t("openData.invalidValue") });
  }
  // the list page clamps a bad page number to 1; a program asked for something else
  const rawPage = url.searchParams.get("page");
  if (rawPage !== null && !/^[1-9]\d{0,8}$/.test(rawPage.trim())) problems.page = t("openData.invalidValue");

  let pageSize = API_DEFAULT_PAGE_SIZE;
  if (withPageSize) {
    const raw = url.searchParams.get("pageSize");
    if (raw !== null) {
      const result = pageSizeSchema.safeParse(raw);
      if (result.success) pageSize = result.data;
      else problems.pageSize = t("openData.pageSize");
    }
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, filters: checked.filters, pageSize };
}

export interface ApiOpportunity {
  id: number;
  url: string;
  calendarUrl: string;
  title: string;
  summary: string;
  category: { id: string; label: string };
  organisation: { name: string; slug: string };
  gemeinde: { bfsNr: number; name: string };
  locationMode: string;
  scheduleKind: string;
  publishedAt: string;
  nextShift: { startsAt: string; endsAt: string } | null;
  places: { total: number; free: number } | null;
  distanceKm: number | null;
}

export function toApiOpportunity(item: OpportunitySearchItem, origin: string): ApiOpportunity {
  return {
    id: item.id,
    url: `${origin}/opportunities/${item.id}`,
    calendarUrl: `${origin}/opportunities/${item.id}/calendar.ics`,
    title: item.title,
    summary: item.summary,
    category: { id: item.categoryId, label: item.categoryLabel },
    organisation: { name: item.organisationName, slug: item.organisationSlug },
    gemeinde: { bfsNr: item.bfsNr, name: item.gemeindeName },
    locationMode: item.locationMode,
    scheduleKind: item.scheduleKind,
    publishedAt: item.publishedAt.toISOString(),
    nextShift:
      item.nextStart && item.nextEnd ? { startsAt: item.nextStart.toISOString(), endsAt: item.nextEnd.toISOString() } : null,
    places: item.places,
    distanceKm: item.distanceKm,
  };
}

/** Absolute URL of a page of results, in the canonical parameter order. */
export function apiPageUrl({ origin, path, filters, page, pageSize }: { origin: string; path: string; filters: SearchFilters; page: number; pageSize: number }) {
  const params = toSearchParams({ ...filters, page });
  if (pageSize !== API_DEFAULT_PAGE_SIZE) params.set("pageSize", String(pageSize));
  const query = params.toString();
  return `${origin}${path}${query ? `?${query}` : ""}`;
}

/** One page of the API's answer. */
export async function listOpportunitiesForApi({
  filters,
  pageSize,
  locale,
  origin,
}: {
  filters: SearchFilters;
  pageSize: number;
  locale: Locale;
  origin: string;
}) {
  const result = await searchOpportunities({ filters, locale, pageSize });
  const link = (page: number) => apiPageUrl({ origin, path: "/api/opportunities", filters, page, pageSize });
  return {
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    pageCount: result.pageCount,
    items: result.items.map((item) => toApiOpportunity(item, origin)),
    links: {
      self: link(result.page),
      next: result.page < result.pageCount ? link(result.page + 1) : null,
      prev: result.page > 1 ? link(Math.min(result.page - 1, result.pageCount)) : null,
    },
  };
}

/**
 * The upcoming shifts of the published opportunities that match the filters (and, per shift, their date,
 * weekday and time filters), soonest first, at most `limit`.
 */
export async function listFeedShifts({
  filters,
  locale,
  limit = MAX_CALENDAR_SHIFTS,
}: {
  filters: SearchFilters;
  locale: Locale;
  limit?: number;
}): Promise<FeedShift[]> {
  const ids: number[] = [];
  for (let page = 1; ids.length < FEED_MAX_OPPORTUNITIES; page++) {
    const result = await searchOpportunities({
      filters: { ...filters, sort: filters.sort === "nearest" ? "nearest" : "soonest", page },
      locale,
      pageSize: API_MAX_PAGE_SIZE,
    });
    // flexible opportunities have no shifts to put in a calendar
    ids.push(...result.items.filter((item) => item.scheduleKind !== "flexible").map((item) => item.id));
    if (page >= result.pageCount) break;
  }
  return listUpcomingShiftsOf({ opportunityIds: ids, limit, shiftFilters: filters });
}

/** Names of Gemeinden by BFS number (for headings like "Einsätze in Aarau"). */
export async function gemeindeNames(bfsNrs: number[]) {
  if (bfsNrs.length === 0) return [];
  const rows = await db.selectFrom("gemeinde").where("bfs_nr", "in", bfsNrs).select(["bfs_nr", "name"]).orderBy("name").execute();
  return rows.map((r) => r.name);
}
