/**
 * Fills the database with many published opportunities for the benchmark (default 20,000; BENCH_OPPORTUNITIES
 * to change), their approvals, and ≥ 5,000 items waiting for moderation (BENCH_WAITING). Deterministic (fixed seed), idempotent: it tops up to the target count and does nothing when
 * enough bench rows are there. Uses the demo organisations, so the demo seed runs first.
 *   npx tsx bench/generate.ts            (embedded PGlite in PGLITE_DIR, or DATABASE_URL)
 */
import { sql } from "kysely";
import { closeDatabase, db, describeDatabase } from "../db/client.server";
import { CATEGORIES } from "../db/data/categories";
import aargau from "../db/data/aargau.json";
import { seedDemo } from "../db/seed/demo.server";
import { prepareDatabase } from "../db/setup.server";
import { DEFAULT_SCHEDULE_WEEKS, planShifts } from "../app/domain/opportunities/schedule-plan";
import { addDays, utcToZurichParts } from "../app/utils/zurich-time";

const target = Number(process.env.BENCH_OPPORTUNITIES ?? 20_000);
const BATCH = 500;

// a small deterministic PRNG (mulberry32), so every machine benchmarks the same data
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261128);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];

const ACTIVITIES = [
  "Deutsch-Treff", "Konversationsgruppe", "Sprachcafé", "Nähatelier", "Kochatelier", "Aufgabenhilfe", "Lernhilfe",
  "Velokurs", "Begleitung zu Ämtern", "Kinderhüte", "Spielnachmittag", "Bewerbungswerkstatt", "Computerkurs",
  "Gartenprojekt", "Frauentreff", "Elterncafé", "Lesestunde", "Wanderung", "Fussballtraining", "Übersetzungsdienst",
];
const AUDIENCES = ["für Frauen", "für Familien", "für Jugendliche", "für Kinder", "für Seniorinnen und Senioren", "für alle", "für Neuzugezogene"];
const SENTENCES = [
  "Wir treffen uns regelmässig und sprechen Deutsch über Themen aus dem Alltag.",
  "Freiwillige unterstützen die Teilnehmenden beim Lernen und beim Ankommen in der Gemeinde.",
  "Gespräche, Spiele und gemeinsames Kochen helfen, die Sprache zu üben.",
  "Vorkenntnisse braucht es keine, nur Geduld und Freude am Kontakt mit Menschen aus aller Welt.",
  "Die Kinderbetreuung während des Kurses ermöglicht Müttern die Teilnahme.",
  "Wir begleiten Menschen zu Terminen bei Behörden, Ärztinnen und Schulen.",
  "Im Atelier entstehen Kleider, Taschen und neue Freundschaften.",
  "Die Lernhilfe findet in der Bibliothek statt, Material ist vorhanden.",
];
const LANGUAGES = ["ti", "ar", "prs", "fa", "ta", "ku", "so", "uk", "ru", "tr", "sq", "sr", "pt", "es", "it", "fr", "en"];

const started = Date.now();
const today = utcToZurichParts(new Date()).date;
await prepareDatabase(db);
await seedDemo(db);
const orgs = await db.selectFrom("organisation").select("id").execute();
const { count } = await db
  .selectFrom("opportunity")
  .where("title", "like", "% · B%")
  .where("status", "=", "published")
  .select(sql<number>`count(*)::int`.as("count"))
  .executeTakeFirstOrThrow();

