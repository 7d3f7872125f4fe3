/**
 * Canton administration of the RIF regions (admins only; the routes check that): create, rename and retire
 * regions, choose the Gemeinden each covers (a Gemeinde belongs to at most one region: choosing it for one
 * region takes it from the other, and the database's UNIQUE keeps it so), and name the coordinators. Every
 * change is audited with what it was before and after.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import { recordAudit } from "~/domain/audit/audit.server";

export class RegionNameTakenError extends Error {
  constructor() {
    super("a region with this name or slug exists");
    this.name = "RegionNameTakenError";
  }
}

export class NoSuchAccountError extends Error {
  constructor() {
    super("no account with this email");
    this.name = "NoSuchAccountError";
  }
}

export function regionSlug(name: string) {
  return name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "23505";
}

export async function listRegions() {
  return db
    .selectFrom("region as r")
    .select([
      "r.id",
      "r.slug",
      "r.name",
      sql<number>`(select count(*)::int from region_gemeinde rg where rg.region_id = r.id)`.as("gemeinden"),
      sql<number>`(select count(*)::int from region_coordinator rc where rc.region_id = r.id)`.as("coordinators"),
    ])
    .orderBy("r.name")
    .execute();
}

export async function adminOverview() {
  const row = await db
    .selectNoFrom([
      sql<number>`(select count(*)::int from region)`.as("regions"),
      sql<number>`(select count(*)::int from gemeinde g where not exists (select 1 from region_gemeinde rg where rg.bfs_nr = g.bfs_nr))`.as("gemeindenWithoutRegion"),
      sql<number>`(select count(distinct user_id)::int from region_coordinator)`.as("coordinators"),
      sql<number>`(select count(*)::int from app_user where is_admin and deleted_at is null)`.as("admins"),
      sql<number>`(select count(*)::int from opportunity where status = 'submitted')`.as("submitted"),
      sql<number>`(select count(*)::int from opportunity_revision where status = 'pending')`.as("revisions"),
      sql<number>`(select count(*)::int from opportunity where status = 'published')`.as("published"),
    ])
    .executeTakeFirstOrThrow();
  return row;
}

export async function createRegion({ actor, name, ip }: { actor: { id: number }; name: string; ip?: string }) {
  const slug = regionSlug(name);
  try {
    return await db.transaction().execute(async (trx) => {
      const region = await trx.insertInto("region").values({ name, slug }).returning(["id", "slug", "name"]).executeTakeFirstOrThrow();
      await recordAudit({ action: "region.created", actorUserId: actor.id, subjectType: "region", subjectId: region.id, ip, details: { after: { name, slug } } }, trx);
      return region;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RegionNameTakenError();
    throw error;
  }
}

export async function renameRegion({ actor, id, name, ip }: { actor: { id: number }; id: number; name: string; ip?: string }) {
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom("region").select(["name"]).where("id", "=", id).forUpdate().executeTakeFirst();
      if (!before) return null;
      await trx.updateTable("region").set({ name }).where("id", "=", id).execute();
      await recordAudit({ action: "region.renamed", actorUserId: actor.id, subjectType: "region", subjectId: id, ip, details: { before, after: { name } } }, trx);
      return { id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RegionNameTakenError();
    throw error;
  }
}

/** Removes the region; its Gemeinden fall to the canton-wide queue, its coordinators lose the role. */
export async function retireRegion({ actor, id, ip }: { actor: { id: number }; id: number; ip?: string }) {
  return db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom("region").select(["id", "slug", "name"]).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!region) return null;
    const gemeinden = await trx.selectFrom("region_gemeinde").select("bfs_nr").where("region_id", "=", id).orderBy("bfs_nr").execute();
    const coordinators = await trx.selectFrom("region_coordinator").select("user_id").where("region_id", "=", id).orderBy("user_id").execute();
    await trx.deleteFrom("region").where("id", "=", id).execute();
    await recordAudit(
      {
        action: "region.retired",
        actorUserId: actor.id,
        subjectType: "region",
        subjectId: id,
        ip,
        details: { before: { ...region, gemeinden: gemeinden.map((g) => g.bfs_nr), coordinators: coordinators.map((c) => c.user_id) }, after: null },
      },
      trx,
    );
    return region;
  });
}

