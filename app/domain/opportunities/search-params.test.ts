import { expect, test } from "vitest";
import {
  emptySearchFilters,
  MAX_PAGE,
  toSearchParams,
  toSearchString,
  type SearchFilters,
} from "./search-params";
import { parseSearchParams } from "./search-params.server";

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));

test("nothing set: every published opportunity, soonest first, page 1, no problems", () => {
  expect(parse("")).toEqual({ filters: emptySearchFilters(), problems: {} });
  // a GET form sends its empty fields: they are simply not set
  expect(parse("q=&category=&near=&radius=10&from=&to=&time=&region=&sort=")).toEqual({ filters: emptySearchFilters(), problems: {} });
});

test("valid values come out typed, sorted and without duplicates", () => {
  const { filters, problems } = parse(
    "q=  Deutsch   lernen &category=atelier&category=treffpunkt&category=atelier&gemeinde=4021&gemeinde=4001" +
      "&region=rif-region-baden&near=5000&radius=25&from=2027-03-01&to=2027-04-30&weekday=4&weekday=2&weekday=2" +
      "&time=evening&lang=TI&lang=ar&remote=1&free=on&sort=newest&page=3",
  );
  expect(problems).toEqual({});
  expect(filters).toEqual<SearchFilters>({
    q: "Deutsch lernen",
    categories: ["treffpunkt", "atelier"],
    gemeinden: [4001, 4021],
    region: "rif-region-baden",
    near: "5000",
    radius: 25,
    from: "2027-03-01",
    to: "2027-04-30",
    weekdays: [2, 4],
    time: "evening",
    languages: ["ar", "ti"],
    remote: true,
    free: true,
    sort: "newest",
    page: 3,
  });
});

test("garbage in, clean filters out: invalid values are dropped and reported per parameter", () => {
  const { filters, problems } = parse(
    "category=atelier&category=nope&gemeinde=9999&gemeinde=abc&gemeinde=4001&region=Not a slug!&near=<script>" +
      "&radius=far&from=2027-02-30&to=yesterday&weekday=0&weekday=8&weekday=Mo&time=night&lang=german&lang=de" +
      "&remote=yes&free=2&sort=random&page=-4",
  );
  expect(filters).toEqual<SearchFilters>({ ...emptySearchFilters(), categories: ["atelier"], gemeinden: [4001], languages: ["de"] });
  expect(problems).toEqual({
    category: "search.problems.category",
    gemeinde: "search.problems.gemeinde",
    region: "search.problems.region",
    near: "search.problems.near",
    from: "search.problems.date",
    to: "search.problems.date",
    weekday: "search.problems.weekday",
    time: "search.problems.time",
    lang: "search.problems.lang",
    remote: "search.problems.flag",
    free: "search.problems.flag",
    sort: "search.problems.sort",
  });
});

test("never throws, whatever arrives", () => {
  const nasty = [
    "q=%00%01%02",
    "q=" + "x".repeat(10_000),
    "page=99999999999999999999",
    "radius=1e309",
    "near=" + "A".repeat(500),
    "q=!!!&q=:*&q='&q=\\",
    "category=__proto__&category=constructor",
    "from=0000-00-00&to=9999-99-99",
    "%E0%A4%A=broken",
    Array.from({ length: 500 }, (_, i) => `weekday=${i}`).join("&"),
  ];
  for (const query of nasty) expect(() => parse(query)).not.toThrow();
  expect(parse("q=%00a%01b").filters.q).toBe("a b");
  expect(parse("category=__proto__").filters.categories).toEqual([]);
});

test("numbers are clamped: radius 1–100 km (only with a place), page 1–MAX_PAGE", () => {
  expect(parse("near=5000&radius=0").filters.radius).toBe(1);
  expect(parse("near=5000&radius=500").filters.radius).toBe(100);
  expect(parse("near=5000&radius=7,6").filters.radius).toBe(8);
  expect(parse("radius=50").filters.radius).toBe(10);
  expect(parse("radius=far").problems).toEqual({});
  expect(parse("page=0").filters.page).toBe(1);
  expect(parse("page=123456").filters.page).toBe(MAX_PAGE);
  expect(parse("page=abc")).toEqual({ filters: emptySearchFilters(), problems: {} });
});

