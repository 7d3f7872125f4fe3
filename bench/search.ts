/**
 * npm run bench:search — the text search without any cache: the domain function the list page calls
 * (searchOpportunitiesWithMap: one page, the total and the map's counts per Gemeinde), timed warm, for a fixed
 * set of queries (exact words, compounds, typos, English words, with and without filters), in two versions side
 * by side: the current search.server.ts and bench/search-before.server.ts (the module before the forgiving
 * search, commit 59fc1aa), interleaved in the same run (round by round, alternating which goes first), so the
 * machine's load hits both alike. Prints per query both medians, their ratio and PASS/FAIL against the limit of
 * issue 12 (no more than 20 % slower). Queries that found less than a page before are marked "new": the old
 * module found (next to) nothing there, so the forgiving search does work that had no counterpart.
 * Tops the database up to BENCH_OPPORTUNITIES (default 20,000) published opportunities (bench/generate.ts).
 *   DATABASE_URL=postgres://…/mitenand_x npx tsx bench/search.ts      (or embedded PGlite in PGLITE_DIR)
 *   BENCH_SEARCH_ROUNDS=30                                             timed rounds per query and version (default 20)
 *   BENCH_SEARCH_MODULE=search-other.server                            compare another copy in app/domain/opportunities/
 *                                                                      instead of the current module
 *   BENCH_SEARCH_ONLY=current                                          time only one version (current or before)
 *   BENCH_SKIP_GENERATE=1                                              no top-up
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { closeDatabase } from "../db/client.server";
import { parseSearchParams } from "../app/domain/opportunities/search-params.server";
import type { SearchFilters } from "../app/domain/opportunities/search-params";
import * as before from "./search-before.server";

interface SearchModule {
  searchOpportunitiesWithMap(args: { filters: SearchFilters; locale: "de" }): Promise<{ total: number }>;
}

const currentName = process.env.BENCH_SEARCH_MODULE ?? "search.server";
const current = (await import(`../app/domain/opportunities/${currentName}.ts`)) as SearchModule;
const versions: { name: string; module: SearchModule }[] = [
  { name: "before", module: before },
  { name: "current", module: current },
].filter((v) => !process.env.BENCH_SEARCH_ONLY || v.name === process.env.BENCH_SEARCH_ONLY);

const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 20);
const LIMIT = 1.2;
const PAGE_SIZE = 20;
const QUERIES = [
  "q=deutsch",
  "q=deutsch&category=konversationsgruppe&near=5000&radius=20",
  "q=kochatelier",
  "q=Konversation",
  "q=gespräch+am+abend",
  "q=Deutsh",
  "q=Kurs",
  "q=Zurich",
  "q=gesprach",
  "q=German",
  "q=Arabic+conversation",
  "q=velo&near=5400&radius=15",
];

if (process.env.BENCH_SKIP_GENERATE !== "1") {
  execFileSync("npx", ["tsx", new URL("./generate.ts", import.meta.url).pathname], {
    stdio: "inherit",
    // large generating statements run past the app's 15 s statement timeout: none for the generator
    env: { ...process.env, DATABASE_STATEMENT_TIMEOUT_MS: process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? "0" },
  });
}

function percentile(sorted: number[], p: number) {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
}

async function timed(module: SearchModule, filters: SearchFilters) {
  const t0 = performance.now();
  const result = await module.searchOpportunitiesWithMap({ filters, locale: "de" });
  return { ms: performance.now() - t0, total: result.total };
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const loadAtStart = load();
const rows: Record<string, string | number>[] = [];
const times = new Map<string, number[]>(versions.map((v) => [v.name, []]));
const ratios: number[] = [];
let failed = 0;
for (const query of QUERIES) {
  const { filters } = parseSearchParams(new URLSearchParams(query));
  const totals = new Map<string, number>();
  const perVersion = new Map<string, number[]>(versions.map((v) => [v.name, []]));
  // warm-up: plans cached, pages in shared buffers
  for (let i = 0; i < 3; i++) for (const v of versions) totals.set(v.name, (await timed(v.module, filters)).total);
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 === 0 ? versions : [...versions].reverse();
    for (const v of order) perVersion.get(v.name)!.push((await timed(v.module, filters)).ms);
  }
  const row: Record<string, string | number> = { query };
  const p50 = new Map<string, number>();
  for (const v of versions) {
    const sorted = perVersion.get(v.name)!.sort((a, b) => a - b);
    times.get(v.name)!.push(...sorted);
    p50.set(v.name, percentile(sorted, 50));
    row[`${v.name} total`] = totals.get(v.name)!;
    row[`${v.name} p50`] = percentile(sorted, 50);
    row[`${v.name} p95`] = percentile(sorted, 95);
  }
  if (versions.length === 2) {
    const ratio = p50.get("current")! / p50.get("before")!;
    const isNew = totals.get("before")! < PAGE_SIZE;
    if (!isNew) ratios.push(ratio);
    row.ratio = Math.round(ratio * 100) / 100;
    row.verdict = isNew ? "new" : ratio <= LIMIT ? "PASS" : "FAIL";
    if (!isNew && ratio > LIMIT) failed++;
  }
  rows.push(row);
}
console.table(rows);
const summary: Record<string, unknown> = { current: currentName, rounds: ROUNDS, queries: QUERIES.length, loadAtStart, loadAtEnd: load() };
for (const v of versions) {
  const all = times.get(v.name)!.sort((a, b) => a - b);
  summary[`${v.name}MeanMs`] = Math.round((all.reduce((sum, t) => sum + t, 0) / all.length) * 100) / 100;
}
if (versions.length === 2) {
  // the geometric mean of the ratios of the queries that found a page or more before
  summary.geoMeanRatioComparable = Math.round(Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length) * 100) / 100;
  summary.failed = failed;
}
console.log(JSON.stringify(summary));
await closeDatabase();
