/**
 * /admin/users (issue 9, item 1): only admins search and open people; grant/revoke admin and coordinator roles,
 * make someone owner of an organisation without owner; bad input is a 4xx with a field message and writes
 * nothing; every change is audited. The last-admin rule runs on a database of its own (the shared test
 * database always has other admins), also with two admins revoking each other at the same moment.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, createDatabase, db } from "~db/client.server";
import { prepareDatabase } from "~db/setup.server";
import { setAdminRole } from "~/domain/moderation/users.server";
import { createCoordinator, createOrganisation, createOrganisationWithOwner, createSessionFor, createUser, uniqueSuffix } from "~/testing/factories.server";
import { callRoute } from "~/testing/route-call.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import type { FieldErrors } from "~/utils/forms";
import { action as userAction, loader as userLoader } from "./admin.users.$id";
import { loader as usersLoader } from "./admin.users._index";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

function keysOf(errors: FieldErrors | null) {
  return Object.fromEntries(Object.entries(errors ?? {}).map(([field, list]) => [field, list.map((e) => e.key)]));
}

async function auditOf(subjectType: string, subjectId: number) {
  return db.selectFrom("audit_event").select(["action", "actor_user_id", "details"]).where("subject_type", "=", subjectType).where("subject_id", "=", String(subjectId)).orderBy("id").execute();
}

test("permission matrix: only admins find people and change roles", async () => {
  const person = await createUser();
  const owner = await createOrganisationWithOwner();
  const coordinator = await createCoordinator(4001);
  const tokens: Record<string, string | undefined> = {
    anonymous: undefined,
    volunteer: await createSessionFor((await createUser()).id),
    editor: owner.token,
    coordinator: coordinator.token,
    admin: await createSessionFor((await createUser({ isAdmin: true })).id),
  };
  const params = { id: String(person.id) };
  const actual: Record<string, number[]> = {};
  for (const [role, token] of Object.entries(tokens)) {
    actual[role] = [
      (await callRoute(usersLoader, { token, path: `/admin/users?q=${encodeURIComponent(person.email)}` })).status,
      (await callRoute(userLoader, { token, path: `/admin/users/${person.id}`, params })).status,
      // a forged intent: 400 for the admin, nothing written for anyone
      (await callRoute(userAction, { token, path: `/admin/users/${person.id}`, params, form: { intent: "makeGod" } })).status,
      (await callRoute(userAction, { token, path: `/admin/users/${person.id}`, params, form: { intent: "grantAdmin" } })).status,
    ];
  }
  expect(actual).toEqual({
    anonymous: [302, 302, 302, 302],
    volunteer: [403, 403, 403, 403],
    editor: [403, 403, 403, 403],
    coordinator: [403, 403, 403, 403],
    admin: [200, 200, 400, 302],
  });
  expect((await db.selectFrom("app_user").select("is_admin").where("id", "=", person.id).executeTakeFirstOrThrow()).is_admin).toBe(true);
  expect((await auditOf("user", person.id)).map((a) => a.action)).toEqual(["user.admin_granted"]);
  for (const id of ["999999999", "abc"]) expect((await callRoute(userLoader, { token: tokens.admin, path: `/admin/users/${id}`, params: { id } })).status).toBe(404);
});

test("an admin finds a person, makes them coordinator and owner of an organisation without owner; bad ids write nothing", async () => {
  const admin = await createUser({ isAdmin: true });
  const token = await createSessionFor(admin.id);
  const name = `Rosa Muster ${uniqueSuffix()}`;
  const person = await createUser({ displayName: name });
  const found = await callRoute(usersLoader, { token, path: `/admin/users?q=${encodeURIComponent(name.toUpperCase())}` });
  expect((found.body.results as { id: number }[]).map((r) => r.id)).toEqual([person.id]);
  expect((await callRoute(usersLoader, { token, path: "/admin/users?q=%25" })).body.results).toBeNull();

  const { region } = await createCoordinator(4001);
  const path = `/admin/users/${person.id}`;
  const params = { id: String(person.id) };
  expect((await callRoute(userAction, { token, path, params, form: { intent: "addCoordinator", regionId: String(region.id) } })).status).toBe(302);
  const badRegion = await callRoute(userAction, { token, path, params, form: { intent: "addCoordinator", regionId: "999999999" } });
  expect({ status: badRegion.status, errors: keysOf(badRegion.errors) }).toEqual({ status: 404, errors: { regionId: ["adminUsers.errors.region"] } });
  const forgedRegion = await callRoute(userAction, { token, path, params, form: { intent: "addCoordinator", regionId: "1; drop table region" } });
  expect({ status: forgedRegion.status, errors: keysOf(forgedRegion.errors) }).toEqual({ status: 400, errors: { regionId: ["adminUsers.errors.region"] } });
  expect(await db.selectFrom("region_coordinator").select("region_id").where("user_id", "=", person.id).execute()).toEqual([{ region_id: region.id }]);

  // an organisation whose only owner left (deleted membership): the person becomes owner
  const orphan = await createOrganisation({ name: `Ohne Verwaltung ${uniqueSuffix()}` });
  const page = await callRoute(userLoader, { token, path, params });
  expect((page.body.ownerless as { id: number }[]).map((o) => o.id)).toContain(orphan.id);
  expect((await callRoute(userAction, { token, path, params, form: { intent: "assignOwner", organisationId: String(orphan.id) } })).status).toBe(302);
  const member = await db.selectFrom("organisation_member").select("role").where("organisation_id", "=", orphan.id).where("user_id", "=", person.id).executeTakeFirstOrThrow();
  expect(member.role).toBe("owner");
  // now it has an owner: a second assignment is refused
  const other = await createUser();
  const again = await callRoute(userAction, { token, path: `/admin/users/${other.id}`, params: { id: String(other.id) }, form: { intent: "assignOwner", organisationId: String(orphan.id) } });
  expect({ status: again.status, errors: keysOf(again.errors) }).toEqual({ status: 409, errors: { organisationId: ["adminUsers.errors.hasOwner"] } });
  const owned = await createOrganisationWithOwner();
  const hasOwner = await callRoute(userAction, { token, path, params, form: { intent: "assignOwner", organisationId: String(owned.organisation.id) } });
  expect(hasOwner.status).toBe(409);
  expect(await db.selectFrom("organisation_member").select("user_id").where("organisation_id", "=", owned.organisation.id).where("user_id", "=", person.id).execute()).toEqual([]);

  expect((await callRoute(userAction, { token, path, params, form: { intent: "removeCoordinator", regionId: String(region.id) } })).status).toBe(302);
  expect((await auditOf("region", region.id)).filter((a) => (a.details as { userId?: number }).userId === person.id).map((a) => a.action)).toEqual([
    "region.coordinator_added",
    "region.coordinator_removed",
  ]);
  expect((await auditOf("organisation", orphan.id)).map((a) => [a.action, a.actor_user_id])).toEqual([["organisation.owner_assigned", admin.id]]);
});

/** A database of its own: on PostgreSQL a fresh database on the same server, on PGlite a fresh in-memory one. */
async function ownDatabase() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = createDatabase({ pgliteDir: "memory://", pgliteTemplate: process.env.PGLITE_TEMPLATE || undefined });
    await prepareDatabase(handle.db);
    return { db: handle.db, drop: () => handle.db.destroy() };
  }
  const name = `mitenand_last_admin_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  await sql.raw(`create database ${name}`).execute(db);
  const own = new URL(url);
  own.pathname = `/${name}`;
  const handle = createDatabase({ databaseUrl: own.toString(), poolSize: 4 });
  await prepareDatabase(handle.db);
  return {
    db: handle.db,
    drop: async () => {
      await handle.db.destroy();
      await sql.raw(`drop database ${name}`).execute(db);
    },
  };
}

test("the last admin cannot give up the role, also when two admins revoke each other at once", async () => {
  const own = await ownDatabase();
  try {
    await own.db.updateTable("app_user").set({ is_admin: false }).execute();
    const [a, b] = await own.db
      .insertInto("app_user")
      .values([
        { email: `a-${uniqueSuffix()}@example.org`, display_name: "Admin A", locale: "de", is_admin: true },
        { email: `b-${uniqueSuffix()}@example.org`, display_name: "Admin B", locale: "de", is_admin: true },
      ])
      .returning("id")
      .execute();
    const results = await Promise.all([
      setAdminRole({ actor: a, userId: b.id, admin: false, database: own.db }),
      setAdminRole({ actor: b, userId: a.id, admin: false, database: own.db }),
    ]);
    expect(results.map((r) => (r.ok ? "ok" : r.reason)).sort()).toEqual(["last_admin", "ok"]);
    const admins = await own.db.selectFrom("app_user").select("id").where("is_admin", "=", true).execute();
    expect(admins).toHaveLength(1);
    const last = admins[0];
    expect(await setAdminRole({ actor: last, userId: last.id, admin: false, database: own.db })).toEqual({ ok: false, reason: "last_admin" });
    expect(await own.db.selectFrom("app_user").select("id").where("is_admin", "=", true).execute()).toEqual([last]);
    const audit = await own.db.selectFrom("audit_event").select("action").where("action", "=", "user.admin_revoked").execute();
    expect(audit).toHaveLength(1);
  } finally {
    await own.drop();
  }
});
