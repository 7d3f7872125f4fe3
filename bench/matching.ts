/**
 * npm run bench:matching — matching at Swiss scale, on PostgreSQL (DATABASE_URL; PGlite is one connection in
 * the app's process and not what production runs). Tops the database up to BENCH_VOLUNTEERS volunteers with
 * profiles (default 200,000), BENCH_MATCHING_OPPORTUNITIES published opportunities (default 50,000) with 12
 * weekly shifts each unless flexible (≈ 540,000 shifts; an older run's 11 are topped up), set-based in the database (INSERT … SELECT generate_series,
 * deterministic through setseed), then times the domain functions, warm: recommendations for BENCH_RECOMMEND
 * random volunteers (default 1,000) and reverse matching for BENCH_REVERSE random opportunities (default 200),
 * plus EXPLAIN ANALYZE of the candidate queries against the functions' time. Prints p50/p95/p99 and writes
 * bench/results/matching.json.
 *   DATABASE_URL=postgres://…/mitenand_bench npx tsx bench/matching.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { type CompiledQuery, sql } from "kysely";
import { closeDatabase, createDatabase, db, type DB } from "../db/client.server";
import { seedDemo } from "../db/seed/demo.server";
import { prepareDatabase } from "../db/setup.server";
import {
  MAX_CANDIDATES,
  recommendOpportunities,
  recommendationQuery,
  soonestCandidateQuery,
} from "../app/domain/matching/recommendations.server";
import { matchVolunteers, volunteerCandidateQuery } from "../app/domain/matching/reverse.server";
import { refreshPassedNextShifts } from "../app/domain/matching/next-shift.server";

if (!process.env.DATABASE_URL) {
  console.error("bench:matching needs DATABASE_URL (PostgreSQL)");
  process.exit(1);
}

const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 200_000);
const OPPORTUNITIES = Number(process.env.BENCH_MATCHING_OPPORTUNITIES ?? 50_000);
const RECOMMEND = Number(process.env.BENCH_RECOMMEND ?? 1_000);
const REVERSE = Number(process.env.BENCH_REVERSE ?? 200);
const SHIFTS_PER_OPPORTUNITY = 12;
const LANGS = `(array['ti','ar','prs','fa','ta','ku','so','uk','ru','tr','sq','sr','pt','es','it','fr','en'])`;
const CATS = `(select array_agg(id order by id) from category)`;
const SLOTS = `(array['mon','tue','wed','thu','fri','sat','sun'])`;
const PARTS = `(array['morning','afternoon','evening'])`;

async function count(query: string, executor: DB = db) {
  const { rows } = await sql<{ n: number }>`${sql.raw(query)}`.execute(executor);
  return Number(rows[0]?.n ?? 0);
}

function percentile(sorted: number[], p: number) {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
}
function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

// Generation gets a connection of its own without statement timeout: a fresh database's bulk inserts (and the
// row triggers they fire) outlast the app's 15 s, which is right for requests but not for loading 50,000 listings.
const generator = createDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1, statementTimeoutMs: 0 }).db;
await prepareDatabase(generator);
await seedDemo(generator);

// --- data ------------------------------------------------------------------------------------------------------
const generation: Record<string, number> = {};
const haveOpportunities = await count(`select count(*) as n from opportunity where title like '% · M%'`, generator);
if (haveOpportunities < OPPORTUNITIES) {
  const t0 = performance.now();
  await generator.transaction().execute(async (trx) => {
    await sql`select setseed(0.2026)`.execute(trx);
    await sql`
      insert into opportunity (organisation_id, title, summary, description, category_id, bfs_nr, location_mode,
        languages_helpful, languages_required, german_level, tags, min_age, schedule_kind, total_places, status, published_at)
      select (select array_agg(id order by id) from organisation)[1 + floor(random() * (select count(*) from organisation))::int],
        'Einsatz · M' || i, 'Generiert für bench:matching.', 'Generiert.',
        ${sql.raw(CATS)}[1 + floor(random() * 11)::int],
        (select array_agg(bfs_nr order by bfs_nr) from gemeinde)[1 + floor(random() * 196)::int],
        case when random() < 0.1 then 'remote' when random() < 0.1 then 'both' else 'on_site' end,
        array[${sql.raw(LANGS)}[1 + floor(random() * 17)::int], ${sql.raw(LANGS)}[1 + floor(random() * 17)::int]],
        case when random() < 0.05 then array[${sql.raw(LANGS)}[1 + floor(random() * 17)::int]] else '{}'::text[] end,
        case when random() < 0.3 then (array['A2','B1','B2','C1'])[1 + floor(random() * 4)::int] end,
        array[(array['kochen','kinder','velo','computer','spiele','garten','lesen','sport'])[1 + floor(random() * 8)::int]],
        case when random() < 0.2 then 16 end,
        case when random() < 0.1 then 'flexible' when random() < 0.5 then 'one_off' else 'recurring' end,
        null, 'published', now() - (random() * interval '60 days')
      from generate_series(${haveOpportunities + 1}::int, ${OPPORTUNITIES}::int) as i`.execute(trx);
    await sql`update opportunity set total_places = 1 + floor(random() * 10)::int
      where schedule_kind = 'flexible' and title like '% · M%' and total_places is null`.execute(trx);
    await sql`
      insert into shift (opportunity_id, starts_at, ends_at, places)
      select o.id, s.starts_at, s.starts_at + interval '2 hours', 1 + floor(random() * 8)::int
      from opportunity o
      cross join lateral (
        select date_trunc('hour', now()) + (k * interval '7 days') + (random() * interval '6 days') + interval '1 day' as starts_at
        from generate_series(0, ${SHIFTS_PER_OPPORTUNITY - 1}::int) as k where o.id > 0
      ) s
      where o.title like '% · M%' and o.schedule_kind <> 'flexible'
        and not exists (select 1 from shift x where x.opportunity_id = o.id)`.execute(trx);
  });
  generation.opportunitiesAndShiftsMs = Math.round(performance.now() - t0);
}
// top up the shifts of an older run (fewer per opportunity): the missing weeks after each one's last shift
const shiftsWanted = await count(`select count(*) * ${SHIFTS_PER_OPPORTUNITY} as n from opportunity where title like '% · M%' and schedule_kind <> 'flexible'`, generator);
const shiftsThere = await count(`select count(*) as n from shift s join opportunity o on o.id = s.opportunity_id where o.title like '% · M%'`, generator);
if (shiftsThere < shiftsWanted) {
  const t0 = performance.now();
  await sql`select setseed(0.3)`.execute(generator);
  await sql`
    insert into shift (opportunity_id, starts_at, ends_at, places)
    select x.opportunity_id, x.last_start + k * interval '7 days', x.last_start + k * interval '7 days' + interval '2 hours', 1 + floor(random() * 8)::int
    from (select s.opportunity_id, max(s.starts_at) as last_start, count(*)::int as n
          from shift s join opportunity o on o.id = s.opportunity_id
          where o.title like '% · M%' group by s.opportunity_id) x
    cross join lateral generate_series(1, ${SHIFTS_PER_OPPORTUNITY}::int - x.n) as k`.execute(generator);
  generation.shiftTopUpMs = Math.round(performance.now() - t0);
}
const haveVolunteers = await count(`select count(*) as n from app_user where email like 'bench-v%@bench.example'`, generator);
if (haveVolunteers < VOLUNTEERS) {
  const t0 = performance.now();
  await generator.transaction().execute(async (trx) => {
    await sql`select setseed(0.1128)`.execute(trx);
    await sql`
      insert into app_user (email, display_name, locale, email_verified_at)
      select 'bench-v' || i || '@bench.example', 'Person' || i || ' Bench', 'de', now()
      from generate_series(${haveVolunteers + 1}::int, ${VOLUNTEERS}::int) as i`.execute(trx);
    await sql`
      insert into volunteer_profile (user_id, bfs_nr, radius_km, online_only, german_level, interests, skills,
        availability, engagement, birth_year, suggestions_opt_in)
      select u.id, (select array_agg(bfs_nr order by bfs_nr) from gemeinde)[1 + floor(random() * 196)::int],
        (array[5, 10, 15, 20, 30])[1 + floor(random() * 5)::int], false,
        (array['A2','B1','B2','C1','C2','native'])[1 + floor(random() * 6)::int],
        array[${sql.raw(CATS)}[1 + floor(random() * 11)::int], ${sql.raw(CATS)}[1 + floor(random() * 11)::int]],
        array[(array['kochen','kinder','velo','computer','spiele','garten','lesen','sport'])[1 + floor(random() * 8)::int]],
        array(select distinct ${sql.raw(SLOTS)}[1 + floor(random() * 7)::int] || '-' || ${sql.raw(PARTS)}[1 + floor(random() * 3)::int]
              from generate_series(1, 4) where u.id > 0),
        (array['one_off','regular','any'])[1 + floor(random() * 3)::int],
        1950 + floor(random() * 55)::int, random() < 0.5
      from app_user u
      where u.email like 'bench-v%@bench.example' and not exists (select 1 from volunteer_profile p where p.user_id = u.id)`.execute(trx);
    await sql`
      insert into volunteer_language (user_id, language, level)
      select distinct on (p.user_id, l.language) p.user_id, l.language, l.level
      from volunteer_profile p
      join app_user u on u.id = p.user_id and u.email like 'bench-v%@bench.example'
      cross join lateral (
        select ${sql.raw(LANGS)}[1 + floor(random() * 17)::int] as language,
          (array['basic','good','fluent','native'])[1 + floor(random() * 4)::int] as level
        from generate_series(1, 2) where p.user_id > 0
      ) l
      where not exists (select 1 from volunteer_language x where x.user_id = p.user_id)
      order by p.user_id, l.language`.execute(trx);
  });
  generation.volunteersMs = Math.round(performance.now() - t0);
}
// as autovacuum would leave them after a bulk load: statistics, and the visibility map for index-only scans
for (const table of ["opportunity", "shift", "volunteer_profile", "volunteer_language", "app_user"]) {
  await sql`vacuum analyze ${sql.table(table)}`.execute(generator);
}
await generator.destroy();
// as the server's 5-minute job leaves them: no listing's stored next shift has passed
await refreshPassedNextShifts();

const dataset = {
  volunteers: await count(`select count(*) as n from volunteer_profile`),
  opportunities: await count(`select count(*) as n from opportunity where status = 'published'`),
  shifts: await count(`select count(*) as n from shift`),
};
console.log("dataset", dataset, "generation", generation);

// --- timings ---------------------------------------------------------------------------------------------------
const { rows: volunteerIds } = await sql<{ id: number }>`
  select user_id as id from volunteer_profile order by md5(user_id::text) limit ${RECOMMEND}`.execute(db);
const { rows: opportunityIds } = await sql<{ id: number; organisation_id: number }>`
  select id, organisation_id from opportunity where status = 'published' order by md5(id::text) limit ${REVERSE}`.execute(db);

for (const { id } of volunteerIds.slice(0, 50)) await recommendOpportunities({ userId: id, locale: "de" });
const recommendTimes: number[] = [];
for (const { id } of volunteerIds) {
  const t0 = performance.now();
  await recommendOpportunities({ userId: id, locale: "de" });
  recommendTimes.push(performance.now() - t0);
}
for (const o of opportunityIds.slice(0, 20)) await matchVolunteers({ opportunityId: o.id, organisationId: o.organisation_id });
const reverseTimes: number[] = [];
for (const o of opportunityIds) {
  const t0 = performance.now();
  await matchVolunteers({ opportunityId: o.id, organisationId: o.organisation_id });
  reverseTimes.push(performance.now() - t0);
}

// the candidate queries' own execution time (EXPLAIN ANALYZE) against the whole function's
async function explainMs(compiled: CompiledQuery) {
  const result = await db.executeQuery<{ "QUERY PLAN": string }>({ ...compiled, sql: `explain (analyze, format text) ${compiled.sql}` });
  const line = result.rows.map((r) => r["QUERY PLAN"]).find((l) => l.startsWith("Execution Time"));
  return Number(/([\d.]+) ms/.exec(line ?? "")?.[1] ?? NaN);
}
// what the function runs: one statement with the profile, the walk, and the full query when the walk found too few
const explainRecommend: number[] = [];
let fullQueryRuns = 0;
for (const { id } of volunteerIds.slice(0, 50)) {
  const now = new Date();
  explainRecommend.push(await explainMs(recommendationQuery({ userId: id, now }).compile(db)));
  if ((await soonestCandidateQuery({ userId: id, now }).execute(db)).rows.length < MAX_CANDIDATES) fullQueryRuns++;
}
const explainReverse: number[] = [];
for (const o of opportunityIds.slice(0, 50)) {
  const row = await db
    .selectFrom("opportunity as o")
    .innerJoin("gemeinde as g", "g.bfs_nr", "o.bfs_nr")
    .select(["o.category_id", "o.location_mode", "o.languages_required", "o.bfs_nr", "g.lat", "g.lon"])
    .where("o.id", "=", o.id)
    .executeTakeFirstOrThrow();
  explainReverse.push(
    await explainMs(
      volunteerCandidateQuery({
        opportunity: { categoryId: row.category_id, locationMode: row.location_mode, languagesRequired: row.languages_required, place: { bfsNr: row.bfs_nr, lat: row.lat, lon: row.lon } },
      }).compile(db),
    ),
  );
}

const results = {
  dataset,
  generation,
  recommend: summary(recommendTimes),
  reverse: summary(reverseTimes),
  candidateQueryExplainAnalyze: {
    recommend: summary(explainRecommend),
    reverse: summary(explainReverse),
    /** of the 50 volunteers explained, how many needed the full query after the walk */
    recommendFullQueryRuns: fullQueryRuns,
  },
  /** the function's p50 over its candidate queries' p50 (EXPLAIN ANALYZE): how much of it is the query */
  functionOverQuery: {
    recommend: Math.round((summary(recommendTimes).p50 / summary(explainRecommend).p50) * 100) / 100,
    reverse: Math.round((summary(reverseTimes).p50 / summary(explainReverse).p50) * 100) / 100,
  },
  /** 1, 5 and 15 minute load averages at the end (the machine is shared: 2 cores) */
  loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  measuredAt: new Date().toISOString(),
};
console.log(JSON.stringify(results, null, 2));
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/matching.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
await closeDatabase();
