/**
 * Every route that declares its texts (handle.i18n) declares all it uses: the keys written in the route and in
 * the app modules it imports (followed through ~/ and relative imports, *.server modules left out: their
 * texts are rendered on the server) must lie in a declared namespace or in ROOT_NAMESPACES. A key the scan
 * cannot see (built at run time from data) is what the e2e check of missing keys is for.
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { expect, test } from "vitest";
import de from "./de.json";
import { ERROR_NAMESPACES, layoutNamespaces, ROOT_NAMESPACES } from "./namespaces";

const APP = resolve(__dirname, "..");
const SECTIONS = Object.keys(de);
const KEY = new RegExp(String.raw`["'\`]((?:${SECTIONS.join("|")})(?:\.[\w$\{\}]+)+)`, "g");

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("~/")) base = join(APP, specifier.slice(2));
  else if (specifier.startsWith(".")) base = resolve(dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) {
    if (existsSync(candidate) && !candidate.endsWith(".json") && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

/** the keys used by `file` and the client-side modules it imports */
function keysOf(file: string, seen = new Set<string>()): Set<string> {
  const keys = new Set<string>();
  if (seen.has(file)) return keys;
  seen.add(file);
  const source = readFileSync(file, "utf8");
  for (const match of source.matchAll(KEY)) keys.add(match[1].replace(/\$\{.*$/, "").replace(/\.$/, ""));
  for (const [, specifier] of source.matchAll(/from\s+["']([^"']+)["']/g)) {
    if (specifier.includes(".server") || specifier.startsWith("~/i18n/")) continue;
    const imported = resolveImport(file, specifier);
    if (imported) for (const key of keysOf(imported, seen)) keys.add(key);
  }
  return keys;
}

const covered = (key: string, namespaces: readonly string[]) =>
  namespaces.some((namespace) => key === namespace || key.startsWith(`${namespace}.`) || namespace.startsWith(`${key}.`));

const routesDir = join(APP, "routes");
const declaring = readdirSync(routesDir).filter(
  (file) => file.endsWith(".tsx") && !file.includes(".test.") && /export const handle[^;]*i18n/s.test(readFileSync(join(routesDir, file), "utf8")),
);

test("the public pages declare their texts", () => {
  for (const route of ["_index.tsx", "opportunities._index.tsx", "opportunities.$id.tsx", "about.tsx"]) {
    expect(declaring).toContain(route);
  }
});

for (const file of declaring) {
  test(`routes/${file} declares every text namespace it uses`, async () => {
    const module = (await import(join(routesDir, file))) as { handle: { i18n: string[] } };
    // toasts are translated by root's loader (their keys sit in actions)
    const layout = layoutNamespaces({ user: {}, demoMailbox: true });
    const declared = [...module.handle.i18n, ...ROOT_NAMESPACES, ...layout, ...ERROR_NAMESPACES, "toast"];
    const undeclared = [...keysOf(join(routesDir, file))].filter((key) => !covered(key, declared));
    expect(undeclared).toEqual([]);
  });
}

test("the scan finds keys in imported components (a check that can fail)", () => {
  const keys = keysOf(join(routesDir, "opportunities._index.tsx"));
  expect([...keys].some((key) => key.startsWith("map."))).toBe(true);
});
