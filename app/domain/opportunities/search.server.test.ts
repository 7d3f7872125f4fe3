import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase } from "~db/client.server";
import aargau from "~db/data/aargau.json";
import type { NewOpportunity } from "~db/schema";
import { createOpportunity, createOrganisation, createShift } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { defaultSort, emptySearchFilters, type SearchFilters } from "./search-params";
import { parseSearchParams } from "./search-params.server";
import {
  countOpenByGemeinde,
  resolveNear,
  searchOpportunities,
  searchOpportunitiesWithMap,
  validateSearchFilters,
} from "./search.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

/**
 * A made-up word no other row contains (on PostgreSQL other test files write to the same tables): letters only,
 * so the German parser keeps it one word.
 */
function uniqueWord() {
  const letters = randomUUID()
    .replace(/-/g, "")
    .slice(0, 10)
    .replace(/\d/g, (d) => "ghijklmnop"[Number(d)]);
  return `quor${letters}`;
}

/** a language code nobody else uses: scopes a search without a text (search functions take filters as given) */
function uniqueLanguage() {
  return `x-${randomUUID().slice(0, 8)}`;
}

function filters(partial: Partial<SearchFilters>): SearchFilters {
  const q = partial.q ?? null;
  return { ...emptySearchFilters(), ...partial, sort: partial.sort ?? defaultSort(q) };
}

async function ids(partial: Partial<SearchFilters>, pageSize = 50) {
  const result = await searchOpportunities({ filters: filters(partial), locale: "de", pageSize });
  return result.items.map((item) => item.id);
}

const DAY = 24 * 3600 * 1000;

/** a shift of two hours (the factory's default end would lie before a later start) */
function shiftAt(opportunityId: number, start: Date | string, places = 4) {
  const startsAt = new Date(start);
  return createShift({ opportunity_id: opportunityId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 2 * 3600 * 1000), places });
}
const inDays = (days: number, hourUtc = 10) => {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d;
};

test("stemming: 'Gespräche' finds a title with 'Gespräch', and the other way round", async () => {
  const w = uniqueWord();
  const singular = await createOpportunity({ title: `Gespräch im Park ${w}` });
  const plural = await createOpportunity({ title: `Gespräche im Park ${w}` });
  expect((await ids({ q: `Gespräche ${w}` })).sort()).toEqual([singular.id, plural.id].sort());
  expect((await ids({ q: `Gespräch ${w}` })).sort()).toEqual([singular.id, plural.id].sort());
  expect((await ids({ q: `gespraech ${w}` })).sort()).toEqual([singular.id, plural.id].sort());
});

test("umlauts folded: 'Zuerich' and 'Zürich' find 'Zürich', 'Strasse' and 'Straße' find each other", async () => {
  const w = uniqueWord();
  const zurich = await createOpportunity({ title: `Ausflug nach Zürich ${w}` });
  const strasse = await createOpportunity({ title: `Fest auf der Straße ${w}` });
  const strasse2 = await createOpportunity({ title: `Fest auf der Strasse ${w}` });
  expect(await ids({ q: `Zuerich ${w}` })).toEqual([zurich.id]);
  expect(await ids({ q: `Zürich ${w}` })).toEqual([zurich.id]);
  expect((await ids({ q: `Strasse ${w}` })).sort()).toEqual([strasse.id, strasse2.id].sort());
  expect((await ids({ q: `Straße ${w}` })).sort()).toEqual([strasse.id, strasse2.id].sort());
});

test("the title weighs more than the description", async () => {
  const w = uniqueWord();
  // the description one is older and has the lower id: only the rank can put the title one first
  const inDescription = await createOpportunity({ title: "Lesestunde", description: `Wir lesen ${w} gemeinsam.`, published_at: new Date() });
  const inTitle = await createOpportunity({ title: `Lesestunde ${w}`, description: "Wir lesen gemeinsam.", published_at: new Date(Date.now() - DAY) });
  const inSummary = await createOpportunity({ title: "Lesestunde", summary: `Mit ${w}.`, description: "Wir lesen.", published_at: new Date() });
  expect(await ids({ q: w })).toEqual([inTitle.id, inSummary.id, inDescription.id]);
});

