/**
 * The permission matrix of every moderation and administration route on this branch (issue 9): six roles
 * (anonymous, volunteer, organisation editor, coordinator of the region, coordinator of another region, admin)
 * × an object of the Aarau region ("own": the editor's organisation and the Aarau coordinator's region) and one
 * of the Baden region ("foreign"), for each loader and action. Actions get invalid input: whoever may act gets
 * a 400 with field messages, and nothing is written for anyone (checked at the end).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import {
  addOrganisationMember,
  createCoordinator,
  createSessionFor,
  createSubmission,
  createUser,
  regionCovering,
} from "~/testing/factories.server";
import { callRoute, type RouteHandler } from "~/testing/route-call.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { listQueue } from "~/domain/moderation/queue.server";
import { loader as adminLoader } from "./admin._index";
import { action as regionAction, loader as regionLoader } from "./admin.regions.$slug";
import { action as regionsAction, loader as regionsLoader } from "./admin.regions._index";
import { loader as queueLoader } from "./coordinator._index";
import { action as reviewAction, loader as reviewLoader } from "./coordinator.opportunities.$id";
import { action as verifyAction, loader as verifyLoader } from "./coordinator.organisations.$slug";
import { loader as reportsLoader } from "./coordinator.reports";
import { loader as csvLoader } from "./coordinator.reports[.csv]";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

async function call(fn: RouteHandler, token: string | undefined, path: string, params: Record<string, string>, form?: Record<string, string>) {
  return (await callRoute(fn, { token, path, params, form, headers: { "Accept-Language": "en" } })).status;
}

const AARAU = 4001;
const BADEN = 4021;
const ROLES = ["anonymous", "volunteer", "editor", "coordinator", "otherCoordinator", "admin"] as const;
type Role = (typeof ROLES)[number];

interface Target {
  opportunityId: number;
  organisationSlug: string;
  regionSlug: string;
}

/** One row per route and method: how to call it for a target, and the expected [own, foreign] per role. */
interface Case {
  route: string;
  run: (token: string | undefined, target: Target) => Promise<number>;
  expected: Record<Role, [number, number]>;
}

const LOGIN: [number, number] = [302, 302];
const DENIED: [number, number] = [403, 403];
const adminOnly = (ok: number): Record<Role, [number, number]> => ({
  anonymous: LOGIN,
  volunteer: DENIED,
  editor: DENIED,
  coordinator: DENIED,
  otherCoordinator: DENIED,
  admin: [ok, ok],
});
/** coordinators may act in their own region only (403 in the other), admins everywhere */
const byRegion = (ok: number): Record<Role, [number, number]> => ({
  anonymous: LOGIN,
  volunteer: DENIED,
  editor: DENIED,
  coordinator: [ok, 403],
  otherCoordinator: [403, ok],
  admin: [ok, ok],
});
/** pages without an object: every moderator opens them */
const anyModerator: Record<Role, [number, number]> = {
  anonymous: LOGIN,
  volunteer: DENIED,
  editor: DENIED,
  coordinator: [200, 200],
  otherCoordinator: [200, 200],
  admin: [200, 200],
};
const YEAR = "2026";

const CASES: Case[] = [
  { route: "GET /admin", run: (token) => call(adminLoader, token, "/admin", {}), expected: adminOnly(200) },
  { route: "GET /admin/regions", run: (token) => call(regionsLoader, token, "/admin/regions", {}), expected: adminOnly(200) },
  { route: "POST /admin/regions (name too short)", run: (token) => call(regionsAction, token, "/admin/regions", {}, { name: "x" }), expected: adminOnly(400) },
  {
    route: "GET /admin/regions/:slug",
    run: (token, t) => call(regionLoader, token, `/admin/regions/${t.regionSlug}`, { slug: t.regionSlug }),
    expected: adminOnly(200),
  },
  {
    route: "POST /admin/regions/:slug (retire without confirmation)",
    run: (token, t) => call(regionAction, token, `/admin/regions/${t.regionSlug}`, { slug: t.regionSlug }, { intent: "retire" }),
    expected: adminOnly(400),
  },
  { route: "GET /coordinator", run: (token) => call(queueLoader, token, "/coordinator", {}), expected: anyModerator },
  {
    route: "GET /coordinator?region=:slug (a foreign filter is ignored)",
    run: (token, t) => call(queueLoader, token, `/coordinator?region=${t.regionSlug}`, {}),
    expected: anyModerator,
  },
  {
    route: "GET /coordinator/opportunities/:id",
    run: (token, t) => call(reviewLoader, token, `/coordinator/opportunities/${t.opportunityId}`, { id: String(t.opportunityId) }),
    expected: byRegion(200),
  },
  {
    route: "POST /coordinator/opportunities/:id (reject without reason)",
    run: (token, t) =>
      call(reviewAction, token, `/coordinator/opportunities/${t.opportunityId}`, { id: String(t.opportunityId) }, { intent: "reject", expectedStatus: "submitted", expectedVersion: "1" }),
    expected: byRegion(400),
  },
  {
    route: "GET /coordinator/organisations/:slug",
    run: (token, t) => call(verifyLoader, token, `/coordinator/organisations/${t.organisationSlug}`, { slug: t.organisationSlug }),
    expected: byRegion(200),
  },
  {
    route: "POST /coordinator/organisations/:slug (verify without note)",
    run: (token, t) => call(verifyAction, token, `/coordinator/organisations/${t.organisationSlug}`, { slug: t.organisationSlug }, { intent: "verify" }),
    expected: byRegion(400),
  },
  { route: "GET /coordinator/reports", run: (token) => call(reportsLoader, token, `/coordinator/reports?period=year&year=${YEAR}`, {}), expected: anyModerator },
  {
    route: "GET /coordinator/reports?region=:slug",
    run: (token, t) => call(reportsLoader, token, `/coordinator/reports?period=year&year=${YEAR}&region=${t.regionSlug}`, {}),
    expected: byRegion(200),
  },
  {
    route: "GET /coordinator/reports (custom range in the wrong order)",
    run: (token, t) => call(reportsLoader, token, `/coordinator/reports?period=custom&from=2026-03-02&to=2026-03-01&region=${t.regionSlug}`, {}),
    // the region is authorized first: a field message where the actor may look, else 403
    expected: byRegion(400),
  },
  {
    route: "GET /coordinator/reports.csv?region=:slug",
    run: (token, t) => call(csvLoader, token, `/coordinator/reports.csv?table=categories&from=${YEAR}-01-01&to=${YEAR}-12-31&region=${t.regionSlug}`, {}),
    expected: byRegion(200),
  },
  {
    route: "GET /coordinator/reports.csv (unknown table)",
    run: (token, t) => call(csvLoader, token, `/coordinator/reports.csv?table=users&from=${YEAR}-01-01&to=${YEAR}-12-31&region=${t.regionSlug}`, {}),
    expected: byRegion(400),
  },
];

