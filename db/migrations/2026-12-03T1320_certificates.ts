/**
 * Hours reported for flexible engagements, the organisation's certificate texts per opportunity, and issued
 * certificates (Einsatznachweis) with their verification code.
 *
 * - hours_report: the volunteer reports (date, hours, note) on a flexible sign-up; the organisation confirms
 *   (possibly corrected: confirmed_hours) or rejects. Only confirmed hours count.
 * - opportunity_certificate_text: role/tasks and competencies gained, per opportunity. A table of its own: not
 *   listing text, so no moderation revision and no listing-generation bump.
 * - certificate + certificate_line: an issued certificate is a snapshot (name, period, and one line per
 *   opportunity with its organisation, texts, hours and confirming person), so it verifies as it was issued.
 *   The code is 20 base32 characters (100 bits) with a unique index. Revocation keeps the row (verify says
 *   "revoked").
 * Frozen.
 */
import { type Kysely, sql } from "kysely";

const UP = [
  `create table hours_report (
    id integer generated always as identity primary key,
    signup_id integer not null references signup (id) on delete cascade,
    worked_on date not null,
    hours numeric(5,2) not null check (hours > 0 and hours <= 24),
    note text check (length(note) <= 500),
    status text not null default 'reported' check (status in ('reported','confirmed','rejected')),
    confirmed_hours numeric(5,2) check (confirmed_hours > 0 and confirmed_hours <= 24),
    decided_by integer references app_user (id) on delete set null,
    decided_at timestamptz,
    created_at timestamptz not null default now(),
    check ((status = 'confirmed') = (confirmed_hours is not null)),
    check ((status = 'reported') = (decided_at is null))
  )`,
  `create index hours_report_signup_idx on hours_report (signup_id, worked_on)`,
  `create table opportunity_certificate_text (
    opportunity_id integer primary key references opportunity (id) on delete cascade,
    role_description text not null default '' check (length(role_description) <= 2000),
    competencies text not null default '' check (length(competencies) <= 2000),
    updated_by integer references app_user (id) on delete set null,
    updated_at timestamptz not null default now()
  )`,
  `create table certificate (
    id integer generated always as identity primary key,
    code text not null check (code ~ '^[A-Z2-7]{20}$'),
    user_id integer not null references app_user (id) on delete cascade,
    volunteer_name text not null,
    locale text not null check (locale in ('de','en')),
    period_from date not null,
    period_to date not null,
    total_hours numeric(8,2) not null check (total_hours > 0),
    issued_at timestamptz not null default now(),
    revoked_at timestamptz,
    revoked_by integer references app_user (id) on delete set null,
    revoke_reason text check (revoke_reason in ('volunteer','organisation','account_deleted')),
    check (period_from <= period_to),
    check ((revoked_at is null) = (revoke_reason is null))
  )`,
  `create unique index certificate_code_key on certificate (code)`,
  `create index certificate_user_idx on certificate (user_id, issued_at)`,
  `create table certificate_line (
    certificate_id integer not null references certificate (id) on delete cascade,
    organisation_id integer not null references organisation (id) on delete cascade,
    opportunity_id integer references opportunity (id) on delete set null,
    position smallint not null,
    organisation_name text not null,
    opportunity_title text not null,
    role_description text not null default '',
    competencies text not null default '',
    hours numeric(8,2) not null check (hours > 0),
    confirmed_by_name text,
    primary key (certificate_id, position)
  )`,
  `create index certificate_line_organisation_idx on certificate_line (organisation_id)`,
];

const DOWN = [`drop table certificate_line`, `drop table certificate`, `drop table opportunity_certificate_text`, `drop table hours_report`];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
