// The sign-up race against the production server over HTTP: 1,000 distinct signed-in volunteers post the sign-up
// form for one 25-place auto-confirm shift, 64 at a time (latency p50/p99, status codes), then all 1,000 at once
// for a second shift (correctness only); the database is counted afterwards. Needs a build (npx remix build).
//   node bench/signup-race.js                       (embedded PGlite in data/bench-race)
//   DATABASE_URL=postgres://… node bench/signup-race.js
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import postgres from "postgres";

const port = Number(process.env.BENCH_PORT ?? 3298);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const env = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(port),
  APP_URL: `http://localhost:${port}`,
  LOG_LEVEL: "warn",
  COOKIE_SECURE: "false",
  EMAIL_WORKER: "off",
};
if (!env.DATABASE_URL) env.PGLITE_DIR = env.PGLITE_DIR ?? "data/bench-race";
const hasTaskset = spawnSync("taskset", ["-c", "0", "true"]).status === 0;

function tsx(mode) {
  const result = spawnSync("npx", ["tsx", "bench/signup-race-db.ts", mode], { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (result.status !== 0) throw new Error(`signup-race-db ${mode} failed`);
  return result.stdout.trim();
}

async function waitForHealth() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("server did not become healthy");
}

async function signUp(opportunityId, shiftId, token) {
  const started = performance.now();
  const response = await fetch(`http://localhost:${port}/opportunities/${opportunityId}/signup`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: `mitenand_session=${token}`,
      Origin: `http://localhost:${port}`,
    },
    body: new URLSearchParams({ shiftId: String(shiftId) }),
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started, sentAt: started };
}

async function race(opportunityId, shiftId, tokens, concurrency) {
  const results = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tokens.length) }, async () => {
      while (next < tokens.length) {
        const token = tokens[next++];
        results.push(await signUp(opportunityId, shiftId, token).catch((error) => ({ status: 0, ms: 0, error: String(error) })));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  // when the slowest 1 % were sent (ms after the start): all at the start points at a cold server, spread over
  // the run at garbage collection or the database
  const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, Math.ceil(results.length / 100));
  const slowestSentAtMs = slowest.map((r) => Math.round((r.sentAt ?? started) - started));
  return { requests: results.length, seconds: Math.round(seconds * 10) / 10, reqPerSec: Math.round(results.length / seconds), p50: pct(50), p90: pct(90), p99: pct(99), statuses, slowestSentAtMs };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere or once it is gone */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * CPU used by the server process and (PostgreSQL) by this database's backends during `run`, per request: a
 * measure that depends much less on how busy the machine is than the latencies do.
 */
async function withCpu(run) {
  const backends = async () => {
    if (!env.DATABASE_URL) return new Map();
    const client = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      const rows = await client`select pid from pg_stat_activity where datname = current_database() and application_name = 'mitenand'`;
      return new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid) ?? 0]));
    } finally {
      await client.end();
    }
  };
  const loadBefore = loadavg()[0];
  const serverBefore = cpuSeconds(server.pid);
  const pgBefore = await backends();
  const result = await run();
  const serverAfter = cpuSeconds(server.pid);
  const pgAfter = await backends();
  let pg = 0;
  for (const [pid, after] of pgAfter) pg += after - (pgBefore.get(pid) ?? 0);
  const perRequest = (seconds) => Math.round((seconds * 1000 * 10) / result.requests) / 10;
  if (serverBefore !== null && serverAfter !== null) result.serverCpuMsPerRequest = perRequest(serverAfter - serverBefore);
  if (env.DATABASE_URL) result.postgresCpuMsPerRequest = perRequest(pg);
  result.load1 = [loadBefore, loadavg()[0]].map((l) => Math.round(l * 10) / 10);
  return result;
}

console.log(`sign-up race: database ${env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite (${env.PGLITE_DIR})`}`);
console.log(tsx("prepare"));
const setup = JSON.parse(readFileSync("bench/results/signup-race-setup.json", "utf8"));
// BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/results/prof": extra node flags for the server (profiling)
const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
const [command, args] = hasTaskset ? ["taskset", ["-c", "0", process.execPath, ...nodeArgs, "server.js"]] : [process.execPath, [...nodeArgs, "server.js"]];
const server = spawn(command, args, { env, stdio: ["ignore", "inherit", "inherit"] });
const exited = new Promise((resolve) => server.once("exit", resolve));
let first;
let second;
try {
  await waitForHealth();
  // A server that has just started runs its first requests unoptimised (V8 compiles the hot code as it goes) and
  // opens its pool's connections, each preparing its statements: raced cold, the requests sent in the first 0.3 s
  // were all of the slowest 1 %. A crowd meets a server that has been up and has taken sign-ups before, so other
  // volunteers (RACE_WARMUP_VOLUNTEERS, 256) first sign up for another shift of the listing, 64 at a time: the same
  // path as the race (session, form, the sign-up function, emails, redirect). BENCH_WARMUP=0 races the cold server.
  if (process.env.BENCH_WARMUP !== "0" && setup.warmupTokens?.length) {
    const warm = await race(setup.opportunityId, setup.warmupShiftId, setup.warmupTokens, connections);
    console.log(`warm-up (${setup.warmupTokens.length} other volunteers, another shift):`, JSON.stringify({ reqPerSec: warm.reqPerSec, p50: warm.p50, p99: warm.p99, statuses: warm.statuses }));
  }
  first = await withCpu(() => race(setup.opportunityId, setup.shiftIds[0], setup.tokens, connections));
  console.log(`${connections} at a time:`, JSON.stringify(first));
  // BENCH_ALL_AT_ONCE=0 skips the second run (when profiling the first)
  if (process.env.BENCH_ALL_AT_ONCE !== "0") {
    second = await withCpu(() => race(setup.opportunityId, setup.shiftIds[1], setup.tokens, setup.tokens.length));
    console.log(`all ${setup.tokens.length} at once:`, JSON.stringify(second));
  }
} finally {
  server.kill("SIGTERM");
  await exited;
}
console.log("database:", tsx("verify"));
