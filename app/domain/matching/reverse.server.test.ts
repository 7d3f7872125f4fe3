/**
 * Reverse matching on the real database: only opted-in volunteers who can do the opportunity, shown with first
 * name, Gemeinde and reasons only; only the organisation's own published opportunities. Other test files share
 * the database on PostgreSQL, so each test looks for the volunteers it made (unique first names).
 */
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import {
  createOpportunity,
  createOrganisationWithOwner,
  createSessionFor,
  createShift,
  createUser,
  createVolunteerProfile,
  requestWithSession,
  uniqueSuffix,
} from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { loader as matchesLoader } from "~/routes/orgs.$slug.manage.opportunities.$id.matches";
import { firstNameOf, matchVolunteers, volunteerCandidateQuery } from "./reverse.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

/** every match, not the page's 50: rows of earlier runs share the Gemeinden and may score as high as this run's */
const ALL = 1_000_000;

const context = { cspNonce: "test", clientIp: "127.0.0.1" } as AppLoadContext;

async function volunteer(profile: Parameters<typeof createVolunteerProfile>[1] = {}) {
  const firstName = `Zora${uniqueSuffix().replace(/\d/g, "x")}`;
  const user = await createUser({ displayName: `${firstName} Geheimnachname` });
  await createVolunteerProfile(user.id, { bfs_nr: 4001, radius_km: 15, suggestions_opt_in: true, ...profile });
  return { user, firstName };
}

async function publishedWithShift(organisationId: number, overrides: Parameters<typeof createOpportunity>[0] = {}) {
  const opportunity = await createOpportunity({ organisation_id: organisationId, schedule_kind: "one_off", total_places: null, ...overrides });
  await createShift({ opportunity_id: opportunity.id });
  return opportunity;
}

test("opted-in volunteers who fit appear with first name, Gemeinde and reasons, best first; nobody else", async () => {
  const { organisation } = await createOrganisationWithOwner();
  const opportunity = await publishedWithShift(organisation.id, { bfs_nr: 4001, category_id: "atelier", languages_required: ["ar"], languages_helpful: ["ti"] });
  const best = await volunteer({ bfs_nr: 4001, interests: ["atelier"], languages: [["ar", "native"], ["ti", "good"]] });
  const good = await volunteer({ bfs_nr: 4012, languages: [["ar", "good"]] });
  const notOptedIn = await volunteer({ suggestions_opt_in: false, languages: [["ar", "native"]] });
  const noArabic = await volunteer({ languages: [["ar", "basic"]] });
  const tooFar = await volunteer({ bfs_nr: 4258, radius_km: 10, languages: [["ar", "native"]] });
  const onlineOnly = await volunteer({ bfs_nr: null, online_only: true, languages: [["ar", "native"]] });

  const result = await matchVolunteers({ opportunityId: opportunity.id, organisationId: organisation.id, limit: ALL });
  const names = [best, good, notOptedIn, noArabic, tooFar, onlineOnly].map((v) => v.firstName);
  const mine = result!.matches.filter((m) => names.includes(m.firstName));
  expect(mine.map((m) => m.firstName)).toEqual([best.firstName, good.firstName]);
  expect(mine[0]).toEqual({
    userId: best.user.id,
    firstName: best.firstName,
    gemeindeName: "Aarau",
    onlineOnly: false,
    score: expect.any(Number),
    reasons: expect.arrayContaining([{ key: "matching.reasons.interest", values: { category: "atelier" } }]),
  });
  // nothing else about the person: no email, no surname, no id
  const shown = JSON.stringify(result);
  expect(shown).not.toContain("Geheimnachname");
  expect(shown).not.toContain(best.user.email);
  expect(shown).not.toContain(`"${best.user.id}"`);
});

test("withdrawing the opt-in removes the volunteer from the matches at once", async () => {
  const { organisation } = await createOrganisationWithOwner();
  const opportunity = await publishedWithShift(organisation.id);
  const v = await volunteer();
  const names = async () => (await matchVolunteers({ opportunityId: opportunity.id, organisationId: organisation.id, limit: ALL }))!.matches.map((m) => m.firstName);
  expect(await names()).toContain(v.firstName);
  await db.updateTable("volunteer_profile").set({ suggestions_opt_in: false }).where("user_id", "=", v.user.id).execute();
  expect(await names()).not.toContain(v.firstName);
});

