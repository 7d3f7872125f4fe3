/**
 * The coordinator's queue: submissions (new, or resubmitted after a decision) and pending revisions of
 * published listings and listings with open public flags, in the regions the actor moderates, oldest first. Admins see every region and the
 * canton-wide items (Gemeinden in no region: `region = "none"`).
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import type { Locale } from "~/i18n/config";
import { QUEUE_PAGE_SIZE, type QueueKind } from "./decisions";
import { moderatedBy, type ModeratorActor } from "./scope.server";

export interface QueueFilters {
  /** a region slug, or "none" for Gemeinden in no region (admins only) */
  region?: string;
  kind?: QueueKind;
  category?: string;
  page?: number;
}

export interface QueueItem {
  opportunityId: number;
  revisionId: number | null;
  kind: QueueKind;
  waitingSince: Date;
  title: string;
  organisationName: string;
  organisationVerified: boolean;
  gemeindeName: string;
  regionName: string | null;
  categoryLabel: string;
}

export async function listQueue({
  actor,
  filters = {},
  locale,
}: {
  actor: ModeratorActor;
  filters?: QueueFilters;
  locale: Locale;
}): Promise<{ items: QueueItem[]; total: number; page: number; pageCount: number }> {
  const submissions = db
    .selectFrom("opportunity as s")
    .select([
      "s.id as opportunityId",
      sql<number | null>`null::integer`.as("revisionId"),
      sql<QueueKind>`case when exists (select 1 from moderation_decision d where d.opportunity_id = s.id) then 'resubmission' else 'new' end`.as("kind"),
      sql<Date>`coalesce(s.submitted_at, s.updated_at)`.as("waitingSince"),
    ])
    .where("s.status", "=", "submitted");
  const revisions = db
    .selectFrom("opportunity_revision as r")
    .innerJoin("opportunity as ro", "ro.id", "r.opportunity_id")
    .select(["ro.id as opportunityId", "r.id as revisionId", sql<QueueKind>`'revision'`.as("kind"), "r.submitted_at as waitingSince"])
    .where("r.status", "=", "pending")
    .where("ro.status", "=", "published");
  // open flags: one item per listing, waiting since its oldest open flag
  const flags = db
    .selectFrom("opportunity_flag as f")
    .innerJoin("opportunity as fo", "fo.id", "f.opportunity_id")
    .select([
      "f.opportunity_id as opportunityId",
      sql<number | null>`null::integer`.as("revisionId"),
      sql<QueueKind>`'flag'`.as("kind"),
      sql<Date>`min(f.created_at)`.as("waitingSince"),
    ])
    .where("f.resolved_at", "is", null)
    .where("fo.status", "<>", "draft")
    .groupBy("f.opportunity_id");

  let query = db
    .selectFrom(submissions.unionAll(revisions).unionAll(flags).as("q"))
    .innerJoin("opportunity as o", "o.id", "q.opportunityId")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .innerJoin("gemeinde as g", "g.bfs_nr", "o.bfs_nr")
    .innerJoin("category as c", "c.id", "o.category_id")
    .leftJoin("region_gemeinde as rg", "rg.bfs_nr", "o.bfs_nr")
    .leftJoin("region as reg", "reg.id", "rg.region_id")
    .where(moderatedBy(actor));
  if (filters.region === "none") query = query.where("rg.region_id", "is", null);
  else if (filters.region) query = query.where("reg.slug", "=", filters.region);
  if (filters.kind) query = query.where("q.kind", "=", filters.kind);
  if (filters.category) query = query.where("o.category_id", "=", filters.category);

  const { total } = await query.select(sql<number>`count(*)::int`.as("total")).executeTakeFirstOrThrow();
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);
  const rows = await query
    .select((eb) => [
      "q.opportunityId",
      "q.revisionId",
      "q.kind",
      "q.waitingSince",
      "o.title",
      "org.name as organisationName",
      sql<boolean>`org.verified_at is not null`.as("organisationVerified"),
      "g.name as gemeindeName",
      "reg.name as regionName",
      eb.ref(locale === "de" ? "c.label_de" : "c.label_en").as("categoryLabel"),
    ])
    .orderBy("q.waitingSince")
    .orderBy("q.opportunityId")
    .limit(QUEUE_PAGE_SIZE)
    .offset((page - 1) * QUEUE_PAGE_SIZE)
    .execute();
  return { items: rows, total, page, pageCount };
}
