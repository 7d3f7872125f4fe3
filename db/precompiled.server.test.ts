import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createUser } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { precompile } from "./precompiled.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

test("a precompiled query is built once and runs with each call's values, as the builder would", async () => {
  const [anna, ben] = [await createUser(), await createUser()];
  let builds = 0;
  const byIdAndEmail = precompile((id: number, email: string) => {
    builds++;
    return db.selectFrom("app_user").select(["id", "email"]).where("id", "=", id).where("email", "=", email);
  }, [-1, "\u0000email"]);
  expect((await byIdAndEmail(db, anna.id, anna.email)).rows).toEqual([{ id: anna.id, email: anna.email }]);
  expect((await byIdAndEmail(db, ben.id, ben.email)).rows).toEqual([{ id: ben.id, email: ben.email }]);
  expect((await byIdAndEmail(db, anna.id, ben.email)).rows).toEqual([]);
  expect(builds).toBe(1);
  // inside a transaction too
  await db.transaction().execute(async (trx) => {
    expect((await byIdAndEmail(trx, ben.id, ben.email)).rows).toHaveLength(1);
  });
});

test("a placeholder that does not become exactly one parameter is refused, before anything runs", async () => {
  const unused = precompile((id: number, _email: string) => db.selectFrom("app_user").select("id").where("id", "=", id), [-1, "x"]);
  await expect(unused(db, 1, "x")).rejects.toThrow(/placeholder/);
  const inlined = precompile((id: number) => db.selectFrom("app_user").select("id").where(sql.raw<boolean>(`id = ${id}`)), [-1]);
  await expect(inlined(db, 1)).rejects.toThrow(/placeholder/);
  const same = precompile((a: number, b: number) => db.selectFrom("app_user").select("id").where("id", "=", a).where("id", "=", b), [-1, -1]);
  await expect(same(db, 1, 2)).rejects.toThrow(/placeholder/);
});
