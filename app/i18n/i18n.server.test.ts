import { expect, test } from "vitest";
import de from "./de.json";
import en from "./en.json";
import { getFixedT, getLocale, localeCookie, parseAcceptLanguage } from "./i18n.server";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

test("German and English have the same keys", () => {
  expect(keys(en).sort()).toEqual(keys(de).sort());
});

test("German texts use Swiss spelling (no ß)", () => {
  expect(JSON.stringify(de)).not.toContain("ß");
});

test("Accept-Language picks the best supported language", () => {
  expect(parseAcceptLanguage("fr-CH, en;q=0.8, de;q=0.5")).toBe("en");
  expect(parseAcceptLanguage("de-CH,de;q=0.9")).toBe("de");
  expect(parseAcceptLanguage("fr, it")).toBeNull();
  expect(parseAcceptLanguage("en;q=0")).toBeNull();
  expect(parseAcceptLanguage(null)).toBeNull();
});

test("the cookie wins over Accept-Language; German is the default", async () => {
  const cookie = await localeCookie.serialize("en");
  expect(await getLocale(new Request("http://x/", { headers: { Cookie: cookie, "Accept-Language": "de" } }))).toBe("en");
  expect(await getLocale(new Request("http://x/", { headers: { "Accept-Language": "en-GB" } }))).toBe("en");
  expect(await getLocale(new Request("http://x/"))).toBe("de");
  expect(await getLocale(new Request("http://x/", { headers: { Cookie: "lng=garbage" } }))).toBe("de");
});

test("server-side t translates and pluralises", () => {
  expect(getFixedT("de")("landing.opportunityCount", { count: 1 })).toBe("1 veröffentlichter Einsatz");
  expect(getFixedT("en")("landing.opportunityCount", { count: 3 })).toBe("3 published opportunities");
});
