/**
 * The search query of /opportunities as URL parameters, shared by the list page, the JSON API, the iCal feed and
 * the embed (pure: no database, no zod, safe in the browser; the parser with its zod schemas is
 * search-params.server.ts, so zod stays off the client). toSearchParams writes the canonical form (fixed order,
 * defaults left out), so links, pagination and the map's Gemeinde links all look alike.
 */
import { CATEGORIES, type CategoryId } from "~db/data/categories";

export const TIMES_OF_DAY = ["morning", "afternoon", "evening"] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

export const SEARCH_SORTS = ["relevance", "soonest", "newest", "nearest"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** the languages the search form offers (any ISO 639 code is accepted in the URL) */
export const SEARCH_LANGUAGES = [
  "de", "en", "fr", "it", "ti", "ar", "prs", "fa", "ta", "ku", "so", "uk", "ru", "tr", "sq", "sr", "hr", "bs", "pt", "es",
] as const;

export const RADIUS_DEFAULT_KM = 10;
export const RADIUS_MIN_KM = 1;
export const RADIUS_MAX_KM = 100;
export const Q_MAX_LENGTH = 200;
/** deeper pages are clamped: nobody pages through 10,000 results, and OFFSET costs grow with the page */
export const MAX_PAGE = 500;

export interface SearchFilters {
  /** free text, whitespace collapsed, at most 200 characters */
  q: string | null;
  categories: CategoryId[];
  /** BFS numbers */
  gemeinden: number[];
  /** region slug */
  region: string | null;
  /** where the radius is measured from: a 4-digit postcode or BFS number ("5000", "4021"), or a place name ("Baden") */
  near: string | null;
  radius: number;
  /** "YYYY-MM-DD", Europe/Zurich days, inclusive */
  from: string | null;
  to: string | null;
  /** ISO weekdays, 1 = Monday … 7 = Sunday */
  weekdays: number[];
  time: TimeOfDay | null;
  /** ISO 639 codes */
  languages: string[];
  remote: boolean;
  free: boolean;
  sort: SearchSort;
  page: number;
}

/** problem per URL parameter, as an i18n key */
export type SearchProblems = Record<string, string>;

export const PROBLEM = {
  q: "search.problems.qTooLong",
  category: "search.problems.category",
  gemeinde: "search.problems.gemeinde",
  region: "search.problems.region",
  near: "search.problems.near",
  radius: "search.problems.radius",
  from: "search.problems.date",
  to: "search.problems.date",
  dateOrder: "search.problems.dateOrder",
  weekday: "search.problems.weekday",
  time: "search.problems.time",
  lang: "search.problems.lang",
  remote: "search.problems.flag",
  free: "search.problems.flag",
  flag: "search.problems.flag",
  page: "search.problems.page",
  sort: "search.problems.sort",
  sortNearest: "search.problems.sortNearest",
} as const;

export const SEARCH_PROBLEM_KEYS = PROBLEM;

export const CATEGORY_IDS = CATEGORIES.map((c) => c.id) as [CategoryId, ...CategoryId[]];

export function defaultSort(q: string | null): SearchSort {
  return q ? "relevance" : "soonest";
}

/** Filters with nothing set: every published opportunity, soonest first. */
export function emptySearchFilters(): SearchFilters {
  return {
    q: null,
    categories: [],
    gemeinden: [],
    region: null,
    near: null,
    radius: RADIUS_DEFAULT_KM,
    from: null,
    to: null,
    weekdays: [],
    time: null,
    languages: [],
    remote: false,
    free: false,
    sort: "soonest",
    page: 1,
  };
}

export function unique<T>(values: T[]) {
  return [...new Set(values)];
}

export function clamp(value: number, min: number, max: number) {
  return Math.min(max, Math.max(min, value));
}

/**
 * The canonical URL parameters of a search: fixed order, sorted repeatable values, defaults left out.
 * Takes partial filters, so `toSearchParams({ gemeinden: [4001] })` is a link to one Gemeinde.
 */
export function toSearchParams(input: Partial<SearchFilters>): URLSearchParams {
  const filters = { ...emptySearchFilters(), ...input };
  const params = new URLSearchParams();
  const q = filters.q?.replace(/\s+/g, " ").trim().slice(0, Q_MAX_LENGTH) || null;
  if (q) params.set("q", q);
  const categoryOrder = new Map(CATEGORY_IDS.map((id, i) => [id, i]));
  for (const id of unique(filters.categories).sort((a, b) => (categoryOrder.get(a) ?? 99) - (categoryOrder.get(b) ?? 99))) {
    params.append("category", id);
  }
  for (const bfsNr of unique(filters.gemeinden).sort((a, b) => a - b)) params.append("gemeinde", String(bfsNr));
  if (filters.region) params.set("region", filters.region);
  if (filters.near) {
    params.set("near", filters.near);
    const radius = clamp(Math.round(filters.radius), RADIUS_MIN_KM, RADIUS_MAX_KM);
    if (radius !== RADIUS_DEFAULT_KM) params.set("radius", String(radius));
  }
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  for (const weekday of unique(filters.weekdays).sort((a, b) => a - b)) params.append("weekday", String(weekday));
  if (filters.time) params.set("time", filters.time);
  for (const lang of unique(filters.languages).sort()) params.append("lang", lang);
  if (filters.remote) params.set("remote", "1");
  if (filters.free) params.set("free", "1");
  const sortAllowed = filters.sort !== "nearest" || Boolean(filters.near);
  if (input.sort && sortAllowed && !(filters.sort === "relevance" && !q) && filters.sort !== defaultSort(q)) {
    params.set("sort", filters.sort);
  }
  if (filters.page > 1) params.set("page", String(Math.min(Math.floor(filters.page), MAX_PAGE)));
  return params;
}

/** "?q=…&page=2", or "" when nothing is set: for hrefs */
export function toSearchString(input: Partial<SearchFilters>): string {
  const query = toSearchParams(input).toString();
  return query ? `?${query}` : "";
}

/** true when a filter that only shifts can satisfy is set (flexible opportunities have none) */
export function hasShiftFilter(filters: SearchFilters) {
  return Boolean(filters.from || filters.to || filters.weekdays.length || filters.time);
}
