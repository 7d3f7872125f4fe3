// npm run bench: throughput and latency of the search page against a bare Remix page, in the same run, on a
// database with ≥ 20,000 published opportunities (bench/generate.ts tops it up). Server and load generator are
// pinned to different cores (taskset) when possible. Prints a table and writes bench/results/latest.json.
//
//   npm run bench                          embedded PGlite in ./data/bench
//   DATABASE_URL=postgres://… npm run bench
//   BENCH_DURATION=20 BENCH_CONNECTIONS=64 BENCH_SEARCH='/opportunities?q=…' npm run bench
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

const port = Number(process.env.BENCH_PORT ?? 3299);
const duration = Number(process.env.BENCH_DURATION ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const searchPath =
  process.env.BENCH_SEARCH ?? "/opportunities?q=deutsch&category=konversationsgruppe&near=5000&radius=20";
const barePath = process.env.BENCH_BARE ?? "/about";
const goals = { ratio: 0.6, p99: 150 };

const env = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(port),
  APP_URL: `http://localhost:${port}`,
  LOG_LEVEL: "warn",
  COOKIE_SECURE: "false",
  EMAIL_WORKER: "off",
};
if (!env.DATABASE_URL) env.PGLITE_DIR = env.PGLITE_DIR ?? "data/bench";

const hasTaskset = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
const pinned = (core, command, args) => (hasTaskset ? ["taskset", ["-c", String(core), command, ...args]] : [command, args]);

function run(command, args) {
  const result = spawnSync(command, args, { env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

async function waitForHealth() {
  for (let i = 0; i < 240; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("server did not become healthy");
}

function autocannon(path, { seconds, conns, base = `http://127.0.0.1:${port}` }) {
  const [command, args] = pinned(1, "node_modules/.bin/autocannon", [
    "--json",
    "-c",
    String(conns),
    "-d",
    String(seconds),
    "-H",
    "Accept-Language: de-CH",
    "-H",
    "Accept-Encoding: gzip, deflate, br",
    `${base}${path}`,
  ]);
  const result = spawnSync(command, args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`autocannon failed: ${result.stderr}`);
  const out = JSON.parse(result.stdout);
  return {
    path,
    requestsPerSecond: Math.round(out.requests.average),
    p50: out.latency.p50,
    p90: out.latency.p90,
    p99: out.latency.p99,
    max: out.latency.max,
    requests: out.requests.total,
    non2xx: out.non2xx,
    errors: out.errors + out.timeouts,
  };
}

console.log(`bench: database ${env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite (${env.PGLITE_DIR})`}`);
run("npx", ["tsx", "bench/generate.ts"]);
if (!existsSync("build/index.js") || process.env.BENCH_BUILD !== "0") run("npx", ["remix", "build"]);

/** the page's bytes as a browser gets them over the wire (encoded), and their Content-Encoding */
function rawPage(path) {
  return new Promise((resolve, reject) => {
    const request = httpGet(
      `http://127.0.0.1:${port}${path}`,
      { headers: { "Accept-Language": "de-CH", "Accept-Encoding": "gzip, deflate, br" } },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => resolve({ bytes: Buffer.concat(chunks), encoding: response.headers["content-encoding"] ?? "identity" }));
      },
    );
    request.on("error", reject);
  });
}

async function withServer(extraEnv, measure) {
  const [serverCommand, serverArgs] = pinned(0, process.execPath, ["server.js"]);
  const server = spawn(serverCommand, serverArgs, { env: { ...env, ...extraEnv }, stdio: ["ignore", "inherit", "inherit"] });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  try {
    await waitForHealth();
    const check = await fetch(`http://127.0.0.1:${port}${searchPath}`);
    if (!check.ok) throw new Error(`${searchPath} answered ${check.status}`);
    return await measure();
  } finally {
    server.kill("SIGTERM");
    const killer = setTimeout(() => server.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(killer);
  }
}

// The page cache (app/server/page-cache.server.ts) serves anonymous visitors; signed-in users and the first
// visitor of a query after a change get a fresh rendering, measured in a second run with the cache off.
const cached = await withServer({ PAGE_CACHE: "true" }, async () => {
  for (const path of [barePath, searchPath]) autocannon(path, { seconds: 5, conns: 8 }); // warm-up
  return { bare: autocannon(barePath, { seconds: duration, conns: connections }), search: autocannon(searchPath, { seconds: duration, conns: connections }) };
});
const uncached = await withServer({ PAGE_CACHE: "false" }, async () => {
  autocannon(searchPath, { seconds: 5, conns: 8 }); // warm-up
  const page = await rawPage(searchPath);
  return { search: autocannon(searchPath, { seconds: duration, conns: connections }), page };
});

// How many of these pages per second the load generator can take in at all: the same bytes from a bare
// node:http server on the server's core. On a small machine the cached page reaches this ceiling.
const ceiling = await (async () => {
  const file = join(mkdtempSync(join(tmpdir(), "mitenand-bench-")), "page.html");
  writeFileSync(file, uncached.page.bytes);
  const [command, args] = pinned(0, process.execPath, ["bench/echo-server.js", String(port + 1), file, uncached.page.encoding]);
  const echo = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
  const exited = new Promise((resolve) => echo.once("exit", resolve));
  try {
    for (let i = 0; i < 50; i++) {
      if (await fetch(`http://127.0.0.1:${port + 1}/`).then((r) => r.ok, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { ...autocannon("/", { seconds: duration, conns: connections, base: `http://127.0.0.1:${port + 1}` }), path: `same ${uncached.page.bytes.length} bytes (${uncached.page.encoding}), bare node:http` };
  } finally {
    echo.kill("SIGTERM");
    await exited;
  }
})();
const { bare, search } = cached;
const ratio = search.requestsPerSecond / bare.requestsPerSecond;
const results = {
  date: new Date().toISOString(),
  database: env.DATABASE_URL ? "postgres" : "pglite",
  connections,
  durationSeconds: duration,
  pinned: hasTaskset,
  bare,
  search,
  searchUncached: uncached.search,
  pageBytes: uncached.page.bytes.length,
  pageEncoding: uncached.page.encoding,
  loadGeneratorCeiling: ceiling,
  ratio: Math.round(ratio * 100) / 100,
  goals,
  pass: ratio >= goals.ratio && search.p99 <= goals.p99 && search.non2xx === 0 && search.errors === 0,
};

const row = (name, r) =>
  `| ${name} | \`${r.path}\` | ${r.requestsPerSecond} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.non2xx + r.errors} |`;
console.log(`\n${results.database}, ${connections} connections, ${duration} s each${results.pinned ? ", server on core 0, load on core 1" : ""}\n`);
console.log("| route | path | req/s | p50 ms | p90 ms | p99 ms | errors/non-2xx |");
console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
console.log(row("bare page", results.bare));
console.log(row("search (anonymous, page cache)", results.search));
console.log(row("search (page cache off)", results.searchUncached));
console.log(row("load-generator ceiling", results.loadGeneratorCeiling));
console.log(
  `\nsearch/bare throughput: ${Math.round(results.ratio * 100)} % (goal ≥ ${goals.ratio * 100} %), ` +
    `search p99 ${results.search.p99} ms (goal ≤ ${goals.p99} ms): ${results.pass ? "PASS" : "FAIL"}`,
);
mkdirSync("bench/results", { recursive: true });
writeFileSync(`bench/results/latest-${results.database}.json`, JSON.stringify(results, null, 2) + "\n");
