// Starts Mitenand: imports the Remix server build, prepares the database, listens on PORT.
// In development `remix dev` runs this file again after every rebuild.
import { broadcastDevReady } from "@remix-run/node";

// Last line of defence: an error nobody caught leaves the process in an unknown state (a half-closed pool, a
// timer that keeps failing). Log it, stop accepting, let the requests in progress finish for a few seconds and
// exit non-zero, so the supervisor (docker's `restart: unless-stopped`, systemd, …) starts a clean process.
const CRASH_DRAIN_MS = 5_000;
let server;
let crashing = false;
function crash(kind, error) {
  console.error(
    JSON.stringify({
      level: 60,
      time: Date.now(),
      msg: `${kind}: stopping`,
      err: error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : String(error),
    }),
  );
  process.exitCode = 1;
  if (crashing) return;
  crashing = true;
  setTimeout(() => process.exit(1), CRASH_DRAIN_MS).unref();
  if (!server) return process.exit(1);
  server.close(() => process.exit(1));
  server.closeIdleConnections?.();
}
process.on("uncaughtException", (error) => crash("uncaughtException", error));
process.on("unhandledRejection", (error) => crash("unhandledRejection", error));

const BUILD_PATH = "./build/index.js";
const build = await import(BUILD_PATH);
const { bootServer, createApp, shutdownServer, getEnv } = build.entry.module;

const env = getEnv();
await bootServer();
const app = createApp({ build, devServer: env.NODE_ENV === "development" });

server = app.listen(env.PORT, env.HOST, () => {
  console.log(`Mitenand listening on http://localhost:${env.PORT}`);
  if (process.env.REMIX_DEV_ORIGIN) broadcastDevReady(build);
});

const DRAIN_MS = 10_000;

let closing = false;
async function close(signal) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: shutting down`);
  // stop accepting, let the requests in progress finish (they still need the database), then close it; a
  // request that is still running after DRAIN_MS loses its connection
  const drained = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections?.();
  const deadline = setTimeout(() => server.closeAllConnections?.(), DRAIN_MS);
  await drained;
  clearTimeout(deadline);
  // PGlite keeps a timer alive; the process only exits once the database is closed
  await shutdownServer().catch((error) => console.error(error));
  process.exit(process.exitCode ?? 0);
}
process.on("SIGTERM", () => void close("SIGTERM"));
process.on("SIGINT", () => void close("SIGINT"));
