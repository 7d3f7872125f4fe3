import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, createDatabase, db } from "~db/client.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { checkDatabase } from "./health.server";

beforeAll(prepareTestDatabase);

afterAll(async () => {
  await closeDatabase();
});

test("the process database answers", async () => {
  expect(await checkDatabase(db)).toBe(true);
});

test("an unreachable database is reported within the timeout, not thrown", async () => {
  const { db: broken } = createDatabase({ databaseUrl: "postgres://nobody@127.0.0.1:1/none", poolSize: 1 });
  const started = Date.now();
  try {
    expect(await checkDatabase(broken, 1500)).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);
  } finally {
    await broken.destroy().catch(() => {});
  }
});
