/**
 * The texts as the browser gets them: per locale a version (a hash of the whole file, so a changed text gives
 * new URLs), the parts a page needs as JSON (cached per process: at most a few dozen combinations exist), and the
 * fixed text store server rendering uses.
 */
import { createHash } from "node:crypto";
import type { Locale } from "./config";
import type { Namespaces } from "./namespaces";
import { staticTextsStore, type TextsStore } from "./react";
import { serverResources } from "./resources.server";
import { pickTexts, type Texts } from "./translate";

function allTexts(locale: Locale): Texts {
  return serverResources[locale].translation as unknown as Texts;
}

const versions = new Map<Locale, string>();
export function textsVersion(locale: Locale): string {
  let version = versions.get(locale);
  if (!version) {
    version = createHash("sha256").update(JSON.stringify(allTexts(locale))).digest("hex").slice(0, 10);
    versions.set(locale, version);
  }
  return version;
}

const bodies = new Map<string, string>();
const MAX_BODIES = 500;
/** the JSON of `namespaces` in `locale` (unknown sections are left out) */
export function textsJson(locale: Locale, namespaces: Namespaces): string {
  const key = `${locale}/${namespaces === "all" ? "all" : namespaces.join("+")}`;
  let body = bodies.get(key);
  if (body === undefined) {
    body = JSON.stringify(namespaces === "all" ? allTexts(locale) : pickTexts(allTexts(locale), namespaces));
    if (bodies.size >= MAX_BODIES) bodies.clear();
    bodies.set(key, body);
  }
  return body;
}

const stores = new Map<Locale, TextsStore>();
/** every text of `locale`, for server rendering: one store (and so one translator) per process */
export function serverTextsStore(locale: Locale): TextsStore {
  let store = stores.get(locale);
  if (!store) {
    store = staticTextsStore(locale, allTexts(locale));
    stores.set(locale, store);
  }
  return store;
}
