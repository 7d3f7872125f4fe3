/**
 * A year of moderation history for the demo, so the KIP reports (/coordinator/reports) have something to show:
 * an approval for every published demo listing (by its region's demo coordinator, when it was published), and
 * three to four past listings per month over the last twelve months for the demo organisations — archived after
 * their run, some sent back once before approval, one in three months rejected — each with its decisions and
 * waiting times from hours to days. Deterministic (no randomness, dates relative to the run date). Written in
 * the seed's transaction, once: a second run finds the approvals in place and writes nothing.
 */
import { type Insertable, type Kysely, type Transaction, sql } from "kysely";
import type { Database, ModerationDecisionTable, OpportunityTable } from "../schema";
import { CATEGORIES } from "../data/categories";
import { DEMO_ORGANISATION_SLUGS, DEMO_REGIONS } from "./demo-data";

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

const HISTORY_ACTIVITIES = [
  "Sprachcafé", "Velokurs", "Bewerbungswerkstatt", "Spielnachmittag", "Lesestunde", "Kochatelier",
  "Begleitung zu Ämtern", "Gartenprojekt", "Computerkurs", "Elterncafé", "Nähatelier", "Wanderung",
];
const MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];
/** waiting times from submission to decision, in hours (median about a day and a half) */
const WAITS = [5, 30, 52, 18, 76, 36, 9, 120, 44, 26, 60, 14];
const SENT_BACK_REASON = "Bitte ergänzen Sie, wo genau der Treffpunkt ist und wen die Freiwilligen vor Ort ansprechen.";
const REJECT_REASON = "Das Angebot ist eine bezahlte Stelle und keine Freiwilligenarbeit; bitte schreiben Sie es anderswo aus.";

/** Title marker of the history listings (their organisation pages list them as past listings). */
export const HISTORY_TITLE_SUFFIX = "(Rückblick)";

