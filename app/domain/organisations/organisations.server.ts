/**
 * Organisations: creating one (its creator becomes the owner), editing the profile, finding one by slug, the
 * public profile with its published opportunities, and "my organisations". Functions that change something take
 * the acting user and match only rows that user may change (owner membership is part of the query).
 */
import { sql, type Kysely, type Transaction } from "kysely";
import { db } from "~db/client.server";
import type { Database, OpportunityStatus, OrganisationRole } from "~db/schema";
import { recordAudit } from "~/domain/audit/audit.server";
import type { Locale } from "~/i18n/config";
import { forbidden } from "~/utils/http";
import { slugify, type OrganisationInput } from "./organisation-input";

type Executor = Kysely<Database> | Transaction<Database>;

export interface OrganisationActor {
  id: number;
  emailVerified: boolean;
}

/** Slugs that are paths of their own under /orgs. */
const RESERVED_SLUGS = new Set(["new"]);
const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function columns(input: OrganisationInput) {
  return {
    name: input.name,
    kind: input.kind,
    bfs_nr: input.bfsNr,
    description: input.description,
    website: input.website,
    contact_email: input.contactEmail,
    contact_phone: input.contactPhone,
  };
}

/** The first free slug of base, base-2, base-3 … (ignoring reserved ones). */
async function freeSlug(trx: Executor, base: string, skip: ReadonlySet<string> = new Set()) {
  const taken = new Set(
    (
      await trx
        .selectFrom("organisation")
        .select("slug")
        .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
        .execute()
    ).map((row) => row.slug),
  );
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(candidate) && !skip.has(candidate) && !RESERVED_SLUGS.has(candidate)) return candidate;
  }
}

/** Any verified user may create an organisation; they become its owner. Slug from the name, made unique. */
export async function createOrganisation({ actor, input, ip }: { actor: OrganisationActor; input: OrganisationInput; ip?: string }) {
  if (!actor.emailVerified) forbidden();
  const base = slugify(input.name);
  return db.transaction().execute(async (trx) => {
    const tried = new Set<string>();
    // another organisation may take the same slug between the lookup and the insert: then try the next one
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = await freeSlug(trx, base, tried);
      tried.add(slug);
      const organisation = await trx
        .insertInto("organisation")
        .values({ slug, ...columns(input) })
        .onConflict((oc) => oc.column("slug").doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!organisation) continue;
      await trx.insertInto("organisation_member").values({ organisation_id: organisation.id, user_id: actor.id, role: "owner" }).execute();
      await recordAudit(
        { action: "organisation.created", actorUserId: actor.id, subjectType: "organisation", subjectId: organisation.id, ip, details: { slug } },
        trx,
      );
      return organisation;
    }
    throw new Error(`no free slug for "${base}"`);
  });
}

