/**
 * Keeps `opportunity.next_shift_starts_at` (the start of each listing's next upcoming shift, migration
 * 2026-12-03T1400_match_next_shift) fresh as shifts pass. Triggers on `shift` recompute it whenever shifts are
 * added, moved, cancelled or deleted; what they cannot see is time passing: once a listing's next shift has
 * begun, the stored value lies in the past. The queries stay exact anyway (they compute such passed values from
 * the shifts, see `firstStartAfter` in recommendations.server.ts), but each one costs a subquery, so this job
 * moves them on every few minutes and the recommendations' walk stays one index-only scan.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import { startPeriodicJob } from "~/utils/periodic-job.server";

/** listings recomputed per statement (each is locked while recomputed) */
const REFRESH_BATCH = 1000;

/** Recomputes the next shift of every listing whose stored one has begun; returns how many changed. */
export async function refreshPassedNextShifts({ batch = REFRESH_BATCH }: { batch?: number } = {}) {
  let changed = 0;
  for (;;) {
    // the database's own clock: the recomputation counts shifts after now() as well
    const { rows } = await sql<{ picked: number; changed: number }>`
      with passed as (
        select id from opportunity where next_shift_starts_at <= now() order by next_shift_starts_at, id limit ${batch}
      )
      select (select count(*) from passed)::int as picked,
        mitenand_refresh_next_shift(array(select id from passed)) as changed`.execute(db);
    const row = rows[0]!;
    changed += row.changed;
    // a listing picked but unchanged can only be one whose value another transaction just moved on
    if (row.picked < batch || row.changed === 0) return { changed };
  }
}

/** Runs the refresh now and then every `intervalMs` (default 5 minutes); never two runs at once. Returns stop(). */
export function startNextShiftRefresh({ intervalMs = 5 * 60 * 1000 }: { intervalMs?: number } = {}): () => Promise<void> {
  return startPeriodicJob({ run: async () => void (await refreshPassedNextShifts()), intervalMs, failureMessage: "next-shift refresh failed" });
}
