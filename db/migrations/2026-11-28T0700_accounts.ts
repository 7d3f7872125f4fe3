/**
 * Accounts: people, their sessions (Lucia-style: only a hash of the secret is stored), one-time email tokens,
 * roles (admin flag, RIF coordinators, organisation members), rate limits, the email outbox and the audit log.
 * Frozen: add a new migration for changes.
 */
import { type Kysely, sql } from "kysely";

const UP = `
    create table app_user (
      id integer generated always as identity primary key,
      -- stored trimmed and lower-cased; null once the account is deleted (anonymised)
      email text check (email is null or (email = lower(email) and length(email) between 3 and 254)),
      display_name text not null check (length(display_name) between 1 and 100),
      locale text not null default 'de' check (locale in ('de','en')),
      password_hash text check (password_hash is null or password_hash like '$argon2id$%'),
      is_admin boolean not null default false,
      email_verified_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz,
      check ((deleted_at is null) = (email is not null)),
      check (deleted_at is null or password_hash is null)
    );
    create unique index app_user_email_key on app_user (email);

    create table user_session (
      id text primary key check (length(id) between 16 and 64),
      user_id integer not null references app_user (id) on delete cascade,
      secret_hash bytea not null check (length(secret_hash) = 32),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      user_agent text check (length(user_agent) <= 300)
    );
    create index user_session_user_idx on user_session (user_id);
    create index user_session_expires_idx on user_session (expires_at);

    create table email_token (
      id integer generated always as identity primary key,
      user_id integer not null references app_user (id) on delete cascade,
      purpose text not null check (purpose in ('verify_email','reset_password','change_email')),
      token_hash bytea not null unique check (length(token_hash) = 32),
      new_email text check (new_email is null or new_email = lower(new_email)),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      check (purpose <> 'change_email' or new_email is not null)
    );
    create index email_token_user_idx on email_token (user_id, purpose);

    create table region_coordinator (
      region_id integer not null references region (id) on delete cascade,
      user_id integer not null references app_user (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (region_id, user_id)
    );
    create index region_coordinator_user_idx on region_coordinator (user_id);

    create table organisation_member (
      organisation_id integer not null references organisation (id) on delete cascade,
      user_id integer not null references app_user (id) on delete cascade,
      role text not null check (role in ('owner','editor')),
      created_at timestamptz not null default now(),
      primary key (organisation_id, user_id)
    );
    create index organisation_member_user_idx on organisation_member (user_id);

    -- fixed windows per key ("login:account:<email>", "signup:ip:<ip>" …), shared by all app instances
    create table rate_limit (
      key text primary key check (length(key) <= 300),
      window_started_at timestamptz not null,
      hits integer not null check (hits >= 0)
    );

    create table outbox (
      id integer generated always as identity primary key,
      recipient text not null check (length(recipient) <= 254),
      subject text not null check (length(subject) <= 300),
      text_body text not null,
      html_body text not null,
      template text not null,
      status text not null default 'pending' check (status in ('pending','sent','failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    );
    create index outbox_due_idx on outbox (next_attempt_at) where status = 'pending';
    create index outbox_recipient_idx on outbox (recipient, created_at desc);

    create table audit_event (
      id integer generated always as identity primary key,
      occurred_at timestamptz not null default now(),
      actor_user_id integer references app_user (id) on delete set null,
      action text not null check (length(action) <= 80),
      subject_type text check (length(subject_type) <= 40),
      subject_id text check (length(subject_id) <= 80),
      ip text check (length(ip) <= 64),
      details jsonb not null default '{}'
    );
    create index audit_event_actor_idx on audit_event (actor_user_id, occurred_at desc);
    create index audit_event_action_idx on audit_event (action, occurred_at desc);
    create index audit_event_subject_idx on audit_event (subject_type, subject_id, occurred_at desc);
`;

const DOWN = `
    drop table audit_event;
    drop table outbox;
    drop table rate_limit;
    drop table organisation_member;
    drop table region_coordinator;
    drop table email_token;
    drop table user_session;
    drop table app_user;
`;

// One statement per query: the PGlite driver runs queries through the extended protocol.
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