function ownerOf(trx: Executor, orgId: number, userId: number) {
  return trx
    .selectFrom("organisation_member")
    .select("organisation_id")
    .where("organisation_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("role", "=", "owner");
}

/** Owners only: the profile changes, the slug (its URL) stays. Null when the actor is not an owner of orgId. */
export async function updateOrganisation({
  orgId,
  actor,
  input,
  ip,
}: {
  orgId: number;
  actor: { id: number };
  input: OrganisationInput;
  ip?: string;
}) {
  return db.transaction().execute(async (trx) => {
    const organisation = await trx
      .updateTable("organisation")
      .set({ ...columns(input), updated_at: sql`now()` })
      .where("id", "=", orgId)
      .where("id", "in", ownerOf(trx, orgId, actor.id))
      .returningAll()
      .executeTakeFirst();
    if (!organisation) return null;
    await recordAudit({ action: "organisation.updated", actorUserId: actor.id, subjectType: "organisation", subjectId: orgId, ip }, trx);
    return organisation;
  });
}

export async function getOrganisationBySlug({ slug }: { slug: string }) {
  if (!SLUG_PATTERN.test(slug) || slug.length > 80) return null;
  return (await db.selectFrom("organisation").selectAll().where("slug", "=", slug).executeTakeFirst()) ?? null;
}

/** What anybody may see of an organisation: its profile and its published opportunities. */
export async function getPublicOrganisation({ slug, locale }: { slug: string; locale: Locale }) {
  if (!SLUG_PATTERN.test(slug) || slug.length > 80) return null;
  const organisation = await db
    .selectFrom("organisation as o")
    .innerJoin("gemeinde as g", "g.bfs_nr", "o.bfs_nr")
    .select([
      "o.id",
      "o.slug",
      "o.name",
      "o.kind",
      "o.bfs_nr as bfsNr",
      "g.name as gemeindeName",
      "o.description",
      "o.website",
      "o.contact_email as contactEmail",
      "o.contact_phone as contactPhone",
      "o.verified_at as verifiedAt",
    ])
    .where("o.slug", "=", slug)
    .where("o.archived_at", "is", null)
    .executeTakeFirst();
  if (!organisation) return null;
  const opportunities = await db
    .selectFrom("opportunity as op")
    .innerJoin("gemeinde as g", "g.bfs_nr", "op.bfs_nr")
    .innerJoin("category as c", "c.id", "op.category_id")
    .select((eb) => [
      "op.id",
      "op.title",
      "op.summary",
      "g.name as gemeindeName",
      eb.ref(locale === "de" ? "c.label_de" : "c.label_en").as("categoryLabel"),
      "op.published_at as publishedAt",
    ])
    .where("op.organisation_id", "=", organisation.id)
    .where("op.status", "=", "published")
    .orderBy("op.published_at", "desc")
    .orderBy("op.id", "desc")
    .execute();
  return { organisation, opportunities: opportunities.map((o) => ({ ...o, publishedAt: o.publishedAt as Date })) };
}

export interface MyOrganisation {
  id: number;
  slug: string;
  name: string;
  kind: string;
  gemeindeName: string;
  role: OrganisationRole;
  verifiedAt: Date | null;
  counts: Partial<Record<OpportunityStatus, number>>;
}

/** The organisations the user belongs to, with their role and how many opportunities are in each status. */
/** Whether the person belongs to any organisation (the header shows "My organisations" only then). */
export async function listMyOrganisations({ userId }: { userId: number }): Promise<MyOrganisation[]> {
  const rows = await db
    .selectFrom("organisation_member as m")
    .innerJoin("organisation as o", "o.id", "m.organisation_id")
    .innerJoin("gemeinde as g", "g.bfs_nr", "o.bfs_nr")
    .select(["o.id", "o.slug", "o.name", "o.kind", "g.name as gemeindeName", "m.role", "o.verified_at as verifiedAt"])
    .where("m.user_id", "=", userId)
    .orderBy("o.name")
    .execute();
  if (rows.length === 0) return [];
  const counts = await db
    .selectFrom("opportunity")
    .select(["organisation_id", "status", sql<number>`count(*)::int`.as("count")])
    .where(
      "organisation_id",
      "in",
      rows.map((r) => r.id),
    )
    .groupBy(["organisation_id", "status"])
    .execute();
  return rows.map((row) => ({
    ...row,
    counts: Object.fromEntries(counts.filter((c) => c.organisation_id === row.id).map((c) => [c.status, c.count])),
  }));
}

/**
 * The organisations (not archived) of which the user is the only owner: deleting their account would leave
 * each without anybody who can manage or archive its listings.
 */
export async function listSolelyOwnedOrganisations({ userId }: { userId: number }, executor: Executor = db) {
  return executor
    .selectFrom("organisation_member as m")
    .innerJoin("organisation as o", "o.id", "m.organisation_id")
    .select(["o.id", "o.slug", "o.name"])
    .where("m.user_id", "=", userId)
    .where("m.role", "=", "owner")
    .where("o.archived_at", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("organisation_member as other")
            .select("other.user_id")
            .whereRef("other.organisation_id", "=", "o.id")
            .where("other.role", "=", "owner")
            .whereRef("other.user_id", "<>", "m.user_id"),
        ),
      ),
    )
    .orderBy("o.name")
    .execute();
}

/**
 * Owners only: archives the organisation and every listing of it that is not archived yet, in one transaction.
 * Null when the actor is not an owner (or the organisation is unknown or archived already).
 */
export async function archiveOrganisation({ orgId, actor, ip }: { orgId: number; actor: { id: number }; ip?: string }) {
  return db.transaction().execute(async (trx) => {
    const organisation = await trx
      .updateTable("organisation")
      .set({ archived_at: sql`now()`, updated_at: sql`now()` })
      .where("id", "=", orgId)
      .where("archived_at", "is", null)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom("organisation_member")
            .select("user_id")
            .where("organisation_id", "=", orgId)
            .where("user_id", "=", actor.id)
            .where("role", "=", "owner"),
        ),
      )
      .returning(["id", "slug", "name"])
      .executeTakeFirst();
    if (!organisation) return null;
    const archived = await trx
      .updateTable("opportunity")
      .set({ status: "archived", updated_at: sql`now()` })
      .where("organisation_id", "=", orgId)
      .where("status", "<>", "archived")
      .returning("id")
      .execute();
    await recordAudit(
      {
        action: "organisation.archived",
        actorUserId: actor.id,
        subjectType: "organisation",
        subjectId: orgId,
        ip,
        details: { opportunitiesArchived: archived.length },
      },
      trx,
    );
    return organisation;
  });
}
