// The first-load JavaScript budget: what a browser downloads before a page is interactive — Remix's manifest,
// entry.client, the root route and the page's route module with every chunk they import statically — summed
// gzip -9, from the last `remix build` (build/metafile.js.json, the esbuild metafile of the browser build).
// Fails (exit 1) above the budget and prints the biggest modules, so a stray server import shows up by name.
//
//   node scripts/js-budget.js                       /opportunities
//   node scripts/js-budget.js routes/about.tsx      another route module (path under app/)
//   JS_BUDGET_KB=100 node scripts/js-budget.js      another budget
//
// The goal (issue 13) is 100 KB. Without zod and with one locale the page is at ≈ 131 KB, of which ≈ 80 KB is
// React + Remix themselves and ≈ 32 KB i18next and the texts; until those shrink, the enforced budget is a
// ratchet just above today's size, so nothing can grow back (zod alone would add ≈ 92 KB).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

export const GOAL_KB = 100;
export const DEFAULT_BUDGET_KB = 145;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * The first-load scripts of `route` (e.g. "routes/opportunities._index.tsx"): every output file reachable by
 * static imports from entry.client, root and the route, the chunk with the locale's texts, plus the manifest; with gzip sizes and the modules
 * that weigh most (raw bytes in the output, grouped by npm package or app file).
 */
export function firstLoadJs({ metafile, manifestPath, route, readAsset, locale = "de" }) {
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

  const modules = new Map();
  for (const name of files) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[name].inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
      const key = pkg ? `npm:${pkg}` : input.replace(/\?browser$/, "");
      modules.set(key, (modules.get(key) ?? 0) + bytesInOutput);
    }
  }
  const biggest = [...modules].map(([name, raw]) => ({ name, raw })).sort((a, b) => b.raw - a.raw);
  return {
    scripts,
    gzip: scripts.reduce((sum, s) => sum + s.gzip, 0),
    raw: scripts.reduce((sum, s) => sum + s.raw, 0),
    biggest,
  };
}

function main() {
  const route = process.argv[2] ?? "routes/opportunities._index.tsx";
  const budgetKb = Number(process.env.JS_BUDGET_KB ?? DEFAULT_BUDGET_KB);
  const metafile = JSON.parse(readFileSync("build/metafile.js.json", "utf8"));
  // the manifest is written by Remix itself, not esbuild: the server build names it
  const manifestUrl = /"(\/build\/manifest-[A-Z0-9]+\.js)"/.exec(readFileSync("build/index.js", "utf8"))?.[1];
  const result = firstLoadJs({
    metafile,
    route,
    manifestPath: manifestUrl ? `public${manifestUrl}` : null,
    readAsset: (name) => readFileSync(name),
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

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
