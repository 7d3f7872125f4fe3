import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, createDatabase, db, getDatabaseKind } from "./client.server";
import { migrations } from "./migrations";
import { prepareDatabase } from "./setup.server";
import aargau from "./data/aargau.json";
import { CATEGORIES } from "./data/categories";

beforeAll(async () => {
  await prepareDatabase(db);
});

afterAll(async () => {
  await closeDatabase();
});

test("all migrations are applied and a second run applies nothing", async () => {
  const applied = await db
    .selectFrom("kysely_migration" as never)
    .select(sql<string>`name`.as("name"))
    .execute();
  expect(applied.map((r) => r.name).sort()).toEqual(Object.keys(migrations).sort());
  expect((await prepareDatabase(db)).applied).toEqual([]);
});

test("reference data: 196 Gemeinden in 11 districts, postcodes and categories", async () => {
  const counts = await db
    .selectNoFrom((eb) => [
      eb.selectFrom("gemeinde").select(sql<number>`count(*)::int`.as("n")).as("gemeinden"),
      eb.selectFrom("gemeinde").select(sql<number>`count(distinct district_nr)::int`.as("n")).as("districts"),
      eb.selectFrom("postcode").select(sql<number>`count(*)::int`.as("n")).as("postcodes"),
      eb.selectFrom("category").select(sql<number>`count(*)::int`.as("n")).as("categories"),
    ])
    .executeTakeFirstOrThrow();
  expect(counts).toEqual({
    gemeinden: 196,
    districts: 11,
    postcodes: aargau.postcodes.length,
    categories: CATEGORIES.length,
  });
  const aarau = await db.selectFrom("gemeinde").selectAll().where("bfs_nr", "=", 4001).executeTakeFirstOrThrow();
  expect(aarau).toMatchObject({ name: "Aarau", district_name: "Bezirk Aarau" });
  expect(aarau.lat).toBeCloseTo(47.393, 2);
});

test("every postcode + locality has exactly one main Gemeinde", async () => {
  const rows = await db
    .selectFrom("postcode")
    .select(["plz", "locality", sql<number>`count(*) filter (where is_main)::int`.as("mains")])
    .groupBy(["plz", "locality"])
    .execute();
  expect(rows.length).toBeGreaterThan(200);
  expect(rows.filter((r) => r.mains !== 1)).toEqual([]);
});

test("the database rejects a Gemeinde outside Aargau and a shift that ends before it starts", async () => {
  await expect(
    sql`insert into gemeinde (bfs_nr, name, district_nr, district_name, lat, lon) values (261, 'Zürich', 112, 'Bezirk Zürich', 47.37, 8.54)`.execute(db),
  ).rejects.toThrow(/check/i);
  await expect(
    sql`insert into shift (opportunity_id, starts_at, ends_at, places) values (-1, now(), now() - interval '1 hour', 3)`.execute(db),
  ).rejects.toThrow();
});

test("the down migrations undo everything (fresh in-memory database)", async () => {
  const { db: scratch } = createDatabase({ pgliteDir: "memory://", pgliteTemplate: process.env.PGLITE_TEMPLATE });
  try {
    await prepareDatabase(scratch);
    const { Migrator, NO_MIGRATIONS } = await import("kysely");
    const migrator = new Migrator({ db: scratch, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo(NO_MIGRATIONS);
    expect(error).toBeUndefined();
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%'`.execute(scratch);
    expect(tables.rows[0].n).toBe(0);
  } finally {
    await scratch.destroy();
  }
  // every migration up and down in a fresh PGlite: ≈ 14 s on a quiet machine, 40 s+ on a loaded one
}, 120_000);

test.skipIf(getDatabaseKind() !== "postgres")("several processes migrating one fresh database at once all succeed", async () => {
  const name = `mitenand_migrate_${process.pid}_${Date.now()}`;
  await sql.raw(`create database ${name}`).execute(db);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  const instances = Array.from({ length: 4 }, () => createDatabase({ databaseUrl: url.toString(), poolSize: 2 }).db);
  try {
    const results = await Promise.all(instances.map((instance) => prepareDatabase(instance)));
    const appliedTotal = results.flatMap((r) => r.applied);
    expect(appliedTotal.sort()).toEqual(Object.keys(migrations).sort());
    const n = await instances[0].selectFrom("gemeinde").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    expect(n.n).toBe(196);
  } finally {
    await Promise.all(instances.map((instance) => instance.destroy()));
    await sql.raw(`drop database ${name}`).execute(db);
  }
  // four processes migrating a fresh database: seconds when quiet, 30 s+ on a loaded machine
}, 120_000);