let created = 0;
let shifts = 0;
for (let done = count; done < target; done += BATCH) {
  const size = Math.min(BATCH, target - done);
  const rows = Array.from({ length: size }, (_, i) => {
    const n = done + i + 1;
    const gemeinde = pick(aargau.gemeinden);
    const kind = random() < 0.5 ? "recurring" : random() < 0.6 ? "one_off" : "flexible";
    return {
      organisation_id: pick(orgs).id,
      title: `${pick(ACTIVITIES)} ${pick(AUDIENCES)} in ${gemeinde.name} · B${n}`.slice(0, 120),
      summary: pick(SENTENCES),
      description: Array.from({ length: 3 + Math.floor(random() * 4) }, () => pick(SENTENCES)).join("\n\n"),
      category_id: pick(CATEGORIES).id,
      bfs_nr: gemeinde.bfs_nr,
      location_mode: random() < 0.1 ? ("remote" as const) : random() < 0.1 ? ("both" as const) : ("on_site" as const),
      languages_helpful: [pick(LANGUAGES), pick(LANGUAGES)].filter((v, j, a) => a.indexOf(v) === j),
      tags: [pick(["kochen", "kinder", "velo", "computer", "spiele", "garten", "lesen", "sport"])],
      target_groups: [pick(["kinder", "jugendliche", "erwachsene", "frauen", "familien", "senioren", "alle"])],
      schedule_kind: kind as "recurring" | "one_off" | "flexible",
      total_places: kind === "flexible" ? 1 + Math.floor(random() * 20) : null,
      status: "published" as const,
      published_at: new Date(Date.now() - Math.floor(random() * 90) * 86_400_000),
    };
  });
  const inserted = await db.transaction().execute(async (trx) => {
    const ids = await trx.insertInto("opportunity").values(rows).returning(["id", "schedule_kind"]).execute();
    // recurring ones get a weekly rule and its 12 weeks of shifts (as the app makes them, so the hourly job
    // keeps them going); one-off ones one or two dates in the next two months
    const rules = ids
      .filter((o) => o.schedule_kind === "recurring")
      .map((o) => {
        const hour = 8 + Math.floor(random() * 11);
        const minute = random() < 0.5 ? "00" : "30";
        return {
          opportunity_id: o.id,
          weekday: 1 + Math.floor(random() * 7),
          start_time: `${String(hour).padStart(2, "0")}:${minute}:00`,
          end_time: `${String(hour + 1).padStart(2, "0")}:${minute === "00" ? "30" : "59"}:00`,
          first_date: addDays(today, Math.floor(random() * 30)),
          last_date: null,
          places: 2 + Math.floor(random() * 10),
        };
      });
    const shiftRows = [
      ...rules.flatMap((rule) =>
        planShifts(rule, { today, weeks: DEFAULT_SCHEDULE_WEEKS }).map((p) => ({
          opportunity_id: rule.opportunity_id,
          starts_at: p.starts_at,
          ends_at: p.ends_at,
          places: p.places,
        })),
      ),
      ...ids
        .filter((o) => o.schedule_kind === "one_off")
        .flatMap((o) => {
          const first = Date.now() + (1 + Math.floor(random() * 60)) * 86_400_000;
          return Array.from({ length: 1 + Math.floor(random() * 2) }, (_, k) => {
            const starts = new Date(first + k * 7 * 86_400_000);
            starts.setUTCHours(8 + Math.floor(random() * 11), random() < 0.5 ? 0 : 30, 0, 0);
            return { opportunity_id: o.id, starts_at: starts, ends_at: new Date(starts.getTime() + 90 * 60_000), places: 2 + Math.floor(random() * 10) };
          });
        }),
    ];
    if (rules.length) await trx.insertInto("opportunity_schedule").values(rules).execute();
    for (let i = 0; i < shiftRows.length; i += 2000) {
      await trx.insertInto("shift").values(shiftRows.slice(i, i + 2000)).onConflict((oc) => oc.doNothing()).execute();
    }
    return { opportunities: ids.length, shifts: shiftRows.length };
  });
  created += inserted.opportunities;
  shifts += inserted.shifts;
}

// --- moderation (issue 9): a year of decisions and ≥ 5,000 waiting items spread over the regions -------------
// Each bench listing was submitted a few hours to days before it was published and approved then; the waiting
// items are new submissions (· W…), resubmissions after "changes requested" (· W… with a decision) and pending
// revisions of published bench listings (· R…), in random Gemeinden, so every region's queue has hundreds.
const waitingTarget = Number(process.env.BENCH_WAITING ?? 5_000);
await sql`update opportunity set submitted_at = published_at - make_interval(hours => 2 + (id % 97))
  where title like '% · B%' and submitted_at is null and published_at is not null`.execute(db);
