/**
 * The audit views (issue 9, item 7): /admin/audit for admins only, /coordinator/audit for coordinators with only
 * their regions' moderation entries (scoped in the query: a forged region filter shows nothing more), filters by
 * actor, kind, region and period.
 */
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase } from "~db/client.server";
import { recordAudit } from "~/domain/audit/audit.server";
import { createCoordinator, createOpportunity, createOrganisationWithOwner, createSessionFor, createUser, requestWithSession, uniqueSuffix } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { loader as adminAuditLoader } from "./admin.audit";
import { loader as coordinatorAuditLoader } from "./coordinator.audit";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const AARAU = 4001;
const BADEN = 4021;
const context = { cspNonce: "test", clientIp: "127.0.0.1" } as AppLoadContext;

type Entry = { action: string; subjectId: string | null; actorName: string | null; reason: string | null; change: string | null };

async function load(fn: typeof adminAuditLoader, token: string | undefined, path: string) {
  const request = token ? requestWithSession(token, path) : new Request(new URL(path, "http://localhost"));
  try {
    const body = (await fn({ request, params: {}, context })) as unknown as { items: Entry[]; total: number; filters: Record<string, string> };
    return { status: 200, body };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null };
    throw thrown;
  }
}

test("only admins open /admin/audit; coordinators and admins open /coordinator/audit", async () => {
  const owner = await createOrganisationWithOwner({ bfs_nr: AARAU });
  const coordinator = await createCoordinator(AARAU);
  const tokens: Record<string, string | undefined> = {
    anonymous: undefined,
    volunteer: await createSessionFor((await createUser()).id),
    editor: owner.token,
    coordinator: coordinator.token,
    admin: await createSessionFor((await createUser({ isAdmin: true })).id),
  };
  const statuses: Record<string, number[]> = {};
  for (const [role, token] of Object.entries(tokens)) {
    statuses[role] = [(await load(adminAuditLoader, token, "/admin/audit")).status, (await load(coordinatorAuditLoader, token, "/coordinator/audit")).status];
  }
  expect(statuses).toEqual({ anonymous: [302, 302], volunteer: [403, 403], editor: [403, 403], coordinator: [403, 200], admin: [200, 200] });
});

test("a coordinator sees only their regions' moderation entries; filters by actor, kind, region and period", async () => {
  const aarau = await createCoordinator(AARAU);
  const baden = await createCoordinator(BADEN);
  const admin = await createUser({ isAdmin: true });
  const adminToken = await createSessionFor(admin.id);
  const actorName = `Prüferin ${uniqueSuffix()}`;
  const actor = await createUser({ displayName: actorName });
  const inAarau = await createOpportunity({ organisation_id: (await createOrganisationWithOwner({ bfs_nr: AARAU })).organisation.id, bfs_nr: AARAU });
  const inBaden = await createOpportunity({ organisation_id: (await createOrganisationWithOwner({ bfs_nr: BADEN })).organisation.id, bfs_nr: BADEN });
  const entry = (action: "moderation.reject" | "flag.resolved" | "user.login", subjectId: number, reason: string) =>
    recordAudit({ action, actorUserId: actor.id, subjectType: "opportunity", subjectId, details: { reason, before: { status: "submitted" }, after: { status: "rejected" } } });
  await entry("moderation.reject", inAarau.id, "Aarau: Angaben fehlen");
  await entry("flag.resolved", inAarau.id, "Aarau: Meldung");
  await entry("moderation.reject", inBaden.id, "Baden: Angaben fehlen");
  await entry("user.login", inAarau.id, "kein Moderationseintrag");

  const byActor = `actor=${encodeURIComponent(actorName)}`;
  const reasons = (result: Awaited<ReturnType<typeof load>>) => result.body!.items.map((i) => i.reason).sort();

  const own = await load(coordinatorAuditLoader, aarau.token, `/coordinator/audit?${byActor}`);
  expect(reasons(own)).toEqual(["Aarau: Angaben fehlen", "Aarau: Meldung"]);
  expect(own.body!.items.find((i) => i.action === "moderation.reject")!.change).toBe("status: submitted → status: rejected");
  // another region's slug in the URL is dropped, "other" is not a coordinator's kind
  const forged = await load(coordinatorAuditLoader, aarau.token, `/coordinator/audit?${byActor}&region=${baden.region.slug}&kind=other`);
  expect({ reasons: reasons(forged), filters: forged.body!.filters }).toMatchObject({ reasons: ["Aarau: Angaben fehlen", "Aarau: Meldung"], filters: { region: "", kind: "" } });
  expect(reasons(await load(coordinatorAuditLoader, baden.token, `/coordinator/audit?${byActor}`))).toEqual(["Baden: Angaben fehlen"]);
  expect(reasons(await load(coordinatorAuditLoader, aarau.token, `/coordinator/audit?${byActor}&kind=flag`))).toEqual(["Aarau: Meldung"]);

  const all = await load(adminAuditLoader, adminToken, `/admin/audit?${byActor}`);
  expect(reasons(all)).toEqual(["Aarau: Angaben fehlen", "Aarau: Meldung", "Baden: Angaben fehlen", "kein Moderationseintrag"]);
  expect(reasons(await load(adminAuditLoader, adminToken, `/admin/audit?${byActor}&kind=other`))).toEqual(["kein Moderationseintrag"]);
  expect(reasons(await load(adminAuditLoader, adminToken, `/admin/audit?${byActor}&kind=decision&region=${baden.region.slug}`))).toEqual(["Baden: Angaben fehlen"]);
  // period: entries of today only; bad dates are dropped, not errors
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich" }).format(new Date());
  expect(reasons(await load(adminAuditLoader, adminToken, `/admin/audit?${byActor}&from=${today}&to=${today}`))).toHaveLength(4);
  expect(reasons(await load(adminAuditLoader, adminToken, `/admin/audit?${byActor}&to=2020-01-01`))).toEqual([]);
  const bad = await load(adminAuditLoader, adminToken, `/admin/audit?${byActor}&from=2026-13-45&page=abc&kind=drop`);
  expect({ status: bad.status, total: bad.body!.total }).toEqual({ status: 200, total: 4 });
  // a wildcard in the actor filter is a literal character
  expect((await load(adminAuditLoader, adminToken, "/admin/audit?actor=%25%25%25zz_no_one")).body!.total).toBe(0);
});
