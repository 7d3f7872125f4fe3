// npm run demo: build if the sources changed, migrate and seed the embedded database (./data/pglite) if it
// has no demo data yet, then serve the production build on http://localhost:3000 (PORT to change).
// Plain http on purpose, so COOKIE_SECURE=false unless you set it; DEV_MAILBOX=true keeps every email visible.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { demoEnv, demoWelcome } from "./demo-env.js";

const started = Date.now();
// plain http, the dev mailbox on (every email visible at /dev/mailbox), APP_URL http://localhost:PORT
const env = demoEnv(process.env);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function run(command, args) {
  const result = spawnSync(command, args, { env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const buildFile = "build/index.js";
const stale =
  !existsSync(buildFile) ||
  Math.max(newestMtime("app"), newestMtime("db"), statSync("remix.config.js").mtimeMs) > statSync(buildFile).mtimeMs;
if (stale) run("npx", ["remix", "build"]);

run("npx", ["tsx", "db/seed.ts"]);
console.log(`demo: ready to start after ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(demoWelcome(env));

const server = spawn(process.execPath, ["server.js"], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
