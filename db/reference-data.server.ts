/**
 * Keeps the reference data (Gemeinden, postcodes, categories) in step with db/data on every boot. It is
 * an idempotent upsert of ~550 small rows, so a newer data edition reaches every database without a migration.
 */
import type { Kysely } from "kysely";
import aargau from "./data/aargau.json";
import { CATEGORIES } from "./data/categories";
import type { Database } from "./schema";

export async function syncReferenceData(db: Kysely<Database>) {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("gemeinde")
      .values(aargau.gemeinden)
      .onConflict((oc) =>
        oc.column("bfs_nr").doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          district_nr: eb.ref("excluded.district_nr"),
          district_name: eb.ref("excluded.district_name"),
          lat: eb.ref("excluded.lat"),
          lon: eb.ref("excluded.lon"),
        })),
      )
      .execute();
    await trx
      .insertInto("postcode")
      .values(aargau.postcodes)
      .onConflict((oc) =>
        oc.columns(["plz", "locality", "bfs_nr"]).doUpdateSet((eb) => ({ is_main: eb.ref("excluded.is_main") })),
      )
      .execute();
    await trx
      .insertInto("category")
      .values(CATEGORIES.map((c, i) => ({ ...c, sort_order: i })))
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          label_de: eb.ref("excluded.label_de"),
          label_en: eb.ref("excluded.label_en"),
          sort_order: eb.ref("excluded.sort_order"),
        })),
      )
      .execute();
  });
}
