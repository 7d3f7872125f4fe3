/**
 * Moderation by the RIF coordinators: pending revisions of published listings (the public keeps the approved
 * text until a coordinator approves the revision) and the decisions taken on submissions and revisions, with
 * their reasons. Frozen: add a new migration for changes.
 *
 * A revision holds the reviewed content columns of the opportunity (not its shifts, schedule or places: those
 * change without review). At most one revision per opportunity is open (pending or sent back with change
 * requests). Revisions do not change public pages until approved, and approving one updates the opportunity
 * row, whose trigger bumps the listing generation; so neither table here needs that trigger.
 */
import { type Kysely, sql } from "kysely";

const UP = `
    create table opportunity_revision (
      id integer generated always as identity primary key,
      opportunity_id integer not null references opportunity (id) on delete cascade,
      status text not null default 'pending' check (status in ('pending','changes_requested','approved','discarded')),
      title text not null check (length(title) between 3 and 120),
      summary text not null check (length(summary) <= 300),
      description text not null check (length(description) <= 10000),
      category_id text not null references category (id),
      bfs_nr integer not null references gemeinde (bfs_nr),
      address text check (length(address) <= 200),
      address_private boolean not null default false,
      location_mode text not null default 'on_site' check (location_mode in ('on_site','remote','both')),
      languages_helpful text[] not null default '{}',
      languages_required text[] not null default '{}',
      german_level text check (german_level in ('A1','A2','B1','B2','C1','C2')),
      tags text[] not null default '{}',
      target_groups text[] not null default '{}',
      min_age smallint check (min_age between 0 and 99),
      contact_name text check (length(contact_name) <= 120),
      contact_email text check (length(contact_email) <= 254),
      needs_confirmation boolean not null default false,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      submitted_at timestamptz not null default now(),
      decided_at timestamptz,
      check (status = 'pending' or decided_at is not null)
    );
    create unique index opportunity_revision_open_key on opportunity_revision (opportunity_id)
      where status in ('pending','changes_requested');
    create index opportunity_revision_pending_idx on opportunity_revision (submitted_at) where status = 'pending';

    create table moderation_decision (
      id integer generated always as identity primary key,
      opportunity_id integer not null references opportunity (id) on delete cascade,
      revision_id integer references opportunity_revision (id) on delete set null,
      decision text not null check (decision in ('approve','request_changes','reject','unpublish')),
      reason text check (length(reason) <= 2000),
      status_before text not null,
      status_after text not null,
      decided_by integer references app_user (id) on delete set null,
      decided_at timestamptz not null default now(),
      -- the reviewed fields as the reviewer saw them: the next review of a resubmission shows what changed since
      snapshot jsonb not null default '{}',
      check (decision = 'approve' or length(btrim(reason)) > 0)
    );
    create index moderation_decision_opportunity_idx on moderation_decision (opportunity_id, decided_at desc);
    create index moderation_decision_decided_idx on moderation_decision (decided_at);

    create index opportunity_submitted_idx on opportunity (submitted_at) where status = 'submitted'
`;

const DOWN = `
    drop index opportunity_submitted_idx;
    drop table moderation_decision;
    drop table opportunity_revision
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