test("an online-only volunteer matches an opportunity that can be done online", async () => {
  const { organisation } = await createOrganisationWithOwner();
  const opportunity = await publishedWithShift(organisation.id, { bfs_nr: 4289, location_mode: "remote" });
  const v = await volunteer({ bfs_nr: null, online_only: true });
  const result = await matchVolunteers({ opportunityId: opportunity.id, organisationId: organisation.id, limit: ALL });
  expect(result!.matches.find((m) => m.firstName === v.firstName)).toMatchObject({ gemeindeName: null, onlineOnly: true });
});

test("only the organisation's own published opportunities: another's or a draft is null", async () => {
  const { organisation } = await createOrganisationWithOwner();
  const other = await createOrganisationWithOwner();
  const opportunity = await publishedWithShift(organisation.id);
  const draft = await createOpportunity({ organisation_id: organisation.id, status: "draft" });
  expect(await matchVolunteers({ opportunityId: opportunity.id, organisationId: other.organisation.id })).toBeNull();
  expect(await matchVolunteers({ opportunityId: draft.id, organisationId: organisation.id })).toBeNull();
});

test("the matches page: 404 for another organisation's opportunity, 403 for people outside the organisation", async () => {
  const { organisation, token } = await createOrganisationWithOwner();
  const other = await createOrganisationWithOwner();
  const opportunity = await publishedWithShift(organisation.id);
  const foreign = await publishedWithShift(other.organisation.id);
  const v = await volunteer();
  const call = async (tokenToUse: string, slug: string, id: number) => {
    const request = requestWithSession(tokenToUse, `/orgs/${slug}/manage/opportunities/${id}/matches`);
    try {
      return await matchesLoader({ request, params: { slug, id: String(id) }, context });
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  };
  const page = await call(token, organisation.slug, opportunity.id);
  if (page instanceof Response) throw new Error(`unexpected ${page.status}`);
  expect(page.matches.find((m) => m.firstName === v.firstName)?.reasons).toEqual(expect.arrayContaining(["Wohnt in derselben Gemeinde"]));
  expect(((await call(token, organisation.slug, foreign.id)) as Response).status).toBe(404);
  const outsider = await createUser();
  expect(((await call(await createSessionFor(outsider.id), organisation.slug, opportunity.id)) as Response).status).toBe(403);
});

test("an organisation sees only the first word of a display name", () => {
  expect(firstNameOf("  Amanuel   Tesfay Ghebre ")).toBe("Amanuel");
  expect(firstNameOf("Ayşe")).toBe("Ayşe");
});

test("the candidate query reads only volunteers whose own radius reaches an on-site opportunity, interested ones first", async () => {
  const place = { bfsNr: 4001, lat: 0, lon: 0 };
  const aarau = (await db.selectFrom("gemeinde").select(["lat", "lon"]).where("bfs_nr", "=", 4001).executeTakeFirstOrThrow());
  Object.assign(place, aarau);
  const sameGemeinde = await volunteer({ bfs_nr: 4001, radius_km: 1 });
  const reaches = await volunteer({ bfs_nr: 4258, radius_km: 40 }); // Rheinfelden, ≈ 25 km from Aarau
  const tooFar = await volunteer({ bfs_nr: 4258, radius_km: 10 });
  // the interested one is the oldest profile: only the interest can put it first
  const interested = await volunteer({ bfs_nr: 4012, interests: ["uebersetzen"] });
  await db.updateTable("volunteer_profile").set({ updated_at: new Date(Date.now() - 365 * 24 * 3600 * 1000) }).where("user_id", "=", interested.user.id).execute();
  const mine = [sameGemeinde, reaches, tooFar, interested].map((v) => v.user.id);

  const query = (locationMode: "on_site" | "both") =>
    volunteerCandidateQuery({ opportunity: { categoryId: "uebersetzen", locationMode, languagesRequired: [], place }, limit: 100_000 })
      .execute(db)
      .then((r) => r.rows.map((row) => row.user_id).filter((id) => mine.includes(id)));
  const onSite = await query("on_site");
  expect(onSite[0]).toBe(interested.user.id);
  expect(new Set(onSite)).toEqual(new Set([interested.user.id, sameGemeinde.user.id, reaches.user.id]));
  // one that can also be done online reaches everybody
  expect(new Set(await query("both"))).toEqual(new Set(mine));
});
