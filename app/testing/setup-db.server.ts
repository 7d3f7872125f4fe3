/** Brings the test database up to date once per test file (idempotent and safe across parallel files). */
import { db } from "~db/client.server";
import { prepareDatabase } from "~db/setup.server";

export async function prepareTestDatabase() {
  await prepareDatabase(db);
  return db;
}
