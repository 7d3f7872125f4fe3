/**
 * Base schema: Aargau reference data (Gemeinden, postcodes, RIF regions, categories) and the core of
 * organisations, opportunities and shifts. Frozen: never edit after it has run anywhere; add a new migration.
 */
import { type Kysely, sql } from "kysely";

const UP = `
    create table gemeinde (
      bfs_nr integer primary key check (bfs_nr between 4001 and 4399),
      name text not null unique,
      district_nr integer not null,
      district_name text not null,
      lat double precision not null check (lat between 47 and 48),
      lon double precision not null check (lon between 7 and 9)
    );

    create table postcode (
      plz integer not null check (plz between 1000 and 9999),
      locality text not null,
      bfs_nr integer not null references gemeinde (bfs_nr),
      is_main boolean not null default false,
      primary key (plz, locality, bfs_nr)
    );
    create index postcode_bfs_nr_idx on postcode (bfs_nr);

    create table region (
      id integer generated always as identity primary key,
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text not null unique check (length(name) between 2 and 120),
      created_at timestamptz not null default now()
    );

    -- a Gemeinde belongs to at most one RIF region; a region may (still) cover none
    create table region_gemeinde (
      region_id integer not null references region (id) on delete cascade,
      bfs_nr integer not null unique references gemeinde (bfs_nr),
      primary key (region_id, bfs_nr)
    );

    create table category (
      id text primary key check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      label_de text not null,
      label_en text not null,
      sort_order integer not null default 0
    );

    create table organisation (
      id integer generated always as identity primary key,
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
      name text not null check (length(name) between 2 and 120),
      kind text not null check (kind in ('verein','bibliothek','schule','gemeinde','kirchgemeinde','stiftung','andere')),
      bfs_nr integer not null references gemeinde (bfs_nr),
      description text not null default '' check (length(description) <= 5000),
      website text check (length(website) <= 300),
      contact_email text check (length(contact_email) <= 254),
      contact_phone text check (length(contact_phone) <= 40),
      verified_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index organisation_bfs_nr_idx on organisation (bfs_nr);

    create table opportunity (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
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
      schedule_kind text not null check (schedule_kind in ('one_off','recurring','flexible')),
      total_places integer check (total_places between 1 and 500),
      status text not null default 'draft'
        check (status in ('draft','submitted','published','changes_requested','rejected','archived')),
      submitted_at timestamptz,
      published_at timestamptz,
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (status <> 'published' or published_at is not null)
    );
    create index opportunity_organisation_idx on opportunity (organisation_id, status);
    create index opportunity_published_idx on opportunity (published_at desc) where status = 'published';
    create index opportunity_bfs_nr_idx on opportunity (bfs_nr) where status = 'published';

    create table shift (
      id integer generated always as identity primary key,
      opportunity_id integer not null references opportunity (id) on delete cascade,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      places integer not null check (places between 1 and 500),
      created_at timestamptz not null default now(),
      check (ends_at > starts_at),
      check (ends_at - starts_at <= interval '7 days')
    );
    create index shift_opportunity_idx on shift (opportunity_id, starts_at);
`;

const DOWN = `
    drop table shift;
    drop table opportunity;
    drop table organisation;
    drop table category;
    drop table region_gemeinde;
    drop table region;
    drop table postcode;
    drop table gemeinde;
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
