/**
 * Volunteer profiles for matching: where someone lives and how far they travel (or online only), the languages
 * they speak and how well, German level, interests (categories), skills, a weekly availability grid in Zurich
 * time, one-off vs regular engagement, year of birth or age band (for minimum ages) and the opt-in that lets
 * organisations suggest opportunities. Plus the "not for me" dismissals of recommendations, and the indexes the
 * candidate query needs (required languages, remote listings). Deleting an account (app_user.deleted_at set) deletes
 * its profile and dismissals by trigger, whoever writes the deletion. None of these rows change a public page, so no
 * listing-generation trigger. The value lists mirror app/domain/matching/profile-fields.ts as of today. Frozen.
 */
import { type Kysely, sql } from "kysely";

const SLOTS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
  .flatMap((day) => ["morning", "afternoon", "evening"].map((part) => `'${day}-${part}'`))
  .join(",");

const UP = `
    create table volunteer_profile (
      user_id integer primary key references app_user (id) on delete cascade,
      bfs_nr integer references gemeinde (bfs_nr),
      radius_km smallint not null default 15 check (radius_km between 1 and 100),
      online_only boolean not null default false,
      german_level text check (german_level in ('A1','A2','B1','B2','C1','C2','native')),
      interests text[] not null default '{}' check (cardinality(interests) <= 20),
      skills text[] not null default '{}' check (cardinality(skills) <= 10),
      availability text[] not null default '{}' check (availability <@ array[${SLOTS}]::text[]),
      engagement text not null default 'any' check (engagement in ('one_off','regular','any')),
      birth_year smallint check (birth_year between 1900 and 2100),
      age_band text check (age_band in ('under_16','16_17','18_25','26_64','65_plus')),
      suggestions_opt_in boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (online_only or bfs_nr is not null)
    );
    create index volunteer_profile_opt_in_idx on volunteer_profile (bfs_nr) where suggestions_opt_in;
    create index volunteer_profile_interests_idx on volunteer_profile using gin (interests) where suggestions_opt_in;

    create table volunteer_language (
      user_id integer not null references volunteer_profile (user_id) on delete cascade,
      language text not null check (language ~ '^[a-z]{2,3}$'),
      level text not null check (level in ('basic','good','fluent','native')),
      primary key (user_id, language)
    );
    create index volunteer_language_language_idx on volunteer_language (language, user_id);

    create table recommendation_dismissal (
      user_id integer not null references app_user (id) on delete cascade,
      opportunity_id integer not null references opportunity (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (user_id, opportunity_id)
    );
    create index recommendation_dismissal_opportunity_idx on recommendation_dismissal (opportunity_id);

    create function mitenand_forget_volunteer_profile() returns trigger
      language plpgsql
      as $forget$ begin delete from volunteer_profile where user_id = new.id; delete from recommendation_dismissal where user_id = new.id; return null; end $forget$;
    create trigger app_user_forget_volunteer_profile after update of deleted_at on app_user
      for each row when (old.deleted_at is null and new.deleted_at is not null)
      execute function mitenand_forget_volunteer_profile();

    create index opportunity_languages_required_idx on opportunity using gin (languages_required) where status = 'published';
    create index opportunity_published_remote_idx on opportunity (id) where status = 'published' and location_mode <> 'on_site';
`;

const DOWN = `
    drop trigger app_user_forget_volunteer_profile on app_user;
    drop function mitenand_forget_volunteer_profile();
    drop index opportunity_published_remote_idx;
    drop index opportunity_languages_required_idx;
    drop table recommendation_dismissal;
    drop table volunteer_language;
    drop table volunteer_profile;
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
