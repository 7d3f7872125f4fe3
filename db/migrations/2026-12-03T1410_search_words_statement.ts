/**
 * The forgiving search's word list (search_word, 2026-12-03T1350_search_trgm) is kept once per statement instead
 * of once per row: the triggers read the statement's rows from transition tables (`new_rows`, and `old_rows` for
 * updates) and add their distinct words in one INSERT. Inserting 50,000 listings in one statement ran the row
 * trigger 50,000 times (one regexp split and one INSERT … ON CONFLICT each) and outlasted the 15 s statement
 * timeout (bench:matching on a fresh database); a bulk rewrite of the search texts (the reference-data sync after
 * a category is renamed) did the same. Single-row inserts and updates keep their cost. Frozen.
 */
import { type Kysely, sql } from "kysely";

const UP = `
    drop trigger opportunity_search_words_insert on opportunity;
    drop trigger opportunity_search_words_update on opportunity;
    drop function mitenand_remember_search_words();

    create function mitenand_remember_inserted_search_words() returns trigger
      language plpgsql as $trigger$ begin insert into public.search_word (word) select distinct w
        from new_rows n, regexp_split_to_table(n.search_text, '[^[:alnum:]]+') as w where length(w) >= 3
        on conflict do nothing; return null; end $trigger$;

    -- only search texts the statement brought (the row trigger had "when old.search_text is distinct from
    -- new.search_text"; a statement trigger with transition tables cannot have a WHEN clause): an update that
    -- leaves the texts alone (places, status) splits nothing. EXCEPT hashes both sides; a join of the two
    -- transition tables (no statistics, no index) was planned as a nested loop and took minutes for 20,000 rows.
    create function mitenand_remember_updated_search_words() returns trigger
      language plpgsql as $trigger$ begin insert into public.search_word (word) select distinct w
        from (select search_text from new_rows except select search_text from old_rows) n,
          regexp_split_to_table(n.search_text, '[^[:alnum:]]+') as w where length(w) >= 3
        on conflict do nothing; return null; end $trigger$;

    create trigger opportunity_search_words_insert after insert on opportunity
      referencing new table as new_rows
      for each statement execute function mitenand_remember_inserted_search_words();

    create trigger opportunity_search_words_update after update on opportunity
      referencing old table as old_rows new table as new_rows
      for each statement execute function mitenand_remember_updated_search_words()
`;

const DOWN = `
    drop trigger opportunity_search_words_update on opportunity;
    drop trigger opportunity_search_words_insert on opportunity;
    drop function mitenand_remember_updated_search_words();
    drop function mitenand_remember_inserted_search_words();

    create function mitenand_remember_search_words() returns trigger
      language plpgsql as $trigger$ begin insert into public.search_word (word) select distinct w
        from regexp_split_to_table(new.search_text, '[^[:alnum:]]+') as w where length(w) >= 3
        on conflict do nothing; return null; end $trigger$;
    create trigger opportunity_search_words_insert after insert on opportunity
      for each row execute function mitenand_remember_search_words();
    create trigger opportunity_search_words_update after update on opportunity
      for each row when (old.search_text is distinct from new.search_text) execute function mitenand_remember_search_words()
`;

// One statement per query (the PGlite driver uses the extended protocol). Statements end with ";" + newline;
// the function bodies above contain no such sequence (each keeps its statements on one line).
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
