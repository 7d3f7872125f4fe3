/**
 * Parsing the search query of /opportunities from URL parameters (server only: the zod schemas stay off the
 * client). Parsing never throws: an invalid or unknown value is dropped and reported under its parameter as an
 * i18n key, numbers are clamped. The filters' shape and the canonical writer are in the pure search-params.ts.
 */
import { z } from "zod";
import {
  CATEGORY_IDS,
  clamp,
  defaultSort,
  emptySearchFilters,
  MAX_PAGE,
  PROBLEM,
  Q_MAX_LENGTH,
  RADIUS_MAX_KM,
  RADIUS_MIN_KM,
  SEARCH_SORTS,
  TIMES_OF_DAY,
  unique,
  type SearchFilters,
  type SearchProblems,
} from "./search-params";

// --- one zod schema per parameter; each gets one raw string ---------------------------------------------------

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const [y, m, d] = value.split("-").map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return y >= 2000 && y <= 2100 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  });

/** control characters never belong in a search; they would only confuse the tsquery parser and the logs */
function withoutControlCharacters(value: string) {
  return [...value].map((c) => (c.charCodeAt(0) < 32 || (c.charCodeAt(0) >= 127 && c.charCodeAt(0) < 160) ? " " : c)).join("");
}

const flag = z.enum(["1", "true", "on"]).transform(() => true);

export const searchParamSchemas = {
  q: z.string().transform((value) => withoutControlCharacters(value).replace(/\s+/g, " ").trim()),
  category: z.enum(CATEGORY_IDS),
  gemeinde: z.string().regex(/^\d{4}$/).transform(Number).pipe(z.number().int().min(4001).max(4399)),
  region: z.string().trim().toLowerCase().max(80).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  near: z
    .string()
    .transform((value) => value.replace(/\s+/g, " ").trim())
    .pipe(z.union([z.string().regex(/^\d{4}$/), z.string().max(60).regex(/^\p{L}[\p{L}\p{M} .'’()-]*$/u)])),
  radius: z.string().trim().regex(/^\d+([.,]\d+)?$/).transform((value) => Number(value.replace(",", "."))),
  from: isoDate,
  to: isoDate,
  weekday: z.string().trim().regex(/^[1-7]$/).transform(Number),
  time: z.enum(TIMES_OF_DAY),
  lang: z.string().trim().toLowerCase().regex(/^[a-z]{2,3}$/),
  remote: flag,
  free: flag,
  sort: z.enum(SEARCH_SORTS),
  page: z.string().trim().regex(/^\d{1,9}$/).transform(Number),
} as const;

type ParamName = keyof typeof searchParamSchemas;

export function parseSearchParams(params: URLSearchParams): { filters: SearchFilters; problems: SearchProblems } {
  const filters = emptySearchFilters();
  const problems: SearchProblems = {};

  /** every non-empty value of a parameter that its schema accepts; a rejected one is reported */
  function all<N extends ParamName>(name: N, problem: string = PROBLEM[name]) {
    const accepted: z.output<(typeof searchParamSchemas)[N]>[] = [];
    for (const raw of params.getAll(name).slice(0, 50)) {
      // an empty field is simply not set: a GET form sends every field
      if (raw.trim() === "") continue;
      const result = searchParamSchemas[name].safeParse(raw);
      if (result.success) accepted.push(result.data as z.output<(typeof searchParamSchemas)[N]>);
      else problems[name] = problem;
    }
    return accepted;
  }
  const first = <N extends ParamName>(name: N) => all(name)[0];

  const q = first("q");
  if (q) {
    if (q.length > Q_MAX_LENGTH) problems.q = PROBLEM.q;
    filters.q = q.slice(0, Q_MAX_LENGTH).trim() || null;
  }

  const categoryOrder = new Map(CATEGORY_IDS.map((id, i) => [id, i]));
  filters.categories = unique(all("category")).sort((a, b) => categoryOrder.get(a)! - categoryOrder.get(b)!);
  filters.gemeinden = unique(all("gemeinde")).sort((a, b) => a - b);
  filters.region = first("region") ?? null;
  filters.near = first("near") ?? null;

  const radius = first("radius");
  // without a place the radius means nothing (the form always sends it): keep the default, report nothing
  if (!filters.near) delete problems.radius;
  else if (radius !== undefined) filters.radius = clamp(Math.round(radius), RADIUS_MIN_KM, RADIUS_MAX_KM);

  filters.from = first("from") ?? null;
  filters.to = first("to") ?? null;
  if (filters.from && filters.to && filters.to < filters.from) {
    problems.to = PROBLEM.dateOrder;
    filters.to = null;
  }

  filters.weekdays = unique(all("weekday")).sort((a, b) => a - b);
  filters.time = first("time") ?? null;
  filters.languages = unique(all("lang")).sort();
  filters.remote = first("remote") ?? false;
  filters.free = first("free") ?? false;

  const sort = first("sort");
  if (sort === "nearest" && !filters.near) problems.sort = PROBLEM.sortNearest;
  // "relevance" without a text falls back quietly: the select may still say so after the text was cleared
  filters.sort = !sort || (sort === "nearest" && !filters.near) || (sort === "relevance" && !filters.q) ? defaultSort(filters.q) : sort;

  const page = first("page");
  filters.page = page === undefined ? 1 : clamp(page, 1, MAX_PAGE);
  // a bad page number is not worth a message: page 1 is what anybody would want
  delete problems.page;

  return { filters, problems };
}

