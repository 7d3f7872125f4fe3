import { expect, test } from "vitest";
import { dayPartOf, slotOf } from "./profile-fields";
import { utcToZurichParts, zurichToUtc } from "~/utils/zurich-time";
import { compareMatches, distanceKm, scoreMatch, shiftSlot, type MatchOpportunity, type MatchProfile, type MatchResult } from "./score";

// Monday 1 March 2027, 10:00 in Zurich
const NOW = zurichToUtc("2027-03-01", "10:00");

const AARAU = { bfsNr: 4001, lat: 47.39331, lon: 8.05836 };
const SUHR = { bfsNr: 4012, lat: 47.37504, lon: 8.084 };
const BADEN = { bfsNr: 4021, lat: 47.46745, lon: 8.28636 };
const RHEINFELDEN = { bfsNr: 4258, lat: 47.55592, lon: 7.80463 };

function profile(overrides: Partial<MatchProfile> = {}): MatchProfile {
  return {
    home: SUHR,
    radiusKm: 10,
    onlineOnly: false,
    languages: [],
    germanLevel: "C1",
    interests: [],
    skills: [],
    availability: [],
    engagement: "any",
    birthYear: null,
    ageBand: null,
    ...overrides,
  };
}

function shift(date: string, start: string, end: string, placesLeft = 4) {
  return { startsAt: zurichToUtc(date, start), endsAt: zurichToUtc(date, end), placesLeft };
}

/** Tuesday evenings 18:30–20:00 from 2 March, weekly */
function tuesdayEvenings(weeks = 4, placesLeft = 4) {
  return Array.from({ length: weeks }, (_, i) => shift(`2027-03-${String(2 + 7 * i).padStart(2, "0")}`, "18:30", "20:00", placesLeft));
}

function opportunity(overrides: Partial<MatchOpportunity> = {}): MatchOpportunity {
  return {
    categoryId: "konversationsgruppe",
    place: AARAU,
    locationMode: "on_site",
    languagesRequired: [],
    languagesHelpful: [],
    germanLevel: null,
    minAge: null,
    tags: [],
    scheduleKind: "recurring",
    publishedAt: zurichToUtc("2027-01-10", "09:00"),
    shifts: tuesdayEvenings(),
    flexiblePlacesLeft: null,
    ...overrides,
  };
}

const keys = (result: MatchResult) => result.reasons.map((r) => r.key);
const ruledOutKeys = (result: MatchResult) => result.ruledOut.map((r) => r.key);

// --- hard rules: one test each ------------------------------------------------------------------------------

test("beyond the travel radius rules an on-site opportunity out, with the distance and the radius", () => {
  const result = scoreMatch(profile({ home: AARAU, radiusKm: 10 }), opportunity({ place: BADEN }), NOW);
  expect(result.score).toBe(0);
  expect(result.ruledOut).toEqual([{ key: "matching.ruledOut.tooFar", values: { km: 19, radius: 10 } }]);
  expect(result.reasons).toEqual([]);
});

test("an opportunity that can also be done online is never too far", () => {
  const result = scoreMatch(profile({ home: AARAU, radiusKm: 10 }), opportunity({ place: BADEN, locationMode: "both" }), NOW);
  expect(result.ruledOut).toEqual([]);
  expect(keys(result)).toContain("matching.reasons.onlineToo");
});

test("an online-only volunteer is ruled out of on-site opportunities, not of remote ones", () => {
  const online = profile({ home: null, onlineOnly: true });
  expect(ruledOutKeys(scoreMatch(online, opportunity(), NOW))).toEqual(["matching.ruledOut.onSiteOnly"]);
  const remote = scoreMatch(online, opportunity({ locationMode: "remote", place: RHEINFELDEN }), NOW);
  expect(remote.ruledOut).toEqual([]);
  expect(keys(remote)).toContain("matching.reasons.online");
});

test("a required language the volunteer does not speak rules it out, naming the language", () => {
  const result = scoreMatch(profile(), opportunity({ languagesRequired: ["ar"] }), NOW);
  expect(result.ruledOut).toEqual([{ key: "matching.ruledOut.requiredLanguage", values: { language: "ar" } }]);
});

