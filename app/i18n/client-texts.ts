/**
 * The browser's texts: those of the first page (fetched by entry.client before hydrating, from the URL the
 * document preloads), then whatever a client-side navigation's routes declare, fetched by root's clientLoader
 * before the new page renders, so no key ever shows instead of its text. Keys that are still missing are
 * collected in `window.__i18nMissing` (the e2e tests read it).
 */
import { matchRoutes } from "@remix-run/react";
import { registerTranslation, type Locale, type Translation } from "./config";
import { collectNamespaces, ERROR_NAMESPACES, mergeNamespaces, missingNamespaces, textsUrl, type Namespaces } from "./namespaces";
import type { TextsStore } from "./react";
import { mergeTexts, type Texts } from "./translate";

type RemixWindow = Window & {
  __i18nMissing?: string[];
  __remixRouter?: { routes: Parameters<typeof matchRoutes>[0] };
  __remixManifest?: { routes: Record<string, { module: string } | undefined> };
  __remixRouteModules?: Record<string, { handle?: unknown } | undefined>;
};

let texts: Texts = {};
let loaded: Namespaces = [];
let locale: Locale = "de";
let version = "";
const listeners = new Set<() => void>();

export const clientTextsStore: TextsStore = {
  get locale() {
    return locale;
  },
  getTexts: () => texts,
  subscribe(onChange) {
    listeners.add(onChange);
    return () => listeners.delete(onChange);
  },
  onMissing(key) {
    const w = window as RemixWindow;
    (w.__i18nMissing ??= []).push(key);
  },
};

async function fetchTexts(namespaces: Namespaces, href = textsUrl(locale, namespaces, version)) {
  const response = await fetch(href);
  if (!response.ok) throw new Error(`${response.status} ${href}`);
  texts = mergeTexts(texts, (await response.json()) as Texts);
  loaded = mergeNamespaces(loaded, namespaces);
  // meta functions read `resources` (config.ts)
  registerTranslation(locale, texts as unknown as Translation);
  for (const listener of listeners) listener();
}

/**
 * The first page's texts, named by the document's `<link data-i18n>` (root's Layout renders it). False without
 * one (an error page without root data, an embed page): such a page stays plain HTML, as rendered.
 */
export async function loadInitialTexts(pageLocale: Locale): Promise<boolean> {
  locale = pageLocale;
  const link = document.querySelector<HTMLLinkElement>("link[data-i18n]");
  if (!link) return false;
  version = link.dataset.version ?? "";
  const namespaces: Namespaces = link.dataset.i18n === "all" ? "all" : (link.dataset.i18n ?? "").split(" ").filter(Boolean);
  await fetchTexts(namespaces, link.href);
  // an error page (the shared error boundary's heading is in the document) also needs the error texts
  const errorTexts = missingNamespaces([...ERROR_NAMESPACES], loaded);
  if (document.getElementById("error-title") && errorTexts.length > 0) await fetchTexts(errorTexts);
  return true;
}

/**
 * Before a client-side navigation to `url`: fetch the texts its routes declare (and `layout`, root's
 * layoutNamespaces for its new data) that are not here yet.
 */
export async function ensureTextsFor(url: URL, layout: readonly string[]) {
  const w = window as RemixWindow;
  if (loaded === "all" || !w.__remixRouter || !version) return;
  const matches = matchRoutes(w.__remixRouter.routes, url.pathname) ?? [];
  const routes = await Promise.all(
    matches.map(async ({ route }) => {
      const id = route.id ?? "";
      let module = w.__remixRouteModules?.[id];
      const src = w.__remixManifest?.routes[id]?.module;
      // the same URL Remix imports the route from: the browser loads it once
      if (!module && src) module = (await import(/* @vite-ignore */ src)) as { handle?: unknown };
      return { id, handle: module?.handle };
    }),
  );
  // the error texts too: the new page may turn out to be an error page
  const missing = missingNamespaces(mergeNamespaces(collectNamespaces(routes, layout), [...ERROR_NAMESPACES]), loaded);
  if (missing === "all" || missing.length > 0) await fetchTexts(missing);
}

/**
 * After a navigation whose root data is in another language (logging in switches to the account's language):
 * the texts loaded so far, again in that language, before the new page renders (else the layout would show the
 * old language's texts under the new `<html lang>`).
 */
export async function ensureLocale(next: Locale, nextVersion: string | undefined) {
  if (next === locale || !version || !nextVersion) return;
  const namespaces = loaded;
  const previous = { locale, texts, loaded, version };
  locale = next;
  version = nextVersion;
  texts = {};
  loaded = [];
  try {
    await fetchTexts(namespaces);
  } catch (error) {
    ({ locale, texts, loaded, version } = previous);
    throw error;
  }
}