test("the prefix of the last word: 'Konversation' finds 'Konversationsgruppe'; operators in the text are harmless", async () => {
  const w = uniqueWord();
  const o = await createOpportunity({ title: `Konversationsgruppe ${w}` });
  expect(await ids({ q: `${w} Konversation` })).toEqual([o.id]);
  expect(await ids({ q: `${w} Konv` })).toEqual([o.id]);
  // not in quotes or negated: those keep their websearch meaning
  expect(await ids({ q: `${w} "Konversation"` })).toEqual([]);
  expect(await ids({ q: `${w} -Konversationsgruppe` })).toEqual([]);
  for (const q of [`${w} & | ! :* ( ) ' \\`, `${w} Konv:*`, `${w} or`, `"${w}`, "''", "!!!", ":*", "-"]) {
    await expect(searchOpportunities({ filters: filters({ q }), locale: "de" })).resolves.toBeDefined();
  }
});

test("a Unicode dash is no exclusion: 'Deutsch – Treff' finds 'Deutsch-Treff am Abend' as 'Deutsch Treff' does; the ASCII '-' still excludes", async () => {
  const w = uniqueWord();
  const o = await createOpportunity({ title: `Deutsch-Treff am Abend ${w}` });
  expect(await ids({ q: `Deutsch Treff ${w}` })).toEqual([o.id]);
  expect(await ids({ q: `Deutsch – Treff ${w}` })).toEqual([o.id]);
  expect(await ids({ q: `${w} Deutsch – Treff` })).toEqual([o.id]);
  // hyphens U+2010/2011, figure dash, en dash, em dash, horizontal bar, minus sign; spaced or not
  const found: Record<string, number[]> = {};
  for (const dash of ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212"]) {
    for (const q of [`Deutsch ${dash} Treff ${w}`, `Deutsch ${dash}Treff ${w}`, `Deutsch${dash}Treff ${w}`]) found[q] = await ids({ q });
  }
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((q) => [q, [o.id]])));
  expect(await ids({ q: `Deutsch-Treff ${w}` })).toEqual([o.id]);
  expect(await ids({ q: `Deutsch -Treff ${w}` })).toEqual([]);
});

function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}
const gemeinde = (bfsNr: number) => aargau.gemeinden.find((g) => g.bfs_nr === bfsNr)!;

test("radius: distances between Gemeinde centroids, as computed from db/data/aargau.json", async () => {
  const w = uniqueWord();
  const aarau = await createOpportunity({ title: `Treffpunkt ${w}`, bfs_nr: 4001 });
  const baden = await createOpportunity({ title: `Treffpunkt ${w}`, bfs_nr: 4021 });
  const aarauToBiberstein = haversineKm(gemeinde(4001), gemeinde(4002));
  const aarauToBaden = haversineKm(gemeinde(4001), gemeinde(4021));
  expect(aarauToBiberstein).toBeLessThan(10);
  expect(aarauToBaden).toBeGreaterThan(5);

  expect(await ids({ q: w, near: "4002", radius: 10 })).toEqual([aarau.id]);
  expect(await ids({ q: w, near: "4021", radius: 5 })).toEqual([baden.id]);
  expect(await ids({ q: w, near: "4021", radius: Math.ceil(aarauToBaden) })).toHaveLength(2);

  const nearest = await searchOpportunities({ filters: filters({ q: w, near: "4002", radius: 50, sort: "nearest" }), locale: "de" });
  expect(nearest.items.map((i) => i.id)).toEqual([aarau.id, baden.id]);
  expect(nearest.items[0].distanceKm).toBeCloseTo(aarauToBiberstein, 1);
  expect(nearest.items[1].distanceKm).toBeCloseTo(haversineKm(gemeinde(4002), gemeinde(4021)), 1);
  expect(nearest.near).toMatchObject({ bfsNr: 4002, name: "Biberstein" });
});

test("near: a postcode resolves to its main Gemeinde (5000 → Aarau), names and localities too", async () => {
  expect(await resolveNear("5000")).toMatchObject({ bfsNr: 4001, name: "Aarau" });
  expect(await resolveNear("4001")).toMatchObject({ bfsNr: 4001 });
  // 4310 is both Rheinfelden's postcode and Koblenz's BFS number: people type postcodes
  expect(await resolveNear("4310")).toMatchObject({ name: "Rheinfelden" });
  expect(await resolveNear("baden")).toMatchObject({ bfsNr: 4021 });
  expect(await resolveNear("Wohlen")).toMatchObject({ name: "Wohlen (AG)" });
  expect(await resolveNear("Wildegg")).toMatchObject({ name: "Möriken-Wildegg" });
  expect(await resolveNear("Zuerich")).toBeNull();
  expect(await resolveNear("9999")).toBeNull();

  const w = uniqueWord();
  const o = await createOpportunity({ title: `Treffpunkt ${w}`, bfs_nr: 4001 });
  const result = await searchOpportunities({ filters: parseSearchParams(new URLSearchParams(`q=${w}&near=5000&radius=1`)).filters, locale: "de" });
  expect(result.items.map((i) => i.id)).toEqual([o.id]);
  expect(result.items[0].distanceKm).toBe(0);
});