test("permission matrix: every moderation, administration and report route × six roles × own and foreign object", async () => {
  const aarauItem = await createSubmission({ bfs_nr: AARAU });
  const badenItem = await createSubmission({ bfs_nr: BADEN });
  const editor = await createUser();
  await addOrganisationMember(aarauItem.organisation.id, editor.id, "editor");
  const aarau = await createCoordinator(AARAU);
  const baden = await createCoordinator(BADEN);
  const tokens: Record<Role, string | undefined> = {
    anonymous: undefined,
    volunteer: await createSessionFor((await createUser()).id),
    editor: await createSessionFor(editor.id),
    coordinator: aarau.token,
    otherCoordinator: baden.token,
    admin: await createSessionFor((await createUser({ isAdmin: true })).id),
  };
  const own: Target = { opportunityId: aarauItem.opportunity.id, organisationSlug: aarauItem.organisation.slug, regionSlug: (await regionCovering(AARAU)).slug };
  const foreign: Target = { opportunityId: badenItem.opportunity.id, organisationSlug: badenItem.organisation.slug, regionSlug: (await regionCovering(BADEN)).slug };

  const actual: Record<string, Record<Role, [number, number]>> = {};
  const expected: Record<string, Record<Role, [number, number]>> = {};
  for (const c of CASES) {
    expected[c.route] = c.expected;
    actual[c.route] = {} as Record<Role, [number, number]>;
    for (const role of ROLES) actual[c.route][role] = [await c.run(tokens[role], own), await c.run(tokens[role], foreign)];
  }
  expect(actual).toEqual(expected);

  const cells = CASES.length * ROLES.length * 2;
  console.log(`permission matrix: ${CASES.length} route checks × ${ROLES.length} roles × 2 objects = ${cells} expected statuses`);
  expect(cells).toBe(192);

  // invalid input everywhere: nothing was decided, verified, created or retired
  const statuses = await db.selectFrom("opportunity").select("status").where("id", "in", [own.opportunityId, foreign.opportunityId]).execute();
  expect(statuses.map((s) => s.status)).toEqual(["submitted", "submitted"]);
  const decisions = await db.selectFrom("moderation_decision").select("id").where("opportunity_id", "in", [own.opportunityId, foreign.opportunityId]).execute();
  expect(decisions).toEqual([]);
  const verified = await db.selectFrom("organisation").select("verified_at").where("slug", "in", [own.organisationSlug, foreign.organisationSlug]).execute();
  expect(verified.map((o) => o.verified_at)).toEqual([null, null]);
  expect(await db.selectFrom("region").select("id").where("slug", "in", [own.regionSlug, foreign.regionSlug]).execute()).toHaveLength(2);
});

test("the queue's total comes with its page; a page beyond the end shows the last page", async () => {
  await createSubmission({ bfs_nr: AARAU });
  const { user } = await createCoordinator(AARAU);
  const actor = { id: user.id, isAdmin: false };
  const first = await listQueue({ actor, locale: "de", filters: {} });
  expect(first.total).toBeGreaterThan(0);
  expect(first.items.length).toBe(Math.min(first.total, 20));
  const beyond = await listQueue({ actor, locale: "de", filters: { page: 100_000 } });
  expect({ total: beyond.total, page: beyond.page, pageCount: beyond.pageCount }).toEqual({ total: first.total, page: first.pageCount, pageCount: first.pageCount });
  expect(beyond.items.length).toBe(first.total - (first.pageCount - 1) * 20);
  const revisionsOnly = await listQueue({ actor, locale: "de", filters: { kind: "revision", page: 100_000 } });
  expect(revisionsOnly.items.every((i) => i.kind === "revision")).toBe(true);
});
