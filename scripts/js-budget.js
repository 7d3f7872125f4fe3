// The first-load JavaScript budget: what a browser downloads before a page is interactive — entry.client, the
// root route and the page's route module with every chunk they import statically, and the page's texts (the JSON
// entry.client fetches before hydrating: root's and the route's declared namespaces, app/i18n/namespaces.ts) —
// summed gzip -9, from the last `remix build` (build/metafile.js.json, the esbuild metafile of the browser build).
// Remix's manifest file is not loaded: with lazy route discovery the page inlines the part it needs (counted in
// the HTML's weight, not here).
// Fails (exit 1) above the budget and prints the biggest modules, so a stray server import shows up by name.
//
//   node scripts/js-budget.js                       /opportunities and the form pages (BUDGETED_ROUTES)
//   node scripts/js-budget.js routes/about.tsx      other route modules (paths under app/)
//   JS_BUDGET_KB=100 node scripts/js-budget.js      another budget
//
// The goal (issue 13) is 100 KB: reached with a small translator instead of i18next in the browser and only the
// page's texts (≈ 3 KB instead of ≈ 22 KB); React + Remix alone are ≈ 90 KB. zod alone would add ≈ 92 KB.
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

export const GOAL_KB = 100;
// the goal itself since the build stopped emitting a chunk per server-only module (patches/@remix-run+dev+2.17.5.patch)
export const DEFAULT_BUDGET_KB = 100;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * The first-load scripts of `route` (e.g. "routes/opportunities._index.tsx"): every output file reachable by
 * static imports from entry.client, root and the route, the chunk with the locale's texts, plus the manifest; with gzip sizes and the modules
 * that weigh most (raw bytes in the output, grouped by npm package or app file).
 */
