import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import type { NewOpportunity } from "~db/schema";
import { createOpportunity } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { defaultSort, emptySearchFilters } from "./search-params";
import { countOpenByGemeinde, FORGIVING_BELOW, searchOpportunities, searchOpportunitiesWithMap } from "./search.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

/**
 * On PostgreSQL other test files write to the same tables, and forgiving words like "Kurs" find their rows too:
 * every search here is scoped by a language code nobody else uses (the language filter).
 */
function uniqueLanguage() {
  return `x-${randomUUID().slice(0, 8)}`;
}

/** a made-up word (letters only, so the stemmer and the trigrams see one word) nobody else uses */
function uniqueWord() {
  const letters = Array.from(randomUUID().replace(/-/g, "").slice(0, 8), (c) => String.fromCharCode(97 + parseInt(c, 16)));
  return `quokka${letters.join("")}`;
}

const DAY = 24 * 3600 * 1000;

/** a listing that contains none of the words searched for here, except what the test gives it */
function listing(language: string, overrides: Partial<NewOpportunity>) {
  return createOpportunity({
    title: "Spielnachmittag",
    summary: "Wir spielen zusammen.",
    description: "Jeden Mittwoch.",
    category_id: "andere",
    ...overrides,
    languages_helpful: [language, ...(overrides.languages_helpful ?? [])],
  });
}

async function ids(q: string, language: string) {
  const result = await searchOpportunities({
    filters: { ...emptySearchFilters(), q, sort: defaultSort(q), languages: [language] },
    locale: "de",
    pageSize: 50,
  });
  return result.items.map((item) => item.id);
}

test("the folds: strict (ü → ue, the full text's) and loose (ü → u), both in the search text", async () => {
  const { rows } = await sql<{ loose: string; both: string; plain: string }>`
    select mitenand_fold_loose('Zürich, Gespräch, Strasse, Straße, Café, ÄÖÜ') as loose,
      mitenand_fold_both('Gespräch in Zürich') as both, mitenand_fold_both('Velo Kurs') as plain`.execute(db);
  expect(rows[0]).toEqual({
    loose: "zurich, gesprach, strasse, strasse, cafe, aou",
    both: "gespraech in zuerich gesprach in zurich",
    plain: "velo kurs",
  });
});

test("a typo: 'Deutsh' finds 'Deutsch'", async () => {
  const lang = uniqueLanguage();
  const found = await listing(lang, { title: "Deutsch am Abend" });
  await listing(lang, { title: "Dessert backen" });
  expect(await ids("Deutsh", lang)).toEqual([found.id]);
  expect(await ids("deutsh treff", lang)).toEqual([]);
});

test("part of a compound: 'Kurs' finds 'Deutschkurs', ranked below a listing with the word itself", async () => {
  const lang = uniqueLanguage();
  // the compound one is newer: only the rank can put the exact one first
  const exact = await listing(lang, { title: "Kurs für Velofahrerinnen", published_at: new Date(Date.now() - 2 * DAY) });
  const compound = await listing(lang, { title: "Deutschkurs für Anfängerinnen", published_at: new Date() });
  await listing(lang, { title: "Kuchen backen" });
  expect(await ids("Kurs", lang)).toEqual([exact.id, compound.id]);
  // also in the keywords
  const tagged = await listing(lang, { title: "Treffpunkt", tags: ["Nähkurs"], published_at: new Date(Date.now() - 3 * DAY) });
  expect(await ids("Kurs", lang)).toEqual([exact.id, compound.id, tagged.id]);
});

test("umlauts typed without dots: 'Zurich' finds 'Zürich', 'gesprach' finds 'Gespräch' (and 'Zuerich' still does)", async () => {
  const lang = uniqueLanguage();
  const zurich = await listing(lang, { title: "Ausflug nach Zürich" });
  const gesprach = await listing(lang, { title: "Treffpunkt", summary: "Ein Gespräch unter Nachbarinnen." });
  expect(await ids("Zurich", lang)).toEqual([zurich.id]);
  expect(await ids("Zuerich", lang)).toEqual([zurich.id]);
  expect(await ids("Zürich", lang)).toEqual([zurich.id]);
  expect(await ids("gesprach", lang)).toEqual([gesprach.id]);
  expect(await ids("Gespräch", lang)).toEqual([gesprach.id]);
});

