/**
 * The report queries against the real database: a random day between 2021 and 2024 (nothing else lives there;
 * the rows are removed afterwards, as PostgreSQL is shared), listings in Aarau and Baden, decisions with known
 * waiting times, sign-ups and hours; then the scopes (canton, region, coordinator) and the CSV route.
 */
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { loader as csvLoader } from "~/routes/coordinator.reports[.csv]";
import {
  createCoordinator,
  createOpportunity,
  createSessionFor,
  createShift,
  createUser,
  createVolunteers,
  regionCovering,
  requestWithSession,
  uniqueSuffix,
} from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { addDays, zurichToUtc } from "~/utils/zurich-time";
import { buildReport } from "./reports.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const AARAU = 4001;
const BADEN = 4021;

async function scene() {
  const day = addDays("2021-01-04", Math.floor(Math.random() * 1400));
  const at = (time: string, offsetDays = 0) => zurichToUtc(addDays(day, offsetDays), time);
  const a = await createOpportunity({ bfs_nr: AARAU, created_at: at("08:00"), submitted_at: at("09:00"), published_at: at("13:00") });
  const b = await createOpportunity({ bfs_nr: AARAU, category_id: "atelier", status: "archived", created_at: at("08:00", -300), published_at: at("08:00", -290), archived_at: at("12:00") });
  const c = await createOpportunity({ bfs_nr: BADEN, schedule_kind: "one_off", total_places: null, created_at: at("07:00"), submitted_at: at("08:00"), published_at: at("10:00") });
  // archived the day before: not part of the day's report
  const d = await createOpportunity({ bfs_nr: AARAU, status: "archived", created_at: at("08:00", -30), published_at: at("08:00", -20), archived_at: at("18:00", -1) });
  const decision = (opportunityId: number, decision: "approve" | "reject", decidedAt: Date) =>
    db.insertInto("moderation_decision").values({ opportunity_id: opportunityId, decision, reason: decision === "approve" ? null : "Passt nicht.", status_before: "submitted", status_after: decision === "approve" ? "published" : "rejected", decided_at: decidedAt }).execute();
  await decision(a.id, "approve", at("13:00")); // 4 hours after its submission
  await decision(c.id, "reject", at("10:00")); // 2 hours
  const [v1, v2] = await createVolunteers(2);
  const shift = await createShift({ opportunity_id: c.id, starts_at: at("14:00"), ends_at: at("16:30"), places: 3 });
  await db.insertInto("signup").values({ opportunity_id: a.id, shift_id: null, user_id: v1.id, status: "confirmed", created_at: at("13:30"), confirmed_at: at("14:00") }).execute();
  await db.insertInto("signup").values({ opportunity_id: c.id, shift_id: shift.id, user_id: v2.id, status: "attended", hours: "2.5", created_at: at("11:00"), confirmed_at: at("11:00") }).execute();
  // flags: one opened on the day in Aarau (still open), one opened three days before in Baden and resolved on the day
  await db.insertInto("opportunity_flag").values({ opportunity_id: a.id, category: "other", message: "Stimmt das?", ip: "192.0.2.1", created_at: at("10:00") }).execute();
  await db.insertInto("opportunity_flag").values({ opportunity_id: c.id, category: "wrong_information", message: "Falsche Zeit", created_at: at("09:00", -3), resolved_at: at("11:00"), outcome: "no_action" }).execute();
  const ids = [a.id, b.id, c.id, d.id];
  return {
    period: { kind: "custom" as const, from: day, to: day },
    ids,
    cleanup: async () => {
      await db.deleteFrom("signup").where("opportunity_id", "in", ids).execute();
      await db.deleteFrom("opportunity").where("id", "in", ids).execute();
    },
  };
}

