/** Brings a database to a usable state: migrations, then reference data. Safe to run from several processes. */
import type { Kysely } from "kysely";
import { migrateToLatest } from "./migrate.server";
import { syncReferenceData } from "./reference-data.server";
import type { Database } from "./schema";

export async function prepareDatabase(db: Kysely<Database>) {
  const applied = await migrateToLatest(db);
  await syncReferenceData(db);
  return { applied };
}