test("a required language spoken only at a basic level is not enough; good is", () => {
  const basic = scoreMatch(profile({ languages: [{ code: "ar", level: "basic" }] }), opportunity({ languagesRequired: ["ar"] }), NOW);
  expect(ruledOutKeys(basic)).toEqual(["matching.ruledOut.requiredLanguage"]);
  const good = scoreMatch(profile({ languages: [{ code: "ar", level: "good" }] }), opportunity({ languagesRequired: ["ar"] }), NOW);
  expect(good.ruledOut).toEqual([]);
});

test("a stated German level below the opportunity's minimum rules it out; an unstated one does not", () => {
  const low = scoreMatch(profile({ germanLevel: "A2" }), opportunity({ germanLevel: "B2" }), NOW);
  expect(low.ruledOut).toEqual([{ key: "matching.ruledOut.germanLevel", values: { level: "B2" } }]);
  expect(scoreMatch(profile({ germanLevel: "B2" }), opportunity({ germanLevel: "B2" }), NOW).ruledOut).toEqual([]);
  expect(scoreMatch(profile({ germanLevel: "native" }), opportunity({ germanLevel: "C2" }), NOW).ruledOut).toEqual([]);
  expect(scoreMatch(profile({ germanLevel: null }), opportunity({ germanLevel: "C2" }), NOW).ruledOut).toEqual([]);
});

test("below the minimum age by year of birth rules it out; turning that age this year does not", () => {
  const young = scoreMatch(profile({ birthYear: 2012 }), opportunity({ minAge: 16 }), NOW);
  expect(young.ruledOut).toEqual([{ key: "matching.ruledOut.minAge", values: { age: 16 } }]);
  // born 2011: turns 16 in 2027
  expect(scoreMatch(profile({ birthYear: 2011 }), opportunity({ minAge: 16 }), NOW).ruledOut).toEqual([]);
});

test("an age band entirely below the minimum age rules it out; a band that reaches it, or no age, does not", () => {
  expect(ruledOutKeys(scoreMatch(profile({ ageBand: "16_17" }), opportunity({ minAge: 18 }), NOW))).toEqual(["matching.ruledOut.minAge"]);
  expect(scoreMatch(profile({ ageBand: "18_25" }), opportunity({ minAge: 18 }), NOW).ruledOut).toEqual([]);
  expect(scoreMatch(profile(), opportunity({ minAge: 18 }), NOW).ruledOut).toEqual([]);
});

test("no free place on any upcoming shift rules it out", () => {
  const result = scoreMatch(profile(), opportunity({ shifts: tuesdayEvenings(3, 0) }), NOW);
  expect(result.ruledOut).toEqual([{ key: "matching.ruledOut.full" }]);
});

test("a flexible opportunity with no places left is full; one without a limit is not", () => {
  const flexible = { scheduleKind: "flexible" as const, shifts: [] };
  expect(ruledOutKeys(scoreMatch(profile(), opportunity({ ...flexible, flexiblePlacesLeft: 0 }), NOW))).toEqual(["matching.ruledOut.full"]);
  expect(scoreMatch(profile(), opportunity({ ...flexible, flexiblePlacesLeft: null }), NOW).ruledOut).toEqual([]);
});

test("nothing upcoming rules it out: shifts that already started do not count", () => {
  const past = [shift("2027-02-23", "18:30", "20:00"), shift("2027-03-01", "09:00", "12:00")];
  const result = scoreMatch(profile(), opportunity({ shifts: past }), NOW);
  expect(result.ruledOut).toEqual([{ key: "matching.ruledOut.nothingUpcoming" }]);
});

test("several hard rules are all named", () => {
  const result = scoreMatch(profile({ home: AARAU, germanLevel: "A1" }), opportunity({ place: RHEINFELDEN, languagesRequired: ["ti"], germanLevel: "B1" }), NOW);
  expect(ruledOutKeys(result).sort()).toEqual(["matching.ruledOut.germanLevel", "matching.ruledOut.requiredLanguage", "matching.ruledOut.tooFar"]);
});

// --- weighted parts: one test each ---------------------------------------------------------------------------

