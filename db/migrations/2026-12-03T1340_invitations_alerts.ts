/**
 * Invitations from organisations to opted-in volunteers (one per volunteer and opportunity), saved searches with
 * email alerts and the listings each alert has already sent, extra headers on outbox messages (List-Unsubscribe),
 * a generated signing secret for unsubscribe links (used when APP_SECRET is not set), and the first-run prompt's
 * "dismissed" mark on app_user. Deleting an account (deleted_at set) deletes its saved searches and the
 * invitations it received, by trigger. None of these rows change a public page: no listing-generation trigger.
 * The value lists mirror app/domain/matching/alerts.ts as of today. Frozen.
 */
import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";

const UP = `
    create table match_invitation (
      id serial primary key,
      opportunity_id integer not null references opportunity (id) on delete cascade,
      organisation_id integer not null references organisation (id) on delete cascade,
      volunteer_id integer not null references app_user (id) on delete cascade,
      invited_by integer references app_user (id) on delete set null,
      status text not null default 'pending' check (status in ('pending','accepted','declined')),
      created_at timestamptz not null default now(),
      answered_at timestamptz,
      unique (volunteer_id, opportunity_id),
      check ((status = 'pending') = (answered_at is null))
    );
    create index match_invitation_volunteer_created_idx on match_invitation (volunteer_id, created_at);
    create index match_invitation_opportunity_idx on match_invitation (opportunity_id);

    create table saved_search (
      id serial primary key,
      user_id integer not null references app_user (id) on delete cascade,
      name text not null check (char_length(name) between 1 and 80),
      query text not null check (char_length(query) <= 2000),
      alert text not null default 'off' check (alert in ('off','daily','weekly')),
      alert_checked_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index saved_search_user_idx on saved_search (user_id, id);
    create index saved_search_alert_due_idx on saved_search (alert_checked_at nulls first) where alert <> 'off';

    create table saved_search_sent (
      saved_search_id integer not null references saved_search (id) on delete cascade,
      opportunity_id integer not null references opportunity (id) on delete cascade,
      sent_at timestamptz not null default now(),
      primary key (saved_search_id, opportunity_id)
    );
    create index saved_search_sent_opportunity_idx on saved_search_sent (opportunity_id);

    alter table outbox add column headers jsonb;
    alter table app_user add column first_run_dismissed_at timestamptz;

    create table app_secret (
      name text primary key,
      value text not null check (char_length(value) >= 32)
    );

    create function mitenand_forget_alerts_invitations() returns trigger
      language plpgsql
      as $forget$ begin delete from saved_search where user_id = new.id; delete from match_invitation where volunteer_id = new.id; return null; end $forget$;
    create trigger app_user_forget_alerts_invitations after update of deleted_at on app_user
      for each row when (old.deleted_at is null and new.deleted_at is not null)
      execute function mitenand_forget_alerts_invitations();
`;

const DOWN = `
    drop trigger app_user_forget_alerts_invitations on app_user;
    drop function mitenand_forget_alerts_invitations();
    drop table app_secret;
    alter table app_user drop column first_run_dismissed_at;
    alter table outbox drop column headers;
    drop table saved_search_sent;
    drop table saved_search;
    drop table match_invitation;
`;

// One statement per query (the PGlite driver uses the extended protocol).
async function run(db: Kysely<any>, script: string) {
  for (const statement of script.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, UP);
  await db.insertInto("app_secret").values({ name: "unsubscribe", value: randomBytes(32).toString("base64url") }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, DOWN);
}
