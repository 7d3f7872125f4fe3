/** The demo's year of moderation history: decisions in every one of the last twelve months, reports not empty. */
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { prepareDatabase } from "~db/setup.server";
import { buildReport } from "~/domain/reports/reports.server";
import { addDays, utcToZurichParts } from "~/utils/zurich-time";
import { DEMO_ORGANISATION_SLUGS } from "./demo-data";
import { HISTORY_TITLE_SUFFIX } from "./demo-history.server";
import { seedDemo } from "./demo.server";

beforeAll(() => prepareDatabase(db));
afterAll(closeDatabase);

test("the demo has a year of decisions: every published listing approved, past listings month by month, a non-empty report", async () => {
  await seedDemo(db);
  const decisions = await db
    .selectFrom("moderation_decision as d")
    .innerJoin("opportunity as o", "o.id", "d.opportunity_id")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .where("org.slug", "in", DEMO_ORGANISATION_SLUGS)
    .select(["d.decision", "d.decided_at", "d.decided_by", "o.status", "o.title", "o.id"])
    .execute();
  const published = await db
    .selectFrom("opportunity as o")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .where("org.slug", "in", DEMO_ORGANISATION_SLUGS)
    .where("o.status", "=", "published")
    .select("o.id")
    .execute();
  const approvedIds = new Set(decisions.filter((d) => d.decision === "approve").map((d) => d.id));
  expect(published.filter((o) => !approvedIds.has(o.id))).toEqual([]);
  const months = new Set(decisions.filter((d) => d.title.endsWith(HISTORY_TITLE_SUFFIX)).map((d) => utcToZurichParts(d.decided_at).date.slice(0, 7)));
  expect(months.size).toBeGreaterThanOrEqual(11);
  expect(new Set(decisions.map((d) => d.decision))).toEqual(new Set(["approve", "request_changes", "reject"]));
  expect(decisions.every((d) => d.decided_by !== null)).toBe(true);
  expect(decisions.every((d) => d.decided_at <= new Date())).toBe(true);

  const today = utcToZurichParts(new Date()).date;
  const report = await buildReport({ scope: { kind: "canton" }, period: { kind: "custom", from: addDays(today, -365), to: today }, locale: "de" });
  expect(report.totals.published).toBeGreaterThan(60);
  expect(report.decisions.approve).toBeGreaterThan(60);
  expect(report.decisions.reject).toBeGreaterThan(0);
  expect(report.decisions.medianHours).not.toBeNull();
  expect(report.byRegion.filter((r) => r.published > 0).length).toBeGreaterThanOrEqual(5);
});