test("an interest in the category adds 20 points and says so", () => {
  const without = scoreMatch(profile(), opportunity(), NOW);
  const withInterest = scoreMatch(profile({ interests: ["konversationsgruppe"] }), opportunity(), NOW);
  expect(withInterest.score - without.score).toBe(20);
  expect(withInterest.reasons[0]).toEqual({ key: "matching.reasons.interest", values: { category: "konversationsgruppe" } });
});

test("a helpful language counts by level: native and fluent full, good 0.7, basic 0.4", () => {
  // same Gemeinde: whole distance points, so only the language part is fractional
  const base = scoreMatch(profile({ home: AARAU }), opportunity({ languagesHelpful: ["ti"] }), NOW).score;
  const at = (level: "basic" | "good" | "fluent" | "native") =>
    scoreMatch(profile({ home: AARAU, languages: [{ code: "ti", level }] }), opportunity({ languagesHelpful: ["ti"] }), NOW);
  expect(at("native").score - base).toBe(15);
  expect(at("fluent").score - base).toBe(15);
  expect(at("good").score - base).toBe(11);
  expect(at("basic").score - base).toBe(6);
  expect(at("native").reasons).toContainEqual({ key: "matching.reasons.speaks", values: { language: "ti" } });
});

test("availability: the share of the next shifts that start in a free slot, named by the slot", () => {
  const all = scoreMatch(profile({ availability: ["tue-evening"] }), opportunity(), NOW);
  const none = scoreMatch(profile({ availability: ["tue-morning"] }), opportunity(), NOW);
  expect(all.score - none.score).toBe(20);
  expect(all.reasons).toContainEqual({ key: "matching.reasons.free", values: { slot: "tue-evening" } });
  expect(keys(none)).not.toContain("matching.reasons.free");
  const half = [...tuesdayEvenings(2), shift("2027-03-04", "09:00", "11:00"), shift("2027-03-11", "09:00", "11:00")];
  const partly = scoreMatch(profile({ availability: ["tue-evening"] }), opportunity({ shifts: half }), NOW);
  const partlyNone = scoreMatch(profile({ availability: ["sun-morning"] }), opportunity({ shifts: half }), NOW);
  expect(partly.score - partlyNone.score).toBe(10);
});

test("availability slots follow Zurich wall-clock time across the change to summer time", () => {
  // 28 March 2027 is the change; 17:00 Zurich is 16:00 UTC before and 15:00 UTC after
  expect(shiftSlot(zurichToUtc("2027-03-23", "17:00"))).toBe("tue-evening");
  expect(shiftSlot(zurichToUtc("2027-03-30", "17:00"))).toBe("tue-evening");
  expect(shiftSlot(new Date("2027-03-30T15:00:00Z"))).toBe("tue-evening");
  expect(shiftSlot(new Date("2027-03-30T14:59:00Z"))).toBe("tue-afternoon");
  expect(shiftSlot(zurichToUtc("2027-03-28", "11:59"))).toBe("sun-morning");
});

test("distance: same Gemeinde full points, then linear to the edge of the radius", () => {
  const same = scoreMatch(profile({ home: AARAU }), opportunity({ place: AARAU }), NOW);
  const near = scoreMatch(profile({ home: SUHR, radiusKm: 10 }), opportunity({ place: AARAU }), NOW);
  const far = scoreMatch(profile({ home: AARAU, radiusKm: 20 }), opportunity({ place: BADEN }), NOW);
  expect(same.reasons).toContainEqual({ key: "matching.reasons.sameGemeinde" });
  expect(near.reasons).toContainEqual({ key: "matching.reasons.distance", values: { km: 3 } });
  expect(same.score).toBeGreaterThan(near.score);
  expect(near.score).toBeGreaterThan(far.score);
  expect(same.score - near.score).toBe(Math.round(15 * (distanceKm(SUHR, AARAU) / 10)));
});

test("starting soon: full within 7 days, nothing from 30 days on", () => {
  const soon = scoreMatch(profile(), opportunity(), NOW);
  const later = scoreMatch(profile(), opportunity({ shifts: [shift("2027-04-20", "18:30", "20:00", 9)] }), NOW);
  expect(soon.reasons).toContainEqual({ key: "matching.reasons.startsSoon", values: { count: 1 } });
  expect(keys(later)).not.toContain("matching.reasons.startsSoon");
  expect(soon.score - later.score).toBe(10);
});

