// npm run bench: Mitenand's pages against a bare Remix app (bench/reference/, the framework's floor), in one run,
// on a database with ≥ 20,000 published opportunities (bench/generate.ts tops it up). Each server in turn is
// pinned to core 0, autocannon to core 1 (taskset, when there). Every row runs at 16 and 64 connections and is
// judged by its goal: throughput as a share of the reference's at the same connections, and p99 ≤ 150 ms at 16.
// Prints a table with PASS/FAIL and writes bench/results/latest-<database>.json.
//
//   npm run bench                          embedded PGlite in ./data/bench
//   DATABASE_URL=postgres://… npm run bench
//   BENCH_DURATION=5 BENCH_ONLY=about,search npm run bench      short runs, some rows (names contain the words)
//   BENCH_BUILD=0                          reuse the existing builds
//   BENCH_SIGNUPS=0 / BENCH_MATCHING=0     skip the sign-up race (issue 10) / the matching bench (issue 11, PostgreSQL
//                                          only); each runs on its own database: <name>_race / <name>_matching, or
//                                          PGlite in data/bench-race
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import postgres from "postgres";
import { printLighthouse, runLighthouse } from "./lighthouse.js";

const port = Number(process.env.BENCH_PORT ?? 3299);
const referencePort = port - 1;
const duration = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "16,64").split(",").map(Number);
const P99_GOAL_MS = 150;
const P99_AT = 16;
const searchPath =
  process.env.BENCH_SEARCH ?? "/opportunities?q=deutsch&category=konversationsgruppe&near=5000&radius=20";

// demo accounts (db/seed), password Mitenand-Demo-2026
const VOLUNTEER = "freiwillig1@mitenand.example";
const OWNER = "verein-treffpunkt-welt-aarau@mitenand.example";
const ORG = "verein-treffpunkt-welt-aarau";
const COORDINATOR = "koordination.rif-region-aarau@mitenand.example";
// the search page with 20 results and the map: at most this much HTML (decoded)
const SEARCH_HTML_GOAL = 60 * 1024;
const ADMIN = "admin@mitenand.example";

/**
 * One line per row. server: "reference" or the app (default); as: the demo account signed in (signed-in pages
 * never come from the page cache); path: a string or a function of the server's pages (e.g. the first opportunity
 * of the search); goal: the least share of the reference's req/s (none for the reference itself).
 */
const ROWS = [
  { name: "reference: bare Remix 2.17, root + 20 paragraphs", server: "reference", path: "/" },
  { name: "/about (layout, no data)", path: "/about", goal: 0.7 },
  { name: "search, anonymous (page cache)", path: searchPath, goal: 0.6 },
  { name: "search, signed in (no page cache)", path: searchPath, as: VOLUNTEER, goal: 0.3 },
  { name: "opportunity page, signed in", path: firstOpportunityOf(searchPath), as: VOLUNTEER, goal: 0.3 },
  { name: "organisation dashboard /orgs/:slug/manage", path: `/orgs/${ORG}/manage`, as: OWNER, goal: 0.3 },
  { name: "recommendations /me/recommendations", path: "/me/recommendations", as: VOLUNTEER, goal: 0.3 },
  { name: "coordinator queue /coordinator", path: "/coordinator", as: COORDINATOR, goal: 0.3 },
];

/**
 * Server-time rows (moderation issue): p95 of BENCH_SAMPLES sequential requests on one keep-alive connection,
 * timed at the client on the same machine (so server time plus a loopback round trip), against a goal in ms.
 */
const LAST_YEAR = (() => {
  const day = (d) => d.toISOString().slice(0, 10);
  const today = new Date();
  return `from=${day(new Date(today.getTime() - 364 * 86_400_000))}&to=${day(today)}`;
})();
const LATENCY_ROWS = [
  // the floor on the same machine at the same time: a signed-in page without queries of its own (no goal)
  { name: "floor: /about signed in (coordinator)", path: "/about", as: COORDINATOR, p95GoalMs: null },
  { name: "coordinator queue /coordinator, one region (Aarau)", path: "/coordinator", as: COORDINATOR, p95GoalMs: 50 },
  { name: "reports /coordinator/reports, canton, last 365 days", path: `/coordinator/reports?period=custom&${LAST_YEAR}`, as: ADMIN, p95GoalMs: 250 },
];
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);

