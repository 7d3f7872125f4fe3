/**
 * Public flags on published listings, and invitations to coordinate a region for people without an account.
 * Frozen: add a new migration for changes.
 *
 * A flag is open until a coordinator of the listing's region (or an admin) resolves it with an outcome. The
 * flagger's IP only serves the rate limit and abuse checks while the flag is open: a resolved flag keeps none
 * (CHECK). Flags change no public page, so neither table needs the listing generation trigger.
 *
 * Coordinator invitations work like organisation invitations (a one-time link, only its SHA-256 stored): the
 * person who accepts it while logged in with the invited address becomes coordinator of the region.
 */
import { type Kysely, sql } from "kysely";

const UP = `
    create table opportunity_flag (
      id integer generated always as identity primary key,
      opportunity_id integer not null references opportunity (id) on delete cascade,
      category text not null check (category in ('wrong_information','inappropriate','suspicious','discrimination','other')),
      message text not null check (length(btrim(message)) between 1 and 2000),
      ip text check (length(ip) <= 64),
      created_at timestamptz not null default now(),
      resolved_at timestamptz,
      resolved_by integer references app_user (id) on delete set null,
      outcome text check (outcome in ('no_action','edited','unpublished')),
      resolution_note text check (length(resolution_note) <= 2000),
      check ((resolved_at is null) = (outcome is null)),
      check (resolved_at is null or ip is null)
    );
    create index opportunity_flag_open_idx on opportunity_flag (created_at) where resolved_at is null;
    create index opportunity_flag_opportunity_idx on opportunity_flag (opportunity_id, created_at desc);

    create table coordinator_invitation (
      id integer generated always as identity primary key,
      region_id integer not null references region (id) on delete cascade,
      email text not null check (email = lower(email) and length(email) between 3 and 254),
      token_hash bytea not null unique check (length(token_hash) = 32),
      invited_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_by integer references app_user (id) on delete set null
    );
    create index coordinator_invitation_region_idx on coordinator_invitation (region_id, created_at desc);

    create index audit_event_occurred_idx on audit_event (occurred_at desc, id desc)
`;

const DOWN = `
    drop index audit_event_occurred_idx;
    drop table coordinator_invitation;
    drop table opportunity_flag
`;

// One statement per query (the PGlite driver uses the extended protocol).
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
