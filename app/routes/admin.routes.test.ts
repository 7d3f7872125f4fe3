/**
 * The canton administration routes: only admins (anonymous → login, everyone else 403), region create/rename/
 * retire, coordinators by email, and moving a Gemeinde to another region, after which its next submission is in
 * the new region's queue. Gemeinden moved by a test are given back at the end (shared PostgreSQL database).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { listQueue } from "~/domain/moderation/queue.server";
import {
  createCoordinator,
  createOrganisationWithOwner,
  createSessionFor,
  createSubmission,
  createUser,
  regionCovering,
  uniqueSuffix,
} from "~/testing/factories.server";
import { callRoute } from "~/testing/route-call.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import type { FieldErrors } from "~/utils/forms";
import { loader as adminLoader } from "./admin._index";
import { action as regionAction, loader as regionLoader } from "./admin.regions.$slug";
import { action as regionsAction, loader as regionsLoader } from "./admin.regions._index";
import { action as invitationAction, loader as invitationLoader } from "./invitations.$token";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

function keysOf(errors: FieldErrors | null) {
  return Object.fromEntries(Object.entries(errors ?? {}).map(([field, list]) => [field, list.map((e) => e.key)]));
}

test("permission matrix: only admins open and change the administration pages", async () => {
  const region = await regionCovering(4001);
  const owner = await createOrganisationWithOwner();
  const coordinator = await createCoordinator(4001);
  const tokens: Record<string, string | undefined> = {
    anonymous: undefined,
    volunteer: await createSessionFor((await createUser()).id),
    editor: owner.token,
    coordinator: coordinator.token,
    admin: await createSessionFor((await createUser({ isAdmin: true })).id),
  };
  const expected: Record<string, number[]> = {
    anonymous: [302, 302, 302, 302, 302],
    volunteer: [403, 403, 403, 403, 403],
    editor: [403, 403, 403, 403, 403],
    coordinator: [403, 403, 403, 403, 403],
    admin: [200, 200, 200, 400, 400],
  };
  const actual: Record<string, number[]> = {};
  for (const [role, token] of Object.entries(tokens)) {
    const params = { slug: region.slug };
    actual[role] = [
      (await callRoute(adminLoader, { token, path: "/admin" })).status,
      (await callRoute(regionsLoader, { token, path: "/admin/regions" })).status,
      (await callRoute(regionLoader, { token, path: `/admin/regions/${region.slug}`, params })).status,
      // invalid input: 400 for the admin, nothing written for anyone
      (await callRoute(regionsAction, { token, path: "/admin/regions", form: { name: "x" } })).status,
      (await callRoute(regionAction, { token, path: `/admin/regions/${region.slug}`, params, form: { intent: "retire" } })).status,
    ];
  }
  expect(actual).toEqual(expected);
  expect((await callRoute(regionLoader, { token: tokens.admin, path: "/admin/regions/gibt-es-nicht", params: { slug: "gibt-es-nicht" } })).status).toBe(404);
  expect(await db.selectFrom("region").select("id").where("id", "=", region.id).executeTakeFirst()).toBeTruthy();
});

test("an admin creates a region, adds a coordinator by email, moves a Gemeinde there: its next submission is in the new queue", async () => {
  const admin = await createUser({ isAdmin: true });
  const token = await createSessionFor(admin.id);
  const name = `RIF Testregion ${uniqueSuffix()}`;
  const created = await callRoute(regionsAction, { token, path: "/admin/regions", form: { name } });
  expect(created.status).toBe(302);
  const slug = created.location!.split("/").pop()!;
  const again = await callRoute(regionsAction, { token, path: "/admin/regions", form: { name } });
  expect({ status: again.status, errors: keysOf(again.errors) }).toEqual({ status: 409, errors: { name: ["moderation.errors.regionTaken"] } });
  const region = await db.selectFrom("region").select(["id", "name"]).where("slug", "=", slug).executeTakeFirstOrThrow();
  const path = `/admin/regions/${slug}`;
  const params = { slug };

  const person = await createUser();
  // an address without an account gets an invitation instead (see the invitation test below)
  const noAccount = await callRoute(regionAction, { token, path, params, form: { intent: "addCoordinator", email: `niemand-${uniqueSuffix()}@example.org` } });
  expect(noAccount.status).toBe(302);
  expect((await callRoute(regionAction, { token, path, params, form: { intent: "addCoordinator", email: person.email.toUpperCase() } })).status).toBe(302);

  // a Gemeinde no other test uses; whatever region holds it now gets it back at the end
  const gemeinde = await db.selectFrom("gemeinde").select(["bfs_nr", "district_nr"]).where("bfs_nr", "=", 4307).executeTakeFirstOrThrow();
  const before = await db.selectFrom("region_gemeinde").select("region_id").where("bfs_nr", "=", gemeinde.bfs_nr).executeTakeFirst();
  try {
    const forged = await callRoute(regionAction, { token, path, params, form: { intent: "gemeinden", bfsNr: ["4307", "9999"] } });
    expect({ status: forged.status, errors: keysOf(forged.errors) }).toEqual({ status: 400, errors: { bfsNr: ["moderation.errors.gemeinde"] } });
    expect((await callRoute(regionAction, { token, path, params, form: { intent: "gemeinden", bfsNr: "4307" } })).status).toBe(302);
    const covered = await db.selectFrom("region_gemeinde").select("region_id").where("bfs_nr", "=", 4307).executeTakeFirstOrThrow();
    expect(covered.region_id).toBe(region.id);

    const { opportunity } = await createSubmission({ bfs_nr: 4307 });
    const queue = await listQueue({ actor: { id: person.id, isAdmin: false }, locale: "de", filters: {} });
    expect(queue.items.map((i) => i.opportunityId)).toContain(opportunity.id);
    // the Gemeinde's former region (if it had one) no longer sees its submissions
    const formerItems = before
      ? await (async () => {
          const formerCoordinator = await createUser();
          await db.insertInto("region_coordinator").values({ region_id: before.region_id, user_id: formerCoordinator.id }).execute();
          return (await listQueue({ actor: { id: formerCoordinator.id, isAdmin: false }, locale: "de", filters: {} })).items.map((i) => i.opportunityId);
        })()
      : [];
    expect(formerItems).not.toContain(opportunity.id);

    const audit = await db.selectFrom("audit_event").select(["action", "details"]).where("subject_type", "=", "region").where("subject_id", "=", String(region.id)).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["region.created", "region.coordinator_invited", "region.coordinator_added", "region.gemeinden_changed"]);
    expect(audit[3].details).toMatchObject({ added: [4307], removed: [] });

    // retiring needs the confirmation; then the Gemeinde is in no region and the coordinator role is gone
    const unconfirmed = await callRoute(regionAction, { token, path, params, form: { intent: "retire" } });
    expect(keysOf(unconfirmed.errors)).toEqual({ confirm: ["moderation.errors.confirmRetire"] });
    expect((await callRoute(regionAction, { token, path, params, form: { intent: "retire", confirm: "yes" } })).location).toBe("/admin/regions");
    expect(await db.selectFrom("region_gemeinde").select("region_id").where("bfs_nr", "=", 4307).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom("region_coordinator").select("user_id").where("user_id", "=", person.id).execute()).toEqual([]);
  } finally {
    if (before) {
      await db.deleteFrom("region_gemeinde").where("bfs_nr", "=", 4307).execute();
      await db.insertInto("region_gemeinde").values({ region_id: before.region_id, bfs_nr: 4307 }).execute();
    }
  }
});

test("a coordinator invitation to an address without an account: the person signs up, accepts and coordinates the region", async () => {
  const region = await regionCovering(4001);
  const admin = await createUser({ isAdmin: true, locale: "en" });
  const token = await createSessionFor(admin.id);
  const address = `neu-koordination-${uniqueSuffix()}@example.org`;
  const path = `/admin/regions/${region.slug}`;
  const params = { slug: region.slug };
  const invited = await callRoute(regionAction, { token, path, params, form: { intent: "addCoordinator", email: address.toUpperCase() } });
  expect(invited.status).toBe(302);
  const page = await callRoute(regionLoader, { token, path, params });
  expect((page.body.invitations as { email: string }[]).map((i) => i.email)).toContain(address);
  const mail = await db.selectFrom("outbox").select(["subject", "text_body"]).where("recipient", "=", address).executeTakeFirstOrThrow();
  expect(mail.subject).toContain(region.name);
  const link = /\/invitations\/([a-z2-7]{32})/.exec(mail.text_body)![1];
  expect(await db.selectFrom("coordinator_invitation").select("id").where("token_hash", "=", Buffer.from(link)).execute()).toEqual([]);

  // the link works without an account (it tells what to do); someone else's account cannot accept it
  const anonymousView = await callRoute(invitationLoader, { path: `/invitations/${link}`, params: { token: link } });
  expect(anonymousView.body.coordinator).toMatchObject({ regionName: region.name, email: address });
  const stranger = await createUser();
  const wrong = await callRoute(invitationAction, { token: await createSessionFor(stranger.id), path: `/invitations/${link}`, params: { token: link }, form: {} });
  expect(wrong.status).toBe(403);
  expect(await db.selectFrom("region_coordinator").select("user_id").where("user_id", "=", stranger.id).execute()).toEqual([]);

  const person = await createUser({ email: address });
  const accepted = await callRoute(invitationAction, { token: await createSessionFor(person.id), path: `/invitations/${link}`, params: { token: link }, form: {} });
  expect({ status: accepted.status, location: accepted.location }).toEqual({ status: 302, location: "/coordinator" });
  expect(await db.selectFrom("region_coordinator").select("region_id").where("user_id", "=", person.id).execute()).toEqual([{ region_id: region.id }]);
  // used once only
  expect((await callRoute(invitationAction, { token: await createSessionFor(person.id), path: `/invitations/${link}`, params: { token: link }, form: {} })).status).toBe(404);
  const audit = await db.selectFrom("audit_event").select("action").where("subject_type", "=", "region").where("subject_id", "=", String(region.id)).where("action", "in", ["region.coordinator_invited", "region.invitation_accepted"]).where("occurred_at", ">", new Date(Date.now() - 60_000)).execute();
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["region.coordinator_invited", "region.invitation_accepted"]));
});

test("coordinator invitations to one address are limited (recipientKey), with a field message and no mail beyond the limit", async () => {
  const region = await regionCovering(4001);
  const token = await createSessionFor((await createUser({ isAdmin: true })).id);
  const address = `viele-${uniqueSuffix()}@example.org`;
  const path = `/admin/regions/${region.slug}`;
  const params = { slug: region.slug };
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await callRoute(regionAction, { token, path, params, form: { intent: "addCoordinator", email: address } })).status);
  expect(statuses).toEqual([302, 302, 302, 429]);
  const limited = await callRoute(regionAction, { token, path, params, form: { intent: "addCoordinator", email: address } });
  expect(keysOf(limited.errors)).toEqual({ email: ["coordinatorInvite.errors.rateLimited"] });
  expect(await db.selectFrom("outbox").select("id").where("recipient", "=", address).execute()).toHaveLength(3);
});
