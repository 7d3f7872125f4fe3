import { afterEach, expect, test, vi } from "vitest";
import { logger } from "./logger.server";
import { startPeriodicJob } from "./periodic-job.server";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A run that stays open until the test lets it finish. */
function controllableRun() {
  const finishers: (() => void)[] = [];
  const run = vi.fn<() => Promise<void>>(() => new Promise<void>((resolve) => finishers.push(resolve)));
  return { run, finishNext: () => finishers.shift()?.() };
}

test("runs at once and then every interval, never two runs at the same time; stop waits for the run in progress", async () => {
  vi.useFakeTimers();
  const { run, finishNext } = controllableRun();
  const stop = startPeriodicJob({ run, intervalMs: 1000, failureMessage: "test job failed" });
  expect(run).toHaveBeenCalledTimes(1);
  // the first run is still going: the ticks in between are skipped
  await vi.advanceTimersByTimeAsync(3500);
  expect(run).toHaveBeenCalledTimes(1);
  finishNext();
  await vi.advanceTimersByTimeAsync(1000);
  expect(run).toHaveBeenCalledTimes(2);

  let stopped = false;
  const stopping = stop().then(() => {
    stopped = true;
  });
  await vi.advanceTimersByTimeAsync(5000);
  expect(stopped).toBe(false);
  expect(run).toHaveBeenCalledTimes(2);
  finishNext();
  await stopping;
  expect(stopped).toBe(true);
  await vi.advanceTimersByTimeAsync(5000);
  expect(run).toHaveBeenCalledTimes(2);
});

test("a run that throws is logged with the job's message and the next tick runs again", async () => {
  vi.useFakeTimers();
  const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
  const run = vi.fn<() => Promise<void>>().mockRejectedValueOnce(new Error("database away")).mockResolvedValue(undefined);
  const stop = startPeriodicJob({ run, intervalMs: 1000, failureMessage: "test job failed" });
  await vi.advanceTimersByTimeAsync(0);
  expect(logged).toHaveBeenCalledWith({ error: "database away" }, "test job failed");
  await vi.advanceTimersByTimeAsync(1000);
  expect(run).toHaveBeenCalledTimes(2);
  expect(logged).toHaveBeenCalledTimes(1);
  await stop();
});
