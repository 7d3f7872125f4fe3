/**
 * The organisation's side of opportunities: create, edit (drafts and drafts sent back with change requests),
 * duplicate, submit for review, withdraw, archive, and the dashboard list. Every statement matches the row by id
 * AND organisation AND the actor's membership, so an id from another organisation, typed into a form or a URL,
 * never reaches a foreign row: the functions answer null, exactly as for an id that does not exist.
 *
 * Shifts are written with the opportunity, in one transaction: one-off rows replace the draft's shifts; a
 * recurring schedule is stored as its weekly rule and its shifts are generated from it (fillScheduleShifts);
 * flexible engagements have none.
 */
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from "kysely";
import { db } from "~db/client.server";
import type { Database, OpportunityStatus, ScheduleKind } from "~db/schema";
import { recordAudit } from "~/domain/audit/audit.server";
import { addDays, utcToZurichParts, zurichToUtc } from "~/utils/zurich-time";
import type { OpportunityFormValues, OpportunityInput, ScheduleInput } from "./opportunity-input";
import { shiftFieldNames } from "./opportunity-input";
import { fillScheduleShifts, matchesRule } from "./schedule.server";
import { canEdit, DASHBOARD_STATUS_ORDER, ORGANISATION_TRANSITIONS, type OrganisationTransition } from "./status";

type Executor = Kysely<Database> | Transaction<Database>;

export interface EditorActor {
  id: number;
}

/** Thrown when the opportunity exists (and is the organisation's) but its status does not allow the step. */
export class OpportunityStatusError extends Error {
  constructor(
    readonly status: OpportunityStatus,
    readonly step: OrganisationTransition | "edit",
  ) {
    super(`an opportunity in status ${status} cannot ${step}`);
    this.name = "OpportunityStatusError";
  }
}

/** The actor belongs to the opportunity's organisation (any role: editors and owners both edit). */
function actorIsMember(actor: EditorActor) {
  return (eb: ExpressionBuilder<Database, "opportunity">) =>
    eb.exists(
      eb
        .selectFrom("organisation_member as m")
        .select("m.user_id")
        .whereRef("m.organisation_id", "=", "opportunity.organisation_id")
        .where("m.user_id", "=", actor.id),
    );
}

async function isMember(trx: Executor, orgId: number, actor: EditorActor) {
  return Boolean(
    await trx
      .selectFrom("organisation_member")
      .select("user_id")
      .where("organisation_id", "=", orgId)
      .where("user_id", "=", actor.id)
      .executeTakeFirst(),
  );
}

/** The opportunity row, only if it is orgId's and the actor is a member; locked for the transaction. */
async function findScoped(trx: Executor, { id, orgId, actor }: { id: number; orgId: number; actor: EditorActor }) {
  return trx
    .selectFrom("opportunity")
    .selectAll()
    .where("id", "=", id)
    .where("organisation_id", "=", orgId)
    .where(actorIsMember(actor))
    .forUpdate()
    .executeTakeFirst();
}

export function columns(input: OpportunityInput) {
  return {
    title: input.title,
    summary: input.summary,
    description: input.description,
    category_id: input.categoryId,
    bfs_nr: input.bfsNr,
    address: input.address,
    address_private: input.addressPrivate,
    location_mode: input.locationMode,
    languages_helpful: input.languagesHelpful,
    languages_required: input.languagesRequired,
    german_level: input.germanLevel,
    tags: input.tags,
    target_groups: input.targetGroups,
    min_age: input.minAge,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    needs_confirmation: input.needsConfirmation,
    waitlist_mode: input.waitlistMode,
    offer_hours: input.offerHours,
    schedule_kind: input.schedule.kind,
    total_places: input.schedule.kind === "flexible" ? input.schedule.totalPlaces : null,
  };
}

function timeOf(value: string) {
  return value.length === 5 ? `${value}:00` : value;
}