test("an unknown place or region is dropped with a message by validateSearchFilters, and matches nothing in the search", async () => {
  const w = uniqueWord();
  await createOpportunity({ title: `Treffpunkt ${w}` });
  const { filters: checked, problems, near } = await validateSearchFilters({
    filters: filters({ q: w, near: "Atlantis", region: "no-such-region", sort: "nearest" }),
  });
  expect(problems).toEqual({ near: "search.problems.near", region: "search.problems.region" });
  expect(checked).toMatchObject({ near: null, region: null, sort: "relevance" });
  expect(near).toBeNull();
  expect(await ids({ q: w, near: "Atlantis" })).toEqual([]);
  expect(await ids({ q: w, region: "no-such-region" })).toEqual([]);
  expect(await ids(checked)).toHaveLength(1);
});

test("combined filters: category + language + text", async () => {
  const w = uniqueWord();
  const org = await createOrganisation();
  const base: Partial<NewOpportunity> = { organisation_id: org.id, title: `Atelier ${w}`, category_id: "atelier" };
  const helpful = await createOpportunity({ ...base, languages_helpful: ["ti", "ar"] });
  const required = await createOpportunity({ ...base, languages_required: ["ti"] });
  await createOpportunity({ ...base, category_id: "treffpunkt", languages_helpful: ["ti"] });
  await createOpportunity({ ...base, languages_helpful: ["ar"] });
  await createOpportunity({ ...base, title: "Atelier", languages_helpful: ["ti"] });
  expect((await ids({ q: w, categories: ["atelier"], languages: ["ti"] })).sort()).toEqual([helpful.id, required.id].sort());
  expect((await ids({ q: w, categories: ["atelier", "treffpunkt"], languages: ["ti"] })).length).toBe(3);
  expect(await ids({ q: w, categories: ["kinderbetreuung"] })).toEqual([]);
});

/** the n-th Tuesday of a month (1-based), as "YYYY-MM-DD" */
function nthTuesday(year: number, month: number, n: number) {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (2 - first.getUTCDay() + 7) % 7;
  return new Date(Date.UTC(year, month - 1, 1 + offset + 7 * (n - 1))).toISOString().slice(0, 10);
}

test("weekday and time of day in Zurich time, across the change to summer time", async () => {
  const w = uniqueWord();
  const year = new Date().getUTCFullYear() + 1;
  // the second Tuesday of March is winter time (UTC+1), of April summer time (UTC+2): both 18:30 in Zurich
  const march = nthTuesday(year, 3, 2);
  const april = nthTuesday(year, 4, 2);
  const evening = await createOpportunity({ title: `Abendtreff ${w}`, schedule_kind: "recurring", total_places: null });
  await createShift({ opportunity_id: evening.id, starts_at: `${march}T18:30:00+01:00`, ends_at: `${march}T20:00:00+01:00` });
  await createShift({ opportunity_id: evening.id, starts_at: `${april}T18:30:00+02:00`, ends_at: `${april}T20:00:00+02:00` });
  // 16:30 in Zurich (14:30 UTC in summer): afternoon
  const afternoon = await createOpportunity({ title: `Nachmittag ${w}`, schedule_kind: "one_off", total_places: null });
  await createShift({ opportunity_id: afternoon.id, starts_at: `${april}T16:30:00+02:00`, ends_at: `${april}T18:00:00+02:00` });
  // Tuesday 00:30 in Zurich is still Monday in UTC
  const night = await createOpportunity({ title: `Nachtcafe ${w}`, schedule_kind: "one_off", total_places: null });
  await createShift({ opportunity_id: night.id, starts_at: `${march}T00:30:00+01:00`, ends_at: `${march}T02:00:00+01:00` });
  const flexible = await createOpportunity({ title: `Flexibel ${w}`, schedule_kind: "flexible", total_places: 3 });

  expect(await ids({ q: w, weekdays: [2], time: "evening" })).toEqual([evening.id]);
  expect((await ids({ q: w, weekdays: [2] })).sort()).toEqual([evening.id, afternoon.id, night.id].sort());
  expect(await ids({ q: w, weekdays: [1] })).toEqual([]);
  expect(await ids({ q: w, time: "afternoon" })).toEqual([afternoon.id]);
  expect(await ids({ q: w, time: "morning" })).toEqual([night.id]);
  // without a shift filter the flexible one is there too
  expect((await ids({ q: w })).sort()).toEqual([evening.id, afternoon.id, night.id, flexible.id].sort());

  // dates are Zurich days; the next shift shown is the next one that matches
  const inMarch = await searchOpportunities({ filters: filters({ q: w, weekdays: [2], time: "evening", from: march, to: march }), locale: "de" });
  expect(inMarch.items.map((i) => i.nextStart?.toISOString())).toEqual([new Date(`${march}T17:30:00Z`).toISOString()]);
  const inApril = await searchOpportunities({ filters: filters({ q: w, time: "evening", from: april }), locale: "de" });
  expect(inApril.items.map((i) => i.nextStart?.toISOString())).toEqual([new Date(`${april}T16:30:00Z`).toISOString()]);
  expect(await ids({ q: w, from: march, to: march, time: "evening" })).toEqual([evening.id]);
});

