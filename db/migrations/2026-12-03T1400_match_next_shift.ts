/**
 * Matching at Swiss scale (issue 11): each listing keeps the start of its next upcoming shift,
 * `opportunity.next_shift_starts_at`, so that the recommendations' "soonest first" is one index-only scan over
 * the published listings in that order (filtered by region, languages and German level from the index itself)
 * instead of a walk over the shifts that reads one listing row per shift.
 *
 * The value is the first start of a not-cancelled shift after the moment it was computed (null: none). Triggers
 * on `shift` recompute it for the listings whose shifts were added, moved, cancelled or deleted; a periodic job
 * recomputes the ones whose next shift has passed (`mitenand_refresh_next_shift`). Between two runs a passed
 * value (≤ now) is stale, and the queries compute those few from the shifts (see recommendations.server.ts).
 * Frozen.
 */
import { type Kysely, sql } from "kysely";

const UP = `
    alter table opportunity add column next_shift_starts_at timestamptz;

    -- Recomputes the next shift of the given listings; returns how many changed. Without ids it writes nothing
    -- (an update statement, even of no rows, would bump the listing generation). The rows are locked first, in a statement of their own: the
    -- update that follows takes a fresh snapshot (read committed), so shifts that a concurrent transaction added
    -- or cancelled for the same listing (it held the lock) are counted too.
    create function mitenand_refresh_next_shift(ids integer[]) returns integer
      language plpgsql as $refresh$ declare changed integer; begin if coalesce(cardinality(ids), 0) = 0 then return 0; end if; perform 1 from public.opportunity where id = any(ids) order by id for update; update public.opportunity o set next_shift_starts_at = n.first_start from (select o2.id, (select min(s.starts_at) from public.shift s where s.opportunity_id = o2.id and s.starts_at > now() and s.cancelled_at is null) as first_start from public.opportunity o2 where o2.id = any(ids)) n where o.id = n.id and o.next_shift_starts_at is distinct from n.first_start; get diagnostics changed = row_count; return changed; end $refresh$;

    -- statement-level (a bulk insert of shifts recomputes each listing once); transition tables need one event
    -- per trigger
    create function mitenand_shift_next_inserted() returns trigger
      language plpgsql as $trigger$ begin perform public.mitenand_refresh_next_shift(array(select distinct opportunity_id from new_shifts)); return null; end $trigger$;
    create function mitenand_shift_next_deleted() returns trigger
      language plpgsql as $trigger$ begin perform public.mitenand_refresh_next_shift(array(select distinct opportunity_id from old_shifts)); return null; end $trigger$;
    -- only a moved, cancelled (or reinstated) or re-parented shift counts; sign-ups update places_taken often
    create function mitenand_shift_next_updated() returns trigger
      language plpgsql as $trigger$ declare ids integer[]; begin ids := array(select x.id from old_shifts o join new_shifts n on n.id = o.id cross join lateral (values (o.opportunity_id), (n.opportunity_id)) as x(id) where o.starts_at is distinct from n.starts_at or o.cancelled_at is distinct from n.cancelled_at or o.opportunity_id is distinct from n.opportunity_id); if cardinality(ids) > 0 then perform public.mitenand_refresh_next_shift(ids); end if; return null; end $trigger$;

    create trigger shift_next_inserted after insert on shift referencing new table as new_shifts
      for each statement execute function mitenand_shift_next_inserted();
    create trigger shift_next_deleted after delete on shift referencing old table as old_shifts
      for each statement execute function mitenand_shift_next_deleted();
    create trigger shift_next_updated after update on shift referencing old table as old_shifts new table as new_shifts
      for each statement execute function mitenand_shift_next_updated();

    -- (here the listings are backfilled in batches, see up())

    -- the recommendations' walk: published listings soonest first, with every column its conditions read, so
    -- that it never visits the table
    create index opportunity_next_shift_idx on opportunity (next_shift_starts_at, id)
      include (category_id, bfs_nr, location_mode, languages_required, german_level) where status = 'published';
    -- the periodic refresh finds the passed ones of every status (a draft may be published later)
    create index opportunity_next_shift_passed_idx on opportunity (next_shift_starts_at)
`;

const DOWN = `
    drop index opportunity_next_shift_passed_idx;
    drop index opportunity_next_shift_idx;
    drop trigger shift_next_updated on shift;
    drop trigger shift_next_deleted on shift;
    drop trigger shift_next_inserted on shift;
    drop function mitenand_shift_next_updated();
    drop function mitenand_shift_next_deleted();
    drop function mitenand_shift_next_inserted();
    drop function mitenand_refresh_next_shift(integer[]);
    alter table opportunity drop column next_shift_starts_at
`;

// One statement per query (the PGlite driver uses the extended protocol). Statements end with ";" + newline;
// the function bodies above keep their statements on one line.
async function run(db: Kysely<any>, script: string) {
  for (const statement of script.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

/** listings per backfill statement: 50,000 in one would outlast the statement timeout on a busy machine */
const BACKFILL_BATCH = 5000;

export async function up(db: Kysely<any>): Promise<void> {
  const [before, after] = UP.split("-- (here the listings are backfilled in batches, see up())");
  await run(db, before!);
  for (let lastId = 0; ; ) {
    const { rows } = await sql<{ last_id: number | null }>`
      select max(id) as last_id from (select id from opportunity where id > ${lastId} order by id limit ${BACKFILL_BATCH}) b`.execute(db);
    const last = rows[0]?.last_id;
    if (last === null || last === undefined) break;
    await sql`select mitenand_refresh_next_shift(array(select id from opportunity where id > ${lastId} and id <= ${last}))`.execute(db);
    lastId = last;
  }
  await run(db, after!);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, DOWN);
}