const approvals = await sql`insert into moderation_decision (opportunity_id, decision, status_before, status_after, decided_at)
  select o.id, 'approve', 'submitted', 'published', o.published_at from opportunity o
  where o.title like '% · B%' and o.status = 'published'
    and not exists (select 1 from moderation_decision d where d.opportunity_id = o.id)`.execute(db);
const waitingCount = async () =>
  (
    await sql<{ n: number }>`select
      (select count(*) from opportunity where title like '% · W%' and status = 'submitted')
      + (select count(*) from opportunity_revision where title like '% · R%' and status = 'pending') as n`.execute(db)
  ).rows[0].n;
let waiting = Number(await waitingCount());
let waitingCreated = 0;
const HOUR_MS = 3_600_000;
while (waiting < waitingTarget) {
  const size = Math.min(BATCH, waitingTarget - waiting);
  const n0 = waiting;
  await db.transaction().execute(async (trx) => {
    const submissions = [];
    const revisionCount = Math.floor(size * 0.3);
    for (let i = 0; i < size - revisionCount; i++) {
      const gemeinde = pick(aargau.gemeinden);
      submissions.push({
        organisation_id: pick(orgs).id,
        title: `${pick(ACTIVITIES)} ${pick(AUDIENCES)} in ${gemeinde.name} · W${n0 + i + 1}`.slice(0, 120),
        summary: pick(SENTENCES),
        description: Array.from({ length: 3 }, () => pick(SENTENCES)).join("\n\n"),
        category_id: pick(CATEGORIES).id,
        bfs_nr: gemeinde.bfs_nr,
        schedule_kind: "flexible" as const,
        total_places: 1 + Math.floor(random() * 20),
        status: "submitted" as const,
        submitted_at: new Date(Date.now() - Math.floor(random() * 30 * 24) * HOUR_MS),
      });
    }
    const inserted = await trx.insertInto("opportunity").values(submissions).returning(["id", "submitted_at"]).execute();
    // every third submission is a resubmission: a "changes requested" two days before it came back
    const sentBack = inserted.filter((_, i) => i % 3 === 0);
    if (sentBack.length) {
      await trx
        .insertInto("moderation_decision")
        .values(
          sentBack.map((o) => ({
            opportunity_id: o.id,
            decision: "request_changes" as const,
            reason: "Bitte den Treffpunkt genauer angeben.",
            status_before: "submitted",
            status_after: "changes_requested",
            decided_at: new Date(o.submitted_at!.getTime() - 48 * HOUR_MS),
          })),
        )
        .execute();
    }
    // pending revisions of published bench listings that have none open yet
    const targets = await sql<{ id: number; title: string; summary: string; description: string; category_id: string; bfs_nr: number }>`
      select id, title, summary, description, category_id, bfs_nr from opportunity o
      where o.title like '% · B%' and o.status = 'published'
        and not exists (select 1 from opportunity_revision r where r.opportunity_id = o.id and r.status in ('pending', 'changes_requested'))
      order by o.id limit ${revisionCount}`.execute(trx);
    if (targets.rows.length) {
      await trx
        .insertInto("opportunity_revision")
        .values(
          targets.rows.map((o, i) => ({
            opportunity_id: o.id,
            title: `${o.title.replace(/ · B\d+$/, "")} · R${n0 + i + 1}`.slice(0, 120),
            summary: o.summary,
            description: `${o.description}\n\n${pick(SENTENCES)}`,
            category_id: o.category_id,
            bfs_nr: o.bfs_nr,
            submitted_at: new Date(Date.now() - Math.floor(random() * 14 * 24) * HOUR_MS),
          })),
        )
        .execute();
    }
    waitingCreated += inserted.length + targets.rows.length;
  });
  const now = Number(await waitingCount());
  if (now === waiting) break; // no published listings left for revisions
  waiting = now;
}

await sql`analyze`.execute(db);
console.log(
  `${describeDatabase({ databaseUrl: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR })}: ` +
    `${count + created} bench opportunities (${created} new, ${shifts} new shifts), ` +
    `${waiting} waiting moderation items (${waitingCreated} new), ${Number(approvals.numAffectedRows ?? 0)} new approvals, ` +
    `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
await closeDatabase();
