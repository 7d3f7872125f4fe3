/** The demo volunteers' matching profiles: seeded once, opted in except freiwillig5, and each finds something. */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { recommendOpportunities } from "~/domain/matching/recommendations.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { seedDemo } from "./demo.server";
import { DEMO_PROFILES } from "./demo-profiles";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

test("freiwillig1–6 get varied profiles, opted in except freiwillig5, and every one of them gets recommendations", async () => {
  await seedDemo(db);
  const rows = await db
    .selectFrom("volunteer_profile as p")
    .innerJoin("app_user as u", "u.id", "p.user_id")
    .select(["u.id", "u.email", "p.suggestions_opt_in", "p.bfs_nr", "p.online_only"])
    .where("u.email", "like", "freiwillig_@mitenand.example")
    .orderBy("u.email")
    .execute();
  expect(rows.map((r) => [r.email, r.suggestions_opt_in])).toEqual(DEMO_PROFILES.map((p) => [`${p.account}@mitenand.example`, p.account !== "freiwillig5"]));
  expect(new Set(rows.map((r) => r.bfs_nr)).size).toBeGreaterThanOrEqual(5);

  for (const row of rows) {
    const result = await recommendOpportunities({ userId: row.id, locale: "de" });
    expect({ email: row.email, found: result.hasProfile && result.total > 0 }).toEqual({ email: row.email, found: true });
  }
  // the example: the Tigrinya speaker from Suhr sees an Aarau listing near the top, told why
  const first = await recommendOpportunities({ userId: rows[0]!.id, locale: "de" });
  if (!first.hasProfile) throw new Error("profile expected");
  // (among the top 5: on PostgreSQL other test files' listings share the database)
  const top = first.items.slice(0, 5).find((i) => i.reasons.some((r) => r.key === "matching.reasons.speaks"));
  expect(top?.gemeindeName).toBe("Aarau");

  // a second seed keeps the profiles as they are and adds no languages
  const languagesBefore = await db.selectFrom("volunteer_language").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
  expect((await seedDemo(db)).volunteerProfiles).toBe(0);
  const languagesAfter = await db.selectFrom("volunteer_language").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
  expect(Number(languagesAfter.n)).toBe(Number(languagesBefore.n));
});
