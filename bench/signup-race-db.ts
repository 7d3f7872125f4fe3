/**
 * The database side of the sign-up race (bench/signup-race.js): `prepare` makes an organisation, a published
 * auto-confirm opportunity with two 25-place shifts and 1,000 verified volunteers with a session each, and writes
 * their ids and session tokens to bench/results/signup-race-setup.json; `verify` counts the outcome per shift.
 * For the warm-up it also makes a third shift and RACE_WARMUP_VOLUNTEERS (256) other volunteers: the race's server
 * first takes their sign-ups, as a server that has been up took sign-ups before the crowd came.
 *   npx tsx bench/signup-race-db.ts prepare|verify       (embedded PGlite in PGLITE_DIR, or DATABASE_URL)
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { closeDatabase, db } from "../db/client.server";
import { prepareDatabase } from "../db/setup.server";
import { generateSessionToken, hashSecret, SESSION_TTL_MS } from "../app/domain/auth/session.server";

const SETUP = "bench/results/signup-race-setup.json";
const VOLUNTEERS = Number(process.env.RACE_VOLUNTEERS ?? 1000);
const WARMUP_VOLUNTEERS = Number(process.env.RACE_WARMUP_VOLUNTEERS ?? 256);
const PLACES = 25;

async function prepare() {
  await prepareDatabase(db);
  const run = randomUUID().slice(0, 8);
  const organisation = await db
    .insertInto("organisation")
    .values({ slug: `bench-race-${run}`, name: `Bench Race ${run}`, kind: "verein", bfs_nr: 4001, description: "Benchmark" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const opportunity = await db
    .insertInto("opportunity")
    .values({
      organisation_id: organisation.id,
      title: `Sign-up race ${run}`,
      summary: "Benchmark",
      description: "Benchmark",
      category_id: "konversationsgruppe",
      bfs_nr: 4001,
      schedule_kind: "one_off",
      status: "published",
      published_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const start = new Date(Date.now() + 14 * 24 * 3600 * 1000);
  const shifts = await db
    .insertInto("shift")
    .values([0, 1, 2].map((day) => ({ opportunity_id: opportunity.id, starts_at: new Date(start.getTime() + day * 86400000), ends_at: new Date(start.getTime() + day * 86400000 + 7200000), places: PLACES })))
    .returning("id")
    .execute();
  const users = await db
    .insertInto("app_user")
    .values(Array.from({ length: VOLUNTEERS + WARMUP_VOLUNTEERS }, (_, i) => ({ email: `race-${run}-${i}@bench.example`, display_name: `Race ${i}`, password_hash: null, email_verified_at: new Date() })))
    .returning("id")
    .execute();
  const tokens = users.map((u) => ({ userId: u.id, ...generateSessionToken() }));
  // as long as a fresh login's (createSession): a session this close to its end would be extended, one UPDATE
  // and commit more on every request of the race, which real sessions do at most once in 15 days
  const expires = new Date(Date.now() + SESSION_TTL_MS);
  for (let i = 0; i < tokens.length; i += 500) {
    await db
      .insertInto("user_session")
      .values(tokens.slice(i, i + 500).map((t) => ({ id: t.id, user_id: t.userId, secret_hash: hashSecret(t.secret), expires_at: expires, user_agent: "bench" })))
      .execute();
  }
  mkdirSync(dirname(SETUP), { recursive: true });
  const [first, second, warmup] = shifts.map((s) => s.id);
  writeFileSync(
    SETUP,
    JSON.stringify({
      opportunityId: opportunity.id,
      shiftIds: [first, second],
      tokens: tokens.slice(0, VOLUNTEERS).map((t) => t.token),
      warmupShiftId: warmup,
      warmupTokens: tokens.slice(VOLUNTEERS).map((t) => t.token),
    }),
  );
  console.log(`prepared opportunity ${opportunity.id}, shifts ${first}, ${second} (warm-up ${warmup}), ${VOLUNTEERS} + ${WARMUP_VOLUNTEERS} volunteers`);
}

async function verify() {
  const setup = JSON.parse(readFileSync(SETUP, "utf8")) as { shiftIds: number[] };
  const result = [];
  for (const shiftId of setup.shiftIds) {
    const counts = await db
      .selectFrom("signup")
      .select(["status", sql<number>`count(*)::int`.as("n"), sql<number>`min(waitlist_position)`.as("minPos"), sql<number>`max(waitlist_position)`.as("maxPos"), sql<number>`count(distinct waitlist_position)::int`.as("distinctPos")])
      .where("shift_id", "=", shiftId)
      .groupBy("status")
      .execute();
    const shift = await db.selectFrom("shift").select(["places", "places_taken"]).where("id", "=", shiftId).executeTakeFirstOrThrow();
    result.push({ shiftId, places: shift.places, placesTaken: shift.places_taken, counts });
  }
  console.log(JSON.stringify(result));
}

const mode = process.argv[2];
try {
  if (mode === "prepare") await prepare();
  else if (mode === "verify") await verify();
  else throw new Error("usage: tsx bench/signup-race-db.ts prepare|verify");
} finally {
  await closeDatabase();
}