test("few places left add fewer points and say how many", () => {
  const plenty = scoreMatch(profile(), opportunity({ shifts: [shift("2027-03-02", "18:30", "20:00", 5)] }), NOW);
  const few = scoreMatch(profile(), opportunity({ shifts: [shift("2027-03-02", "18:30", "20:00", 2)] }), NOW);
  expect(plenty.score - few.score).toBe(2);
  expect(few.reasons).toContainEqual({ key: "matching.reasons.placesLeft", values: { count: 2 } });
});

test("a listing published in the last 14 days gets a small boost", () => {
  const fresh = scoreMatch(profile(), opportunity({ publishedAt: zurichToUtc("2027-02-20", "09:00") }), NOW);
  const old = scoreMatch(profile(), opportunity(), NOW);
  expect(fresh.score - old.score).toBe(5);
  expect(keys(fresh)).toContain("matching.reasons.fresh");
});

test("a skill matching a tag adds points, ignoring case and accents", () => {
  const result = scoreMatch(profile({ skills: ["nahen"] }), opportunity({ tags: ["Nähen", "Deutsch"] }), NOW);
  expect(result.reasons).toContainEqual({ key: "matching.reasons.skill", values: { skill: "Nähen" } });
  expect(result.score - scoreMatch(profile(), opportunity({ tags: ["Nähen"] }), NOW).score).toBe(5);
});

test("engagement: regular fits recurring, one-off fits one-off and flexible", () => {
  expect(keys(scoreMatch(profile({ engagement: "regular" }), opportunity(), NOW))).toContain("matching.reasons.regular");
  expect(keys(scoreMatch(profile({ engagement: "one_off" }), opportunity(), NOW))).not.toContain("matching.reasons.oneOff");
  const oneOff = opportunity({ scheduleKind: "one_off", shifts: [shift("2027-03-06", "10:00", "14:00")] });
  expect(keys(scoreMatch(profile({ engagement: "one_off" }), oneOff, NOW))).toContain("matching.reasons.oneOff");
  expect(scoreMatch(profile({ engagement: "regular" }), opportunity(), NOW).score - scoreMatch(profile({ engagement: "one_off" }), opportunity(), NOW).score).toBe(5);
});

test("a flexible opportunity gets half the availability points", () => {
  const result = scoreMatch(profile(), opportunity({ scheduleKind: "flexible", shifts: [], flexiblePlacesLeft: 5 }), NOW);
  expect(result.reasons).toContainEqual({ key: "matching.reasons.flexibleTiming" });
});

// --- hand-made cases: the whole score and the ranking --------------------------------------------------------

test("the perfect match scores 100", () => {
  const result = scoreMatch(
    profile({ home: AARAU, languages: [{ code: "ti", level: "native" }], interests: ["konversationsgruppe"], skills: ["Gesprächsleitung"], availability: ["tue-evening"], engagement: "regular" }),
    opportunity({ languagesHelpful: ["ti"], tags: ["gesprächsleitung"], publishedAt: zurichToUtc("2027-02-25", "09:00") }),
    NOW,
  );
  expect(result.score).toBe(100);
  expect(result.ruledOut).toEqual([]);
});

test("the score stays within 0 and 100 and reasons come biggest first", () => {
  const result = scoreMatch(profile({ interests: ["konversationsgruppe"], availability: ["tue-evening"] }), opportunity(), NOW);
  expect(result.score).toBeGreaterThan(0);
  expect(result.score).toBeLessThanOrEqual(100);
  expect(keys(result).slice(0, 2)).toEqual(["matching.reasons.free", "matching.reasons.interest"]);
});

test("an empty profile still ranks nearby and soon above far and late", () => {
  const empty = profile({ home: AARAU, radiusKm: 30, germanLevel: null });
  const nearSoon = scoreMatch(empty, opportunity({ place: AARAU }), NOW);
  const farLate = scoreMatch(empty, opportunity({ place: BADEN, shifts: [shift("2027-04-27", "18:30", "20:00")] }), NOW);
  expect(nearSoon.score).toBeGreaterThan(farLate.score);
});