test("English words find German listings by their category's and languages' names: 'German', 'Arabic', 'conversation'", async () => {
  const lang = uniqueLanguage();
  const german = await listing(lang, { title: "Begleitung am Montag", category_id: "deutschkurs-begleitung" });
  const arabic = await listing(lang, { title: "Hausaufgaben", languages_helpful: ["ar"] });
  const conversation = await listing(lang, { title: "Treff am Dienstag", category_id: "konversationsgruppe" });
  await listing(lang, { title: "Garten", languages_helpful: ["fr"] });
  expect(await ids("German", lang)).toEqual([german.id]);
  expect(await ids("Arabic", lang)).toEqual([arabic.id]);
  expect(await ids("conversation", lang)).toEqual([conversation.id]);
  // German names too, and the required languages
  const tigrinya = await listing(lang, { title: "Übersetzen", languages_required: ["ti"] });
  expect(await ids("Tigrinya", lang)).toEqual([tigrinya.id]);
  expect(await ids("Arabisch", lang)).toEqual([arabic.id]);
});

test("exact matches rank first, similar words below them; the map counts and the total include both", async () => {
  const lang = uniqueLanguage();
  // the listing with the word as typed is the older one: only the rank can put it first
  const asTyped = await listing(lang, { title: "Deutsh-Kafi", published_at: new Date(Date.now() - 5 * DAY) });
  const similar = await listing(lang, { title: "Deutsch-Kafi", published_at: new Date() });
  expect(await ids("Deutsh", lang)).toEqual([asTyped.id, similar.id]);
  const q = "Deutsh";
  const result = await searchOpportunitiesWithMap({
    filters: { ...emptySearchFilters(), q, sort: "relevance", languages: [lang] },
    locale: "de",
  });
  expect(result.items.map((item) => item.id)).toEqual([asTyped.id, similar.id]);
  expect(result.total).toBe(2);
  expect([...result.counts.values()].reduce((a, b) => a + b, 0)).toBe(2);
});

test("excluded and quoted words keep their meaning in the forgiving search", async () => {
  const lang = uniqueLanguage();
  const course = await listing(lang, { title: "Deutschkurs am Abend" });
  const treff = await listing(lang, { title: "Deutschkurs und Treff" });
  expect((await ids("Kurs", lang)).sort()).toEqual([course.id, treff.id].sort());
  expect(await ids("Kurs -Treff", lang)).toEqual([course.id]);
  // quoted: exactly that word in the full text, not a part of a compound
  expect(await ids('"Kurs"', lang)).toEqual([]);
  expect(await ids('Abend "Deutschkurs"', lang)).toEqual([course.id]);
});

test("the search text follows edits of title, keywords, category and languages", async () => {
  const lang = uniqueLanguage();
  const o = await listing(lang, { title: "Spielnachmittag" });
  expect(await ids("Velokurs", lang)).toEqual([]);
  await db.updateTable("opportunity").set({ tags: ["Velokurs"] }).where("id", "=", o.id).execute();
  expect(await ids("Velokurs", lang)).toEqual([o.id]);
  await db.updateTable("opportunity").set({ category_id: "kinderbetreuung" }).where("id", "=", o.id).execute();
  expect(await ids("Childcare", lang)).toEqual([o.id]);
  await db.updateTable("opportunity").set({ languages_helpful: [lang, "uk"] }).where("id", "=", o.id).execute();
  expect(await ids("Ukrainian", lang)).toEqual([o.id]);
  await db.updateTable("opportunity").set({ tags: [] }).where("id", "=", o.id).execute();
  expect(await ids("Velokurs", lang)).toEqual([]);
});

