import { expect, test } from "vitest";
import { MAX_FORGIVING_WORDS, forgivingTerms, shortestOnly } from "./search-terms";

test("plain words of three or more letters, lower-cased, each once; umlauts stay for the database's fold", () => {
  expect(forgivingTerms("Deutsh Kurs am Abend")).toEqual({ words: ["deutsh", "kurs", "abend"], excluded: [], phrases: [] });
  expect(forgivingTerms("Gespräch gespräch GESPRÄCH")).toEqual({ words: ["gespräch"], excluded: [], phrases: [] });
  expect(forgivingTerms("Zürich")).toEqual({ words: ["zürich"], excluded: [], phrases: [] });
});

test("punctuation and tsquery operators separate words and never reach a word", () => {
  expect(forgivingTerms("Deutschkurs-Begleitung & | ! :* ( ) ' \\ 5000").words).toEqual(["deutschkurs", "begleitung", "5000"]);
  expect(forgivingTerms("Kochen or Velo").words).toEqual(["kochen", "velo"]);
  expect(forgivingTerms("''")).toEqual({ words: [], excluded: [], phrases: [] });
  expect(forgivingTerms("-")).toEqual({ words: [], excluded: [], phrases: [] });
});

test("a leading ASCII '-' excludes its word (as websearch reads it); a hyphen inside a word does not", () => {
  expect(forgivingTerms("Deutsch -Treff")).toEqual({ words: ["deutsch"], excluded: ["treff"], phrases: [] });
  expect(forgivingTerms("Deutsch-Treff")).toEqual({ words: ["deutsch", "treff"], excluded: [], phrases: [] });
  // the excluded word is the first one after the "-", even when it is too short to match loosely
  expect(forgivingTerms("Velo -ab-kurs")).toEqual({ words: ["velo", "kurs"], excluded: [], phrases: [] });
});

test("quoted text is a phrase, not forgiven; an unclosed quote runs to the end", () => {
  expect(forgivingTerms('Treff "Deutsch am Abend" Aarau')).toEqual({ words: ["treff", "aarau"], excluded: [], phrases: ["Deutsch am Abend"] });
  expect(forgivingTerms('Treff "Konversation')).toEqual({ words: ["treff"], excluded: [], phrases: ["Konversation"] });
  expect(forgivingTerms('Treff "" ').phrases).toEqual([]);
});

test(`at most ${MAX_FORGIVING_WORDS} words`, () => {
  expect(forgivingTerms("eins zwei drei vier fünf sechs sieben acht").words).toHaveLength(MAX_FORGIVING_WORDS);
});

test("similar words: those containing another one go (their listings are found anyway), the order stays", () => {
  expect(shortestOnly(["deutsch", "deutschkurs", "deutschkursen", "deutlich", "deutschlernen"])).toEqual(["deutsch", "deutlich"]);
  expect(shortestOnly(["kurse", "kurs", "velokurs", "lesen"])).toEqual(["kurs", "lesen"]);
  expect(shortestOnly([])).toEqual([]);
});
