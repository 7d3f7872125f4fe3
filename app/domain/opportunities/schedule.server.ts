/**
 * Shifts from weekly rules, and the hourly housekeeping around them. A recurring opportunity has one
 * `opportunity_schedule` row ("Tuesdays 18:30–20:00 Zurich time, 3 places, from … until …"); its shifts are
 * real rows, generated for a rolling window of weeks, so sign-ups, the calendar feed and the search all see
 * ordinary shifts. Wall-clock times are converted per date, so 18:30 stays 18:30 across summer time.
 * The jobs: keep every recurring opportunity's window filled, and archive published opportunities whose
 * last shift is over.
 */
import { sql, type Kysely } from "kysely";
import { db as defaultDb } from "~db/client.server";
import type { Database } from "~db/schema";
import { runMaintenance } from "~/domain/maintenance.server";
import { logger } from "~/utils/logger.server";
import { startPeriodicJob } from "~/utils/periodic-job.server";
import { isoWeekday, utcToZurichParts, zurichToUtc } from "~/utils/zurich-time";
import { DEFAULT_SCHEDULE_WEEKS, planShifts, type ScheduleRule } from "./schedule-plan";

export { DEFAULT_SCHEDULE_WEEKS, planShifts, type PlannedShift, type ScheduleRule } from "./schedule-plan";

/** statuses whose recurring shifts are kept generated (an organisation prepares a draft with real dates) */
const FILLED_STATUSES = ["draft", "submitted", "published"] as const;

/** Whether an existing shift is one the rule would make (same weekday, wall-clock times and date range). */
export function matchesRule(rule: ScheduleRule, shift: { starts_at: Date; ends_at: Date }) {
  const { date } = utcToZurichParts(shift.starts_at);
  if (isoWeekday(date) !== rule.weekday) return false;
  if (date < rule.first_date || (rule.last_date && date > rule.last_date)) return false;
  return (
    zurichToUtc(date, rule.start_time).getTime() === shift.starts_at.getTime() &&
    zurichToUtc(date, rule.end_time).getTime() === shift.ends_at.getTime()
  );
}

export interface FillResult {
  created: number;
  removed: number;
  /** future shifts whose places followed a change of the rule's places */
  updated: number;
}

/**
 * Brings one recurring opportunity's future shifts in line with its weekly rule: creates the missing shifts of
 * the window (from max(first_date, today) for `weeks` weeks, up to last_date), removes future shifts the rule
 * no longer makes (the rule was edited) and gives future shifts the rule's places. Shifts that have begun are
 * history and stay. Idempotent: a second run changes nothing. Pass a transaction (the opportunity's rule row
 * is locked for the rest of it, so the hourly job and an edit do not interleave); without a rule, or for an
 * opportunity that is not recurring, nothing happens.
 */
