import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createOrganisation, createSessionFor, createUser, requestWithSession, uniqueSuffix } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { getUser, requireAdmin, requireAnonymous, requireCoordinatorOf, requireOrgRole, requireUser } from "./permissions.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

/** What a helper threw: the Response (helpers throw them), or a failure if it did not throw. */
async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

async function signedIn(options: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser(options);
  const token = await createSessionFor(user.id);
  return { user, request: (path = "/") => requestWithSession(token, path) };
}

function createRegion() {
  const suffix = uniqueSuffix();
  return db.insertInto("region").values({ slug: `test-region-${suffix}`, name: `Testregion ${suffix}` }).returningAll().executeTakeFirstOrThrow();
}

test("requireUser sends anonymous visitors to the login page and back again", async () => {
  const response = await thrown(requireUser(new Request("http://localhost/me/account?tab=email")));
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("Location")!, "http://localhost");
  expect(location.pathname).toBe("/login");
  expect(location.searchParams.get("redirectTo")).toBe("/me/account?tab=email");

  const home = await thrown(requireUser(new Request("http://localhost/")));
  expect(home.headers.get("Location")).toBe("/login");

  // a bad or stale cookie is anonymous too
  const stale = await thrown(requireUser(requestWithSession("aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "/me/export")));
  expect(stale.headers.get("Location")).toBe("/login?redirectTo=%2Fme%2Fexport");
});

test("requireUser returns the signed-in user; getUser is null without a session", async () => {
  const { user, request } = await signedIn({ displayName: "Anna Muster" });
  expect(await requireUser(request())).toMatchObject({ id: user.id, email: user.email, displayName: "Anna Muster", isAdmin: false });
  expect(await getUser(new Request("http://localhost/"))).toBeNull();
});

test("requireAnonymous sends signed-in people to their account", async () => {
  const { request } = await signedIn();
  const response = await thrown(requireAnonymous(request("/login")));
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/me/account");
  await expect(requireAnonymous(new Request("http://localhost/login"))).resolves.toBeUndefined();
});

test("requireAdmin: 403 for a non-admin, the user for an admin", async () => {
  const plain = await signedIn();
  expect((await thrown(requireAdmin(plain.request("/admin")))).status).toBe(403);
  const admin = await signedIn({ isAdmin: true });
  expect(await requireAdmin(admin.request("/admin"))).toMatchObject({ id: admin.user.id, isAdmin: true });
  expect((await thrown(requireAdmin(new Request("http://localhost/admin")))).status).toBe(302);
});

test("requireOrgRole: 404 unknown organisation, 403 non-member, editor is not owner, owner may all", async () => {
  const organisation = await createOrganisation();
  const owner = await signedIn();
  const editor = await signedIn();
  const stranger = await signedIn();
  await db
    .insertInto("organisation_member")
    .values([
      { organisation_id: organisation.id, user_id: owner.user.id, role: "owner" },
      { organisation_id: organisation.id, user_id: editor.user.id, role: "editor" },
    ])
    .execute();
  const orgId = organisation.id;

  expect((await thrown(requireOrgRole(owner.request(), { orgId: -1, role: "editor" }))).status).toBe(404);
  expect((await thrown(requireOrgRole(stranger.request(), { orgId, role: "editor" }))).status).toBe(403);
  expect((await thrown(requireOrgRole(editor.request(), { orgId, role: "owner" }))).status).toBe(403);
  expect(await requireOrgRole(editor.request(), { orgId, role: "editor" })).toMatchObject({ role: "editor", user: { id: editor.user.id } });
  expect(await requireOrgRole(owner.request(), { orgId, role: "owner" })).toMatchObject({ role: "owner" });
  expect(await requireOrgRole(owner.request(), { orgId, role: "editor" })).toMatchObject({ role: "owner" });
  // membership of one organisation says nothing about another
  const other = await createOrganisation();
  expect((await thrown(requireOrgRole(owner.request(), { orgId: other.id, role: "editor" }))).status).toBe(403);
  expect((await thrown(requireOrgRole(new Request("http://localhost/"), { orgId, role: "editor" }))).status).toBe(302);
});

test("requireCoordinatorOf by region id: coordinators of that region and admins only", async () => {
  const region = await createRegion();
  const otherRegion = await createRegion();
  const coordinator = await signedIn();
  const admin = await signedIn({ isAdmin: true });
  const volunteer = await signedIn();
  await db.insertInto("region_coordinator").values({ region_id: region.id, user_id: coordinator.user.id }).execute();

  expect(await requireCoordinatorOf(coordinator.request(), { regionId: region.id })).toMatchObject({ id: coordinator.user.id });
  expect((await thrown(requireCoordinatorOf(coordinator.request(), { regionId: otherRegion.id }))).status).toBe(403);
  expect((await thrown(requireCoordinatorOf(volunteer.request(), { regionId: region.id }))).status).toBe(403);
  expect(await requireCoordinatorOf(admin.request(), { regionId: otherRegion.id })).toMatchObject({ id: admin.user.id });
});

test("requireCoordinatorOf by Gemeinde: the coordinators of the region that covers it", async () => {
  const region = await createRegion();
  const coordinator = await signedIn();
  const volunteer = await signedIn();
  await db.insertInto("region_coordinator").values({ region_id: region.id, user_id: coordinator.user.id }).execute();
  try {
    // On PostgreSQL the shared database may have every Gemeinde in a region already (demo seed); we never move
    // one, we only attach a Gemeinde nobody covers, and give it back at the end.
    const free = await db
      .selectFrom("gemeinde as g")
      .select("g.bfs_nr")
      .where((eb) => eb.not(eb.exists(eb.selectFrom("region_gemeinde as rg").select("rg.bfs_nr").whereRef("rg.bfs_nr", "=", "g.bfs_nr"))))
      .orderBy("g.bfs_nr", "desc")
      .limit(5)
      .execute();
    let attached: number | undefined;
    for (const { bfs_nr } of free) {
      const inserted = await db
        .insertInto("region_gemeinde")
        .values({ region_id: region.id, bfs_nr })
        .onConflict((oc) => oc.column("bfs_nr").doNothing())
        .returning("bfs_nr")
        .executeTakeFirst();
      if (inserted) {
        attached = inserted.bfs_nr;
        break;
      }
    }
    if (attached === undefined) {
      console.log("requireCoordinatorOf by bfsNr: every Gemeinde belongs to a region already; skipped");
      return;
    }
    expect(await requireCoordinatorOf(coordinator.request(), { bfsNr: attached })).toMatchObject({ id: coordinator.user.id });
    expect((await thrown(requireCoordinatorOf(volunteer.request(), { bfsNr: attached }))).status).toBe(403);
    const elsewhere = await db.selectFrom("gemeinde").select("bfs_nr").where("bfs_nr", "<>", attached).limit(1).executeTakeFirstOrThrow();
    expect((await thrown(requireCoordinatorOf(coordinator.request(), { bfsNr: elsewhere.bfs_nr }))).status).toBe(403);
    expect((await thrown(requireCoordinatorOf(coordinator.request(), { bfsNr: 999_999 }))).status).toBe(403);
  } finally {
    await db.deleteFrom("region").where("id", "=", region.id).execute();
  }
});
