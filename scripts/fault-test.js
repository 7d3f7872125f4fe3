// npm run test:faults — does Mitenand survive a database restart?
//
// Starts its own throwaway PostgreSQL cluster (Debian's initdb/pg_ctl, as the `postgres` OS user when run as
// root) in a temp dir on a free port, so the shared database server is never touched. Builds if the build is
// older than the sources, seeds, starts the production build against it (mail to an in-process SMTP server that
// counts deliveries), runs signed-in and anonymous request loops on loopback, and meanwhile:
//   1. stops the cluster with a fast shutdown for 8 s, starts it again;
//   2. the same with an immediate shutdown (a crash, as far as clients can tell);
//   3. pg_terminate_backend() of every app connection, twice, under load.
// Asserts: the app process stays alive; no request takes more than 15 s; outage answers are 503 (or 200 from
// the page cache); every request that starts 5 s after the database is back answers 200; /healthz is 503 while
// the database is down and 200 after; a POST during the outage says it was not saved; every mail queued in the
// outbox is delivered exactly once. Prints a timeline. About 2 minutes.
//
// Options (env): FAULT_TEST_KEEP=1 keeps the temp dir (cluster, app log); FAULT_TEST_NO_ASSERT=1 only reports
// (for measuring an old version); FAULT_TEST_DOWN_MS (default 8000).
import { spawn, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, createWriteStream } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";

const ROOT = resolve(import.meta.dirname, "..");
const DOWN_MS = Number(process.env.FAULT_TEST_DOWN_MS) || 8000;
const REQUEST_LIMIT_MS = 15_000;
const RECOVERY_MS = 5000;
const ASSERT = !process.env.FAULT_TEST_NO_ASSERT;
const PASSWORD = "Mitenand-Demo-2026";
const started = Date.now();
const since = (t = Date.now()) => ((t - started) / 1000).toFixed(2).padStart(6);
const say = (message) => console.log(`[${since()} s] ${message}`);

// --- the throwaway cluster -----------------------------------------------------------------------------------

function pgBin() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
  const version = readdirSync(base).sort((a, b) => Number(b) - Number(a)).find((v) => existsSync(join(base, v, "bin/pg_ctl")));
  if (!version) throw new Error("no pg_ctl under /usr/lib/postgresql/*/bin");
  return join(base, version, "bin");
}

