/**
 * The loop of the background jobs (schedule window and archive, sign-up offers and reminders, saved-search
 * digests): run now, then every `intervalMs`; a tick while a run is still going is skipped, so two runs never
 * overlap; the timer does not keep the process alive. A run that throws is logged and the next tick tries again.
 */
import { logger } from "./logger.server";

/** Starts the job; returns stop(), which waits for a run in progress (so the database can be closed after it). */
export function startPeriodicJob({
  run,
  intervalMs,
  failureMessage,
}: {
  run: () => Promise<void>;
  intervalMs: number;
  /** the log message when a run throws, e.g. "sign-up jobs failed" */
  failureMessage: string;
}): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopped = false;

  function tick() {
    if (stopped || running) return;
    running = run()
      .catch((error: unknown) => logger.error({ error: error instanceof Error ? error.message : String(error) }, failureMessage))
      .finally(() => {
        running = undefined;
      });
  }

  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();

  return async function stop() {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