export async function fillScheduleShifts(
  trx: Kysely<Database>,
  { opportunityId, from = new Date(), weeks = DEFAULT_SCHEDULE_WEEKS }: { opportunityId: number; from?: Date; weeks?: number },
): Promise<FillResult> {
  const result: FillResult = { created: 0, removed: 0, updated: 0 };
  const rule = await trx
    .selectFrom("opportunity_schedule as s")
    .innerJoin("opportunity as o", "o.id", "s.opportunity_id")
    .where("s.opportunity_id", "=", opportunityId)
    .where("o.schedule_kind", "=", "recurring")
    .select([
      "s.weekday",
      sql<string>`s.start_time::text`.as("start_time"),
      sql<string>`s.end_time::text`.as("end_time"),
      sql<string>`s.first_date::text`.as("first_date"),
      sql<string | null>`s.last_date::text`.as("last_date"),
      "s.places",
    ])
    .forUpdate("s")
    .executeTakeFirst();
  if (!rule) return result;

  // a rule inside the spring-forward gap can make a shift end before it starts (02:30–03:00): leave that one out
  const planned = planShifts(rule, { today: utcToZurichParts(from).date, weeks }).filter(
    (s) => s.starts_at > from && s.ends_at > s.starts_at,
  );

  const future = await trx
    .selectFrom("shift")
    .where("opportunity_id", "=", opportunityId)
    .where("starts_at", ">", from)
    .select(["id", "starts_at", "ends_at", "places"])
    .execute();
  // A shift that people have signed up for never silently disappears: a schedule change keeps it (the
  // organisation may cancel it on its sign-up page, which tells the volunteers), and places never go below
  // the places taken.
  const stale = future.filter((s) => !matchesRule(rule, s));
  if (stale.length > 0) {
    const deleted = await trx
      .deleteFrom("shift")
      .where(
        "id",
        "in",
        stale.map((s) => s.id),
      )
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom("signup").select("signup.id").whereRef("signup.shift_id", "=", "shift.id"))))
      .executeTakeFirst();
    result.removed = Number(deleted.numDeletedRows);
  }
  const kept = future.filter((s) => matchesRule(rule, s));
  const wrongPlaces = kept.filter((s) => s.places !== rule.places).map((s) => s.id);
  if (wrongPlaces.length > 0) {
    const updated = await trx
      .updateTable("shift")
      .set({ places: sql<number>`greatest(${rule.places}::int, places_taken)` })
      .where("id", "in", wrongPlaces)
      .executeTakeFirst();
    result.updated = Number(updated.numUpdatedRows);
  }

  // only the planned shifts not already there (the conflict clause still guards against a concurrent insert)
  const existing = new Set(kept.map((s) => s.starts_at.getTime()));
  const missing = planned.filter((s) => !existing.has(s.starts_at.getTime()));
  if (missing.length > 0) {
    const inserted = await trx
      .insertInto("shift")
      .values(missing.map((s) => ({ opportunity_id: opportunityId, starts_at: s.starts_at, ends_at: s.ends_at, places: s.places })))
      .onConflict((oc) => oc.columns(["opportunity_id", "starts_at"]).doNothing())
      .returning("id")
      .execute();
    result.created = inserted.length;
  }
  return result;
}

/**
 * Fills the window of every recurring draft, submitted or published opportunity whose window is short of
 * shifts, in batches of `batchSize`, one short transaction per opportunity (an edit waits for one opportunity,
 * not for all). A window is full when the latest future shift falls in the window's last week (or the rule's
 * last week, when it ends sooner); only the others are visited, so an hourly run touches the few rules whose
 * window moved on a week (edits fill their own window in the edit's transaction) instead of every rule.
 */
export async function fillAllScheduleWindows({
  weeks = DEFAULT_SCHEDULE_WEEKS,
  from = new Date(),
  batchSize = 100,
  db = defaultDb,
}: { weeks?: number; from?: Date; batchSize?: number; db?: Kysely<Database> } = {}) {
  const totals = { opportunities: 0, created: 0, removed: 0, updated: 0 };
  let afterId = 0;
  for (;;) {
    const batch = await db
      .selectFrom("opportunity_schedule as s")
      .innerJoin("opportunity as o", "o.id", "s.opportunity_id")
      .where("o.schedule_kind", "=", "recurring")
      .where("o.status", "in", FILLED_STATUSES)
      .where(windowShort({ from, weeks }))
      .where("o.id", ">", afterId)
      .select("o.id")
      .orderBy("o.id")
      .limit(batchSize)
      .execute();
    for (const { id } of batch) {
      const r = await db.transaction().execute((trx) => fillScheduleShifts(trx, { opportunityId: id, from, weeks }));
      totals.opportunities++;
      totals.created += r.created;
      totals.removed += r.removed;
      totals.updated += r.updated;
    }
    if (batch.length < batchSize) break;
    afterId = batch[batch.length - 1].id;
  }
  return totals;
}

/**
 * The condition "this rule's window lacks shifts", on `s` (opportunity_schedule), as a superset: the rule has
 * not ended, and its latest future shift starts before the first day of the window's last week (or of the
 * rule's last week). fillScheduleShifts then makes exactly what is missing.
 */
