/**
 * The match between one volunteer profile and one published opportunity with its upcoming shifts: a score from
 * 0 to 100, the reasons that raised it and the reasons that rule the opportunity out, each as a translation key
 * (under `matching.`) with values, so every page can say *why* ("spricht Tigrinya", "4 km entfernt",
 * "Dienstagabend frei", "erste Termine in 3 Tagen"). Pure and synchronous: the candidate query
 * (recommendations.server.ts) picks the opportunities worth scoring, this decides their order.
 *
 * Hard rules (any one rules the opportunity out, and its score is 0):
 * - on site only and the volunteer is online only, or the distance between the Gemeinde centroids is beyond
 *   the travel radius (an opportunity that can also be done online is never too far);
 * - a required language the volunteer does not speak at least "good";
 * - a stated German level below the opportunity's minimum (an unstated level rules nothing out);
 * - too young for the minimum age: the year of birth says the person cannot reach that age this year, or the
 *   whole age band lies below it (no age given rules nothing out: the organisation asks);
 * - no free place left on any upcoming shift (or of a flexible opportunity's places);
 * - nothing upcoming: not flexible, and no shift starts after `now`.
 *
 * Weights (the maximum of each part; they add up to 100), and why:
 * - 20 interests: the category is one the volunteer picked. What someone wants to do matters most.
 * - 20 availability: share of the next 10 shifts that start in a free slot of the weekly grid (Zurich time,
 *   the slot a shift starts in). A listing people cannot attend is a poor suggestion; flexible ones get half.
 * - 15 languages: best level among the required and helpful languages the volunteer speaks (native and fluent
 *   full, good 0.7, basic 0.4): migrants are best helped in their language.
 * - 15 distance: full in the same Gemeinde, falling linearly to 0 at the edge of the radius; online-only
 *   opportunities full; on site beyond the radius but also online: 5.
 * - 10 starting soon: full when the first shift is within 7 days, falling to 0 at 30 days; flexible 0.
 * - 5 places left: 3 or more (or no limit) full, 1–2 places 3 points.
 * - 5 new listing: published within the last 14 days. There is no view counter; a new listing is one that few
 *   people have seen yet, so this gives new listings a chance against established ones.
 * - 5 skills: one of the volunteer's skills is one of the opportunity's tags (case and accents ignored).
 * - 5 engagement: regular ↔ recurring, one-off ↔ one-off or flexible; "either" 2.
 */
import type { GermanLevel, LocationMode, ScheduleKind } from "~db/schema";
import { utcToZurichParts } from "~/utils/zurich-time";
import {
  AGE_BAND_BOUNDS,
  PROFILE_GERMAN_LEVELS,
  slotOf,
  type AgeBand,
  type AvailabilitySlot,
  type Engagement,
  type LanguageLevel,
  type ProfileGermanLevel,
} from "./profile-fields";

export const WEIGHTS = {
  interest: 20,
  availability: 20,
  language: 15,
  distance: 15,
  soon: 10,
  places: 5,
  fresh: 5,
  skill: 5,
  engagement: 5,
} as const;

const LEVEL_FACTOR: Record<LanguageLevel, number> = { basic: 0.4, good: 0.7, fluent: 1, native: 1 };
/** a required language needs at least this level */
const REQUIRED_LEVELS: ReadonlySet<LanguageLevel> = new Set(["good", "fluent", "native"]);
const AVAILABILITY_SHIFTS = 10;
const SOON_FULL_DAYS = 7;
const SOON_ZERO_DAYS = 30;
const FRESH_DAYS = 14;
const EARTH_RADIUS_KM = 6371.0088;
const DAY_MS = 24 * 3600 * 1000;

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface MatchProfile {
  /** home Gemeinde (BFS number and centroid); null for online-only volunteers without one */
  home: ({ bfsNr: number } & GeoPoint) | null;
  radiusKm: number;
  onlineOnly: boolean;
  languages: { code: string; level: LanguageLevel }[];
  germanLevel: ProfileGermanLevel | null;
  /** category ids */
  interests: string[];
  skills: string[];
  availability: AvailabilitySlot[];
  engagement: Engagement;
  birthYear: number | null;
  ageBand: AgeBand | null;
}