/**
 * The new schedule gives a shift (or the flexible opportunity) fewer places than are taken by sign-ups. The
 * database CHECK would refuse it too, but as a 500; this names the field: a one-off shift by its Zurich date
 * and start ("2027-03-09", "18:30"), the weekly rule's places, or the total places.
 */
export class PlacesBelowTakenError extends Error {
  constructor(readonly shortfalls: ({ kind: "shift"; date: string; start: string; taken: number } | { kind: "recurring" | "flexible"; taken: number })[]) {
    super("places below places taken");
  }
}

/** Throws PlacesBelowTakenError when the schedule would leave fewer places than are taken. */
async function checkPlacesCoverTaken(trx: Transaction<Database>, opportunityId: number, schedule: ScheduleInput) {
  const shortfalls: PlacesBelowTakenError["shortfalls"] = [];
  if (schedule.kind === "flexible") {
    const row = await trx.selectFrom("opportunity").select("places_taken").where("id", "=", opportunityId).executeTakeFirst();
    if (row && schedule.totalPlaces !== null && row.places_taken > schedule.totalPlaces) shortfalls.push({ kind: "flexible", taken: row.places_taken });
  } else {
    const taken = await trx
      .selectFrom("shift")
      .select(["starts_at", "ends_at", "places_taken"])
      .where("opportunity_id", "=", opportunityId)
      .where("places_taken", ">", 0)
      .where("cancelled_at", "is", null)
      .execute();
    if (schedule.kind === "one_off") {
      for (const shift of schedule.shifts) {
        const startsAt = zurichToUtc(shift.date, shift.start).getTime();
        const endsAt = zurichToUtc(shift.date, shift.end).getTime();
        const same = taken.find((t) => t.starts_at.getTime() === startsAt && t.ends_at.getTime() === endsAt);
        if (same && same.places_taken > shift.places) shortfalls.push({ kind: "shift", date: shift.date, start: shift.start, taken: same.places_taken });
      }
    } else {
      const rule = { weekday: schedule.weekday, start_time: timeOf(schedule.start), end_time: timeOf(schedule.end), first_date: schedule.firstDate, last_date: schedule.lastDate, places: schedule.places };
      const most = Math.max(0, ...taken.filter((t) => t.starts_at > new Date() && matchesRule(rule, t)).map((t) => t.places_taken));
      if (most > schedule.places) shortfalls.push({ kind: "recurring", taken: most });
    }
  }
  if (shortfalls.length > 0) throw new PlacesBelowTakenError(shortfalls);
}

/**
 * Replaces the shifts (and weekly rule) of an opportunity that has never been public, so it has no sign-ups:
 * its shifts can simply be written anew. (Moderation also calls it when the schedule of a published listing
 * really changed: shifts need no review.)
 */
/** The opportunity's weekly rule as the form holds it (times as HH:MM, dates as YYYY-MM-DD), or undefined. */
export function readScheduleRule(executor: Kysely<Database> | Transaction<Database>, opportunityId: number) {
  return executor
    .selectFrom("opportunity_schedule")
    .select([
      "weekday",
      sql<string>`to_char(start_time, 'HH24:MI')`.as("start"),
      sql<string>`to_char(end_time, 'HH24:MI')`.as("end"),
      sql<string>`first_date::text`.as("firstDate"),
      sql<string | null>`last_date::text`.as("lastDate"),
      "places",
    ])
    .where("opportunity_id", "=", opportunityId)
    .executeTakeFirst();
}

