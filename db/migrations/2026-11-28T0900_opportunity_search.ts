/**
 * Finding opportunities: German full-text search (umlauts folded so "Zürich" and "Zuerich" meet, title weighted
 * over summary and tags over description), weekly schedules for recurring groups (their shifts are generated
 * for a rolling window, one per start time), and invitations to join an organisation. Frozen.
 */
import { type Kysely, sql } from "kysely";

const UP = `
    create extension if not exists unaccent;

    -- lower-case, umlauts as ae/oe/ue, ß as ss, other accents dropped. Declared immutable (unaccent with a fixed
    -- dictionary is) so it can feed a generated column; used for documents and queries alike.
    create function mitenand_fold(input text) returns text
      language sql immutable parallel safe strict
      as $fold$ select public.unaccent('public.unaccent'::regdictionary,
        replace(replace(replace(replace(lower(input), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss')) $fold$;

    create function mitenand_words(items text[]) returns text
      language sql immutable parallel safe strict
      as $words$ select array_to_string(items, ' ') $words$;

    alter table opportunity add column search_vector tsvector generated always as (
      setweight(to_tsvector('german', mitenand_fold(title)), 'A') ||
      setweight(to_tsvector('german', mitenand_fold(summary)), 'B') ||
      setweight(to_tsvector('german', mitenand_fold(coalesce(mitenand_words(tags), ''))), 'B') ||
      setweight(to_tsvector('german', mitenand_fold(description)), 'C')
    ) stored;
    create index opportunity_search_idx on opportunity using gin (search_vector);
    create index opportunity_category_idx on opportunity (category_id) where status = 'published';
    create index opportunity_languages_idx on opportunity using gin (languages_helpful);

    create table opportunity_schedule (
      opportunity_id integer primary key references opportunity (id) on delete cascade,
      weekday smallint not null check (weekday between 1 and 7),
      start_time time not null,
      end_time time not null check (end_time > start_time),
      first_date date not null,
      last_date date check (last_date is null or last_date >= first_date),
      places integer not null check (places between 1 and 500)
    );

    alter table shift add constraint shift_opportunity_start_key unique (opportunity_id, starts_at);
    create index shift_starts_idx on shift (starts_at);

    create table organisation_invitation (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      email text not null check (email = lower(email) and length(email) between 3 and 254),
      role text not null check (role in ('owner','editor')),
      token_hash bytea not null unique check (length(token_hash) = 32),
      invited_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_by integer references app_user (id) on delete set null
    );
    create index organisation_invitation_org_idx on organisation_invitation (organisation_id, created_at desc)
`;

const DOWN = `
    drop table organisation_invitation;
    drop index shift_starts_idx;
    alter table shift drop constraint shift_opportunity_start_key;
    drop table opportunity_schedule;
    drop index opportunity_languages_idx;
    drop index opportunity_category_idx;
    alter table opportunity drop column search_vector;
    drop function mitenand_words(text[]);
    drop function mitenand_fold(text)
`;

// One statement per query (the PGlite driver uses the extended protocol). Statements end with ";" + newline;
// the function bodies above contain no such sequence.
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