export interface MatchShift {
  startsAt: Date;
  endsAt: Date;
  placesLeft: number;
}

export interface MatchOpportunity {
  categoryId: string;
  place: { bfsNr: number } & GeoPoint;
  locationMode: LocationMode;
  languagesRequired: string[];
  languagesHelpful: string[];
  germanLevel: GermanLevel | null;
  minAge: number | null;
  tags: string[];
  scheduleKind: ScheduleKind;
  publishedAt: Date;
  /** shifts that have not started yet, soonest first (earlier ones are ignored) */
  shifts: MatchShift[];
  /** places left of a flexible opportunity; null when it sets no limit */
  flexiblePlacesLeft: number | null;
}

export type ReasonKey =
  | "matching.reasons.interest"
  | "matching.reasons.speaks"
  | "matching.reasons.free"
  | "matching.reasons.flexibleTiming"
  | "matching.reasons.sameGemeinde"
  | "matching.reasons.distance"
  | "matching.reasons.online"
  | "matching.reasons.onlineToo"
  | "matching.reasons.startsSoon"
  | "matching.reasons.placesLeft"
  | "matching.reasons.fresh"
  | "matching.reasons.skill"
  | "matching.reasons.regular"
  | "matching.reasons.oneOff"
  | "matching.ruledOut.tooFar"
  | "matching.ruledOut.onSiteOnly"
  | "matching.ruledOut.requiredLanguage"
  | "matching.ruledOut.germanLevel"
  | "matching.ruledOut.minAge"
  | "matching.ruledOut.full"
  | "matching.ruledOut.nothingUpcoming";

/**
 * Values are plain: `language` is an ISO 639 code, `category` a category id, `slot` an availability slot;
 * whoever shows the reason turns those into names (formatReasons in explain.server.ts).
 */
export interface Reason {
  key: ReasonKey;
  values?: Record<string, string | number>;
}

export interface MatchResult {
  /** 0–100; 0 whenever something rules the opportunity out */
  score: number;
  /** what raised the score, biggest contribution first */
  reasons: Reason[];
  /** why this opportunity is not for this volunteer; empty when it is possible */
  ruledOut: Reason[];
}

