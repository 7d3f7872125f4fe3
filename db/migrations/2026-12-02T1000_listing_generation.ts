/**
 * A change counter for everything the public listing pages show, so a page cache can tell fresh from stale
 * without a time-to-live guess: statement-level triggers on the tables those pages read bump it in the writing
 * transaction, and a reader sees the new value exactly when it can see the new data (not before commit).
 *
 * The counter is 16 rows (one picked per backend) summed by readers, so concurrent writers rarely queue on the
 * same row lock. Tables added later that change public pages (e.g. sign-ups, which change places left) get the
 * same trigger in their own migration. Frozen.
 */
import { type Kysely, sql } from "kysely";

const TABLES = [
  "gemeinde",
  "postcode",
  "region",
  "region_gemeinde",
  "category",
  "organisation",
  "opportunity",
  "opportunity_schedule",
  "shift",
];

const UP = `
    create table listing_generation (
      slot smallint primary key check (slot between 0 and 15),
      n bigint not null default 0
    );
    insert into listing_generation (slot) select generate_series(0, 15);

    create function mitenand_bump_listing_generation() returns trigger
      language plpgsql
      as $bump$ begin update listing_generation set n = n + 1 where slot = pg_backend_pid() % 16; return null; end $bump$;
${TABLES.map(
  (table) => `
    create trigger ${table}_listing_generation after insert or update or delete or truncate on ${table}
      for each statement execute function mitenand_bump_listing_generation();`,
).join("")}
`;

const DOWN = `
${TABLES.map((table) => `
    drop trigger ${table}_listing_generation on ${table};`).join("")}
    drop function mitenand_bump_listing_generation();
    drop table listing_generation;
`;

// One statement per query (the PGlite driver uses the extended protocol). Statements end with ";" + newline;
// the function body above contains no such sequence.
async function run(db: Kysely<any>, script: string) {
  for (const statement of script.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, UP);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, DOWN);
}