test("the Tigrinya speaker in Suhr, free on Tuesday evenings, gets the Aarau conversation group first", () => {
  const volunteer = profile({
    home: SUHR,
    radiusKm: 15,
    languages: [{ code: "ti", level: "native" }, { code: "en", level: "good" }],
    availability: ["tue-evening", "thu-evening"],
    interests: ["konversationsgruppe", "begleitung-im-alltag"],
  });
  const candidates = [
    { id: 1, o: opportunity({ languagesHelpful: ["ti"] }) },
    { id: 2, o: opportunity({ place: BADEN, languagesHelpful: ["ti"] }) },
    { id: 3, o: opportunity({ categoryId: "atelier", shifts: [shift("2027-03-03", "09:00", "11:00")] }) },
    { id: 4, o: opportunity({ categoryId: "begleitung-im-alltag", scheduleKind: "flexible", shifts: [], flexiblePlacesLeft: 2 }) },
    { id: 5, o: opportunity({ place: SUHR, categoryId: "kinderbetreuung", shifts: [shift("2027-03-06", "09:00", "12:00")] }) },
  ];
  const ranked = candidates
    .map(({ id, o }) => ({ id, firstStart: o.shifts[0]?.startsAt ?? null, ...scoreMatch(volunteer, o, NOW) }))
    .filter((r) => r.ruledOut.length === 0)
    .sort(compareMatches);
  expect(ranked.map((r) => r.id)).toEqual([1, 4, 5, 3]);
  expect(ranked[0]!.reasons.map((r) => r.key)).toEqual(
    expect.arrayContaining(["matching.reasons.speaks", "matching.reasons.free", "matching.reasons.distance", "matching.reasons.startsSoon"]),
  );
});

test("the Arabic speaker without a car: the remote translation job beats the far atelier", () => {
  const volunteer = profile({ home: RHEINFELDEN, radiusKm: 5, languages: [{ code: "ar", level: "native" }], interests: ["atelier", "uebersetzen"] });
  const atelier = scoreMatch(volunteer, opportunity({ categoryId: "atelier", languagesHelpful: ["ar"] }), NOW);
  const translate = scoreMatch(volunteer, opportunity({ categoryId: "uebersetzen", locationMode: "remote", languagesRequired: ["ar"], scheduleKind: "flexible", shifts: [] }), NOW);
  expect(ruledOutKeys(atelier)).toEqual(["matching.ruledOut.tooFar"]);
  expect(translate.score).toBeGreaterThan(40);
});

test("a pensioner who prefers mornings: the weekday morning beats the Saturday evening", () => {
  const volunteer = profile({ ageBand: "65_plus", availability: ["mon-morning", "tue-morning", "wed-morning", "thu-morning", "fri-morning"] });
  const morning = scoreMatch(volunteer, opportunity({ shifts: [shift("2027-03-03", "09:00", "11:00"), shift("2027-03-10", "09:00", "11:00")] }), NOW);
  const saturday = scoreMatch(volunteer, opportunity({ shifts: [shift("2027-03-06", "19:00", "21:00"), shift("2027-03-13", "19:00", "21:00")] }), NOW);
  expect(morning.score - saturday.score).toBe(20);
});

test("a 17-year-old sees youth work but not the 18+ night shift", () => {
  const volunteer = profile({ birthYear: 2010, interests: ["freizeit-und-sport"] });
  expect(scoreMatch(volunteer, opportunity({ categoryId: "freizeit-und-sport", minAge: 16 }), NOW).ruledOut).toEqual([]);
  expect(ruledOutKeys(scoreMatch(volunteer, opportunity({ categoryId: "freizeit-und-sport", minAge: 18 }), NOW))).toEqual(["matching.ruledOut.minAge"]);
});