test("pagination is stable and complete with many equal ranks, for every sort", async () => {
  const w = uniqueWord();
  const language = uniqueLanguage();
  const org = await createOrganisation();
  const created: number[] = [];
  const sameStart = inDays(3);
  const publishedAt = new Date(Date.now() - DAY);
  for (let i = 0; i < 23; i++) {
    const flexible = i % 5 === 0;
    const o = await createOpportunity({
      organisation_id: org.id,
      title: `Gruppe ${w}`,
      languages_helpful: [language],
      schedule_kind: flexible ? "flexible" : "recurring",
      total_places: flexible ? 4 : null,
      published_at: publishedAt,
    });
    if (!flexible) {
      // equal next starts for most, a few earlier ones, each with a later second shift
      await shiftAt(o.id, i % 4 === 0 ? inDays(2) : sameStart);
      await shiftAt(o.id, inDays(10 + i));
    }
    created.push(o.id);
  }
  const cases: Partial<SearchFilters>[] = [
    { q: w },
    { q: w, sort: "newest" },
    { q: w, sort: "soonest" },
    // without a text: the "soonest" walk over the shifts, then its fallback for the last page
    { languages: [language] },
    { languages: [language], sort: "newest" },
    { languages: [language], near: "4001", radius: 1, sort: "nearest" },
  ];
  for (const partial of cases) {
    const seen: number[] = [];
    let pageCount = 0;
    for (let page = 1; page <= 3; page++) {
      const result = await searchOpportunities({ filters: filters({ ...partial, page }), locale: "de", pageSize: 10 });
      expect(result.total).toBe(23);
      pageCount = result.pageCount;
      seen.push(...result.items.map((i) => i.id));
    }
    expect(pageCount).toBe(3);
    expect(new Set(seen).size).toBe(23);
    expect([...seen].sort()).toEqual([...created].sort());
    // one page of 23 in the same order as the three pages
    expect(await ids({ ...partial }, 30)).toEqual(seen);
  }
  // soonest: the earlier ones first, then by id; flexible ones last
  const soonest = await searchOpportunities({ filters: filters({ languages: [language] }), locale: "de", pageSize: 30 });
  const dated = soonest.items.filter((i) => i.nextStart);
  expect(soonest.items.slice(dated.length).every((i) => i.nextStart === null)).toBe(true);
  const keys = dated.map((i) => [i.nextStart!.getTime(), i.id]);
  expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  expect(await searchOpportunities({ filters: filters({ languages: [language], page: 4 }), locale: "de", pageSize: 10 })).toMatchObject({
    total: 23,
    items: [],
  });
});

