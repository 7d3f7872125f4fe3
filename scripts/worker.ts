/**
 * CLI: npm run worker — sends the email outbox from a process of its own, until SIGTERM or SIGINT; with JOBS=off
 * (the same environment as the web processes) it also runs the periodic jobs that the web processes then leave out.
 *
 * By default every web process sends the outbox itself (EMAIL_WORKER=inline) and runs the jobs (JOBS=inline). To
 * move them to a separate process, set EMAIL_WORKER=off and JOBS=off on the web processes and run this next to
 * them. Several workers (and web processes) may run at once: each message is claimed by exactly one of them.
 *
 * A separate worker needs DATABASE_URL (PostgreSQL): the embedded PGlite database can be opened by one
 * process only, the web server. Mail goes to SMTP_URL; see README.md, section "Configuration".
 */
import { closeDatabase, db, describeDatabase } from "../db/client.server";
import { prepareDatabase } from "../db/setup.server";
import { startEmailWorker } from "../app/domain/notifications/outbox.server";
import { startBackgroundJobs } from "../app/server/jobs.server";
import { getEnv } from "../app/utils/env.server";

const env = getEnv();
if (!env.DATABASE_URL) {
  console.error(
    "npm run worker needs DATABASE_URL: the embedded PGlite database belongs to the web server process. " +
      "Without DATABASE_URL, let the web server send the outbox (EMAIL_WORKER=inline, the default).",
  );
  process.exit(1);
}

await prepareDatabase(db);
const jobs = env.JOBS === "off";
console.log(`${describeDatabase({ databaseUrl: env.DATABASE_URL })}: email worker${jobs ? " and periodic jobs" : ""} running`);
const stopEmail = startEmailWorker();
const stopJobs = jobs ? startBackgroundJobs() : async () => {};
// the worker's timer does not keep a process alive on its own (it must not hold up a web server's exit)
const keepAlive = setInterval(() => {}, 3600 * 1000);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the worker`);
  clearInterval(keepAlive);
  try {
    await Promise.all([stopEmail(), stopJobs()]);
  } finally {
    await closeDatabase();
  }
  process.exit(0);
}
// an error nobody caught: log it and exit non-zero so the supervisor restarts a clean worker (see server.js)
for (const kind of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(kind, (error: unknown) => {
    console.error(`${kind}:`, error);
    process.exit(1);
  });
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