/** great-circle distance in km between two points (haversine) */
export function distanceKm(a: GeoPoint, b: GeoPoint) {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const HOUR_MS = 3600 * 1000;
const summerTimeByYear = new Map<number, readonly [number, number]>();

/**
 * Summer time in Zurich as the EU rule has it since 1996: from the last Sunday of March, 01:00 UTC, to the
 * last Sunday of October, 01:00 UTC. Plain arithmetic: Intl (utcToZurichParts) costs ~20 µs per new hour,
 * and a recommendation looks at thousands of shifts. A test checks both agree hour by hour.
 */
function summerTime(year: number) {
  let range = summerTimeByYear.get(year);
  if (!range) {
    const lastSunday = (month: number) => {
      const d = new Date(Date.UTC(year, month + 1, 0, 1));
      return d.getTime() - d.getUTCDay() * DAY_MS;
    };
    range = [lastSunday(2), lastSunday(9)] as const;
    summerTimeByYear.set(year, range);
  }
  return range;
}

/** the availability slot a shift starts in, in Zurich time */
export function shiftSlot(startsAt: Date): AvailabilitySlot {
  const ms = startsAt.getTime();
  const [from, until] = summerTime(new Date(ms).getUTCFullYear());
  const local = new Date(ms + (ms >= from && ms < until ? 2 : 1) * HOUR_MS);
  const day = local.getUTCDay();
  const hours = local.getUTCHours();
  return slotOf(day === 0 ? 7 : day, hours < 12 ? "morning" : hours < 17 ? "afternoon" : "evening");
}

const folded = new Map<string, string>();

/** tags and skills compared without case and accents; remembered (a page scores hundreds of listings, with few
 * distinct tags, and normalize + a Unicode regex per tag was a tenth of the scoring's time) */
function fold(text: string) {
  let result = folded.get(text);
  if (result === undefined) {
    result = text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .trim()
      .toLowerCase();
    // a bound, not a cache policy: tags and skills are short and repeat; a flood of new ones starts afresh
    if (folded.size >= 10_000) folded.clear();
    folded.set(text, result);
  }
  return result;
}

export function scoreMatch(profile: MatchProfile, opportunity: MatchOpportunity, now: Date): MatchResult {
  const ruledOut: Reason[] = [];
  const scored: { points: number; reason: Reason | null }[] = [];
  const add = (points: number, reason: Reason | null) => scored.push({ points, reason });

  const shifts = opportunity.shifts.filter((s) => s.startsAt.getTime() > now.getTime());

  // --- where ---------------------------------------------------------------------------------------------
  const km = profile.home ? distanceKm(profile.home, opportunity.place) : null;
  const kmRounded = km === null ? null : Math.max(1, Math.round(km));
  const sameGemeinde = profile.home !== null && profile.home.bfsNr === opportunity.place.bfsNr;
  if (opportunity.locationMode === "remote") {
    add(WEIGHTS.distance, { key: "matching.reasons.online" });
  } else if (profile.onlineOnly) {
    if (opportunity.locationMode === "on_site") ruledOut.push({ key: "matching.ruledOut.onSiteOnly" });
    else add(WEIGHTS.distance, { key: "matching.reasons.online" });
  } else if (km !== null) {
    const within = sameGemeinde || km <= profile.radiusKm;
    if (within) {
      const points = sameGemeinde ? WEIGHTS.distance : WEIGHTS.distance * Math.max(0, 1 - km / profile.radiusKm);
      add(points, sameGemeinde ? { key: "matching.reasons.sameGemeinde" } : { key: "matching.reasons.distance", values: { km: kmRounded! } });
    } else if (opportunity.locationMode === "both") {
      add(5, { key: "matching.reasons.onlineToo" });
    } else {
      ruledOut.push({ key: "matching.ruledOut.tooFar", values: { km: kmRounded!, radius: profile.radiusKm } });
    }
  }

  // --- languages -----------------------------------------------------------------------------------------
  const levelOf = new Map(profile.languages.map((l) => [l.code, l.level]));
  for (const code of opportunity.languagesRequired) {
    const level = levelOf.get(code);
    if (!level || !REQUIRED_LEVELS.has(level)) ruledOut.push({ key: "matching.ruledOut.requiredLanguage", values: { language: code } });
  }
  let bestLanguage: { code: string; factor: number } | null = null;
  for (const code of [...opportunity.languagesRequired, ...opportunity.languagesHelpful]) {
    const level = levelOf.get(code);
    if (!level) continue;
    const factor = LEVEL_FACTOR[level];
    if (!bestLanguage || factor > bestLanguage.factor) bestLanguage = { code, factor };
  }
  if (bestLanguage) add(WEIGHTS.language * bestLanguage.factor, { key: "matching.reasons.speaks", values: { language: bestLanguage.code } });

  if (opportunity.germanLevel && profile.germanLevel) {
    const have = PROFILE_GERMAN_LEVELS.indexOf(profile.germanLevel);
    const need = PROFILE_GERMAN_LEVELS.indexOf(opportunity.germanLevel);
    if (have < need) ruledOut.push({ key: "matching.ruledOut.germanLevel", values: { level: opportunity.germanLevel } });
  }

  // --- age -----------------------------------------------------------------------------------------------
  if (opportunity.minAge !== null) {
    const year = Number(utcToZurichParts(now).date.slice(0, 4));
    // the age reached this year: someone who turns 16 in December may sign up for December's shifts
    const tooYoung =
      profile.birthYear !== null
        ? year - profile.birthYear < opportunity.minAge
        : profile.ageBand !== null && AGE_BAND_BOUNDS[profile.ageBand].max < opportunity.minAge;
    if (tooYoung) ruledOut.push({ key: "matching.ruledOut.minAge", values: { age: opportunity.minAge } });
  }

  // --- when and how many places --------------------------------------------------------------------------
  const flexible = opportunity.scheduleKind === "flexible" && shifts.length === 0;
  if (!flexible && shifts.length === 0) ruledOut.push({ key: "matching.ruledOut.nothingUpcoming" });
  const placesLeft = flexible ? opportunity.flexiblePlacesLeft : shifts.reduce((sum, s) => sum + Math.max(0, s.placesLeft), 0);
  if (shifts.length > 0 || flexible) {
    if (placesLeft === 0) ruledOut.push({ key: "matching.ruledOut.full" });
    else if (placesLeft === null || placesLeft >= 3) add(WEIGHTS.places, null);
    else add(3, { key: "matching.reasons.placesLeft", values: { count: placesLeft } });
  }

  if (flexible) {
    add(WEIGHTS.availability / 2, { key: "matching.reasons.flexibleTiming" });
  } else if (shifts.length > 0 && profile.availability.length > 0) {
    const free = new Set(profile.availability);
    const next = shifts.slice(0, AVAILABILITY_SHIFTS);
    const fitting = new Map<AvailabilitySlot, number>();
    for (const shift of next) {
      const slot = shiftSlot(shift.startsAt);
      if (free.has(slot)) fitting.set(slot, (fitting.get(slot) ?? 0) + 1);
    }
    const count = [...fitting.values()].reduce((a, b) => a + b, 0);
    if (count > 0) {
      const [slot] = [...fitting.entries()].sort((a, b) => b[1] - a[1])[0]!;
      add((WEIGHTS.availability * count) / next.length, { key: "matching.reasons.free", values: { slot } });
    }
  }

  if (shifts.length > 0) {
    const days = Math.max(0, Math.floor((shifts[0]!.startsAt.getTime() - now.getTime()) / DAY_MS));
    if (days < SOON_ZERO_DAYS) {
      const points = days <= SOON_FULL_DAYS ? WEIGHTS.soon : (WEIGHTS.soon * (SOON_ZERO_DAYS - days)) / (SOON_ZERO_DAYS - SOON_FULL_DAYS);
      add(points, { key: "matching.reasons.startsSoon", values: { count: days } });
    }
  }

  // --- what ----------------------------------------------------------------------------------------------
  if (profile.interests.includes(opportunity.categoryId)) {
    add(WEIGHTS.interest, { key: "matching.reasons.interest", values: { category: opportunity.categoryId } });
  }
  const tags = new Map(opportunity.tags.map((tag) => [fold(tag), tag]));
  const skill = profile.skills.find((s) => tags.has(fold(s)));
  if (skill !== undefined) add(WEIGHTS.skill, { key: "matching.reasons.skill", values: { skill: tags.get(fold(skill))! } });

  if (profile.engagement === "regular" && opportunity.scheduleKind === "recurring") add(WEIGHTS.engagement, { key: "matching.reasons.regular" });
  else if (profile.engagement === "one_off" && opportunity.scheduleKind !== "recurring") add(WEIGHTS.engagement, { key: "matching.reasons.oneOff" });
  else if (profile.engagement === "any") add(2, null);

  if (now.getTime() - opportunity.publishedAt.getTime() <= FRESH_DAYS * DAY_MS) add(WEIGHTS.fresh, { key: "matching.reasons.fresh" });

  if (ruledOut.length > 0) return { score: 0, reasons: [], ruledOut };
  const score = Math.min(100, Math.round(scored.reduce((sum, s) => sum + s.points, 0)));
  const reasons = scored
    .filter((s): s is { points: number; reason: Reason } => s.reason !== null && s.points > 0)
    .sort((a, b) => b.points - a.points)
    .map((s) => s.reason);
  return { score, reasons, ruledOut };
}

/** Higher score first; ties: the sooner first shift, then the lower id (stable pages). */
export function compareMatches(
  a: { score: number; firstStart: Date | null; id: number },
  b: { score: number; firstStart: Date | null; id: number },
) {
  if (a.score !== b.score) return b.score - a.score;
  const at = a.firstStart?.getTime() ?? Number.POSITIVE_INFINITY;
  const bt = b.firstStart?.getTime() ?? Number.POSITIVE_INFINITY;
  if (at !== bt) return at - bt;
  return a.id - b.id;
}
