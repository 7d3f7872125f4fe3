/**
 * The listing generation: a number that grows with every committed change to what the public listing pages
 * show (opportunities, shifts, schedules, organisations, reference data), bumped by triggers in the writing
 * transaction. Equal numbers mean equal public data, so caches key on it (see app/server/page-cache.server.ts).
 */
import { sql } from "kysely";
import { db } from "~db/client.server";

export async function readListingGeneration(executor = db): Promise<string> {
  const result = await sql<{ generation: string }>`
    select coalesce(sum(n), 0)::text as generation from listing_generation`.execute(executor);
  return result.rows[0]?.generation ?? "0";
}