export async function writeSchedule(trx: Transaction<Database>, opportunityId: number, schedule: ScheduleInput) {
  await checkPlacesCoverTaken(trx, opportunityId, schedule);
  // shifts that people signed up for are never deleted here (the sign-ups keep them: cancelling a shift, with a
  // message to everyone on it, is the organisation's explicit step on the sign-ups page); the others are replaced
  await trx
    .deleteFrom("shift")
    .where("opportunity_id", "=", opportunityId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom("signup").select("signup.id").whereRef("signup.shift_id", "=", "shift.id"))))
    .execute();
  if (schedule.kind !== "recurring") {
    await trx.deleteFrom("opportunity_schedule").where("opportunity_id", "=", opportunityId).execute();
  }
  if (schedule.kind === "one_off" && schedule.shifts.length > 0) {
    const kept = await trx.selectFrom("shift").select(["id", "starts_at", "ends_at"]).where("opportunity_id", "=", opportunityId).execute();
    const rows = schedule.shifts.map((shift) => ({
      opportunity_id: opportunityId,
      starts_at: zurichToUtc(shift.date, shift.start),
      ends_at: zurichToUtc(shift.date, shift.end),
      places: shift.places,
    }));
    const fresh = [];
    for (const row of rows) {
      const same = kept.find((k) => k.starts_at.getTime() === row.starts_at.getTime() && k.ends_at.getTime() === row.ends_at.getTime());
      // a kept shift at the same time takes the new number of places (never below the places taken: CHECK)
      if (same) await trx.updateTable("shift").set({ places: row.places }).where("id", "=", same.id).execute();
      else fresh.push(row);
    }
    if (fresh.length > 0) await trx.insertInto("shift").values(fresh).execute();
  }
  if (schedule.kind === "recurring") {
    const rule = {
      weekday: schedule.weekday,
      start_time: timeOf(schedule.start),
      end_time: timeOf(schedule.end),
      first_date: schedule.firstDate,
      last_date: schedule.lastDate,
      places: schedule.places,
    };
    await trx
      .insertInto("opportunity_schedule")
      .values({ opportunity_id: opportunityId, ...rule })
      .onConflict((oc) => oc.column("opportunity_id").doUpdateSet(rule))
      .execute();
    await fillScheduleShifts(trx, { opportunityId });
  }
}