test("a German learner at A2 is not offered German course support that needs C1", () => {
  const volunteer = profile({ germanLevel: "A2", languages: [{ code: "fa", level: "native" }], interests: ["deutschkurs-begleitung"] });
  expect(ruledOutKeys(scoreMatch(volunteer, opportunity({ categoryId: "deutschkurs-begleitung", germanLevel: "C1" }), NOW))).toEqual(["matching.ruledOut.germanLevel"]);
  expect(scoreMatch(volunteer, opportunity({ categoryId: "treffpunkt", languagesHelpful: ["fa"], germanLevel: "A2" }), NOW).score).toBeGreaterThan(30);
});

test("the full Saturday market stand is ruled out even though everything else fits", () => {
  const volunteer = profile({ home: AARAU, interests: ["treffpunkt"], availability: ["sat-morning"] });
  const result = scoreMatch(volunteer, opportunity({ categoryId: "treffpunkt", shifts: [shift("2027-03-06", "09:00", "12:00", 0)] }), NOW);
  expect(result).toEqual({ score: 0, reasons: [], ruledOut: [{ key: "matching.ruledOut.full" }] });
});

test("a full first shift does not rule out a series with places later on", () => {
  const shifts = [shift("2027-03-02", "18:30", "20:00", 0), shift("2027-03-09", "18:30", "20:00", 1)];
  const result = scoreMatch(profile(), opportunity({ shifts }), NOW);
  expect(result.ruledOut).toEqual([]);
  expect(result.reasons).toContainEqual({ key: "matching.reasons.placesLeft", values: { count: 1 } });
});

test("a volunteer willing to travel 50 km gets Rheinfelden, ranked below the same job nearby", () => {
  const volunteer = profile({ home: AARAU, radiusKm: 50, interests: ["atelier"] });
  const rheinfelden = scoreMatch(volunteer, opportunity({ categoryId: "atelier", place: RHEINFELDEN }), NOW);
  const aarau = scoreMatch(volunteer, opportunity({ categoryId: "atelier", place: AARAU }), NOW);
  expect(rheinfelden.ruledOut).toEqual([]);
  expect(aarau.score).toBeGreaterThan(rheinfelden.score);
});

test("ties go to the sooner first shift, then the lower id", () => {
  const a = { score: 50, firstStart: new Date("2027-03-05T10:00:00Z"), id: 9 };
  const b = { score: 50, firstStart: new Date("2027-03-04T10:00:00Z"), id: 10 };
  const c = { score: 50, firstStart: null, id: 1 };
  const d = { score: 70, firstStart: null, id: 2 };
  expect([a, b, c, d].sort(compareMatches).map((x) => x.id)).toEqual([2, 10, 9, 1]);
});

test("an online-only volunteer's best match is a remote listing, with 'online' as a reason", () => {
  const volunteer = profile({ home: null, onlineOnly: true, interests: ["uebersetzen"], languages: [{ code: "uk", level: "native" }] });
  const result = scoreMatch(volunteer, opportunity({ categoryId: "uebersetzen", locationMode: "remote", languagesHelpful: ["uk"] }), NOW);
  expect(keys(result).slice(0, 3)).toEqual(expect.arrayContaining(["matching.reasons.interest", "matching.reasons.online", "matching.reasons.speaks"]));
  expect(result.score).toBeGreaterThanOrEqual(60);
});

test("the distance between Gemeinde centroids is the great-circle distance", () => {
  expect(distanceKm(AARAU, AARAU)).toBe(0);
  expect(distanceKm(AARAU, SUHR)).toBeCloseTo(2.8, 1);
  expect(distanceKm(AARAU, BADEN)).toBeCloseTo(distanceKm(BADEN, AARAU), 9);
  expect(distanceKm(AARAU, BADEN)).toBeGreaterThan(18);
  expect(distanceKm(AARAU, BADEN)).toBeLessThan(20);
});

test("the fast slot arithmetic agrees with Intl's Europe/Zurich for every quarter hour of 2026–2028", () => {
  const start = Date.UTC(2026, 0, 1);
  const end = Date.UTC(2029, 0, 1);
  const disagreements: string[] = [];
  for (let ms = start; ms < end; ms += 15 * 60_000) {
    const instant = new Date(ms);
    const parts = utcToZurichParts(instant);
    if (shiftSlot(instant) !== slotOf(parts.weekday, dayPartOf(parts.time))) disagreements.push(instant.toISOString());
  }
  expect(disagreements).toEqual([]);
});
