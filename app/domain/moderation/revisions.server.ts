/**
 * Edits of a published listing: the reviewed fields go into a pending revision (the public keeps the approved
 * version until a coordinator approves it); shifts, the weekly rule and places change at once, without review.
 * An open revision (pending, or sent back with change requests) is updated in place and is pending again.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import { recordAudit } from "~/domain/audit/audit.server";
import { columns, readScheduleRule, writeSchedule } from "~/domain/opportunities/editing.server";
import type { OpportunityInput, ScheduleInput } from "~/domain/opportunities/opportunity-input";
import { utcToZurichParts } from "~/utils/zurich-time";
import { REVIEWED_FIELDS } from "./decisions";
import { changedFields, reviewedContent, type ReviewedContent } from "./review.server";

/** Thrown when the listing is not published (drafts are edited directly). */
export class NotPublishedError extends Error {
  constructor() {
    super("only published listings get revisions");
    this.name = "NotPublishedError";
  }
}

function scheduleKey(schedule: ScheduleInput) {
  switch (schedule.kind) {
    case "one_off":
      return JSON.stringify(["one_off", [...schedule.shifts].map((s) => [s.date, s.start, s.end, s.places]).sort()]);
    case "recurring":
      return JSON.stringify(["recurring", schedule.weekday, schedule.start, schedule.end, schedule.firstDate, schedule.lastDate, schedule.places]);
    case "flexible":
      return JSON.stringify(["flexible", schedule.totalPlaces]);
  }
}

/**
 * Null when there is no such opportunity of orgId for this actor (a member of orgId). Returns whether a revision
 * is now pending (false when only the schedule changed) and whether the schedule changed.
 */
export async function proposeRevision({
  id,
  orgId,
  actor,
  input,
  ip,
  now = new Date(),
}: {
  id: number;
  orgId: number;
  actor: { id: number };
  input: OpportunityInput;
  ip?: string;
  now?: Date;
}): Promise<{ revisionPending: boolean; scheduleChanged: boolean } | null> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("opportunity as o")
      .selectAll("o")
      .where("o.id", "=", id)
      .where("o.organisation_id", "=", orgId)
      .where((eb) =>
        eb.exists(eb.selectFrom("organisation_member as m").select("m.user_id").whereRef("m.organisation_id", "=", "o.organisation_id").where("m.user_id", "=", actor.id)),
      )
      .forUpdate()
      .executeTakeFirst();
    if (!current) return null;
    if (current.status !== "published") throw new NotPublishedError();

    // the schedule: compared with what is stored, written only when it really changed (shift ids stay)
    const [shifts, rule] = await Promise.all([
      trx.selectFrom("shift").select(["starts_at", "ends_at", "places"]).where("opportunity_id", "=", id).where("starts_at", ">", now).orderBy("starts_at").execute(),
      readScheduleRule(trx, id),
    ]);
    const stored: ScheduleInput =
      current.schedule_kind === "flexible"
        ? { kind: "flexible", totalPlaces: current.total_places }
        : current.schedule_kind === "recurring" && rule
          ? { kind: "recurring", ...rule }
          : {
              kind: "one_off",
              shifts: shifts.map((s) => {
                const start = utcToZurichParts(new Date(s.starts_at));
                const end = utcToZurichParts(new Date(s.ends_at));
                return { date: start.date, start: start.time.slice(0, 5), end: end.time.slice(0, 5), places: s.places };
              }),
            } as ScheduleInput;
    const scheduleChanged = scheduleKey(stored) !== scheduleKey(input.schedule);
    if (scheduleChanged) {
      await writeSchedule(trx, id, input.schedule);
      const { schedule_kind, total_places } = columns(input);
      await trx.updateTable("opportunity").set({ schedule_kind, total_places }).where("id", "=", id).execute();
    }

    const proposed = reviewedContent(columns(input) as unknown as ReviewedContent);
    const open = await trx
      .selectFrom("opportunity_revision")
      .select("id")
      .where("opportunity_id", "=", id)
      .where("status", "in", ["pending", "changes_requested"])
      .forUpdate()
      .executeTakeFirst();
    const differs = changedFields(reviewedContent(current), proposed).length > 0;
    let revisionPending = false;
    if (open && !differs) {
      // edited back to the published text: nothing left to review
      await trx.updateTable("opportunity_revision").set({ status: "discarded", decided_at: sql`now()` }).where("id", "=", open.id).execute();
    } else if (open) {
      await trx
        .updateTable("opportunity_revision")
        .set({ ...proposed, status: "pending", submitted_at: sql`now()`, decided_at: null, created_by: actor.id })
        .where("id", "=", open.id)
        .execute();
      revisionPending = true;
    } else if (differs) {
      await trx.insertInto("opportunity_revision").values({ ...proposed, opportunity_id: id, created_by: actor.id }).execute();
      revisionPending = true;
    }
    if (revisionPending || scheduleChanged) {
      await recordAudit(
        {
          action: revisionPending ? "opportunity.revision_submitted" : "opportunity.updated",
          actorUserId: actor.id,
          subjectType: "opportunity",
          subjectId: id,
          ip,
          details: { fields: changedFields(reviewedContent(current), proposed), scheduleChanged },
        },
        trx,
      );
    }
    return { revisionPending, scheduleChanged };
  });
}

/** The open revision's content as form values' source, for the edit page (null when there is none). */
export async function getOpenRevision({ opportunityId }: { opportunityId: number }) {
  const row = await db
    .selectFrom("opportunity_revision")
    .select([...REVIEWED_FIELDS, "id", "status", "submitted_at as submittedAt"])
    .where("opportunity_id", "=", opportunityId)
    .where("status", "in", ["pending", "changes_requested"])
    .executeTakeFirst();
  return row ?? null;
}
