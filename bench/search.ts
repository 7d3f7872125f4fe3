/**
 * npm run bench:search — the text search without any cache: the domain function the list page calls
 * (searchOpportunitiesWithMap: one page, the total and the map's counts per Gemeinde), timed warm, for a fixed
 * set of queries (exact words, compounds, typos, English words, with and without filters). For comparing one
 * change of the search against another on the same data; the HTTP benchmark (npm run bench) measures pages.
 * Tops the database up to BENCH_OPPORTUNITIES (default 20,000) published opportunities (bench/generate.ts).
 *   DATABASE_URL=postgres://…/mitenand_x npx tsx bench/search.ts      (or embedded PGlite in PGLITE_DIR)
 *   BENCH_SEARCH_ROUNDS=30                                             timed rounds per query (default 20)
 *   BENCH_SEARCH_MODULE=search-before.server                           a copy of an older search.server.ts to compare
 *   BENCH_SKIP_GENERATE=1                                              no top-up
 */
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { closeDatabase } from "../db/client.server";
import { parseSearchParams } from "../app/domain/opportunities/search-params.server";

// BENCH_SEARCH_MODULE: another version of search.server.ts beside it, to compare two versions on the same data
const { searchOpportunitiesWithMap } = (await import(
  `../app/domain/opportunities/${process.env.BENCH_SEARCH_MODULE ?? "search.server"}.ts`
)) as typeof import("../app/domain/opportunities/search.server");

const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 20);
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

const rows: { query: string; total: number; p50: number; p95: number }[] = [];
const all: number[] = [];
for (const query of QUERIES) {
  const { filters } = parseSearchParams(new URLSearchParams(query));
  let total = 0;
  for (let i = 0; i < 3; i++) total = (await searchOpportunitiesWithMap({ filters, locale: "de" })).total;
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await searchOpportunitiesWithMap({ filters, locale: "de" });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  all.push(...times);
  rows.push({ query, total, p50: percentile(times, 50), p95: percentile(times, 95) });
}
console.table(rows);
all.sort((a, b) => a - b);
const mean = all.reduce((sum, t) => sum + t, 0) / all.length;
console.log(JSON.stringify({ module: process.env.BENCH_SEARCH_MODULE ?? "search.server", rounds: ROUNDS, queries: QUERIES.length, meanMs: Math.round(mean * 100) / 100, p50: percentile(all, 50), p95: percentile(all, 95) }));
await closeDatabase();