test("drafts, submitted, rejected and archived opportunities never appear, nor count on the map", async () => {
  const w = uniqueWord();
  const published = await createOpportunity({ title: `Sichtbar ${w}`, bfs_nr: 4082 });
  for (const status of ["draft", "submitted", "changes_requested", "rejected"] as const) {
    await createOpportunity({ title: `Sichtbar ${w}`, bfs_nr: 4082, status, published_at: null });
  }
  await createOpportunity({ title: `Sichtbar ${w}`, bfs_nr: 4082, status: "archived", published_at: new Date(), archived_at: new Date() });
  const result = await searchOpportunities({ filters: filters({ q: w }), locale: "de" });
  expect(result.items.map((i) => i.id)).toEqual([published.id]);
  expect(result.total).toBe(1);
  expect(await countOpenByGemeinde({ filters: filters({ q: w }) })).toEqual(new Map([[4082, 1]]));
});

test("the map counts follow every filter except the Gemeinde itself", async () => {
  const w = uniqueWord();
  await createOpportunity({ title: `Karte ${w}`, bfs_nr: 4001 });
  await createOpportunity({ title: `Karte ${w}`, bfs_nr: 4001 });
  await createOpportunity({ title: `Karte ${w}`, bfs_nr: 4021, location_mode: "remote" });
  expect(await countOpenByGemeinde({ filters: filters({ q: w, gemeinden: [4001] }) })).toEqual(new Map([[4001, 2], [4021, 1]]));
  expect(await countOpenByGemeinde({ filters: filters({ q: w, remote: true }) })).toEqual(new Map([[4021, 1]]));
  expect(await ids({ q: w, gemeinden: [4021] })).toHaveLength(1);
  // the list page's combined call: the total follows from the counts
  const page = await searchOpportunitiesWithMap({ filters: filters({ q: w, gemeinden: [4001] }), locale: "de" });
  expect(page.total).toBe(2);
  expect(page.items).toHaveLength(2);
  expect(page.counts).toEqual(new Map([[4001, 2], [4021, 1]]));
  expect((await searchOpportunitiesWithMap({ filters: filters({ q: w }), locale: "de" })).total).toBe(3);
  expect((await searchOpportunitiesWithMap({ filters: filters({ q: w, gemeinden: [4001, 4021, 4002] }), locale: "de" })).total).toBe(3);
  const all = await countOpenByGemeinde();
  expect(all.get(4001)).toBeGreaterThanOrEqual(2);
});

test("items: organisation, Gemeinde, category in the user's language, next shift and places; remote and free filters", async () => {
  const w = uniqueWord();
  const org = await createOrganisation({ name: `Verein ${w}`, bfs_nr: 4201 });
  const withShift = await createOpportunity({
    organisation_id: org.id,
    title: `Lernhilfe ${w}`,
    bfs_nr: 4201,
    category_id: "lern-und-aufgabenhilfe",
    schedule_kind: "one_off",
    total_places: null,
    location_mode: "both",
  });
  await shiftAt(withShift.id, inDays(-2));
  const next = await shiftAt(withShift.id, inDays(5), 6);
  await shiftAt(withShift.id, inDays(12), 2);
  const noPlaces = await createOpportunity({ organisation_id: org.id, title: `Ohne Plaetze ${w}`, schedule_kind: "flexible", total_places: null });
  const pastOnly = await createOpportunity({ organisation_id: org.id, title: `Vorbei ${w}`, schedule_kind: "one_off", total_places: null });
  await shiftAt(pastOnly.id, inDays(-3));

  const [en] = (await searchOpportunities({ filters: filters({ q: `Lernhilfe ${w}` }), locale: "en" })).items;
  expect(en).toMatchObject({
    id: withShift.id,
    organisationName: `Verein ${w}`,
    organisationSlug: org.slug,
    gemeindeName: "Lenzburg",
    bfsNr: 4201,
    categoryId: "lern-und-aufgabenhilfe",
    categoryLabel: "Learning and homework help",
    locationMode: "both",
    places: { total: 6, free: 6 },
    distanceKm: null,
  });
  expect(en.nextStart?.toISOString()).toBe(new Date(next.starts_at).toISOString());
  const [de] = (await searchOpportunities({ filters: filters({ q: `Lernhilfe ${w}` }), locale: "de" })).items;
  expect(de.categoryLabel).toBe("Lern- und Aufgabenhilfe");

  expect(await ids({ q: w, remote: true })).toEqual([withShift.id]);
  expect(await ids({ q: w, free: true })).toEqual([withShift.id]);
  expect((await ids({ q: w })).sort()).toEqual([withShift.id, noPlaces.id, pastOnly.id].sort());
});
