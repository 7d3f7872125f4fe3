/**
 * The matching routes called as Remix calls them (a POST with the session cookie): the profile form saves only
 * the signed-in person's profile; bad input comes back as field-level message keys with a 400, never a 500,
 * and nothing is saved; "not for me" on a foreign or missing listing is a 404.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createOpportunity, createSessionFor, createShift, createUser, createVolunteerProfile, requestWithSession } from "~/testing/factories.server";
import { callRouteWith, type RouteHandler } from "~/testing/route-call.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { loader as dashboardLoader } from "./me._index";
import { action as profileAction, loader as profileLoader } from "./me.profile";
import { action as recommendationsAction, loader as recommendationsLoader } from "./me.recommendations";
import { loader as opportunityLoader } from "./opportunities.$id";
import { scoreCandidates } from "~/domain/matching/recommendations.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

function profileForm(overrides: Record<string, string | string[] | undefined> = {}) {
  const fields: Record<string, string | string[] | undefined> = {
    bfsNr: "4012",
    postcode: "",
    radiusKm: "12",
    germanLevel: "B2",
    languages: ["", "ti:native", "", "en:good", ""],
    interests: ["konversationsgruppe", "atelier"],
    skills: "Nähen, Kochen",
    availability: ["tue-evening", "sat-morning"],
    engagement: "regular",
    birthYear: "1990",
    ageBand: "",
    suggestionsOptIn: "on",
    ...overrides,
  };
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  }
  return form;
}

async function signedIn() {
  const user = await createUser();
  return { user, token: await createSessionFor(user.id) };
}

function postProfile(token: string, form: FormData) {
  return callRouteWith(profileAction, requestWithSession(token, "/me/profile", { method: "POST", body: form }));
}

async function savedProfile(userId: number) {
  const profile = await db.selectFrom("volunteer_profile").selectAll().where("user_id", "=", userId).executeTakeFirst();
  const languages = await db.selectFrom("volunteer_language").select(["language", "level"]).where("user_id", "=", userId).orderBy("language").execute();
  return profile ? { ...profile, languages } : null;
}

test("the profile form saves every field and leads to the recommendations", async () => {
  const { user, token } = await signedIn();
  const result = await postProfile(token, profileForm());
  expect(result.status).toBe(302);
  expect(result.location).toBe("/me/recommendations");
  const saved = await savedProfile(user.id);
  expect(saved).toMatchObject({
    bfs_nr: 4012,
    radius_km: 12,
    online_only: false,
    german_level: "B2",
    interests: ["konversationsgruppe", "atelier"],
    skills: ["Nähen", "Kochen"],
    availability: ["tue-evening", "sat-morning"],
    engagement: "regular",
    birth_year: 1990,
    age_band: null,
    suggestions_opt_in: true,
    languages: [
      { language: "en", level: "good" },
      { language: "ti", level: "native" },
    ],
  });

  // saving again replaces the languages and can withdraw the opt-in (an unticked box sends nothing)
  await postProfile(token, profileForm({ languages: ["ar:basic"], suggestionsOptIn: undefined }));
  const again = await savedProfile(user.id);
  expect(again?.languages).toEqual([{ language: "ar", level: "basic" }]);
  expect(again?.suggestions_opt_in).toBe(false);

  const loaded = await callRouteWith(profileLoader, requestWithSession(token, "/me/profile"));
  expect(loaded.body.hasProfile).toBe(true);
  expect((loaded.body.values as { languages: string[] }).languages).toEqual(["ar:basic"]);
});

test("a postcode without a chosen Gemeinde is mapped to its Gemeinde; an unknown one is a field error", async () => {
  const { user, token } = await signedIn();
  expect((await postProfile(token, profileForm({ bfsNr: "", postcode: "5000" }))).status).toBe(302);
  expect((await savedProfile(user.id))?.bfs_nr).toBe(4001);

  const other = await signedIn();
  const unknown = await postProfile(other.token, profileForm({ bfsNr: "", postcode: "8001" }));
  expect(unknown.status).toBe(400);
  expect(unknown.errors?.postcode?.[0]?.key).toBe("matching.profile.errors.postcodeUnknown");
  expect(await savedProfile(other.user.id)).toBeNull();
});

test("bad input: field-level messages with a 400, and nothing saved", async () => {
  const { user, token } = await signedIn();
  const fiftyLanguages = Array.from({ length: 50 }, (_, i) => `${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}:good`);
  const cases: [Record<string, string | string[] | undefined>, string, string][] = [
    [{ radiusKm: "-1" }, "radiusKm", "validation.tooSmall"],
    [{ radiusKm: "10000" }, "radiusKm", "validation.tooBig"],
    [{ radiusKm: "zehn" }, "radiusKm", "validation.invalid"],
    [{ languages: ["xx:good"] }, "languages", "matching.profile.errors.language"],
    [{ languages: ["ti:perfect"] }, "languages", "matching.profile.errors.language"],
    [{ languages: fiftyLanguages }, "languages", "matching.profile.errors.language"],
    [{ availability: ["mon-night"] }, "availability", "matching.profile.errors.availability"],
    [{ interests: ["hacking"] }, "interests", "validation.invalidChoice"],
    [{ bfsNr: "9999" }, "bfsNr", "validation.invalidChoice"],
    [{ bfsNr: "", postcode: "" }, "bfsNr", "matching.profile.errors.placeRequired"],
    [{ postcode: "50" , bfsNr: ""}, "postcode", "matching.profile.errors.postcode"],
    [{ germanLevel: "D1" }, "germanLevel", "validation.invalidChoice"],
    [{ engagement: "sometimes" }, "engagement", "validation.invalidChoice"],
    [{ birthYear: "1850" }, "birthYear", "matching.profile.errors.birthYear"],
    [{ birthYear: "3000" }, "birthYear", "matching.profile.errors.birthYear"],
    [{ ageBand: "ancient" }, "ageBand", "validation.invalidChoice"],
    [{ skills: Array.from({ length: 11 }, (_, i) => `Skill${i}`).join(", ") }, "skills", "matching.profile.errors.tooManySkills"],
    [{ suggestionsOptIn: "yes" }, "suggestionsOptIn", "validation.invalid"],
  ];
  for (const [overrides, field, key] of cases) {
    const result = await postProfile(token, profileForm(overrides));
    expect({ overrides, status: result.status, key: result.errors?.[field]?.[0]?.key }).toEqual({ overrides, status: 400, key });
  }
  // every real language at once: more than the limit
  const allLanguages = ["en", "fr", "it", "rm", "es", "pt", "sq", "sr", "hr", "bs", "mk", "tr", "ku"].map((code) => `${code}:good`);
  const tooMany = await postProfile(token, profileForm({ languages: allLanguages }));
  expect(tooMany.errors?.languages?.[0]).toEqual({ key: "matching.profile.errors.tooManyLanguages", values: { maximum: 12 } });
  expect(await savedProfile(user.id)).toBeNull();
  // the form comes back with what was sent, lists included
  const back = await postProfile(token, profileForm({ radiusKm: "-1" }));
  expect((back.body.values as { availability: string[] }).availability).toEqual(["tue-evening", "sat-morning"]);
});

test("a forged user id in the form changes nothing of that user: the profile is always the session's own", async () => {
  const victim = await createUser();
  await createVolunteerProfile(victim.id, { suggestions_opt_in: false });
  const { user, token } = await signedIn();
  const form = profileForm({ suggestionsOptIn: "on" });
  form.append("userId", String(victim.id));
  form.append("user_id", String(victim.id));
  expect((await postProfile(token, form)).status).toBe(302);
  expect((await savedProfile(victim.id))?.suggestions_opt_in).toBe(false);
  expect((await savedProfile(user.id))?.suggestions_opt_in).toBe(true);
});

test("the profile and recommendation pages need a login", async () => {
  for (const [loader, path] of [
    [profileLoader, "/me/profile"],
    [recommendationsLoader, "/me/recommendations"],
    [dashboardLoader, "/me"],
  ] as const) {
    const result = await callRouteWith(loader as RouteHandler, new Request(`http://localhost${path}`));
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/login\?redirectTo=/);
  }
});

test("without a profile the overview and recommendations prompt for one instead of an empty page", async () => {
  const { token } = await signedIn();
  const dashboard = await callRouteWith(dashboardLoader, requestWithSession(token, "/me"));
  expect(dashboard.body).toMatchObject({ hasProfile: false, top: [] });
  const recommendations = await callRouteWith(recommendationsLoader, requestWithSession(token, "/me/recommendations"));
  expect(recommendations.body.hasProfile).toBe(false);
});

test("'not for me' and undo through the route; a draft or missing listing is a 404, junk a 400", async () => {
  const { user, token } = await signedIn();
  await createVolunteerProfile(user.id, { bfs_nr: 4258, radius_km: 3 });
  const opportunity = await createOpportunity({ bfs_nr: 4258, schedule_kind: "flexible", total_places: 3 });
  const post = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return callRouteWith(recommendationsAction, requestWithSession(token, "/me/recommendations", { method: "POST", body: form }));
  };
  const dismissed = await post({ intent: "dismiss", opportunityId: String(opportunity.id), back: "/me" });
  expect(dismissed).toMatchObject({ status: 302, location: "/me" });
  const page = await callRouteWith(recommendationsLoader, requestWithSession(token, "/me/recommendations"));
  expect((page.body.items as { id: number }[]).map((i) => i.id)).not.toContain(opportunity.id);
  expect(page.body.dismissed).toEqual([{ id: opportunity.id, title: opportunity.title }]);

  expect(await post({ intent: "undo", opportunityId: String(opportunity.id), back: "https://evil.example/" })).toMatchObject({
    status: 302,
    location: "/me/recommendations",
  });
  const after = await callRouteWith(recommendationsLoader, requestWithSession(token, "/me/recommendations"));
  expect(after.body.dismissed).toEqual([]);
  // recommended again: asked for this listing only (the page's first 20 may be other files' listings nearby)
  expect((await scoreCandidates({ userId: user.id, only: [opportunity.id] })).scored.map((s) => s.id)).toEqual([opportunity.id]);

  const draft = await createOpportunity({ status: "draft" });
  expect((await post({ intent: "dismiss", opportunityId: String(draft.id) })).status).toBe(404);
  expect((await post({ intent: "dismiss", opportunityId: "0" })).status).toBe(400);
  expect((await post({ intent: "delete-everything", opportunityId: String(opportunity.id) })).status).toBe(400);
});

test("the opportunity page explains the match to a signed-in volunteer with a profile, to nobody else", async () => {
  const { user, token } = await signedIn();
  await createVolunteerProfile(user.id, { bfs_nr: 4258, radius_km: 3, interests: ["atelier"], languages: [["ti", "native"]] });
  const opportunity = await createOpportunity({ bfs_nr: 4258, category_id: "atelier", languages_helpful: ["ti"], schedule_kind: "one_off", total_places: null });
  await createShift({ opportunity_id: opportunity.id });
  const params = { id: String(opportunity.id) };

  const mine = await callRouteWith(opportunityLoader, requestWithSession(token, `/opportunities/${opportunity.id}`), { params });
  const fit = mine.body.fit as { score: number; reasons: string[]; ruledOut: string[] };
  expect(fit.ruledOut).toEqual([]);
  expect(fit.reasons).toEqual(expect.arrayContaining(["Interessiert dich: Atelier", "Du sprichst Tigrinya", "In deiner Gemeinde"]));
  expect(fit.score).toBeGreaterThan(50);

  const anonymous = await callRouteWith(opportunityLoader, new Request(`http://localhost/opportunities/${opportunity.id}`), { params });
  expect(anonymous.body.fit).toBeNull();
  const noProfile = await signedIn();
  expect((await callRouteWith(opportunityLoader, requestWithSession(noProfile.token, `/opportunities/${opportunity.id}`), { params })).body.fit).toBeNull();
});