const only = process.env.BENCH_ONLY?.split(",").map((w) => w.trim().toLowerCase());
const rows = ROWS.filter((row) => row.server === "reference" || !only || only.some((w) => row.name.toLowerCase().includes(w)));
const latencyRows = LATENCY_ROWS.filter((row) => row.p95GoalMs === null || !only || only.some((w) => row.name.toLowerCase().includes(w)));

const env = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(port),
  // the address autocannon and the login use: Origin and Host must match for the same-origin checks
  APP_URL: `http://127.0.0.1:${port}`,
  LOG_LEVEL: "warn",
  COOKIE_SECURE: "false",
  EMAIL_WORKER: "off",
  // the periodic jobs (schedules, sign-up offers, alerts, next-shift refresh) belong to a worker process in a
  // deployment that benchmarks its web processes: here they would take the pinned core in the middle of a run
  JOBS: "off",
};
if (!env.DATABASE_URL) env.PGLITE_DIR = env.PGLITE_DIR ?? "data/bench";

const hasTaskset = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
const pinned = (core, command, args) => (hasTaskset ? ["taskset", ["-c", String(core), command, ...args]] : [command, args]);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { env, stdio: "inherit", ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

/** a GET on a fresh connection (a pooled keep-alive one may have been closed by the server meanwhile) */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { "Accept-Language": "de-CH", ...headers }, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

function firstOpportunityOf(listPath) {
  return async (base) => {
    const html = (await get(`${base}${listPath}`)).body;
    const path = /href="(\/opportunities\/\d+)"/.exec(html)?.[1];
    if (!path) throw new Error(`no opportunity on ${listPath}`);
    return path;
  };
}

async function waitForHealth(base) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${base} did not become healthy`);
}

/** signs a demo account in through /login (as a browser would) and returns its Cookie header */
async function signIn(base, email) {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: env.APP_URL, "Accept-Language": "de-CH" },
    body: new URLSearchParams({ email, password: "Mitenand-Demo-2026" }),
  });
  const cookies = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => !c.startsWith("toast="));
  if (response.status !== 302 || !cookies.some((c) => c.includes("session="))) throw new Error(`login as ${email} failed: ${response.status}`);
  return cookies.join("; ");
}

function autocannon(url, { seconds, conns, cookie }) {
  const headers = ["Accept-Language: de-CH", "Accept-Encoding: gzip, deflate, br", ...(cookie ? [`Cookie: ${cookie}`] : [])];
  const [command, args] = pinned(1, "node_modules/.bin/autocannon", [
    "--json",
    "-c",
    String(conns),
    "-d",
    String(seconds),
    ...headers.flatMap((h) => ["-H", h]),
    url,
  ]);
  const result = spawnSync(command, args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`autocannon failed: ${result.stderr}`);
  const out = JSON.parse(result.stdout);
  return {
    requestsPerSecond: Math.round(out.requests.average),
    p50: out.latency.p50,
    p99: out.latency.p99,
    requests: out.requests.total,
    bytesPerRequest: out.requests.total ? Math.round(out.throughput.total / out.requests.total) : 0,
    errors: out.errors + out.timeouts + out.non2xx,
  };
}

/** the document's decoded size */
async function pageWeight(url, cookie) {
  return Buffer.byteLength((await get(url, cookie ? { Cookie: cookie } : {})).body);
}

async function withServer(command, args, base, extraEnv, measure) {
  const [serverCommand, serverArgs] = pinned(0, command, args);
  const server = spawn(serverCommand, serverArgs, { env: { ...env, ...extraEnv }, stdio: ["ignore", "inherit", "inherit"] });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  try {
    await waitForHealth(base);
    return await measure();
  } finally {
    server.kill("SIGTERM");
    const killer = setTimeout(() => server.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(killer);
  }
}

async function measureRows(base, serverRows) {
  const sessions = new Map();
  const results = [];
  for (const row of serverRows) {
    if (row.as && !sessions.has(row.as)) sessions.set(row.as, await signIn(base, row.as));
    const cookie = row.as ? sessions.get(row.as) : undefined;
    const path = typeof row.path === "function" ? await row.path(base) : row.path;
    const check = await get(`${base}${path}`, cookie ? { Cookie: cookie } : {});
    if (check.status !== 200) throw new Error(`${row.name}: ${path} answered ${check.status}`);
    autocannon(`${base}${path}`, { seconds: Math.min(3, duration), conns: 8, cookie }); // warm-up
    const byConnections = {};
    for (const conns of CONNECTIONS) byConnections[conns] = autocannon(`${base}${path}`, { seconds: duration, conns, cookie });
    results.push({ name: row.name, path, as: row.as ?? null, goal: row.goal ?? null, htmlBytes: await pageWeight(`${base}${path}`, cookie), byConnections });
    console.log(`  measured ${row.name}`);
  }
  return results;
}

/** p50/p95/max of `SAMPLES` sequential GETs on one keep-alive connection (after 20 unmeasured ones) */
async function measureLatency(base, latency) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = (url, cookie) =>
    new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = httpRequest(url, { agent, headers: { "Accept-Language": "de-CH", "Accept-Encoding": "gzip", Cookie: cookie } }, (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      });
      req.on("error", reject);
      req.end();
    });
  const sessions = new Map();
  const results = [];
  for (const row of latency) {
    if (!sessions.has(row.as)) sessions.set(row.as, await signIn(base, row.as));
    const cookie = sessions.get(row.as);
    const times = [];
    for (let i = 0; i < SAMPLES + 20; i++) {
      const { status, ms } = await once(`${base}${row.path}`, cookie);
      if (status !== 200) throw new Error(`${row.name}: ${row.path} answered ${status}`);
      if (i >= 20) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const at = (q) => Math.round(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] * 10) / 10;
    const result = { name: row.name, path: row.path, as: row.as, samples: times.length, p50: at(0.5), p95: at(0.95), max: at(1), p95GoalMs: row.p95GoalMs };
    result.pass = row.p95GoalMs === null || result.p95 <= row.p95GoalMs;
    results.push(result);
    console.log(`  measured ${row.name}`);
  }
  agent.destroy();
  return results;
}

// generating 20,000 listings in large statements runs past the app's 15 s statement timeout: none for the generator
const generateEnv = { ...env, DATABASE_STATEMENT_TIMEOUT_MS: process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? "0" };
console.log(`bench: database ${env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite (${env.PGLITE_DIR})`}, ${duration} s per run`);
if (rows.some((row) => row.server !== "reference") || latencyRows.length) run("npx", ["tsx", "bench/generate.ts"], { env: generateEnv });
const build = process.env.BENCH_BUILD !== "0";
if (build || !existsSync("build/index.js")) run("npx", ["remix", "build"]);
if (build || !existsSync("bench/reference/build/index.js")) run("../../node_modules/.bin/remix", ["build"], { cwd: "bench/reference" });

const referenceBase = `http://127.0.0.1:${referencePort}`;
const appBase = `http://127.0.0.1:${port}`;
const lighthouseOn = process.env.BENCH_LIGHTHOUSE !== "0";
let lighthouseRows = [];
let latencyResults = [];
const measured = [
  ...(await withServer(process.execPath, ["bench/reference/server.js", String(referencePort)], referenceBase, {}, () =>
    measureRows(referenceBase, rows.filter((row) => row.server === "reference")),
  )),
  ...(await withServer(process.execPath, ["server.js"], appBase, {}, async () => {
    const appRows = await measureRows(appBase, rows.filter((row) => row.server !== "reference"));
    latencyResults = await measureLatency(appBase, latencyRows);
    // Lighthouse on the same server, after the load runs (anonymous pages: the page cache is warm, as in production)
    if (lighthouseOn) lighthouseRows = await runLighthouse(appBase);
    return appRows;
  })),
];
// first-load JavaScript of /opportunities (scripts/js-budget.js on this build)
const jsBudget = spawnSync(process.execPath, ["scripts/js-budget.js"], { env, encoding: "utf8" });


/** DATABASE_URL with its database name suffixed (created when missing), so the extra benches leave the pages' data alone */
async function siblingDatabase(suffix) {
  const url = new URL(env.DATABASE_URL);
  const name = `${url.pathname.slice(1) || "mitenand"}_${suffix}`.replace(/[^a-zA-Z0-9_]/g, "_");
  const admin = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    const found = await admin`select 1 from pg_database where datname = ${name}`;
    if (found.length === 0) await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

// the sign-up race (issue 10): 1,000 volunteers for one 25-place shift, 64 at a time, then all at once
const RACE_P99_GOAL_MS = 400;
let race = null;
if (process.env.BENCH_SIGNUPS !== "0") {
  const raceEnv = { ...env, BENCH_PORT: String(port + 2), BENCH_BUILD: "0" };
  if (env.DATABASE_URL) raceEnv.DATABASE_URL = await siblingDatabase("race");
  else raceEnv.PGLITE_DIR = "data/bench-race";
  const out = spawnSync(process.execPath, ["bench/signup-race.js"], { env: raceEnv, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  const line = (prefix) => out.stdout.split("\n").find((l) => l.startsWith(prefix));
  const json = (text) => (text ? JSON.parse(text.slice(text.indexOf(text.startsWith("database:") ? "[" : "{"))) : null);
  const first = json(line("64 at a time:"));
  const second = json(line("all "));
  const counts = json(line("database:")) ?? [];
  const correct = counts.length === 2 && counts.every((shift) => {
    const by = Object.fromEntries(shift.counts.map((c) => [c.status, c]));
    const waiting = by.waitlisted?.n ?? 0;
    return by.confirmed?.n === shift.places && (waiting === 0 || (by.waitlisted.minPos === 1 && by.waitlisted.maxPos === waiting && by.waitlisted.distinctPos === waiting));
  });
  const no5xx = [first, second].every((r) => r && Object.keys(r.statuses).every((status) => Number(status) < 500));
  race = { first, second, counts, correct, no5xx, p99Goal: RACE_P99_GOAL_MS, p99Pass: !!first && first.p99 <= RACE_P99_GOAL_MS, exitStatus: out.status };
  race.pass = out.status === 0 && correct && no5xx && race.p99Pass;
  if (out.status !== 0) console.error(out.stdout, out.stderr);
}

// matching at Swiss scale (issue 11): PostgreSQL only, on its own database (generated once: 200,000 volunteers)
let matching = null;
if (process.env.BENCH_MATCHING !== "0" && env.DATABASE_URL) {
  const matchingEnv = { ...env, DATABASE_URL: await siblingDatabase("matching") };
  const out = spawnSync("npx", ["tsx", "bench/matching.ts"], { env: matchingEnv, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 16 * 1024 * 1024 });
  if (out.status === 0) {
    matching = JSON.parse(readFileSync("bench/results/matching.json", "utf8"));
    matching.pass = matching.recommend.p95 <= 25 && matching.reverse.p95 <= 50 && matching.functionOverQuery.recommend <= 1.3 && matching.functionOverQuery.reverse <= 1.3;
  } else {
    matching = { pass: false, error: `bench/matching.ts exited with ${out.status}` };
  }
}

const reference = measured[0];
for (const row of measured) {
  row.verdicts = [];
  for (const conns of CONNECTIONS) {
    const r = row.byConnections[conns];
    r.ratio = Math.round((r.requestsPerSecond / reference.byConnections[conns].requestsPerSecond) * 100) / 100;
    if (row.goal !== null) row.verdicts.push(r.ratio >= row.goal && r.errors === 0);
    if (row.goal !== null && conns === P99_AT) row.verdicts.push(r.p99 <= P99_GOAL_MS);
  }
  row.pass = row.verdicts.every(Boolean);
}
const results = {
  date: new Date().toISOString(),
  database: env.DATABASE_URL ? "postgres" : "pglite",
  durationSeconds: duration,
  pinned: hasTaskset,
  goals: { p99Ms: P99_GOAL_MS, p99AtConnections: P99_AT },
  rows: measured,
  lighthouse: lighthouseRows,
  jsBudget: jsBudget.stdout.trim(),
  latency: latencyResults,
  signupRace: race,
  matching,
};
const searchRow = measured.find((row) => row.name.startsWith("search, signed in"));
results.searchHtml = searchRow ? { bytes: searchRow.htmlBytes, goal: SEARCH_HTML_GOAL, pass: searchRow.htmlBytes <= SEARCH_HTML_GOAL } : null;
results.pass =
  measured.every((row) => row.pass) &&
  lighthouseRows.every((row) => row.pass) &&
  latencyResults.every((row) => row.pass) &&
  jsBudget.status === 0 &&
  (results.searchHtml?.pass ?? true) &&
  (race?.pass ?? true) &&
  (matching?.pass ?? true);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
console.log(
  `\n${results.database}, ${duration} s per run${results.pinned ? ", server on core 0, load on core 1" : ""}; ` +
    `goal: req/s ≥ the share of the reference shown, p99 ≤ ${P99_GOAL_MS} ms at ${P99_AT} connections\n`,
);
console.log("| page | conn. | req/s | p50 ms | p99 ms | of reference | goal | HTML | result |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
for (const row of measured) {
  for (const conns of CONNECTIONS) {
    const r = row.byConnections[conns];
    const goal = row.goal === null ? "–" : `≥ ${Math.round(row.goal * 100)} %${conns === P99_AT ? `, p99 ≤ ${P99_GOAL_MS}` : ""}`;
    const ok = row.goal === null ? "" : r.ratio >= row.goal && r.errors === 0 && (conns !== P99_AT || r.p99 <= P99_GOAL_MS) ? "PASS" : "FAIL";
    const errors = r.errors ? ` (${r.errors} errors)` : "";
    console.log(
      `| ${row.name}${row.as ? " †" : ""} | ${conns} | ${r.requestsPerSecond}${errors} | ${r.p50} | ${r.p99} | ${Math.round(r.ratio * 100)} % | ${goal} | ${kb(row.htmlBytes)} | ${ok} |`,
    );
  }
}
console.log(`\n† signed in (fresh rendering, gzip on the fly). HTML: decoded size of the document.`);
if (results.searchHtml) {
  console.log(
    `search page HTML (20 results with the map): ${kb(results.searchHtml.bytes)}, goal ≤ ${kb(SEARCH_HTML_GOAL)}: ${results.searchHtml.pass ? "PASS" : "FAIL"}`,
  );
}
console.log(`${results.jsBudget.split("\n")[0]}`);
if (lighthouseOn) printLighthouse(lighthouseRows);
if (latencyResults.length) {
  console.log(`\nserver time: ${SAMPLES} sequential requests on one keep-alive connection, timed at the client (loopback)\n`);
  console.log("| page | requests | p50 ms | p95 ms | max ms | goal | result |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const r of latencyResults) {
    console.log(`| ${r.name} † | ${r.samples} | ${r.p50} | ${r.p95} | ${r.max} | ${r.p95GoalMs === null ? "–" : `p95 ≤ ${r.p95GoalMs}`} | ${r.p95GoalMs === null ? "" : r.pass ? "PASS" : "FAIL"} |`);
  }
}
if (race) {
  const r = (x) => (x ? `${x.reqPerSec} req/s, p50 ${x.p50} ms, p99 ${x.p99} ms, statuses ${JSON.stringify(x.statuses)}` : "no result");
  console.log(`\nsign-up race (1,000 volunteers, one 25-place shift; own database)`);
  console.log(`  64 at a time: ${r(race.first)}; p99 goal ≤ ${RACE_P99_GOAL_MS} ms: ${race.p99Pass ? "PASS" : "FAIL"}`);
  console.log(`  all at once:  ${r(race.second)}`);
  console.log(`  25 confirmed and waitlist 1..n on both shifts: ${race.correct ? "PASS" : "FAIL"}; no response ≥ 500: ${race.no5xx ? "PASS" : "FAIL"}`);
}
if (matching?.error) console.log(`\nmatching: ${matching.error}: FAIL`);
else if (matching) {
  const m = matching;
  console.log(`\nmatching (${m.dataset.volunteers} volunteers, ${m.dataset.opportunities} opportunities, ${m.dataset.shifts} shifts; own database)`);
  console.log(`  recommend p50/p95/p99 ${m.recommend.p50}/${m.recommend.p95}/${m.recommend.p99} ms (goal p95 ≤ 25): ${m.recommend.p95 <= 25 ? "PASS" : "FAIL"}`);
  console.log(`  reverse   p50/p95/p99 ${m.reverse.p50}/${m.reverse.p95}/${m.reverse.p99} ms (goal p95 ≤ 50): ${m.reverse.p95 <= 50 ? "PASS" : "FAIL"}`);
  console.log(`  function ÷ candidate query (EXPLAIN ANALYZE): ${m.functionOverQuery.recommend} / ${m.functionOverQuery.reverse} (goal ≤ 1.3): ${m.functionOverQuery.recommend <= 1.3 && m.functionOverQuery.reverse <= 1.3 ? "PASS" : "FAIL"}`);
} else if (!env.DATABASE_URL) console.log(`\nmatching: PostgreSQL only (npm run bench with DATABASE_URL, or npm run bench:matching)`);
console.log(`overall: ${results.pass ? "PASS" : "FAIL"}`);
mkdirSync("bench/results", { recursive: true });
writeFileSync(`bench/results/latest-${results.database}.json`, JSON.stringify(results, null, 2) + "\n");
