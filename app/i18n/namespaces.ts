/**
 * Which texts a page needs. A route declares the top-level sections of de.json/en.json it (and its components)
 * use: `export const handle = { i18n: ["search", "map"] }` (a section may be narrowed to a sub-tree:
 * "moderation.nav"). The document's own texts (header, footer, error pages, toasts) come from ROOT_NAMESPACES.
 * A matched route without a declaration gets every text ("all"), so a new route works before it declares
 * anything. The browser loads exactly the collected texts as one fingerprinted JSON file (textsUrl, served by
 * routes/i18n.$locale.$file.ts), before hydrating and before each client-side navigation (root clientLoader).
 */
export type Namespaces = readonly string[] | "all";
export type I18nHandle = { i18n?: readonly string[] };

/** what root's Layout, error boundary and language switch show (toasts come translated in root's data) */
export const ROOT_NAMESPACES = [
  "app.name",
  "app.skipToContent",
  "nav",
  "footer",
  "language",
  "walkthrough.header",
  "walkthrough.footer",
] as const;

/**
 * The layout's texts that depend on who looks: the logout button and the moderation link for signed-in people,
 * the demo banner where the dev mailbox is on. Added by root (TextsPreload, clientLoader) from its own data, so an
 * anonymous visitor's first load does not carry them.
 */
export function layoutNamespaces(root: { user?: unknown; demoMailbox?: boolean } | null | undefined): string[] {
  return [...(root?.user ? ["auth.logout", "moderation.nav"] : []), ...(root?.demoMailbox ? ["walkthrough.demo"] : [])];
}

/**
 * The error pages' texts (components/error-boundary.tsx). Not in every first load: the browser fetches them
 * before hydrating an error page (entry.client sees the boundary's heading) and with each client-side
 * navigation, whose page may turn out to be an error.
 */
export const ERROR_NAMESPACES = ["errors", "outage"] as const;

const NAMESPACE = /^[A-Za-z][\w]*(\.[A-Za-z][\w]*)*$/;

export function isNamespace(value: unknown): value is string {
  return typeof value === "string" && value.length <= 60 && NAMESPACE.test(value);
}

/**
 * The namespaces of a page's matched routes: root's, plus each route's `handle.i18n`; "all" as soon as one
 * matched route (other than root) declares none. Sorted and without duplicates or sub-trees of a listed section,
 * so equal pages share one file name (and one browser cache entry).
 */
export function collectNamespaces(matches: readonly { id: string; handle?: unknown }[], layout: readonly string[] = []): Namespaces {
  const collected = new Set<string>([...ROOT_NAMESPACES, ...layout]);
  for (const match of matches) {
    if (match.id === "root") continue;
    const declared = (match.handle as I18nHandle | undefined)?.i18n;
    if (!Array.isArray(declared)) return "all";
    for (const namespace of declared) {
      if (isNamespace(namespace)) collected.add(namespace);
    }
  }
  return normalizeNamespaces([...collected]);
}

/** sorted, unique, sub-trees dropped when their section is listed ("walkthrough.demo" inside "walkthrough") */
export function normalizeNamespaces(namespaces: readonly string[]): string[] {
  const unique = [...new Set(namespaces)].sort();
  return unique.filter((namespace) => !unique.some((other) => other !== namespace && namespace.startsWith(`${other}.`)));
}

/** the namespaces of `wanted` not yet covered by `loaded` */
export function missingNamespaces(wanted: Namespaces, loaded: Namespaces): Namespaces {
  if (loaded === "all") return [];
  if (wanted === "all") return "all";
  return wanted.filter((namespace) => !loaded.some((have) => have === namespace || namespace.startsWith(`${have}.`)));
}

export function mergeNamespaces(a: Namespaces, b: Namespaces): Namespaces {
  return a === "all" || b === "all" ? "all" : normalizeNamespaces([...a, ...b]);
}

/** `/i18n/de/app+nav+search.<version>.json`, or `/i18n/de/all.<version>.json` */
export function textsUrl(locale: string, namespaces: Namespaces, version: string) {
  const names = namespaces === "all" ? "all" : namespaces.join("+");
  return `/i18n/${locale}/${names}.${version}.json`;
}

/** the inverse of textsUrl's last segment; null for anything else */
export function parseTextsFile(file: string): { namespaces: Namespaces; version: string } | null {
  const match = /^([\w.+]+)\.([0-9a-f]{10})\.json$/.exec(file);
  if (!match) return null;
  if (match[1] === "all") return { namespaces: "all", version: match[2] };
  const namespaces = match[1].split("+");
  if (namespaces.length > 80 || !namespaces.every(isNamespace)) return null;
  return { namespaces: normalizeNamespaces(namespaces), version: match[2] };
}
