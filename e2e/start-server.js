// Starts Mitenand for a Playwright run: a fresh, seeded database and the production build on PORT.
// Without DATABASE_URL the data lives in a throwaway PGlite folder (data/e2e-<pid>), removed again on exit;
// with DATABASE_URL a fresh sibling database "<name>_e2e" is created on that server, so the journeys never
// see rows that the integration tests left in the main one.
// Mail leaves the app over SMTP (SMTP_URL) to a sink in this process (e2e/smtp-sink.js), which keeps what arrives
// in data/e2e-mail-<port> for the journeys; the outbox rows stay, so the dev mailbox shows the same mail.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { smtpSinkDir, startSmtpSink } from "./smtp-sink.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.PORT || process.env.E2E_PORT || "3210";
const env = {
  ...process.env,
  NODE_ENV: "production",
  PORT: port,
  APP_URL: `http://localhost:${port}`,
  LOG_LEVEL: process.env.LOG_LEVEL || "warn",
  DEV_MAILBOX: "true",
  // every journey comes from one address: the sign-ups of all specs together pass the default of 10 an hour
  SIGNUP_LIMIT_PER_IP: process.env.SIGNUP_LIMIT_PER_IP || "100",
};

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

// folders of earlier runs that were killed before they could clean up (a concurrent run's folder stays)
function removeStaleFolders() {
  const dataDir = join(root, "data");
  if (!existsSync(dataDir)) return;
  for (const name of readdirSync(dataDir)) {
    const pid = Number(/^e2e-(\d+)$/.exec(name)?.[1]);
    if (pid && !isRunning(pid)) rmSync(join(dataDir, name), { recursive: true, force: true });
  }
}

let pgliteDir;
if (!process.env.DATABASE_URL) {
  removeStaleFolders();
  pgliteDir = join(root, "data", `e2e-${process.pid}`);
  rmSync(pgliteDir, { recursive: true, force: true });
  env.PGLITE_DIR = pgliteDir;
}

if (process.env.DATABASE_URL) {
  const url = new URL(process.env.DATABASE_URL);
  const name = `${url.pathname.slice(1) || "mitenand"}_e2e`.replace(/[^a-zA-Z0-9_]/g, "_");
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
}

const mailDir = smtpSinkDir(root, port);
const sink = await startSmtpSink(mailDir);
env.SMTP_URL = sink.url;

function cleanUp() {
  if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  rmSync(mailDir, { recursive: true, force: true });
}
process.on("exit", cleanUp);

// Playwright stops the web server with SIGTERM to the whole process group (see playwright.config.ts), so the
// seed or the server gets it too; handling it here keeps this process alive long enough to clean up.
let server;
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    stopping = true;
    if (!server) process.exit(1);
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  });
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`e2e: ${command} ${args.join(" ")} failed (${result.error?.message ?? result.signal ?? `exit ${result.status}`})`);
    process.exit(1);
  }
}

// `npm run test:e2e` builds first; this only covers a bare `npx playwright test` on a fresh checkout
if (!existsSync(join(root, "build", "index.js"))) run("npx", ["remix", "build"]);

run("npx", ["tsx", "db/seed.ts"]);

server = spawn(process.execPath, ["server.js"], { cwd: root, env, stdio: "inherit" });

server.on("exit", (code, signal) => {
  // process.exit runs cleanUp; the server has closed its PGlite by now
  process.exit(code ?? (stopping && signal ? 0 : 1));
});