test("the text is trimmed to 200 characters, with a message", () => {
  const { filters, problems } = parse(`q=${"Deutsch ".repeat(40)}`);
  expect(filters.q!.length).toBeLessThanOrEqual(200);
  expect(filters.q!.startsWith("Deutsch Deutsch")).toBe(true);
  expect(problems).toEqual({ q: "search.problems.qTooLong" });
});

test("near takes a postcode, a BFS number or a place name", () => {
  expect(parse("near=5000").filters.near).toBe("5000");
  expect(parse("near=4021").filters.near).toBe("4021");
  expect(parse("near=  Buchs   (AG) ").filters.near).toBe("Buchs (AG)");
  expect(parse("near=Möriken-Wildegg").filters.near).toBe("Möriken-Wildegg");
  expect(parse("near=50000").problems).toEqual({ near: "search.problems.near" });
});

test("dates: real calendar days only, and the end not before the start", () => {
  expect(parse("from=2028-02-29").filters.from).toBe("2028-02-29");
  expect(parse("from=2027-02-29").problems).toEqual({ from: "search.problems.date" });
  const { filters, problems } = parse("from=2027-05-01&to=2027-04-01");
  expect(filters.from).toBe("2027-05-01");
  expect(filters.to).toBeNull();
  expect(problems).toEqual({ to: "search.problems.dateOrder" });
});

test("sort: relevance by default with a text, else soonest; nearest needs a place", () => {
  expect(parse("q=Deutsch").filters.sort).toBe("relevance");
  expect(parse("").filters.sort).toBe("soonest");
  expect(parse("sort=relevance").filters.sort).toBe("soonest");
  expect(parse("q=Deutsch&sort=soonest").filters.sort).toBe("soonest");
  expect(parse("near=5000&sort=nearest").filters.sort).toBe("nearest");
  expect(parse("sort=nearest")).toEqual({ filters: emptySearchFilters(), problems: { sort: "search.problems.sortNearest" } });
});

test("canonical parameters: fixed order, defaults left out, and parsing them gives the same filters back", () => {
  const queries = [
    "",
    "q=Deutsch",
    "q=Deutsch&sort=soonest",
    "page=2&lang=ar&q=Konversation%20am%20Abend&category=atelier&category=treffpunkt",
    "near=Baden&radius=10&sort=nearest",
    "near=5000&radius=30&free=1&remote=1&weekday=7&weekday=1&time=morning&from=2027-01-01&to=2027-12-31",
    "gemeinde=4021&gemeinde=4001&region=rif-freiamt&sort=newest",
    "radius=50&sort=relevance&page=1",
  ];
  for (const query of queries) {
    const first = parse(query).filters;
    const canonical = toSearchParams(first);
    const again = parseSearchParams(canonical);
    expect(again.problems).toEqual({});
    expect(again.filters).toEqual(first);
    expect(toSearchParams(again.filters).toString()).toBe(canonical.toString());
  }
  expect(toSearchParams(parse("page=2&lang=ar&q=Konversation&category=atelier&category=treffpunkt").filters).toString()).toBe(
    "q=Konversation&category=treffpunkt&category=atelier&lang=ar&page=2",
  );
  expect(toSearchParams(parse("near=5000&radius=10").filters).toString()).toBe("near=5000");
  expect(toSearchParams(parse("radius=50&sort=relevance&page=1").filters).toString()).toBe("");
});

test("links from partial filters: one Gemeinde, a page, a dropped filter", () => {
  expect(toSearchString({ gemeinden: [4001] })).toBe("?gemeinde=4001");
  expect(toSearchString({})).toBe("");
  expect(toSearchString({ q: "Deutsch", page: 2 })).toBe("?q=Deutsch&page=2");
  const filters = parse("q=Deutsch&category=atelier&weekday=2").filters;
  expect(toSearchString({ ...filters, categories: [] })).toBe("?q=Deutsch&weekday=2");
  expect(toSearchString({ ...filters, gemeinden: [4021], page: 1 })).toBe("?q=Deutsch&category=atelier&gemeinde=4021&weekday=2");
});
