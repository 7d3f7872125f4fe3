import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import aargau from "~db/data/aargau.json";
import {
  addOrganisationMember,
  createOpportunity,
  createOrganisationWithOwner,
  createUser,
  uniqueSuffix,
} from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { slugify, type OrganisationInput } from "./organisation-input";
import { organisationInputSchema } from "./organisation-input.server";
import {
  createOrganisation,
  getOrganisationBySlug,
  getPublicOrganisation,
  listMyOrganisations,
  updateOrganisation,
} from "./organisations.server";
import { parseFormWithKeys } from "./parse-form.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const schema = organisationInputSchema({ bfsNumbers: new Set(aargau.gemeinden.map((g) => g.bfs_nr)) });

function form(overrides: Record<string, string | undefined> = {}) {
  const formData = new FormData();
  const fields = { name: `Verein Zäme ${uniqueSuffix()}`, kind: "verein", bfsNr: "4001", description: "Wir treffen uns.", ...overrides };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) formData.append(key, value);
  return parseFormWithKeys(schema, formData);
}

function input(overrides: Record<string, string | undefined> = {}): OrganisationInput {
  const result = form(overrides);
  if (!result.success) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

test("slugs fold umlauts and accents into kebab case", () => {
  expect(slugify("Verein Zäme z'Brugg")).toBe("verein-zaeme-z-brugg");
  expect(slugify("Bibliothèque Öffentlich – Straße 5")).toBe("bibliotheque-oeffentlich-strasse-5");
  expect(slugify("!!!")).toBe("organisation");
  expect(slugify("a".repeat(200)).length).toBe(70);
});

test("the profile form: Gemeinde must be in Aargau, website http(s), phone and email plausible", () => {
  const keys = (overrides: Record<string, string | undefined>) => {
    const result = form(overrides);
    return result.success ? {} : Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, v.map((e) => e.key)]));
  };
  expect(keys({ bfsNr: "261" })).toEqual({ bfsNr: ["org.errors.gemeinde"] });
  expect(keys({ bfsNr: "" })).toEqual({ bfsNr: ["org.errors.gemeinde"] });
  expect(keys({ website: "javascript:alert(1)" })).toEqual({ website: ["org.errors.website"] });
  expect(keys({ website: "ftp://example.ch" })).toEqual({ website: ["org.errors.website"] });
  expect(keys({ website: "kein link" })).toEqual({ website: ["org.errors.website"] });
  expect(keys({ contactPhone: "ruf an" })).toEqual({ contactPhone: ["org.errors.phone"] });
  expect(keys({ contactEmail: "nope" })).toEqual({ contactEmail: ["validation.email"] });
  expect(keys({ kind: "sekte" })).toEqual({ kind: ["validation.invalidChoice"] });
  expect(keys({ name: "x" })).toEqual({ name: ["validation.tooShort"] });
  expect(keys({ description: "x".repeat(1024 * 1024) })).toEqual({ description: ["validation.tooLong"] });
  expect(input({ website: "www.zaeme.ch", contactPhone: "+41 62 123 45 67", contactEmail: "Info@Zaeme.CH" })).toMatchObject({
    website: "https://www.zaeme.ch",
    contactPhone: "+41 62 123 45 67",
    contactEmail: "info@zaeme.ch",
  });
});

test("a verified user creates an organisation and becomes its owner; the slug is made unique", async () => {
  const user = await createUser();
  const name = `Verein Zäme ${uniqueSuffix()}`;
  const first = await createOrganisation({ actor: { id: user.id, emailVerified: true }, input: input({ name }) });
  const second = await createOrganisation({ actor: { id: user.id, emailVerified: true }, input: input({ name }) });
  expect(first.slug).toBe(slugify(name));
  expect(second.slug).toBe(`${slugify(name)}-2`);
  const membership = await db.selectFrom("organisation_member").selectAll().where("organisation_id", "=", first.id).execute();
  expect(membership).toEqual([expect.objectContaining({ user_id: user.id, role: "owner" })]);
  const audit = await db.selectFrom("audit_event").select("action").where("subject_type", "=", "organisation").where("subject_id", "=", String(first.id)).execute();
  expect(audit).toEqual([{ action: "organisation.created" }]);
  expect((await getOrganisationBySlug({ slug: first.slug }))?.id).toBe(first.id);
  expect(await getOrganisationBySlug({ slug: "Nicht Gültig" })).toBeNull();
});

test("an organisation named like a path of its own gets a different slug", async () => {
  const user = await createUser();
  const org = await createOrganisation({ actor: { id: user.id, emailVerified: true }, input: input({ name: "New" }) });
  expect(org.slug).not.toBe("new");
  expect(org.slug).toMatch(/^new-\d+$/);
});

test("an unverified user cannot create an organisation", async () => {
  const user = await createUser({ verified: false });
  const error = await createOrganisation({ actor: { id: user.id, emailVerified: false }, input: input() }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Response);
  expect((error as Response).status).toBe(403);
});

test("only owners update the profile; the slug stays", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const editor = await createUser();
  await addOrganisationMember(organisation.id, editor.id, "editor");
  const stranger = (await createOrganisationWithOwner()).owner;
  expect(await updateOrganisation({ orgId: organisation.id, actor: editor, input: input({ name: "Gekapert" }) })).toBeNull();
  expect(await updateOrganisation({ orgId: organisation.id, actor: stranger, input: input({ name: "Gekapert" }) })).toBeNull();
  const updated = await updateOrganisation({ orgId: organisation.id, actor: owner, input: input({ name: "Neuer Name", bfsNr: "4201" }) });
  expect(updated).toMatchObject({ name: "Neuer Name", bfs_nr: 4201, slug: organisation.slug });
});

test("the public profile shows only published opportunities", async () => {
  const { organisation } = await createOrganisationWithOwner({ bfs_nr: 4201 });
  const published = await createOpportunity({ organisation_id: organisation.id, status: "published" });
  await createOpportunity({ organisation_id: organisation.id, status: "draft", published_at: null });
  await createOpportunity({ organisation_id: organisation.id, status: "submitted", published_at: null });
  const profile = await getPublicOrganisation({ slug: organisation.slug, locale: "en" });
  expect(profile?.organisation).toMatchObject({ name: organisation.name, gemeindeName: "Lenzburg", verifiedAt: null });
  expect(profile?.opportunities.map((o) => o.id)).toEqual([published.id]);
  expect(profile?.opportunities[0].categoryLabel).toBe("Conversation group");
  expect(await getPublicOrganisation({ slug: `gibt-es-nicht-${uniqueSuffix()}`, locale: "de" })).toBeNull();
});

test("my organisations: with role and counts per status", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const other = await createOrganisationWithOwner();
  await addOrganisationMember(other.organisation.id, owner.id, "editor");
  await createOpportunity({ organisation_id: organisation.id, status: "draft", published_at: null });
  await createOpportunity({ organisation_id: organisation.id, status: "draft", published_at: null });
  await createOpportunity({ organisation_id: organisation.id, status: "published" });
  const mine = await listMyOrganisations({ userId: owner.id });
  expect(mine.map((o) => [o.id, o.role]).sort()).toEqual(
    [
      [organisation.id, "owner"],
      [other.organisation.id, "editor"],
    ].sort(),
  );
  expect(mine.find((o) => o.id === organisation.id)?.counts).toEqual({ draft: 2, published: 1 });
  expect(await listMyOrganisations({ userId: (await createUser()).id })).toEqual([]);
});
