/**
 * Runs the migrations. Kysely's PostgreSQL adapter takes an advisory lock for the whole run, so several
 * app instances booting at once migrate one after another and the later ones find nothing to do.
 */
import { Migrator, type Kysely } from "kysely";
import { migrations } from "./migrations";

export async function migrateToLatest(db: Kysely<any>) {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`migration ${failed?.migrationName ?? "?"} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
