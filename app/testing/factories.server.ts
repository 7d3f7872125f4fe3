/**
 * Test data factories: each call makes fresh, unique rows, so tests never depend on each other's data
 * (on PostgreSQL several test files share one database). Overrides set any column.
 */
import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import { db } from "~db/client.server";
import type { NewOpportunity, NewOrganisation, OrganisationTable, OpportunityTable, ShiftTable } from "~db/schema";

export function uniqueSuffix() {
  return randomUUID().slice(0, 8);
}

export async function createOrganisation(overrides: Partial<NewOrganisation> = {}) {
  const suffix = uniqueSuffix();
  const values: Insertable<OrganisationTable> = {
    slug: `test-org-${suffix}`,
    name: `Testverein ${suffix}`,
    kind: "verein",
    bfs_nr: 4001,
    description: "Ein Verein für Tests.",
    ...overrides,
  };
  return db.insertInto("organisation").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function createOpportunity(overrides: Partial<NewOpportunity> = {}) {
  const organisationId = overrides.organisation_id ?? (await createOrganisation()).id;
  const status = overrides.status ?? "published";
  const values: Insertable<OpportunityTable> = {
    organisation_id: organisationId,
    title: `Konversationsgruppe ${uniqueSuffix()}`,
    summary: "Gemeinsam Deutsch sprechen.",
    description: "Wir treffen uns jede Woche.",
    category_id: "konversationsgruppe",
    bfs_nr: 4001,
    schedule_kind: "flexible",
    total_places: 5,
    status,
    published_at: status === "published" ? new Date() : null,
    ...overrides,
  };
  return db.insertInto("opportunity").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function createShift(overrides: Partial<Insertable<ShiftTable>> & { opportunity_id: number }) {
  const starts = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  return db
    .insertInto("shift")
    .values({ starts_at: starts, ends_at: new Date(starts.getTime() + 2 * 3600 * 1000), places: 4, ...overrides })
    .returningAll()
    .executeTakeFirstOrThrow();
}
