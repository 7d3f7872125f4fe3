/**
 * `shift_opportunity_idx (opportunity_id, starts_at)` (the base migration) has been a second copy of the index behind
 * the unique constraint `shift_opportunity_start_key (opportunity_id, starts_at)` (2026-11-28T0900): same columns,
 * same order. Every shift insert and update maintained both, and the planner used either. Dropped. Frozen.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists shift_opportunity_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists shift_opportunity_idx on shift (opportunity_id, starts_at)`.execute(db);
}