const asRoot = process.getuid?.() === 0;
function runPg(command, args, options = {}) {
  const full = join(pgBin(), command);
  return asRoot
    ? execFileSync("runuser", ["-u", "postgres", "--", full, ...args], { stdio: "pipe", ...options })
    : execFileSync(full, args, { stdio: "pipe", ...options });
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function createCluster() {
  const dir = mkdtempSync(join(tmpdir(), "mitenand-faults-"));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  const port = await freePort();
  runPg("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50`;
  const cluster = {
    dir,
    port,
    url: `postgres://postgres@127.0.0.1:${port}/mitenand`,
    start: () => runPg("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "postgres.log"), "-w", "-t", "30", "start"]),
    stop: (mode) => runPg("pg_ctl", ["-D", data, "-m", mode, "-w", "-t", "30", "stop"]),
    remove() {
      try {
        runPg("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // not running
      }
      if (!process.env.FAULT_TEST_KEEP) rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  const admin = postgres(`postgres://postgres@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
  await admin`create database mitenand`;
  await admin.end();
  return cluster;
}

// --- build, seed, app ----------------------------------------------------------------------------------------

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIfNeeded() {
  const build = join(ROOT, "build/index.js");
  const sources = Math.max(newestMtime(join(ROOT, "app")), newestMtime(join(ROOT, "db")));
  if (existsSync(build) && statSync(build).mtimeMs >= sources) return say("build is up to date");
  say("building (remix build)");
  execFileSync("npx", ["remix", "build"], { cwd: ROOT, stdio: "inherit" });
}

function startSmtp() {
  const received = new Map();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    disableReverseLookup: true,
    onData(stream, session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        for (const { address } of session.envelope.rcptTo) received.set(address, (received.get(address) ?? 0) + 1);
        callback();
      });
    },
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done({ server, received, port: server.server.address().port })));
}

function startApp({ databaseUrl, port, smtpPort, logFile }) {
  const log = createWriteStream(logFile);
  const app = spawn(process.execPath, ["server.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: `http://localhost:${port}`,
      COOKIE_SECURE: "false",
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: "10",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      LOG_LEVEL: "warn",
      EMAIL_WORKER: "inline",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout.pipe(log);
  app.stderr.pipe(log);
  app.exited = null;
  app.on("exit", (code, signal) => {
    app.exited = { code, signal, at: Date.now() };
    say(app.stopping ? `app stopped (code ${code})` : `APP PROCESS EXITED (code ${code}, signal ${signal})`);
  });
  return app;
}

// --- requests ------------------------------------------------------------------------------------------------

const results = [];

async function request(base, path, { cookie, method = "GET", body, kind }) {
  const t0 = Date.now();
  const headers = { "Accept-Language": "de-CH", "Accept-Encoding": "gzip" };
  if (cookie) headers.Cookie = cookie;
  if (method !== "GET") {
    headers.Origin = base;
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  }
  let status = 0;
  let cache = null;
  let text = "";
  let error = null;
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_LIMIT_MS + 5000),
    });
    status = response.status;
    cache = response.headers.get("x-page-cache");
    text = await response.text();
  } catch (e) {
    error = e.name === "TimeoutError" ? "timeout" : e.cause?.code ?? e.message;
  }
  const entry = { kind, path, method, t0, t1: Date.now(), ms: Date.now() - t0, status, cache, error };
  results.push(entry);
  return { ...entry, text };
}

async function logIn(base, email) {
  const body = new URLSearchParams({ email, password: PASSWORD }).toString();
  const response = await fetch(`${base}/login`, {
    method: "POST",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body,
    redirect: "manual",
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (response.status !== 302 || cookies.length === 0) throw new Error(`login of ${email} failed: ${response.status}`);
  return cookies.join("; ");
}

function loop(base, kind, paths, cookie, stop) {
  return (async () => {
    let i = 0;
    while (!stop.done) {
      await request(base, paths[i++ % paths.length], { cookie, kind });
      await sleep(20);
    }
  })();
}

// --- the run -------------------------------------------------------------------------------------------------

const events = [];
const mark = (name) => {
  events.push({ name, at: Date.now() });
  say(name);
};

async function main() {
  say(`pg binaries: ${pgBin()}${asRoot ? " (as user postgres)" : ""}`);
  const cluster = await createCluster();
  say(`throwaway cluster on 127.0.0.1:${cluster.port} in ${cluster.dir}`);
  let app;
  let smtp;
  const outcome = { failures: [] };
  try {
    buildIfNeeded();
    say("seeding (db/seed.ts)");
    execFileSync("npx", ["tsx", "db/seed.ts"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: cluster.url, LOG_LEVEL: "warn" }, stdio: "pipe" });
    smtp = await startSmtp();
    const port = await freePort();
    const base = `http://localhost:${port}`; // the host APP_URL names (Remix compares Origin with Host)
    const logFile = join(cluster.dir, "app.log");
    app = startApp({ databaseUrl: cluster.url, port, smtpPort: smtp.port, logFile });
    for (let i = 0; ; i++) {
      if (app.exited) throw new Error(`the app did not start; see ${logFile}`);
      const health = await fetch(`${base}/healthz`).then((r) => r.status, () => 0);
      if (health === 200) break;
      if (i > 120) throw new Error("the app did not become healthy within 60 s");
      await sleep(500);
    }
    say(`app on ${base} (log: ${logFile})`);

    const sqlClient = postgres(cluster.url, { max: 1, onnotice: () => {}, connect_timeout: 2, backoff: () => 0.2 });
    const [{ id: opportunityId }] = await sqlClient`select id from opportunity where status = 'published' order by id limit 1`;
    const volunteer = await logIn(base, "freiwillig1@mitenand.example");
    const owner = await logIn(base, "verein-treffpunkt-welt-aarau@mitenand.example");
    const english = await logIn(base, "freiwillig6@mitenand.example");

    // mail: rows queued straight into the outbox (as enqueueEmail writes them), some before and during the run
    const queued = new Set();
    let mailNo = 0;
    const queueMail = async (count) => {
      for (let i = 0; i < count; i++) {
        const recipient = `fault-${++mailNo}@example.org`;
        try {
          await sqlClient`insert into outbox (recipient, subject, text_body, html_body, template)
                          values (${recipient}, ${"Fault test " + mailNo}, ${"text"}, ${"<p>html</p>"}, ${"verify_email"})`;
          queued.add(recipient);
        } catch {
          // the database is down: not queued, not expected
        }
      }
    };
    await queueMail(20);

    const stop = { done: false };
    const anonymous = ["/", "/opportunities", `/opportunities/${opportunityId}`, "/orgs/verein-treffpunkt-welt-aarau", "/opportunities?q=deutsch"];
    const signedIn = ["/", "/opportunities", "/me/account", `/opportunities/${opportunityId}`];
    const ownerPaths = ["/orgs/verein-treffpunkt-welt-aarau/manage", "/opportunities"];
    const loops = [
      ...Array.from({ length: 4 }, () => loop(base, "anonymous", anonymous, undefined, stop)),
      ...Array.from({ length: 4 }, () => loop(base, "signed-in", signedIn, volunteer, stop)),
      ...Array.from({ length: 2 }, () => loop(base, "signed-in", ownerPaths, owner, stop)),
    ];
    const mailLoop = (async () => {
      while (!stop.done) {
        await queueMail(2);
        await sleep(700);
      }
    })();
    const healthLoop = (async () => {
      while (!stop.done) {
        await request(base, "/healthz", { kind: "healthz" });
        await sleep(250);
      }
    })();

    const outages = [];
    async function outage(mode) {
      await sleep(6000);
      const window = { mode, down: Date.now() };
      mark(`stop (${mode})`);
      cluster.stop(mode);
      window.stopped = Date.now();
      // probes while the database is away, in parallel and within the DOWN_MS: a POST must say it was not saved;
      // a signed-in page is the localized 503 page with Retry-After and no stack trace (German, and English for
      // the English-speaking demo volunteer)
      const probe = async (language, cookie) => {
        const response = await fetch(`${base}/me/account`, { headers: { Cookie: cookie } }).catch(() => null);
        const text = response ? await response.text() : "";
        window[`page:${language}`] = {
          status: response?.status ?? 0,
          retryAfter: response?.headers.get("retry-after"),
          localized: language === "en" ? text.includes("back in a moment") : text.includes("gleich wieder da"),
          stack: /at \S+\.js:\d+/.test(text),
        };
      };
      const probes = sleep(1500).then(() =>
        Promise.all([
          request(base, "/login", {
            method: "POST",
            body: new URLSearchParams({ email: "freiwillig2@mitenand.example", password: PASSWORD }).toString(),
            kind: "post-during-outage",
          }).then((result) => (window.post = result)),
          probe("de", volunteer),
          probe("en", english),
        ]),
      );
      await sleep(DOWN_MS);
      await probes;
      mark(`start after ${mode}`);
      cluster.start();
      window.back = Date.now();
      mark("database accepting connections");
      outages.push(window);
    }
    await outage("fast");
    await outage("immediate");
    for (let round = 1; round <= 2; round++) {
      await sleep(4000);
      const window = { mode: `terminate #${round}`, down: Date.now() };
      const [{ n }] = await sqlClient`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = 'mitenand'`;
      window.back = Date.now();
      mark(`pg_terminate_backend: ${n} app connections`);
      outages.push(window);
    }
    await sleep(RECOVERY_MS + 3000);
    stop.done = true;
    await Promise.all([...loops, mailLoop, healthLoop]);
    mark("load stopped");

    // every queued mail delivered exactly once: wait for the worker to drain the outbox
    let pending = [];
    for (let i = 0; i < 60; i++) {
      pending = await sqlClient`select recipient, status, attempts, next_attempt_at from outbox where recipient like 'fault-%' and status <> 'sent'`;
      if (pending.length === 0) break;
      await sleep(500);
    }
    await sqlClient.end();
    mark("outbox drained");

    report({ outages, queued, received: smtp.received, pending, app, outcome });
  } finally {
    if (app && !app.exited) {
      app.stopping = true;
      app.kill("SIGTERM");
      await new Promise((done) => {
        const timer = setTimeout(() => (app.kill("SIGKILL"), done()), 15_000);
        app.once("exit", () => (clearTimeout(timer), done()));
      });
    }
    smtp?.server.close();
    cluster.remove();
  }
  if (outcome.failures.length) {
    console.log(`\nFAILED (${outcome.failures.length}):`);
    for (const failure of outcome.failures) console.log(`  - ${failure}`);
    process.exit(1);
  }
  console.log(
    ASSERT
      ? `\nOK: the app survived every fault (${((Date.now() - started) / 1000).toFixed(0)} s)`
      : "\n(FAULT_TEST_NO_ASSERT: report only, nothing asserted)",
  );
}

function report({ outages, queued, received, pending, app, outcome }) {
  const fail = (message) => outcome.failures.push(message);
  const requests = results.filter((r) => r.kind !== "healthz" && r.kind !== "post-during-outage");
  const ok = (r) => r.status === 200;

  console.log("\n== timeline (seconds since start of the test) ==");
  for (const window of outages) {
    const during = requests.filter((r) => r.t1 >= window.down && r.t0 <= window.back);
    const firstFailure = requests.filter((r) => r.t1 >= window.down && !ok(r)).sort((a, b) => a.t1 - b.t1)[0];
    const after = requests.filter((r) => r.t0 >= window.back);
    const firstSuccess = after.filter((r) => r.kind === "signed-in" && ok(r)).sort((a, b) => a.t1 - b.t1)[0];
    const next = outages.find((o) => o.down > window.down)?.down ?? Infinity;
    const lastFailure = after.filter((r) => !ok(r) && r.t1 < next).sort((a, b) => b.t1 - a.t1)[0];
    const statuses = {};
    for (const r of during) {
      const key = r.error ? `error:${r.error}` : `${r.status}${r.cache === "stale" ? " stale" : ""}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
    const slowest = during.sort((a, b) => b.ms - a.ms)[0];
    console.log(`-- ${window.mode}: down at ${since(window.down)}, back at ${since(window.back)}`);
    console.log(`   first failure:                 ${firstFailure ? `${since(firstFailure.t1)} (${firstFailure.status || firstFailure.error} ${firstFailure.path}, +${((firstFailure.t1 - window.down) / 1000).toFixed(2)} s)` : "none"}`);
    console.log(`   first signed-in 200 after back: ${firstSuccess ? `${since(firstSuccess.t1)} (+${((firstSuccess.t1 - window.back) / 1000).toFixed(2)} s)` : "NONE"}`);
    console.log(`   last failure after back:        ${lastFailure ? `${since(lastFailure.t1)} (+${((lastFailure.t1 - window.back) / 1000).toFixed(2)} s, ${lastFailure.status || lastFailure.error} ${lastFailure.path})` : "none"}`);
    console.log(`   answers while down:             ${JSON.stringify(statuses)}`);
    if (slowest) console.log(`   slowest request while down:     ${slowest.ms} ms (${slowest.path}, ${slowest.status || slowest.error})`);
    if (window.post) console.log(`   POST /login while down:         ${window.post.status || window.post.error} in ${window.post.ms} ms`);

    if (firstSuccess === undefined) fail(`${window.mode}: no signed-in request succeeded after the database came back`);
    const late = after.filter((r) => r.t0 >= window.back + RECOVERY_MS && !ok(r) && (outages.find((o) => o.down > window.down)?.down ?? Infinity) > r.t1);
    if (late.length) fail(`${window.mode}: ${late.length} requests failed more than ${RECOVERY_MS / 1000} s after the database was back (first: ${late[0].status || late[0].error} ${late[0].path})`);
    const wrong = during.filter((r) => !(r.status === 200 || r.status === 503));
    if (wrong.length) fail(`${window.mode}: ${wrong.length} answers during the outage were neither 200 nor 503 (e.g. ${wrong[0].status || wrong[0].error} ${wrong[0].path})`);
    if (window.post && window.post.status) {
      if (window.post.status !== 503) fail(`${window.mode}: POST during the outage answered ${window.post.status}, not 503`);
      else if (!/nicht gespeichert/.test(window.post.text)) fail(`${window.mode}: the 503 after a POST does not say that nothing was saved`);
      else if (/at \S+\.js:\d+/.test(window.post.text)) fail(`${window.mode}: the 503 page shows a stack trace`);
    }
    for (const language of ["de", "en"]) {
      const page = window[`page:${language}`];
      if (!page) continue;
      console.log(`   signed-in page while down (${language}): ${JSON.stringify(page)}`);
      if (page.status !== 503 || !page.retryAfter || !page.localized || page.stack)
        fail(`${window.mode}: the ${language} outage page is not a localized 503 with Retry-After (${JSON.stringify(page)})`);
    }
    if (window.stopped) {
      const health = results.filter((r) => r.kind === "healthz" && r.t0 >= window.stopped + 500 && r.t1 <= window.back);
      if (health.some((r) => r.status === 200)) fail(`${window.mode}: /healthz said 200 while the database was down`);
      if (health.length === 0) fail(`${window.mode}: /healthz was not answered while the database was down`);
    }
  }
  const all = results.slice().sort((a, b) => b.ms - a.ms);
  const redirects = {};
  for (const r of requests.filter((r) => r.status === 302)) redirects[`${r.kind} ${r.path}`] = (redirects[`${r.kind} ${r.path}`] ?? 0) + 1;
  if (Object.keys(redirects).length) console.log(`\n== redirects: ${JSON.stringify(redirects)}`);
  const totals = {};
  for (const r of requests) totals[r.error ? `error:${r.error}` : r.status] = (totals[r.error ? `error:${r.error}` : r.status] ?? 0) + 1;
  console.log(`\n== ${requests.length} requests: ${JSON.stringify(totals)}; slowest ${all[0]?.ms} ms (${all[0]?.path}, ${all[0]?.status || all[0]?.error} at ${since(all[0]?.t0)})`);
  if (all[0] && all[0].ms > REQUEST_LIMIT_MS) fail(`a request took ${all[0].ms} ms (limit ${REQUEST_LIMIT_MS} ms)`);
  if (results.some((r) => r.error === "timeout")) fail("requests timed out");

  const twice = [...received].filter(([, n]) => n > 1);
  const never = [...queued].filter((recipient) => !received.has(recipient));
  console.log(`== mail: ${queued.size} queued, ${[...queued].filter((r) => received.get(r) === 1).length} delivered once, ${twice.length} more than once, ${never.length} not delivered; outbox rows not sent: ${pending.length}`);
  if (twice.length) fail(`${twice.length} mails were delivered more than once (${twice[0][0]})`);
  if (never.length) fail(`${never.length} queued mails were not delivered (${never.slice(0, 3).join(", ")}; ${JSON.stringify(pending.slice(0, 3))})`);

  console.log(`== app process: ${app.exited ? `EXITED with code ${app.exited.code} at ${since(app.exited.at)}` : "alive"}`);
  if (app.exited) fail("the app process died");
  if (!ASSERT) outcome.failures.length = 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
