/**
 * What an organisation may enter for an opportunity: the limits, field names and types that the opportunity form
 * and its action share, and the form values shown again after a failed submission. Pure (no zod): the form's
 * components import it, so it is in the browser bundle; the zod schema that checks a submission is
 * opportunity-input.server.ts.
 */
import type { WaitlistMode } from "~/domain/signups/status";
import type { GermanLevel, LocationMode, TargetGroup } from "~db/schema";

/**
 * Languages an opportunity can name as helpful or required (ISO 639-1, or 639-3 where 639-1 has none: "prs"
 * Dari). Curated for integration work in Aargau: the national languages, English and the languages of the
 * largest groups of migrants and refugees. German has its own field (the level).
 */
export const LANGUAGE_CODES = [
  "en", "fr", "it", "rm", "es", "pt", "sq", "sr", "hr", "bs", "mk", "tr", "ku", "ar", "fa", "prs", "ps", "ti",
  "am", "so", "ta", "uk", "ru", "pl", "ro", "zh", "vi", "tl",
] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export const MAX_SHIFT_ROWS = 20;
/** Empty one-off rows a new form shows (without JavaScript a button adds more). */
export const DEFAULT_SHIFT_ROWS = 3;
export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 30;
export const PLACES_MIN = 1;
export const PLACES_MAX = 500;
/** How far ahead dates may lie: a typo like 2062 is caught, and recurring series stay bounded. */
export const MAX_DAYS_AHEAD = 2 * 366;

export const LIMITS = {
  title: { min: 3, max: 120 },
  summary: 300,
  description: 10_000,
  address: 200,
  contactName: 120,
  contactEmail: 254,
  tags: 1000,
} as const;

export interface InputReference {
  categoryIds: ReadonlySet<string>;
  /** BFS numbers of the Aargau Gemeinden (the `gemeinde` table) */
  bfsNumbers: ReadonlySet<number>;
  now: Date;
}

export interface OneOffShiftInput {
  /** YYYY-MM-DD and HH:MM, Zurich wall-clock time */
  date: string;
  start: string;
  end: string;
  places: number;
}

export type ScheduleInput =
  | { kind: "one_off"; shifts: OneOffShiftInput[] }
  | {
      kind: "recurring";
      /** ISO weekday, 1 = Monday */
      weekday: number;
      start: string;
      end: string;
      firstDate: string;
      lastDate: string | null;
      places: number;
    }
  | { kind: "flexible"; totalPlaces: number | null };

export interface OpportunityInput {
  title: string;
  summary: string;
  description: string;
  categoryId: string;
  bfsNr: number;
  address: string | null;
  addressPrivate: boolean;
  locationMode: LocationMode;
  languagesHelpful: LanguageCode[];
  languagesRequired: LanguageCode[];
  germanLevel: GermanLevel | null;
  tags: string[];
  targetGroups: TargetGroup[];
  minAge: number | null;
  contactName: string | null;
  contactEmail: string | null;
  needsConfirmation: boolean;
  /** sign-ups: a freed place goes to the waitlist at once ("auto") or is offered for offerHours ("offer") */
  waitlistMode: WaitlistMode;
  offerHours: number;
  schedule: ScheduleInput;
}

export const shiftFieldNames = (row: number) => ({
  date: `shiftDate${row}`,
  start: `shiftStart${row}`,
  end: `shiftEnd${row}`,
  places: `shiftPlaces${row}`,
});

/** Keywords as the organisation typed them (spaces tidied), without repeats that differ only in case. */
export function splitTags(value: string | undefined) {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const tag of (value ?? "").split(",").map((t) => t.trim().replace(/\s+/g, " "))) {
    const key = tag.toLocaleLowerCase("de-CH");
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

/** Values the form shows: strings, and lists for the checkbox groups. */
export type OpportunityFormValues = Record<string, string | string[]>;

const LIST_FIELDS = new Set(["languagesHelpful", "languagesRequired", "targetGroups"]);

/** A submitted form as values to show again (all values of a checkbox group, long texts cut). */
export function formValuesFrom(formData: FormData): OpportunityFormValues {
  const values: OpportunityFormValues = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string").map((v) => v.slice(0, LIMITS.description + 10));
    values[key] = LIST_FIELDS.has(key) ? all.slice(0, 50) : (all[0] ?? "");
  }
  return values;
}

/** How many one-off rows the form should show for these values (filled rows plus the requested extra). */
export function shiftRowCount(values: OpportunityFormValues) {
  const requested = Number(values.rowCount);
  let lastFilled = -1;
  for (let row = 0; row < MAX_SHIFT_ROWS; row++) {
    const names = shiftFieldNames(row);
    if (Object.values(names).some((name) => values[name])) lastFilled = row;
  }
  const count = Number.isInteger(requested) && requested > 0 ? requested : DEFAULT_SHIFT_ROWS;
  return Math.min(MAX_SHIFT_ROWS, Math.max(count, lastFilled + 1, 1));
}
