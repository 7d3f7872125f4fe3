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

/** a submission waits for the first time ("new") or again after a decision ("resubmission") */
function resubmissionOrNew(opportunityId: ReturnType<typeof sql.ref>) {
  return sql<QueueKind>`case when (select true from moderation_decision d where d.opportunity_id = ${opportunityId} limit 1) then 'resubmission' else 'new' end`;
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
  // The actor's scope and the filters go into both branches, so each reads only its region's waiting rows
  // (by the partial indexes on status); the page's 20 items are picked before the joins that describe them.
  // With ≥ 5,000 waiting items in the bench data, joining first made the planner hash the whole opportunity table.
  // A coordinator's Gemeinden as one array parameter: the scope as an EXISTS over two tables in each of the three
  // branches cost the planner more than running the query (on PostgreSQL every query is planned anew).
  const gemeinden = actor.isAdmin
    ? null
    : (
        await db
          .selectFrom("region_gemeinde as rg")
          .innerJoin("region_coordinator as rc", "rc.region_id", "rg.region_id")
          .select("rg.bfs_nr")
          .where("rc.user_id", "=", actor.id)
          .execute()
      ).map((row) => row.bfs_nr);
  const inScope = (alias: "s" | "ro" | "fo") =>
    gemeinden ? sql<boolean>`${sql.ref(`${alias}.bfs_nr`)} = any(${sql.val(gemeinden)}::integer[])` : moderatedBy(actor, alias);
  const inFilters = (alias: "s" | "ro" | "fo") => {
    const bfsNr = sql.ref(`${alias}.bfs_nr`);
    const region =
      filters.region === "none"
        ? sql<boolean>`not exists (select 1 from region_gemeinde rg_filter where rg_filter.bfs_nr = ${bfsNr})`
        : filters.region
          ? sql<boolean>`exists (select 1 from region_gemeinde rg_filter join region r_filter on r_filter.id = rg_filter.region_id
              where r_filter.slug = ${filters.region} and rg_filter.bfs_nr = ${bfsNr})`
          : sql<boolean>`true`;
    const category = filters.category ? sql<boolean>`${sql.ref(`${alias}.category_id`)} = ${filters.category}` : sql<boolean>`true`;
    return sql<boolean>`${inScope(alias)} and ${region} and ${category}`;
  };
  const submissions = db
    .selectFrom("opportunity as s")
    .select([
      "s.id as opportunityId",
      sql<number | null>`null::integer`.as("revisionId"),
      // new or resubmission: a correlated probe of the decisions' index (an EXISTS was planned as a hash of all
      // decisions); without a kind filter only for the page's rows (below), not for every waiting row of the regions
      (filters.kind ? resubmissionOrNew(sql.ref("s.id")) : sql<QueueKind>`'submission'`).as("kind"),
      sql<Date>`coalesce(s.submitted_at, s.updated_at)`.as("waitingSince"),
    ])
    .where("s.status", "=", "submitted")
    .where(inFilters("s"));
  const revisions = db
    .selectFrom("opportunity_revision as r")
    .innerJoin("opportunity as ro", "ro.id", "r.opportunity_id")
    .select(["ro.id as opportunityId", "r.id as revisionId", sql<QueueKind>`'revision'`.as("kind"), "r.submitted_at as waitingSince"])
    .where("r.status", "=", "pending")
    .where("ro.status", "=", "published")
    .where(inFilters("ro"));
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
    .where(inFilters("fo"))
    .groupBy("f.opportunity_id");

  let waiting = db.selectFrom(submissions.unionAll(revisions).unionAll(flags).as("q")).selectAll("q");
  if (filters.kind) waiting = waiting.where("q.kind", "=", filters.kind);

  // one pass: the page's rows carry the total (a window count); only a page beyond the end needs a second query
  const pageOf = (target: number) => {
    const pageItems = db
      .selectFrom(waiting.as("w"))
      .selectAll("w")
      .select(sql<number>`(count(*) over ())::int`.as("total"))
      .orderBy("w.waitingSince")
      .orderBy("w.opportunityId")
      .limit(QUEUE_PAGE_SIZE)
      .offset((target - 1) * QUEUE_PAGE_SIZE);
    return db
      .selectFrom(pageItems.as("p"))
      .innerJoin("opportunity as o", "o.id", "p.opportunityId")
      .innerJoin("organisation as org", "org.id", "o.organisation_id")
      .innerJoin("gemeinde as g", "g.bfs_nr", "o.bfs_nr")
      .innerJoin("category as c", "c.id", "o.category_id")
      .leftJoin("region_gemeinde as rg", "rg.bfs_nr", "o.bfs_nr")
      .leftJoin("region as reg", "reg.id", "rg.region_id")
      .select((eb) => [
        "p.opportunityId",
        "p.revisionId",
        sql<QueueKind>`case when p.kind = 'submission' then ${resubmissionOrNew(sql.ref("p.opportunityId"))} else p.kind end`.as("kind"),
        "p.waitingSince",
        "p.total",
        "o.title",
        "org.name as organisationName",
        sql<boolean>`org.verified_at is not null`.as("organisationVerified"),
        "g.name as gemeindeName",
        "reg.name as regionName",
        eb.ref(locale === "de" ? "c.label_de" : "c.label_en").as("categoryLabel"),
      ])
      .orderBy("p.waitingSince")
      .orderBy("p.opportunityId")
      .execute();
  };
  let page = Math.max(1, filters.page ?? 1);
  let found = await pageOf(page);
  let total = found[0]?.total ?? 0;
  if (found.length === 0 && page > 1) {
    ({ total } = await db.selectFrom(waiting.as("w")).select(sql<number>`count(*)::int`.as("total")).executeTakeFirstOrThrow());
    page = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
    found = total > 0 ? await pageOf(page) : [];
  }
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const rows = found.map(({ total: _total, ...item }) => item);
  return { items: rows, total, page, pageCount };
}
