/** The small translator gives what i18next gave for every key of both locales (plurals, interpolation). */
import { createInstance } from "i18next";
import { expect, test } from "vitest";
import de from "./de.json";
import en from "./en.json";
import { createTranslator, mergeTexts, pickTexts, type Texts } from "./translate";

function keysOf(texts: Texts, prefix = ""): string[] {
  return Object.entries(texts).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

for (const [locale, texts] of [["de", de], ["en", en]] as const) {
  test(`${locale}: every key as i18next translates it, with counts 0, 1, 2 and values`, () => {
    const i18n = createInstance();
    void i18n.init({ lng: locale, resources: { [locale]: { translation: texts } }, interpolation: { escapeValue: false }, initAsync: false, showSupportNotice: false } as never);
    const t = createTranslator(locale, texts as unknown as Texts);
    const keys = [...new Set(keysOf(texts as unknown as Texts).map((key) => key.replace(/_(zero|one|other)$/, "")))];
    expect(keys.length).toBeGreaterThan(500);
    const values = { name: "Anna", count: 2, minimum: 3, maximum: 9, score: 80, km: 4, date: "1.2.2027", title: "Treff" };
    const differences: string[] = [];
    for (const key of keys) {
      for (const options of [values, { ...values, count: 0 }, { ...values, count: 1 }]) {
        const ours = t(key, options);
        const theirs = i18n.t(key, options);
        if (ours !== theirs) differences.push(`${key} (${options.count}): ${ours} ≠ ${theirs}`);
      }
    }
    expect(differences).toEqual([]);
  });
}

test("a missing key is itself (and reported), a defaultValue is used instead", () => {
  const missing: string[] = [];
  const t = createTranslator("de", { a: { b: "B {{x}}" } }, (key) => missing.push(key));
  expect(t("a.b", { x: 1 })).toBe("B 1");
  expect(t("a.c")).toBe("a.c");
  expect(t("a.c", { defaultValue: "D" })).toBe("D");
  expect(missing).toEqual(["a.c"]);
});

test("pick and merge sub-trees", () => {
  const texts = { a: { b: "1", c: "2" }, d: { e: "3" } };
  expect(pickTexts(texts, ["a.b", "d", "x.y"])).toEqual({ a: { b: "1" }, d: { e: "3" } });
  expect(mergeTexts({ a: { b: "1" } }, { a: { c: "2" } })).toEqual({ a: { b: "1", c: "2" } });
});
