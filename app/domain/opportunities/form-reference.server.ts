/**
 * The reference data the organisation and opportunity forms choose from and are validated against: categories
 * and the Aargau Gemeinden. Both are fixed while the app runs (synced at boot), so they are read once.
 */
import { db } from "~db/client.server";
import type { Locale } from "~/i18n/config";

interface ReferenceRows {
  categories: { id: string; label_de: string; label_en: string }[];
  gemeinden: { bfs_nr: number; name: string }[];
}

let cached: Promise<ReferenceRows> | undefined;

function loadRows() {
  cached ??= Promise.all([
    db.selectFrom("category").select(["id", "label_de", "label_en"]).orderBy("sort_order").orderBy("id").execute(),
    db.selectFrom("gemeinde").select(["bfs_nr", "name"]).orderBy("name").execute(),
  ]).then(
    ([categories, gemeinden]) => ({ categories, gemeinden }),
    (error: unknown) => {
      cached = undefined;
      throw error;
    },
  );
  return cached;
}

export async function loadFormReference(locale: Locale) {
  const rows = await loadRows();
  return {
    categories: rows.categories.map((c) => ({ id: c.id, label: locale === "de" ? c.label_de : c.label_en })),
    gemeinden: rows.gemeinden.map((g) => ({ bfsNr: g.bfs_nr, name: g.name })),
    categoryIds: new Set(rows.categories.map((c) => c.id)) as ReadonlySet<string>,
    bfsNumbers: new Set(rows.gemeinden.map((g) => g.bfs_nr)) as ReadonlySet<number>,
  };
}
