/**
 * Matching profiles of the demo volunteers freiwillig1–6: varied places, languages and free times, so each sees
 * different recommendations. All opted in to suggestions from organisations except freiwillig5; freiwillig6
 * (who reads Mitenand in English) only does online work. Fictional people.
 */
import type { AgeBand, AvailabilitySlot, Engagement, LanguageLevel, ProfileGermanLevel } from "../../app/domain/matching/profile-fields";

export interface DemoProfile {
  /** the local part of the demo account's address (freiwillig1 …) */
  account: string;
  bfsNr: number | null;
  radiusKm: number;
  onlineOnly: boolean;
  germanLevel: ProfileGermanLevel;
  languages: [string, LanguageLevel][];
  interests: string[];
  skills: string[];
  availability: AvailabilitySlot[];
  engagement: Engagement;
  birthYear: number | null;
  ageBand: AgeBand | null;
  suggestionsOptIn: boolean;
}

const weekdays = ["mon", "tue", "wed", "thu", "fri"] as const;

export const DEMO_PROFILES: DemoProfile[] = [
  {
    // the Tigrinya speaker from Suhr with free Tuesday evenings (the example)
    account: "freiwillig1",
    bfsNr: 4012,
    radiusKm: 15,
    onlineOnly: false,
    germanLevel: "C1",
    languages: [["ti", "native"], ["en", "good"]],
    interests: ["konversationsgruppe", "treffpunkt", "begleitung-im-alltag"],
    skills: ["Kochen"],
    availability: ["tue-evening", "thu-evening", "sat-morning"],
    engagement: "regular",
    birthYear: 1988,
    ageBand: null,
    suggestionsOptIn: true,
  },
  {
    account: "freiwillig2",
    bfsNr: 4021,
    radiusKm: 10,
    onlineOnly: false,
    germanLevel: "B2",
    languages: [["ar", "native"], ["fr", "good"]],
    interests: ["kinderbetreuung", "lern-und-aufgabenhilfe", "atelier"],
    skills: ["Nähen"],
    availability: ["mon-afternoon", "wed-afternoon", "fri-afternoon", "sat-afternoon"],
    engagement: "any",
    birthYear: null,
    ageBand: "26_64",
    suggestionsOptIn: true,
  },
  {
    account: "freiwillig3",
    bfsNr: 4095,
    radiusKm: 20,
    onlineOnly: false,
    germanLevel: "B2",
    languages: [["prs", "native"], ["fa", "fluent"]],
    interests: ["uebersetzen", "begleitung-im-alltag", "treffpunkt"],
    skills: [],
    availability: weekdays.map((d) => `${d}-evening` as const),
    engagement: "one_off",
    birthYear: 1995,
    ageBand: null,
    suggestionsOptIn: true,
  },
  {
    account: "freiwillig4",
    bfsNr: 4082,
    radiusKm: 15,
    onlineOnly: false,
    germanLevel: "native",
    languages: [["tr", "native"], ["sq", "good"]],
    interests: ["organisation-und-administration", "deutschkurs-begleitung"],
    skills: ["Buchhaltung"],
    availability: weekdays.map((d) => `${d}-morning` as const),
    engagement: "regular",
    birthYear: null,
    ageBand: "65_plus",
    suggestionsOptIn: true,
  },
  {
    account: "freiwillig5",
    bfsNr: 4289,
    radiusKm: 10,
    onlineOnly: false,
    germanLevel: "C1",
    languages: [["ta", "native"]],
    interests: ["kinderbetreuung", "freizeit-und-sport"],
    skills: [],
    availability: ["sat-morning", "sat-afternoon", "sun-morning", "sun-afternoon"],
    engagement: "any",
    birthYear: 2000,
    ageBand: null,
    suggestionsOptIn: false,
  },
  {
    account: "freiwillig6",
    bfsNr: null,
    radiusKm: 15,
    onlineOnly: true,
    germanLevel: "B2",
    languages: [["uk", "native"], ["ru", "fluent"], ["en", "fluent"]],
    interests: ["deutschkurs-begleitung", "begleitung-im-alltag"],
    skills: [],
    availability: weekdays.map((d) => `${d}-evening` as const),
    engagement: "any",
    birthYear: 1979,
    ageBand: null,
    suggestionsOptIn: true,
  },
];
