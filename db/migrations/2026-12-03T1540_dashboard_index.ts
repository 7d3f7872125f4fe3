/**
 * Index-only reads for the two signed-in pages that list many listings (npm run bench, issue 13).
 *
 * The organisation dashboard (/orgs/:slug/manage) of a large organisation: its page of 50 (status groups, newest
 * change first) and its counts per status read every listing of the organisation. Through (organisation_id,
 * status) that was one heap page per listing (≈ 1,400 listings: ≈ 3,200 pages, ≈ 100 ms on the bench data).
 * opportunity_dashboard_idx holds every column the two queries read, in the dashboard's order within a status;
 * it replaces opportunity_organisation_idx (the same leading columns).
 *
 * The coordinator queue (/coordinator) reads every waiting listing of the coordinator's regions: the submitted
 * ones by Gemeinde (opportunity_queue_submitted_idx, with the two columns of their waiting time) instead of all
 * submitted rows of the canton from the heap. (An index of the published listings by id for the revisions'
 * branch was tried: the recommendations' walk then picked it over its own indexes on small databases.) Frozen.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>) {
  await sql`create index opportunity_dashboard_idx on opportunity (organisation_id, status, updated_at desc, id desc)
    include (title, schedule_kind, category_id, submitted_at)`.execute(db);
  await sql`drop index opportunity_organisation_idx`.execute(db);
  await sql`create index opportunity_queue_submitted_idx on opportunity (bfs_nr) include (id, submitted_at, updated_at, category_id)
    where status = 'submitted'`.execute(db);
}

export async function down(db: Kysely<any>) {
  await sql`drop index opportunity_queue_submitted_idx`.execute(db);
  await sql`create index opportunity_organisation_idx on opportunity (organisation_id, status)`.execute(db);
  await sql`drop index opportunity_dashboard_idx`.execute(db);
}
