/**
 * Search that forgives (pg_trgm beside the German full text): a loose fold (ü → u as well as ue), a language
 * table for the names of the listing languages (kept in step with the translations by the reference-data sync), and
 * `opportunity.search_text`: title, summary, keywords, the category's names and the languages' names (German and
 * English), folded both ways, kept by a row trigger and indexed for trigram similarity and substring search.
 * Also two indexes for matching at Swiss scale (bench/matching.ts). Frozen.
 */
import { type Kysely, sql } from "kysely";

const UP = `
    create extension if not exists pg_trgm;

    -- lower-case, every accent and umlaut dropped (ü → u, ß → ss): how people type without umlauts ("Zurich")
    create function mitenand_fold_loose(input text) returns text
      language sql immutable parallel safe strict
      as $fold$ select public.unaccent('public.unaccent'::regdictionary, lower(input)) $fold$;

    -- both folds of a text: the strict one (ü → ue, as the full text has it) and, when different, the loose one
    create function mitenand_fold_both(input text) returns text
      language sql immutable parallel safe strict
      as $fold$ select case when public.mitenand_fold(input) = public.mitenand_fold_loose(input)
        then public.mitenand_fold(input)
        else public.mitenand_fold(input) || ' ' || public.mitenand_fold_loose(input) end $fold$;

    create table language (
      code text primary key check (code ~ '^[a-z]{2,3}$'),
      name_de text not null,
      name_en text not null
    );

    -- the names as of this migration (the translations' opportunityForm.languageNames); the reference-data sync
    -- keeps them in step later
    insert into language (code, name_de, name_en) values
      ('en', 'Englisch', 'English'),
      ('fr', 'Französisch', 'French'),
      ('it', 'Italienisch', 'Italian'),
      ('rm', 'Rätoromanisch', 'Romansh'),
      ('es', 'Spanisch', 'Spanish'),
      ('pt', 'Portugiesisch', 'Portuguese'),
      ('sq', 'Albanisch', 'Albanian'),
      ('sr', 'Serbisch', 'Serbian'),
      ('hr', 'Kroatisch', 'Croatian'),
      ('bs', 'Bosnisch', 'Bosnian'),
      ('mk', 'Mazedonisch', 'Macedonian'),
      ('tr', 'Türkisch', 'Turkish'),
      ('ku', 'Kurdisch', 'Kurdish'),
      ('ar', 'Arabisch', 'Arabic'),
      ('fa', 'Persisch (Farsi)', 'Persian (Farsi)'),
      ('prs', 'Dari', 'Dari'),
      ('ps', 'Paschtu', 'Pashto'),
      ('ti', 'Tigrinya', 'Tigrinya'),
      ('am', 'Amharisch', 'Amharic'),
      ('so', 'Somali', 'Somali'),
      ('ta', 'Tamil', 'Tamil'),
      ('uk', 'Ukrainisch', 'Ukrainian'),
      ('ru', 'Russisch', 'Russian'),
      ('pl', 'Polnisch', 'Polish'),
      ('ro', 'Rumänisch', 'Romanian'),
      ('zh', 'Chinesisch', 'Chinese'),
      ('vi', 'Vietnamesisch', 'Vietnamese'),
      ('tl', 'Tagalog', 'Tagalog');

    alter table opportunity add column search_text text not null default '';

    -- the forgiving search's text of one listing; reads category and language, so it is kept by a trigger (and
    -- recomputed by the reference-data sync when their names change), not a generated column
    create function mitenand_search_text(title text, summary text, tags text[], category_id text, languages text[])
      returns text language sql stable parallel safe
      as $text$ select public.mitenand_fold_both(concat_ws(' ', title, summary, array_to_string(tags, ' '),
          (select c.label_de || ' ' || c.label_en from public.category c where c.id = category_id),
          (select string_agg(l.name_de || ' ' || l.name_en, ' ' order by l.code) from public.language l
            where l.code = any(languages)))) $text$;

    create function mitenand_opportunity_search_text() returns trigger
      language plpgsql as $trigger$ begin new.search_text := public.mitenand_search_text(new.title, new.summary,
        new.tags, new.category_id, new.languages_helpful || new.languages_required); return new; end $trigger$;

    create trigger opportunity_search_text before insert or update of title, summary, tags, category_id,
      languages_helpful, languages_required on opportunity
      for each row execute function mitenand_opportunity_search_text();

    -- (here the listings are backfilled in batches, see up())
    create index opportunity_search_text_idx on opportunity using gin (search_text gin_trgm_ops) where status = 'published';

    -- every word the search texts ever contained (three letters or more): a typo is looked up here by trigram
    -- similarity ("deutsh" → "deutsch"), then searched as those words. Comparing a typo with every listing's
    -- whole text instead takes seconds for a common word. Words are only added (a stale one finds nothing).
    create table search_word (word text primary key);
    create index search_word_trgm_idx on search_word using gin (word gin_trgm_ops);
    insert into search_word (word)
      select distinct w from opportunity, regexp_split_to_table(search_text, '[^[:alnum:]]+') as w where length(w) >= 3;

    create function mitenand_remember_search_words() returns trigger
      language plpgsql as $trigger$ begin insert into public.search_word (word) select distinct w
        from regexp_split_to_table(new.search_text, '[^[:alnum:]]+') as w where length(w) >= 3
        on conflict do nothing; return null; end $trigger$;
    create trigger opportunity_search_words_insert after insert on opportunity
      for each row execute function mitenand_remember_search_words();
    create trigger opportunity_search_words_update after update on opportunity
      for each row when (old.search_text is distinct from new.search_text) execute function mitenand_remember_search_words();

    -- matching at Swiss scale: recommendations walk the upcoming shifts in time order (index-only), reverse
    -- matching reads the opted-in profiles newest first and stops at its limit
    create index shift_upcoming_idx on shift (starts_at, opportunity_id) where cancelled_at is null;
    create index volunteer_profile_opt_in_recent_idx on volunteer_profile (updated_at desc, user_id) where suggestions_opt_in
`;

