/**
 * What a volunteer profile can hold: the enums and limits shared by the profile form, the score, the database
 * migration's CHECK constraints (written out there, frozen) and db/schema.ts. Pure: safe in the browser.
 */

/** how well a volunteer speaks a language, lowest first */
export const LANGUAGE_LEVELS = ["basic", "good", "fluent", "native"] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];

/** German on the CEFR scale (the same levels opportunities ask for) or as a first language */
export const PROFILE_GERMAN_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native"] as const;
export type ProfileGermanLevel = (typeof PROFILE_GERMAN_LEVELS)[number];

export const WEEKDAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];
/** Parts of a day in Zurich time, as the search filter cuts them: before 12:00, 12:00–17:00, from 17:00. */
export const DAY_PARTS = ["morning", "afternoon", "evening"] as const;
export type DayPart = (typeof DAY_PARTS)[number];

/** the 21 checkboxes of the weekly grid, "mon-morning" … "sun-evening" (field name `availability`) */
export const AVAILABILITY_SLOTS = WEEKDAY_KEYS.flatMap((day) => DAY_PARTS.map((part) => `${day}-${part}` as const));
export type AvailabilitySlot = (typeof AVAILABILITY_SLOTS)[number];

export function slotOf(weekday: number, part: DayPart): AvailabilitySlot {
  return `${WEEKDAY_KEYS[weekday - 1]!}-${part}`;
}

/** day part of a Zurich wall-clock time "HH:MM[:SS]" */
export function dayPartOf(time: string): DayPart {
  if (time < "12:00") return "morning";
  if (time < "17:00") return "afternoon";
  return "evening";
}

export const ENGAGEMENTS = ["one_off", "regular", "any"] as const;
export type Engagement = (typeof ENGAGEMENTS)[number];

/** Age bands for people who would rather not give their year of birth; bounds in years, inclusive. */
export const AGE_BANDS = ["under_16", "16_17", "18_25", "26_64", "65_plus"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_BOUNDS: Record<AgeBand, { min: number; max: number }> = {
  under_16: { min: 0, max: 15 },
  "16_17": { min: 16, max: 17 },
  "18_25": { min: 18, max: 25 },
  "26_64": { min: 26, max: 64 },
  "65_plus": { min: 65, max: 130 },
};

export const PROFILE_LIMITS = {
  radiusKm: { min: 1, max: 100 },
  radiusDefaultKm: 15,
  /** more is not a profile, it is a typo or a script */
  languages: 12,
  skills: 10,
  skillLength: 30,
  birthYear: { min: 1900 },
} as const;

/**
 * The fields of the /me/profile form, by their `name`: the one list the form component and its parser
 * (profile.server.ts) share, so neither can grow a field the other does not know.
 */
export const PROFILE_FORM_FIELDS = [
  "bfsNr",
  "postcode",
  "radiusKm",
  "onlineOnly",
  "germanLevel",
  "languages",
  "interests",
  "skills",
  "availability",
  "engagement",
  "birthYear",
  "ageBand",
  "suggestionsOptIn",
] as const;
export type ProfileFormField = (typeof PROFILE_FORM_FIELDS)[number];

/** checkboxes (on/off) and repeated fields (lists) of the form; every other field is one string */
type ProfileFlagField = "onlineOnly" | "suggestionsOptIn";
type ProfileListField = "languages" | "interests" | "availability";

/**
 * What the form shows: the saved profile, or what was sent when it had errors (lists stay lists; languages as
 * "code:level"). Derived from PROFILE_FORM_FIELDS, so a field added there is a type error until both sides read it.
 */
export type ProfileFormValues = {
  [K in ProfileFormField]: K extends ProfileFlagField ? boolean : K extends ProfileListField ? string[] : string;
};
