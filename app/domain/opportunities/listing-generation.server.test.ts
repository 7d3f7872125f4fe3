import type { Kysely, Transaction } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db, getDatabaseKind } from "~db/client.server";
import type { Database } from "~db/schema";
import { createOpportunity, uniqueEmail } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { readListingGeneration } from "./listing-generation.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

/**
 * How far `change` moves the generation, seen from inside its own repeatable-read transaction: on PostgreSQL
 * other test files write to the same tables at the same time, and this keeps their commits out of the count.
 */
async function generationMove(change: (trx: Transaction<Database>) => Promise<unknown>) {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      const before = BigInt(await readListingGeneration(trx as Kysely<Database>));
      await change(trx);
      return BigInt(await readListingGeneration(trx as Kysely<Database>)) - before;
    });
}

test("every change to opportunities, shifts and organisations moves the listing generation on", async () => {
  const opportunity = await createOpportunity();
  const starts = new Date(Date.now() + 7 * 86_400_000);
  const changes = [
    (trx: Transaction<Database>) => trx.updateTable("opportunity").set({ title: "Sprachcafé neu" }).where("id", "=", opportunity.id).execute(),
    (trx: Transaction<Database>) =>
      trx.insertInto("shift").values({ opportunity_id: opportunity.id, starts_at: starts, ends_at: new Date(starts.getTime() + 3_600_000), places: 3 }).execute(),
    (trx: Transaction<Database>) => trx.deleteFrom("shift").where("opportunity_id", "=", opportunity.id).execute(),
    (trx: Transaction<Database>) => trx.updateTable("organisation").set({ name: "Verein Neu" }).where("id", "=", opportunity.organisation_id).execute(),
    (trx: Transaction<Database>) =>
      trx.updateTable("opportunity").set({ status: "archived", archived_at: new Date() }).where("id", "=", opportunity.id).execute(),
  ];
  for (const change of changes) expect(await generationMove(change)).toBeGreaterThan(0n);
});

test("changes the public pages don't show (accounts) leave it alone", async () => {
  const moved = await generationMove((trx) =>
    trx.insertInto("app_user").values({ email: uniqueEmail(), display_name: "Nur ein Konto", password_hash: null }).execute(),
  );
  expect(moved).toBe(0n);
});

test.runIf(getDatabaseKind() === "pglite")("a rolled-back change leaves it alone", async () => {
  const opportunity = await createOpportunity();
  const before = await readListingGeneration();
  await db
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable("opportunity").set({ title: "wird verworfen" }).where("id", "=", opportunity.id).execute();
      throw new Error("roll back");
    })
    .catch(() => {});
  expect(await readListingGeneration()).toBe(before);
});