/** The region with every Gemeinde of the canton grouped by district, each with the region it belongs to now. */
export async function getRegionForEditing({ slug }: { slug: string }) {
  const region = await db.selectFrom("region").select(["id", "slug", "name"]).where("slug", "=", slug).executeTakeFirst();
  if (!region) return null;
  const [gemeinden, coordinators] = await Promise.all([
    db
      .selectFrom("gemeinde as g")
      .leftJoin("region_gemeinde as rg", "rg.bfs_nr", "g.bfs_nr")
      .leftJoin("region as r", "r.id", "rg.region_id")
      .select(["g.bfs_nr as bfsNr", "g.name", "g.district_nr as districtNr", "g.district_name as districtName", "rg.region_id as regionId", "r.name as regionName"])
      .orderBy("g.district_name")
      .orderBy("g.name")
      .execute(),
    db
      .selectFrom("region_coordinator as rc")
      .innerJoin("app_user as u", "u.id", "rc.user_id")
      .select(["u.id", "u.email", "u.display_name as displayName"])
      .where("rc.region_id", "=", region.id)
      .orderBy("u.display_name")
      .execute(),
  ]);
  const districts: { districtNr: number; districtName: string; gemeinden: typeof gemeinden }[] = [];
  for (const g of gemeinden) {
    let district = districts.find((d) => d.districtNr === g.districtNr);
    if (!district) districts.push((district = { districtNr: g.districtNr, districtName: g.districtName, gemeinden: [] }));
    district.gemeinden.push(g);
  }
  return { region, districts, coordinators };
}

/**
 * Makes `bfsNrs` exactly the region's Gemeinden: the others go to no region, chosen ones held by another region
 * move here. Returns what changed.
 */
export async function setRegionGemeinden({ actor, id, bfsNrs, ip }: { actor: { id: number }; id: number; bfsNrs: number[]; ip?: string }) {
  return db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom("region").select("id").where("id", "=", id).forUpdate().executeTakeFirst();
    if (!region) return null;
    const wanted = [...new Set(bfsNrs)].sort((a, b) => a - b);
    const before = (await trx.selectFrom("region_gemeinde").select("bfs_nr").where("region_id", "=", id).execute()).map((r) => r.bfs_nr);
    const removed = before.filter((n) => !wanted.includes(n));
    const added = wanted.filter((n) => !before.includes(n));
    const moved = added.length
      ? await trx.selectFrom("region_gemeinde").select(["bfs_nr as bfsNr", "region_id as fromRegionId"]).where("bfs_nr", "in", added).execute()
      : [];
    if (removed.length) await trx.deleteFrom("region_gemeinde").where("region_id", "=", id).where("bfs_nr", "in", removed).execute();
    if (moved.length) await trx.deleteFrom("region_gemeinde").where("bfs_nr", "in", moved.map((m) => m.bfsNr)).execute();
    if (added.length) await trx.insertInto("region_gemeinde").values(added.map((bfs_nr) => ({ region_id: id, bfs_nr }))).execute();
    if (added.length || removed.length) {
      await recordAudit(
        { action: "region.gemeinden_changed", actorUserId: actor.id, subjectType: "region", subjectId: id, ip, details: { before, after: wanted, added, removed, moved } },
        trx,
      );
    }
    return { added, removed, moved };
  });
}

export async function addCoordinator({ actor, id, email, ip }: { actor: { id: number }; id: number; email: string; ip?: string }) {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("app_user").select(["id"]).where("email", "=", email.trim().toLowerCase()).where("deleted_at", "is", null).executeTakeFirst();
    if (!user) throw new NoSuchAccountError();
    const inserted = await trx
      .insertInto("region_coordinator")
      .values({ region_id: id, user_id: user.id })
      .onConflict((oc) => oc.doNothing())
      .returning("user_id")
      .executeTakeFirst();
    if (inserted) {
      await recordAudit({ action: "region.coordinator_added", actorUserId: actor.id, subjectType: "region", subjectId: id, ip, details: { userId: user.id, before: null, after: "coordinator" } }, trx);
    }
    return { userId: user.id, added: Boolean(inserted) };
  });
}

export async function removeCoordinator({ actor, id, userId, ip }: { actor: { id: number }; id: number; userId: number; ip?: string }) {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom("region_coordinator").where("region_id", "=", id).where("user_id", "=", userId).returning("user_id").executeTakeFirst();
    if (!deleted) return null;
    await recordAudit({ action: "region.coordinator_removed", actorUserId: actor.id, subjectType: "region", subjectId: id, ip, details: { userId, before: "coordinator", after: null } }, trx);
    return { userId };
  });
}
