/**
 * An organisation can be archived by its owner (for instance before the last owner deletes their account):
 * its listings are archived with it and its public profile disappears. Frozen.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table organisation add column archived_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table organisation drop column archived_at`.execute(db);
}
