/**
 * bootServer and the JOBS setting: with JOBS=off the web process starts none of the periodic jobs (a separate
 * `npm run worker` runs them), with the default it starts each of them once. The jobs' loop is replaced by a
 * recorder, so nothing runs against the database here.
 */
import { afterAll, expect, test, vi } from "vitest";
import { closeDatabase } from "~db/client.server";

const state = vi.hoisted(() => ({ jobs: "off", started: [] as string[] }));

vi.mock("~/utils/periodic-job.server", () => ({
  startPeriodicJob: ({ failureMessage }: { failureMessage: string }) => {
    state.started.push(failureMessage);
    return async () => {};
  },
}));
vi.mock("~/utils/env.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/utils/env.server")>();
  return { ...original, getEnv: () => original.parseEnv({ ...process.env, EMAIL_WORKER: "off", JOBS: state.jobs }) };
});

const { bootServer } = await import("./app.server");

afterAll(async () => {
  await closeDatabase();
});

test("JOBS=off: booting the web process starts no periodic job; the default starts each job once", async () => {
  state.jobs = "off";
  await bootServer();
  expect(state.started).toEqual([]);

  state.jobs = "inline";
  await bootServer();
  expect(state.started).toHaveLength(4);
  expect(new Set(state.started).size).toBe(4);
  // a second boot in the same process does not start them again
  await bootServer();
  expect(state.started).toHaveLength(4);
});
