/**
 * Keeps the reference data (Gemeinden, postcodes, categories, the names of the listing languages from the
 * translations) in step with db/data and app/i18n on every boot. It is an idempotent upsert of ~580 small rows,
 * so a newer data edition reaches every database without a migration. When a category's or language's name
 * was added or changed, the listings' forgiving-search text (which contains those names) is computed again.
 */
import { type Kysely, sql } from "kysely";
import de from "../app/i18n/de.json";
import en from "../app/i18n/en.json";
import { LANGUAGE_CODES } from "../app/domain/opportunities/opportunity-input";
import aargau from "./data/aargau.json";
import { CATEGORIES } from "./data/categories";
import type { Database } from "./schema";

/** the listing languages with their German and English names (the form's language names) */
export function languageNames() {
  return LANGUAGE_CODES.map((code) => ({
    code,
    name_de: de.opportunityForm.languageNames[code],
    name_en: en.opportunityForm.languageNames[code],
  }));
}

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
    const categories = await trx
      .insertInto("category")
      .values(CATEGORIES.map((c, i) => ({ ...c, sort_order: i })))
      .onConflict((oc) =>
        oc
          .column("id")
          .doUpdateSet((eb) => ({
            label_de: eb.ref("excluded.label_de"),
            label_en: eb.ref("excluded.label_en"),
            sort_order: eb.ref("excluded.sort_order"),
          }))
          .where(sql<boolean>`(category.label_de, category.label_en, category.sort_order)
            is distinct from (excluded.label_de, excluded.label_en, excluded.sort_order)`),
      )
      .returning("id")
      .execute();
    const languages = await trx
      .insertInto("language")
      .values(languageNames())
      .onConflict((oc) =>
        oc
          .column("code")
          .doUpdateSet((eb) => ({ name_de: eb.ref("excluded.name_de"), name_en: eb.ref("excluded.name_en") }))
          .where(sql<boolean>`(language.name_de, language.name_en) is distinct from (excluded.name_de, excluded.name_en)`),
      )
      .returning("code")
      .execute();
    // rare (a first boot, a renamed category or language): only then read every listing again
    if (categories.length > 0 || languages.length > 0) {
      await sql`update opportunity o set search_text = mitenand_search_text(o.title, o.summary, o.tags, o.category_id,
          o.languages_helpful || o.languages_required)
        where o.search_text is distinct from mitenand_search_text(o.title, o.summary, o.tags, o.category_id,
          o.languages_helpful || o.languages_required)`.execute(trx);
    }
  });
}