const DOWN = `
    drop trigger opportunity_search_words_update on opportunity;
    drop trigger opportunity_search_words_insert on opportunity;
    drop function mitenand_remember_search_words();
    drop table search_word;
    drop index volunteer_profile_opt_in_recent_idx;
    drop index shift_upcoming_idx;
    drop index opportunity_search_text_idx;
    drop trigger opportunity_search_text on opportunity;
    drop function mitenand_opportunity_search_text();
    drop function mitenand_search_text(text, text, text[], text, text[]);
    alter table opportunity drop column search_text;
    drop table language;
    drop function mitenand_fold_both(text);
    drop function mitenand_fold_loose(text)
`;

// One statement per query (the PGlite driver uses the extended protocol). Statements end with ";" + newline;
// the function bodies above contain no such sequence (the trigger's body keeps its statements on one line).
async function run(db: Kysely<any>, script: string) {
  for (const statement of script.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

/*
 * Every listing gets its search text once. In batches: rewriting a row also recomputes its search_vector and
 * index entries (≈ 1 ms a row on a busy machine), and one statement over 50,000 rows would outlast the
 * statement timeout.
 */
const BACKFILL_BATCH = 2000;

export async function up(db: Kysely<any>): Promise<void> {
  const [before, after] = UP.split("-- (here the listings are backfilled in batches, see up())");
  await run(db, before!);
  for (let lastId = 0; ; ) {
    const { rows } = await sql<{ id: number }>`
      update opportunity o set search_text = mitenand_search_text(o.title, o.summary, o.tags, o.category_id,
        o.languages_helpful || o.languages_required)
      where o.id in (select id from opportunity where id > ${lastId} order by id limit ${BACKFILL_BATCH})
      returning o.id`.execute(db);
    if (rows.length === 0) break;
    lastId = Math.max(...rows.map((r) => r.id));
  }
  await run(db, after!);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, DOWN);
}