function windowShort({ from, weeks }: { from: Date; weeks: number }) {
  const today = utcToZurichParts(from).date;
  const zurich = sql.lit("Europe/Zurich");
  // the window runs from max(first_date, today) for `weeks` weeks (as planShifts has it)
  return sql<boolean>`(
    (s.last_date is null or s.last_date >= ${today}::date)
    and coalesce(
      (select max(f.starts_at) from shift f where f.opportunity_id = s.opportunity_id and f.starts_at > ${from}),
      '-infinity'::timestamptz
    ) < least(
      (greatest(s.first_date, ${today}::date) + ${weeks * 7 - 7}::int)::timestamp at time zone ${zurich},
      coalesce((s.last_date - 6)::timestamp at time zone ${zurich}, 'infinity'::timestamptz)
    ))`;
}

/**
 * Archives published opportunities that are over: they have shifts, the last one has ended, and no weekly
 * rule continues past today. Flexible opportunities (no dates) are never archived by this job.
 */
export async function archiveFinishedOpportunities(
  now: Date = new Date(),
  {
    db = defaultDb,
    onlyIds,
  }: {
    db?: Kysely<Database>;
    /** only these opportunities (tests: other test files share the database and its published rows) */
    onlyIds?: number[];
  } = {},
) {
  const today = utcToZurichParts(now).date;
  if (onlyIds && onlyIds.length === 0) return { archived: [] as number[] };
  const rows = await db
    .updateTable("opportunity as o")
    .set({ status: "archived", archived_at: now, updated_at: now })
    .where("o.status", "=", "published")
    .$if(onlyIds !== undefined, (qb) => qb.where("o.id", "in", onlyIds!))
    .where("o.schedule_kind", "<>", "flexible")
    .where((eb) =>
      eb.and([
        eb.exists(eb.selectFrom("shift as s").select("s.id").whereRef("s.opportunity_id", "=", "o.id")),
        eb.not(
          eb.exists(
            eb.selectFrom("shift as s").select("s.id").whereRef("s.opportunity_id", "=", "o.id").where("s.ends_at", ">", now),
          ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom("opportunity_schedule as r")
              .select("r.opportunity_id")
              .whereRef("r.opportunity_id", "=", "o.id")
              .where((w) => w.or([w("r.last_date", "is", null), w("r.last_date", ">=", today)])),
          ),
        ),
      ]),
    )
    .returning("o.id")
    .execute();
  return { archived: rows.map((r) => r.id) };
}

/**
 * Runs the schedule window and the archive job now and then every `intervalMs` (default hourly); a run never
 * starts while the previous one is still going. The timer does not keep the process alive. Returns stop().
 */
export function startJobs({
  intervalMs = 60 * 60 * 1000,
  db = defaultDb,
}: { intervalMs?: number; db?: Kysely<Database> } = {}): () => Promise<void> {
  // each job catches its own failure, so one failing does not keep the others from running
  async function runOnce() {
    try {
      const filled = await fillAllScheduleWindows({ db });
      if (filled.created + filled.removed + filled.updated > 0) logger.info(filled, "schedule shifts filled");
    } catch (error) {
      logger.error({ error: describeError(error) }, "schedule job failed");
    }
    try {
      const { archived } = await archiveFinishedOpportunities(new Date(), { db });
      if (archived.length > 0) logger.info({ archived: archived.length, ids: archived.slice(0, 50) }, "finished opportunities archived");
    } catch (error) {
      logger.error({ error: describeError(error) }, "archive job failed");
    }
    try {
      await runMaintenance();
    } catch (error) {
      logger.error({ error: describeError(error) }, "maintenance job failed");
    }
  }

  return startPeriodicJob({ run: runOnce, intervalMs, failureMessage: "schedule jobs failed" });
}

function describeError(error: unknown) {
  return error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
}
