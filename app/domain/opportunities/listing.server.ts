/** Public listings: what anybody may see of published opportunities. */
import { sql } from "kysely";
import { db } from "~db/client.server";
import type { Locale } from "~/i18n/config";

export interface PublishedOpportunityCard {
  id: number;
  title: string;
  summary: string;
  organisationName: string;
  organisationSlug: string;
  gemeindeName: string;
  bfsNr: number;
  categoryId: string;
  categoryLabel: string;
  publishedAt: Date;
}

export async function listLatestPublished({ locale, limit = 12 }: { locale: Locale; limit?: number }) {
  const rows = await db
    .selectFrom("opportunity as o")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .innerJoin("gemeinde as g", "g.bfs_nr", "o.bfs_nr")
    .innerJoin("category as c", "c.id", "o.category_id")
    .where("o.status", "=", "published")
    .select((eb) => [
      "o.id",
      "o.title",
      "o.summary",
      "org.name as organisationName",
      "org.slug as organisationSlug",
      "g.name as gemeindeName",
      "o.bfs_nr as bfsNr",
      "c.id as categoryId",
      eb.ref(locale === "de" ? "c.label_de" : "c.label_en").as("categoryLabel"),
      "o.published_at as publishedAt",
    ])
    .orderBy("o.published_at", "desc")
    .orderBy("o.id", "desc")
    .limit(limit)
    .execute();
  // published rows always have published_at (CHECK constraint)
  return rows.map((row) => ({ ...row, publishedAt: row.publishedAt as Date })) satisfies PublishedOpportunityCard[];
}

export async function countPublished() {
  const row = await db
    .selectFrom("opportunity")
    .where("status", "=", "published")
    .select(sql<number>`count(*)::int`.as("count"))
    .executeTakeFirstOrThrow();
  return row.count;
}