export async function seedDemoHistory(trx: Transaction<Database> | Kysely<Database>, { now = new Date() }: { now?: Date } = {}) {
  const demo = await trx.selectFrom("organisation").select(["id", "slug", "bfs_nr"]).where("slug", "in", DEMO_ORGANISATION_SLUGS).orderBy("id").execute();
  if (demo.length === 0) return { decisions: 0, opportunities: 0 };
  const approved = await trx
    .selectFrom("moderation_decision as d")
    .innerJoin("opportunity as o", "o.id", "d.opportunity_id")
    .select("d.id")
    .where("o.organisation_id", "in", demo.map((o) => o.id))
    .where("d.decision", "=", "approve")
    .limit(1)
    .executeTakeFirst();
  if (approved) return { decisions: 0, opportunities: 0 };

  // the demo coordinator (koordination.<region>@…) of the demo region whose districts hold each Gemeinde, as
  // the seed's own decisions do: a Gemeinde moved to another region since keeps its history's decider
  const coordinatorRows = await trx.selectFrom("app_user").select(["id", "email"]).where("email", "like", "koordination.%@mitenand.example").execute();
  const coordinatorByEmail = new Map(coordinatorRows.map((u) => [u.email, u.id]));
  const gemeinden = await trx.selectFrom("gemeinde").select(["bfs_nr", "district_nr"]).execute();
  const coordinatorOf = new Map(
    gemeinden.flatMap((g) => {
      const region = DEMO_REGIONS.find((r) => r.districtNrs.includes(g.district_nr));
      const id = region ? coordinatorByEmail.get(`koordination.${region.slug}@mitenand.example`) : undefined;
      return id === undefined ? [] : [[g.bfs_nr, id] as const];
    }),
  );

  const published = await trx
    .selectFrom("opportunity")
    .select(["id", "bfs_nr", "published_at"])
    .where("organisation_id", "in", demo.map((o) => o.id))
    .where("status", "=", "published")
    .execute();
  const decisions: Insertable<ModerationDecisionTable>[] = published.map((o) => ({
    opportunity_id: o.id,
    decision: "approve" as const,
    reason: null,
    status_before: "submitted",
    status_after: "published",
    decided_by: coordinatorOf.get(o.bfs_nr) ?? null,
    decided_at: o.published_at!,
  }));

  // past listings: month 12 (a year ago) … month 1 (last month), three or four a month
  const rows: { values: Insertable<OpportunityTable> & { title: string }; submittedFirst: Date; sentBack: Date | null; decidedAt: Date; rejected: boolean; bfsNr: number }[] = [];
  let n = 0;
  for (let monthsAgo = 12; monthsAgo >= 1; monthsAgo--) {
    const perMonth = monthsAgo % 2 === 0 ? 4 : 3;
    for (let k = 0; k < perMonth; k++, n++) {
      const org = demo[(n * 5) % demo.length];
      const created = new Date(now.getTime() - monthsAgo * 30 * DAY + (k * 7 + 1) * DAY + 9 * HOUR);
      const submittedFirst = new Date(created.getTime() + DAY);
      const sentBackOnce = n % 4 === 3;
      const rejected = n % 11 === 5;
      const sentBack = sentBackOnce ? new Date(submittedFirst.getTime() + WAITS[(n + 3) % WAITS.length] * HOUR) : null;
      const submitted = sentBack ? new Date(sentBack.getTime() + 2 * DAY) : submittedFirst;
      const decidedAt = new Date(submitted.getTime() + WAITS[n % WAITS.length] * HOUR);
      const archivedAt = new Date(Math.min(decidedAt.getTime() + (30 + (n % 4) * 10) * DAY, now.getTime() - DAY));
      const when = new Date(decidedAt.getTime());
      const activity = HISTORY_ACTIVITIES[n % HISTORY_ACTIVITIES.length];
      rows.push({
        values: {
          organisation_id: org.id,
          title: `${activity} ${MONTHS[when.getUTCMonth()]} ${when.getUTCFullYear()} ${HISTORY_TITLE_SUFFIX}`,
          summary: "Ein abgeschlossenes Angebot aus dem vergangenen Jahr.",
          description: "Dieses Angebot lief im vergangenen Jahr und ist abgeschlossen. Es bleibt für die Statistik erhalten.",
          category_id: CATEGORIES[n % CATEGORIES.length].id,
          bfs_nr: org.bfs_nr,
          schedule_kind: "flexible",
          total_places: 4 + (n % 5),
          status: rejected ? "rejected" : "archived",
          created_at: created,
          updated_at: rejected ? decidedAt : archivedAt,
          submitted_at: submitted,
          published_at: rejected ? null : decidedAt,
          archived_at: rejected ? null : archivedAt,
        },
        submittedFirst,
        sentBack,
        decidedAt,
        rejected,
        bfsNr: org.bfs_nr,
      });
    }
  }
  const inserted = await trx.insertInto("opportunity").values(rows.map((r) => r.values)).returning(["id", "title"]).execute();
  const idByTitle = new Map(inserted.map((o) => [o.title, o.id]));
  for (const r of rows) {
    const opportunityId = idByTitle.get(r.values.title)!;
    const decidedBy = coordinatorOf.get(r.bfsNr) ?? null;
    if (r.sentBack) {
      decisions.push({ opportunity_id: opportunityId, decision: "request_changes", reason: SENT_BACK_REASON, status_before: "submitted", status_after: "changes_requested", decided_by: decidedBy, decided_at: r.sentBack });
    }
    decisions.push(
      r.rejected
        ? { opportunity_id: opportunityId, decision: "reject", reason: REJECT_REASON, status_before: "submitted", status_after: "rejected", decided_by: decidedBy, decided_at: r.decidedAt }
        : { opportunity_id: opportunityId, decision: "approve", reason: null, status_before: "submitted", status_after: "published", decided_by: decidedBy, decided_at: r.decidedAt },
    );
  }
  if (decisions.length > 0) await trx.insertInto("moderation_decision").values(decisions.map((d) => ({ ...d, snapshot: sql`${"{}"}::text::jsonb` }))).execute();
  return { decisions: decisions.length, opportunities: inserted.length };
}