export function firstLoadJs({ metafile, manifestPath, route, readAsset, locale = "de", texts = null }) {
  const outputs = metafile.outputs;
  const byEntry = (suffix) => {
    const found = Object.keys(outputs).find((name) => outputs[name].entryPoint?.replace(/\?browser$/, "").endsWith(suffix));
    if (!found) throw new Error(`no output for ${suffix} in the metafile`);
    return found;
  };
  const files = new Set();
  const visit = (name) => {
    if (files.has(name)) return;
    files.add(name);
    for (const imported of outputs[name].imports ?? []) {
      if (!outputs[imported.path]) continue;
      // the page's texts are a dynamic import that entry.client awaits before hydrating: part of the first load
      const isLocaleTexts = Object.keys(outputs[imported.path].inputs).some((input) => input.endsWith(`app/i18n/${locale}.json`));
      if (imported.kind === "import-statement" || (imported.kind === "dynamic-import" && isLocaleTexts)) visit(imported.path);
    }
  };
  for (const entry of ["entry.client.tsx", "root.tsx", route]) visit(byEntry(entry));

  const scripts = [...files].map((name) => {
    const bytes = readAsset(name);
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  if (manifestPath) {
    const bytes = readAsset(manifestPath);
    scripts.push({ name: manifestPath, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  if (texts) scripts.push({ name: texts.name, raw: texts.bytes.length, gzip: gzipSync(texts.bytes, { level: 9 }).length });

  const modules = new Map();
  for (const name of files) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[name].inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
      const key = pkg ? `npm:${pkg}` : input.replace(/\?browser$/, "");
      modules.set(key, (modules.get(key) ?? 0) + bytesInOutput);
    }
  }
  if (texts) modules.set(texts.name, texts.bytes.length);
  const biggest = [...modules].map(([name, raw]) => ({ name, raw })).sort((a, b) => b.raw - a.raw);
  return {
    scripts,
    gzip: scripts.reduce((sum, s) => sum + s.gzip, 0),
    raw: scripts.reduce((sum, s) => sum + s.raw, 0),
    biggest,
  };
}

/** the dot paths in an array literal `[ "a", "b.c" ]` */
const stringsIn = (literal) => [...literal.matchAll(/["']([\w.]+)["']/g)].map((m) => m[1]);

/** a dot path's sub-tree of `texts`, wrapped back into its sections */
function pick(texts, path) {
  const parts = path.split(".");
  let node = texts;
  for (const part of parts) node = node && typeof node === "object" ? node[part] : undefined;
  if (node === undefined) return {};
  return parts.reduceRight((inner, part) => ({ [part]: inner }), node);
}
function merge(a, b) {
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = typeof out[key] === "object" && typeof value === "object" ? merge(out[key], value) : value;
  return out;
}

/**
 * The JSON the browser fetches for `route`: ROOT_NAMESPACES and the route's `handle = { i18n: [...] }`, read from
 * the sources (app/i18n/namespaces.ts, the route file); every text when the route declares none.
 */
export function pageTexts({ namespacesSource, routeSource, texts }) {
  const root = /export const ROOT_NAMESPACES = \[([^\]]*)\]/.exec(namespacesSource);
  const declared = /export const handle[^=]*=\s*\{[^}]*?i18n:\s*\[([^\]]*)\]/s.exec(routeSource);
  if (!root || !declared) return JSON.stringify(texts);
  const paths = [...stringsIn(root[1]), ...stringsIn(declared[1])];
  return JSON.stringify(paths.reduce((picked, path) => merge(picked, pick(texts, path)), {}));
}

/**
 * The pages held to the budget when no route is named: the search page (first: the bench reads its line) and the
 * form pages that once shipped zod through modules shared with their components (issue 13).
 */
export const BUDGETED_ROUTES = [
  "routes/opportunities._index.tsx",
  "routes/orgs.new.tsx",
  "routes/orgs.$slug.manage.profile.tsx",
  "routes/orgs.$slug.manage.opportunities.new.tsx",
  "routes/orgs.$slug.manage.opportunities.$id._index.tsx",
];

function main() {
  const routes = process.argv.length > 2 ? process.argv.slice(2) : BUDGETED_ROUTES;
  const budgetKb = Number(process.env.JS_BUDGET_KB ?? DEFAULT_BUDGET_KB);
  const metafile = JSON.parse(readFileSync("build/metafile.js.json", "utf8"));
  // the manifest is written by Remix itself, not esbuild: the server build names it; it is only loaded as a file
  // without lazy route discovery
  const lazyDiscovery = /v3_lazyRouteDiscovery:\s*true/.test(readFileSync("remix.config.js", "utf8"));
  const manifestUrl = /"(\/build\/manifest-[A-Z0-9]+\.js)"/.exec(readFileSync("build/index.js", "utf8"))?.[1];
  for (const route of routes) {
    const routeFile = `app/${route}`;
    const texts = Buffer.from(
      pageTexts({
        namespacesSource: readFileSync("app/i18n/namespaces.ts", "utf8"),
        routeSource: existsSync(routeFile) ? readFileSync(routeFile, "utf8") : "",
        texts: JSON.parse(readFileSync("app/i18n/de.json", "utf8")),
      }),
    );
    const result = firstLoadJs({
      metafile,
      route,
      manifestPath: manifestUrl && !lazyDiscovery ? `public${manifestUrl}` : null,
      readAsset: (name) => readFileSync(name),
      texts: { name: "texts (de, JSON)", bytes: texts },
    });
    const ok = result.gzip <= budgetKb * 1024;
    console.log(
      `first-load JS of ${route}: ${kb(result.gzip)} gzip (${kb(result.raw)} raw) in ${result.scripts.length} files; ` +
        `budget ${budgetKb} KB: ${ok ? "PASS" : "FAIL"} (goal ${GOAL_KB} KB: ${result.gzip <= GOAL_KB * 1024 ? "met" : "not yet"})`,
    );
    if (!ok || process.env.JS_BUDGET_VERBOSE) {
      console.log("biggest modules (raw bytes in the bundle):");
      for (const { name, raw } of result.biggest.slice(0, 15)) console.log(`  ${kb(raw).padStart(9)}  ${name}`);
    }
    if (!ok) process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