test("a day's report per scope: published and new listings, organisations, decisions with the median wait, sign-ups and hours", async () => {
  const { period, cleanup } = await scene();
  try {
    const aarau = await regionCovering(AARAU);
    const baden = await createCoordinator(BADEN);
    const canton = await buildReport({ scope: { kind: "canton" }, period, locale: "de" });
    expect(canton.totals).toEqual({ published: 3, new: 2, activeOrganisations: 3 });
    expect(canton.decisions).toEqual({ approve: 1, request_changes: 0, reject: 1, unpublish: 0, medianHours: 3, measured: 2 });
    expect(canton.signups).toEqual({ signups: 2, confirmedVolunteers: 2, confirmedHours: 2.5 });
    expect(canton.flags).toEqual({ opened: 1, resolved: 1 });
    expect(canton.byGemeinde.map((g) => [g.bfsNr, g.published, g.new])).toEqual([
      [AARAU, 2, 1],
      [BADEN, 1, 1],
    ]);
    expect(canton.byCategory.find((c) => c.id === "atelier")).toMatchObject({ published: 1, new: 0 });
    expect(canton.byCategory.find((c) => c.id === "konversationsgruppe")).toMatchObject({ published: 2, new: 2 });

    const region = await buildReport({ scope: { kind: "region", regionId: aarau.id, slug: aarau.slug, name: aarau.name }, period, locale: "en" });
    expect(region.totals).toEqual({ published: 2, new: 1, activeOrganisations: 2 });
    expect(region.byRegion).toEqual([{ slug: aarau.slug, name: aarau.name, published: 2, new: 1, activeOrganisations: 2 }]);
    expect(region.decisions).toMatchObject({ approve: 1, reject: 0, medianHours: 4, measured: 1 });
    expect(region.signups).toEqual({ signups: 1, confirmedVolunteers: 1, confirmedHours: 0 });
    expect(region.flags).toEqual({ opened: 1, resolved: 0 });

    // a coordinator of Baden sees Baden's numbers only
    const mine = await buildReport({ scope: { kind: "coordinator", actorId: baden.user.id }, period, locale: "de" });
    expect(mine.totals).toEqual({ published: 1, new: 1, activeOrganisations: 1 });
    expect(mine.byRegion.map((r) => r.slug)).toEqual([baden.region.slug]);
    expect(mine.decisions).toMatchObject({ approve: 0, reject: 1, medianHours: 2 });
  } finally {
    await cleanup();
  }
});

test("CSV: BOM, semicolons, a region name that looks like a formula is neutralised; bad parameters are 400/403/404", async () => {
  const { period, cleanup } = await scene();
  const name = `=HYPERLINK("http://x";"y") ${uniqueSuffix()}`;
  const region = await db.insertInto("region").values({ slug: `test-formel-${uniqueSuffix()}`, name }).returning("id").executeTakeFirstOrThrow();
  try {
    const admin = await createSessionFor((await createUser({ isAdmin: true })).id);
    const baden = await createCoordinator(BADEN);
    const aarau = await regionCovering(AARAU);
    const get = async (token: string, query: string) => {
      const request = requestWithSession(token, `/coordinator/reports.csv?${query}`, { headers: { "Accept-Language": "de" } });
      try {
        return (await csvLoader({ request, params: {}, context: {} as AppLoadContext })) as Response;
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
    };
    const response = await get(admin, `table=regions&from=${period.from}&to=${period.to}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (await response.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("Region;Veröffentlicht;Neu;Aktive Organisationen");
    expect(lines).toContain(`"'${name.replaceAll('"', '""')}";0;0;0`);
    expect(lines).toContain(`${aarau.name};2;1;2`);

    const summary = await (await get(baden.token, `table=summary&from=${period.from}&to=${period.to}&region=${baden.region.slug}`)).text();
    expect(summary).toContain("Veröffentlichte Einsätze;1\r\n");
    expect(summary).toContain("Eingegangene Meldungen;0\r\nErledigte Meldungen;1\r\n");

    const statuses = async (token: string, queries: string[]) => Promise.all(queries.map(async (q) => (await get(token, q)).status));
    expect(
      await statuses(baden.token, [
        `table=nope&from=${period.from}&to=${period.to}`,
        `table=summary&from=2019-01-01&to=2019-12-31`,
        `table=summary&from=2021-01-01&to=2026-12-31`,
        `table=summary&from=2022-02-30&to=2022-03-01`,
        `table=summary&from=2022-03-02&to=2022-03-01`,
        `table=summary`,
        `table=summary&from=${period.from}&to=${period.to}&region=%3Cscript%3E`,
        `table=summary&from=${period.from}&to=${period.to}&region=${aarau.slug === baden.region.slug ? "none" : aarau.slug}`,
        `table=summary&from=${period.from}&to=${period.to}&region=none`,
        `table=summary&from=${period.from}&to=${period.to}&region=gibt-es-nicht`,
      ]),
    ).toEqual([400, 400, 400, 400, 400, 400, 404, 403, 403, 404]);
  } finally {
    await db.deleteFrom("region").where("id", "=", region.id).execute();
    await cleanup();
  }
});