/** A new draft of orgId. Null unless the actor is a member of orgId. */
export async function createOpportunity({
  orgId,
  actor,
  input,
  ip,
}: {
  orgId: number;
  actor: EditorActor;
  input: OpportunityInput;
  ip?: string;
}): Promise<{ id: number } | null> {
  return db.transaction().execute(async (trx) => {
    if (!(await isMember(trx, orgId, actor))) return null;
    const row = await trx
      .insertInto("opportunity")
      .values({ organisation_id: orgId, status: "draft", ...columns(input) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeSchedule(trx, row.id, input.schedule);
    await recordAudit({ action: "opportunity.created", actorUserId: actor.id, subjectType: "opportunity", subjectId: row.id, ip, details: { orgId } }, trx);
    return { id: row.id };
  });
}

/**
 * Saves a draft (or a draft sent back with change requests). Null when there is no such opportunity of orgId
 * for this actor; OpportunityStatusError when it is submitted, published … (an edit of a published opportunity
 * needs a new review: the moderation issue adds that).
 */
export async function updateOpportunity({
  id,
  orgId,
  actor,
  input,
  ip,
}: {
  id: number;
  orgId: number;
  actor: EditorActor;
  input: OpportunityInput;
  ip?: string;
}): Promise<{ id: number } | null> {
  return db.transaction().execute(async (trx) => {
    const current = await findScoped(trx, { id, orgId, actor });
    if (!current) return null;
    if (!canEdit(current.status)) throw new OpportunityStatusError(current.status, "edit");
    await trx
      .updateTable("opportunity")
      .set({ ...columns(input), updated_at: sql`now()` })
      .where("id", "=", id)
      .where("organisation_id", "=", orgId)
      .execute();
    await writeSchedule(trx, id, input.schedule);
    await recordAudit({ action: "opportunity.updated", actorUserId: actor.id, subjectType: "opportunity", subjectId: id, ip }, trx);
    return { id };
  });
}

/**
 * A new draft with the same content. One-off shifts still ahead are copied; a weekly rule is copied from today
 * on. The title gets `titleSuffix` (e.g. " (Kopie)"), cut to fit.
 */
export async function duplicateOpportunity({
  id,
  orgId,
  actor,
  titleSuffix = "",
  now = new Date(),
  ip,
}: {
  id: number;
  orgId: number;
  actor: EditorActor;
  titleSuffix?: string;
  now?: Date;
  ip?: string;
}): Promise<{ id: number } | null> {
  return db.transaction().execute(async (trx) => {
    const source = await findScoped(trx, { id, orgId, actor });
    if (!source) return null;
    const {
      id: _id,
      search_vector: _vector,
      status: _status,
      submitted_at: _submitted,
      published_at: _published,
      archived_at: _archived,
      created_at: _created,
      updated_at: _updated,
      ...content
    } = source;
    const title = `${source.title.slice(0, 120 - titleSuffix.length).trimEnd()}${titleSuffix}`;
    const copy = await trx
      .insertInto("opportunity")
      .values({ ...content, title, status: "draft" })
      .returning("id")
      .executeTakeFirstOrThrow();

    if (source.schedule_kind === "one_off") {
      const shifts = await trx
        .selectFrom("shift")
        .select(["starts_at", "ends_at", "places"])
        .where("opportunity_id", "=", id)
        .where("starts_at", ">", now)
        .orderBy("starts_at")
        .execute();
      if (shifts.length > 0) {
        await trx
          .insertInto("shift")
          .values(shifts.map((shift) => ({ ...shift, opportunity_id: copy.id })))
          .execute();
      }
    } else if (source.schedule_kind === "recurring") {
      const rule = await trx
        .selectFrom("opportunity_schedule")
        .select([
          "weekday",
          "start_time",
          "end_time",
          "places",
          sql<string>`first_date::text`.as("firstDate"),
          sql<string | null>`last_date::text`.as("lastDate"),
        ])
        .where("opportunity_id", "=", id)
        .executeTakeFirst();
      if (rule) {
        const { firstDate: ruleFirst, lastDate: ruleLast, ...times } = rule;
        const today = utcToZurichParts(now).date;
        const firstDate = ruleFirst < today ? today : ruleFirst;
        const lastDate = ruleLast && ruleLast >= firstDate ? ruleLast : null;
        await trx
          .insertInto("opportunity_schedule")
          .values({ ...times, opportunity_id: copy.id, first_date: firstDate, last_date: lastDate })
          .execute();
        await fillScheduleShifts(trx, { opportunityId: copy.id });
      }
    }
    await recordAudit(
      { action: "opportunity.duplicated", actorUserId: actor.id, subjectType: "opportunity", subjectId: copy.id, ip, details: { from: id } },
      trx,
    );
    return { id: copy.id };
  });
}

const AUDIT_FOR: Record<
  OrganisationTransition,
  "opportunity.submitted" | "opportunity.withdrawn" | "opportunity.archived" | "opportunity.restored"
> = {
  submit: "opportunity.submitted",
  withdraw: "opportunity.withdrawn",
  archive: "opportunity.archived",
  restore: "opportunity.restored",
};

/** Thrown by submit when a one-off opportunity has no shift ahead any more (its dates have passed). */
export class NoUpcomingShiftsError extends Error {
  constructor() {
    super("a one-off opportunity needs a shift in the future to be submitted");
    this.name = "NoUpcomingShiftsError";
  }
}

async function transition({
  id,
  orgId,
  actor,
  step,
  ip,
  now = new Date(),
}: {
  id: number;
  orgId: number;
  actor: EditorActor;
  step: OrganisationTransition;
  ip?: string;
  now?: Date;
}): Promise<{ id: number; status: OpportunityStatus } | null> {
  const { from, to } = ORGANISATION_TRANSITIONS[step];
  return db.transaction().execute(async (trx) => {
    const current = await findScoped(trx, { id, orgId, actor });
    if (!current) return null;
    if (!(from as readonly OpportunityStatus[]).includes(current.status)) throw new OpportunityStatusError(current.status, step);
    if (step === "submit" && current.schedule_kind !== "flexible") {
      const upcoming = await trx
        .selectFrom("shift")
        .select("id")
        .where("opportunity_id", "=", id)
        .where("starts_at", ">", now)
        .limit(1)
        .executeTakeFirst();
      if (!upcoming) throw new NoUpcomingShiftsError();
    }
    const stamp = {
      submit: { submitted_at: sql<Date>`now()` },
      withdraw: { submitted_at: null },
      archive: { archived_at: sql<Date>`now()` },
      restore: { archived_at: null, submitted_at: null },
    }[step];
    const updated = await trx
      .updateTable("opportunity")
      .set({ status: to, updated_at: sql`now()`, ...stamp })
      .where("id", "=", id)
      .where("organisation_id", "=", orgId)
      .where("status", "in", from)
      .returning(["id", "status"])
      .executeTakeFirstOrThrow();
    await recordAudit(
      { action: AUDIT_FOR[step], actorUserId: actor.id, subjectType: "opportunity", subjectId: id, ip, details: { from: current.status, to } },
      trx,
    );
    return updated;
  });
}

type TransitionArgs = { id: number; orgId: number; actor: EditorActor; ip?: string; now?: Date };

/** draft / changes_requested → submitted (to the RIF for review). */
export function submitOpportunity(args: TransitionArgs) {
  return transition({ ...args, step: "submit" });
}

/** submitted → draft, before the review. */
export function withdrawToDraft(args: TransitionArgs) {
  return transition({ ...args, step: "withdraw" });
}

/** published → archived: off the public listings. */
export function archiveOpportunity(args: TransitionArgs) {
  return transition({ ...args, step: "archive" });
}

/** archived → draft: back to editing; it goes public again only after a new review. */
export function restoreToDraft(args: TransitionArgs) {
  return transition({ ...args, step: "restore" });
}

// --- reading, for the organisation's pages ------------------------------------------------------------------

/** Everything the form and the preview show, or null (not orgId's, or the actor is no member). */
export async function getOpportunityForEditing({ id, orgId, actor }: { id: number; orgId: number; actor: EditorActor }) {
  const opportunity = await db
    .selectFrom("opportunity")
    .selectAll()
    .where("id", "=", id)
    .where("organisation_id", "=", orgId)
    .where(actorIsMember(actor))
    .executeTakeFirst();
  if (!opportunity) return null;
  const [shifts, schedule] = await Promise.all([
    db
      .selectFrom("shift")
      .select(["id", "starts_at as startsAt", "ends_at as endsAt", "places"])
      .where("opportunity_id", "=", id)
      .orderBy("starts_at")
      .limit(200)
      .execute(),
    readScheduleRule(db, id),
  ]);
  return { opportunity, shifts, schedule: schedule ?? null };
}

/** The stored opportunity as the form's values (the same shape a submitted form has). */
export function toFormValues(data: NonNullable<Awaited<ReturnType<typeof getOpportunityForEditing>>>): OpportunityFormValues {
  const { opportunity: o, shifts, schedule } = data;
  const values: OpportunityFormValues = {
    title: o.title,
    summary: o.summary,
    description: o.description,
    categoryId: o.category_id,
    bfsNr: String(o.bfs_nr),
    address: o.address ?? "",
    locationMode: o.location_mode,
    languagesHelpful: o.languages_helpful,
    languagesRequired: o.languages_required,
    germanLevel: o.german_level ?? "",
    tags: o.tags.join(", "),
    targetGroups: o.target_groups,
    minAge: o.min_age === null ? "" : String(o.min_age),
    contactName: o.contact_name ?? "",
    contactEmail: o.contact_email ?? "",
    scheduleKind: o.schedule_kind,
    totalPlaces: o.total_places === null ? "" : String(o.total_places),
  };
  if (o.address_private) values.addressPrivate = "on";
  if (o.needs_confirmation) values.needsConfirmation = "on";
  if (o.waitlist_mode === "offer") values.waitlistOffer = "on";
  values.offerHours = String(o.offer_hours);
  if (o.schedule_kind === "one_off") {
    shifts.slice(0, 20).forEach((shift, row) => {
      const start = utcToZurichParts(new Date(shift.startsAt));
      const end = utcToZurichParts(new Date(shift.endsAt));
      const names = shiftFieldNames(row);
      values[names.date] = start.date;
      values[names.start] = start.time.slice(0, 5);
      values[names.end] = end.time.slice(0, 5);
      values[names.places] = String(shift.places);
    });
  }
  if (schedule) {
    values.weekday = String(schedule.weekday);
    values.recurringStart = schedule.start;
    values.recurringEnd = schedule.end;
    values.firstDate = schedule.firstDate;
    values.lastDate = schedule.lastDate ?? "";
    values.recurringPlaces = String(schedule.places);
  }
  return values;
}

export interface DashboardRow {
  id: number;
  title: string;
  status: OpportunityStatus;
  scheduleKind: ScheduleKind;
  categoryId: string;
  updatedAt: Date;
  submittedAt: Date | null;
  nextShiftAt: Date | null;
  upcomingShifts: number;
}

/**
 * The opportunities of orgId with their next shift. Null unless the actor is a member. Without `page`: all of
 * them (at most 500), newest change first. With `page`: one page in the dashboard's order (status as in
 * DASHBOARD_STATUS_ORDER, then newest change first), so an organisation with a thousand listings gets a page
 * that renders in milliseconds. The shift counts are taken for this organisation's opportunities only.
 */
export async function listOrganisationOpportunities({
  orgId,
  actor,
  now = new Date(),
  page,
}: {
  orgId: number;
  actor: EditorActor;
  now?: Date;
  page?: { offset: number; limit: number };
}): Promise<DashboardRow[] | null> {
  if (!(await isMember(db, orgId, actor))) return null;
  // the page of opportunities first, then the shift figures of just those (an index range per opportunity):
  // aggregating every upcoming shift of a large organisation for 50 rows cost a scan of the shift table per view
  const statusRank = sql<number>`array_position(${sql.val([...DASHBOARD_STATUS_ORDER])}::text[], status::text)`;
  let pageQuery = db
    .selectFrom("opportunity")
    .select([
      "id",
      "title",
      "status",
      "schedule_kind",
      "category_id",
      "updated_at",
      "submitted_at",
      (page ? statusRank : sql<number>`0`).as("status_rank"),
    ])
    .where("organisation_id", "=", orgId);
  if (page) pageQuery = pageQuery.orderBy(statusRank);
  pageQuery = pageQuery
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .limit(page ? page.limit : 500)
    .offset(page ? page.offset : 0);
  const rows = await db
    .selectFrom(pageQuery.as("o"))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("shift")
          .select([sql<Date | null>`min(starts_at)`.as("next_at"), sql<number>`count(*)::int`.as("upcoming")])
          .whereRef("shift.opportunity_id", "=", "o.id")
          .where("shift.starts_at", ">", now)
          .as("s"),
      (join) => join.onTrue(),
    )
    .select([
      "o.id",
      "o.title",
      "o.status",
      "o.schedule_kind as scheduleKind",
      "o.category_id as categoryId",
      "o.updated_at as updatedAt",
      "o.submitted_at as submittedAt",
      "s.next_at as nextShiftAt",
      "s.upcoming as upcomingShifts",
    ])
    .orderBy("o.status_rank")
    .orderBy("o.updated_at", "desc")
    .orderBy("o.id", "desc")
    .execute();
  return rows.map((row) => ({ ...row, upcomingShifts: row.upcomingShifts ?? 0, nextShiftAt: row.nextShiftAt ?? null }));
}

/** how many opportunities orgId has in each status (for the dashboard's headings and pages) */
export async function countOrganisationOpportunities({ orgId }: { orgId: number }): Promise<Partial<Record<OpportunityStatus, number>>> {
  const rows = await db
    .selectFrom("opportunity")
    .select(["status", sql<number>`count(*)::int`.as("count")])
    .where("organisation_id", "=", orgId)
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, row.count]));
}

/** For tests and the form: the date `days` after today in Zurich. */
export function zurichDateInDays(days: number, now = new Date()) {
  return addDays(utcToZurichParts(now).date, days);
}