test("the forgiving search runs only when the full text finds less than a page; list, total and map agree", async () => {
  const lang = uniqueLanguage();
  const word = uniqueWord();
  const exact = [];
  for (let i = 0; i < FORGIVING_BELOW - 1; i++) exact.push(await listing(lang, { title: `${word} Treff ${i}` }));
  // found only by the forgiving search: the word is part of a compound
  const compound = await listing(lang, { title: `Lern${word}` });
  const filters = { ...emptySearchFilters(), q: word, sort: "relevance" as const, languages: [lang] };
  const below = await searchOpportunitiesWithMap({ filters, locale: "de", pageSize: 50 });
  expect(below.total).toBe(FORGIVING_BELOW);
  expect(below.items.map((item) => item.id).at(-1)).toBe(compound.id);
  expect([...below.counts.values()].reduce((a, b) => a + b, 0)).toBe(FORGIVING_BELOW);

  // one more full-text match: a page of them, the compound one drops out of the list, the total and the map
  exact.push(await listing(lang, { title: `${word} Treff ${FORGIVING_BELOW}` }));
  const page = await searchOpportunitiesWithMap({ filters, locale: "de", pageSize: 50 });
  expect(page.total).toBe(FORGIVING_BELOW);
  expect(page.items.map((item) => item.id).sort()).toEqual(exact.map((o) => o.id).sort());
  expect([...page.counts.values()].reduce((a, b) => a + b, 0)).toBe(FORGIVING_BELOW);
  expect((await searchOpportunities({ filters, locale: "de", pageSize: 50 })).total).toBe(FORGIVING_BELOW);
  expect([...(await countOpenByGemeinde({ filters })).values()].reduce((a, b) => a + b, 0)).toBe(FORGIVING_BELOW);

  // the decision counts the Gemeinde filter, as the list does: in a Gemeinde with less than a page, it forgives
  const elsewhere = await listing(lang, { title: `Lern${word} am See`, bfs_nr: 4082 });
  const inGemeinde = await searchOpportunitiesWithMap({ filters: { ...filters, gemeinden: [4082] }, locale: "de" });
  expect(inGemeinde.items.map((item) => item.id)).toEqual([elsewhere.id]);
  expect(inGemeinde.total).toBe(1);
  expect(inGemeinde.counts.get(4082)).toBe(1);
  expect((await searchOpportunities({ filters: { ...filters, gemeinden: [4082] }, locale: "de" })).total).toBe(1);
});

test("the search words of many listings are remembered once per statement (insert and update)", async () => {
  const { rows: triggers } = await sql<{ name: string; orientation: string }>`
    select trigger_name as name, action_orientation as orientation from information_schema.triggers
    where event_object_table = 'opportunity' and trigger_name like 'opportunity_search_words_%'`.execute(db);
  expect(triggers.map((t) => t.orientation)).toEqual(["STATEMENT", "STATEMENT"]);

  const lang = uniqueLanguage();
  const template = await listing(lang, { title: "Vorlage" });
  const word = uniqueWord();
  await sql`insert into opportunity (organisation_id, title, summary, description, category_id, bfs_nr, schedule_kind,
      total_places, status, published_at, languages_helpful)
    select organisation_id, ${word} || 'eins' || g, summary, description, category_id, bfs_nr, schedule_kind, total_places,
      status, published_at, languages_helpful
    from opportunity, generate_series(1, 3) as g where id = ${template.id}`.execute(db);
  const known = async () =>
    (await sql<{ word: string }>`select word from search_word where word like ${`${word}%`} order by word`.execute(db)).rows.map((r) => r.word);
  expect(await known()).toEqual([1, 2, 3].map((g) => `${word}eins${g}`));
  // an update that leaves the texts alone adds nothing; one that changes them adds the new words
  await sql`update opportunity set total_places = 7 where title like ${`${word}%`}`.execute(db);
  expect(await known()).toHaveLength(3);
  await sql`update opportunity set tags = array[${`${word}zwei`}] where title like ${`${word}%`}`.execute(db);
  expect(await known()).toEqual([...[1, 2, 3].map((g) => `${word}eins${g}`), `${word}zwei`]);
  // and the typo search finds them through those words
  expect((await ids(`${word}zwie`, lang)).length).toBe(3);
});
