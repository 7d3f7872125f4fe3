/**
 * What an organisation may enter for an opportunity: the zod schema behind the opportunity form, shared by the
 * form (field names, limits) and the action. It reads the plain, flat FormData of a page that works without
 * JavaScript: every schedule section is always in the form, `scheduleKind` says which one counts, and one-off
 * shifts are numbered rows (`shiftDate0`, `shiftStart0` …). Problems become i18n keys on their own field.
 *
 * Valid categories and Gemeinden come from the database, so the schema is built per request from them
 * (`opportunityInputSchema(reference)`); "not in the past" is measured against `reference.now` in Zurich.
 */
import { z } from "zod";
import { DEFAULT_OFFER_HOURS, MAX_OFFER_HOURS, type WaitlistMode } from "~/domain/signups/status";
import {
  GERMAN_LEVELS,
  LOCATION_MODES,
  SCHEDULE_KINDS,
  TARGET_GROUPS,
  type GermanLevel,
  type LocationMode,
  type TargetGroup,
} from "~db/schema";
import { addDays, isIsoDate, utcToZurichParts, zurichToUtc } from "~/utils/zurich-time";

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

const E = {
  category: "opportunityForm.errors.category",
  gemeinde: "opportunityForm.errors.gemeinde",
  date: "opportunityForm.errors.date",
  time: "opportunityForm.errors.time",
  places: "opportunityForm.errors.places",
  endBeforeStart: "opportunityForm.errors.endBeforeStart",
  past: "opportunityForm.errors.past",
  tooFarAhead: "opportunityForm.errors.tooFarAhead",
  duplicateShift: "opportunityForm.errors.duplicateShift",
  noShifts: "opportunityForm.errors.noShifts",
  weekday: "opportunityForm.errors.weekday",
  lastBeforeFirst: "opportunityForm.errors.lastBeforeFirst",
  tooManyTags: "opportunityForm.errors.tooManyTags",
  tagTooLong: "opportunityForm.errors.tagTooLong",
  minAge: "opportunityForm.errors.minAge",
} as const;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Checkboxes: absent → false; "on" (what browsers send) → true. */
const checkbox = z.enum(["on", "true"]).optional().transform((value) => value !== undefined);

/** An optional text: trimmed, empty → null. */
function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((value) => (value ? value : null));
}

/** A group of checkboxes: FormData gives nothing, one string, or several. */
function choices<T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z
      .array(z.enum(values))
      .max(values.length)
      .transform((list) => [...new Set(list)]),
  );
}

/** Short raw fields of the schedule sections; checked together once the kind is known. */
const raw = z.string().trim().max(20, "validation.tooLong").optional();

const shiftRowFields = Object.fromEntries(
  Array.from({ length: MAX_SHIFT_ROWS }, (_, row) => Object.values(shiftFieldNames(row)).map((name) => [name, raw])).flat(),
) as Record<string, typeof raw>;

function parseCount(value: string | undefined, min: number, max: number) {
  if (!value || !/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

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

export function opportunityInputSchema(reference: InputReference) {
  const { date: today, time: nowTime } = utcToZurichParts(reference.now);
  const lastAllowedDate = addDays(today, MAX_DAYS_AHEAD);

  return z
    .object({
      title: z.string().trim().min(LIMITS.title.min, "validation.tooShort").max(LIMITS.title.max, "validation.tooLong"),
      summary: z.string().trim().min(1, "validation.required").max(LIMITS.summary, "validation.tooLong"),
      description: z.string().trim().min(1, "validation.required").max(LIMITS.description, "validation.tooLong"),
      categoryId: z
        .string(E.category)
        .max(100, E.category)
        .refine((id) => reference.categoryIds.has(id), E.category),
      bfsNr: z
        .string(E.gemeinde)
        .trim()
        .refine((value) => /^\d{4}$/.test(value) && reference.bfsNumbers.has(Number(value)), E.gemeinde)
        .transform(Number),
      address: optionalText(LIMITS.address),
      addressPrivate: checkbox,
      locationMode: z.enum(LOCATION_MODES, "validation.invalidChoice"),
      languagesHelpful: choices(LANGUAGE_CODES),
      languagesRequired: choices(LANGUAGE_CODES),
      germanLevel: z
        .union([z.literal(""), z.enum(GERMAN_LEVELS)], "validation.invalidChoice")
        .optional()
        .transform((value) => (value ? value : null)),
      tags: z.string().max(LIMITS.tags, "validation.tooLong").optional(),
      targetGroups: choices(TARGET_GROUPS),
      minAge: z.string().trim().max(3, E.minAge).optional(),
      contactName: optionalText(LIMITS.contactName),
      contactEmail: z
        .string()
        .trim()
        .max(LIMITS.contactEmail, "validation.tooLong")
        .optional()
        .refine((value) => !value || z.email().safeParse(value).success, "validation.email")
        .transform((value) => (value ? value.toLowerCase() : null)),
      needsConfirmation: checkbox,
      waitlistOffer: checkbox,
      offerHours: z
        .string()
        .trim()
        .optional()
        .refine((v) => !v || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_OFFER_HOURS), "validation.invalid"),
      scheduleKind: z.enum(SCHEDULE_KINDS, "opportunityForm.errors.scheduleKind"),
      weekday: raw,
      recurringStart: raw,
      recurringEnd: raw,
      firstDate: raw,
      lastDate: raw,
      recurringPlaces: raw,
      totalPlaces: raw,
      ...shiftRowFields,
    })
    .superRefine((value, ctx) => {
      /** adds the issue; false, so checks can `return fail(…)` */
      const fail = (path: string, message: string) => {
        ctx.addIssue({ code: "custom", path: [path], message });
        return false;
      };
      const fields = value as unknown as Record<string, string | undefined>;

      // (an over-long field has its own message already)
      const tags = (value.tags?.length ?? 0) <= LIMITS.tags ? splitTags(value.tags) : [];
      if (tags.length > MAX_TAGS) fail("tags", E.tooManyTags);
      else if (tags.some((tag) => tag.length > MAX_TAG_LENGTH)) fail("tags", E.tagTooLong);

      if (value.minAge && value.minAge.length <= 3 && parseCount(value.minAge, 0, 99) === null) fail("minAge", E.minAge);

      /** a calendar date from today up to MAX_DAYS_AHEAD; returns whether it is fine */
      const checkDate = (path: string, date: string | undefined, allowToday = true) => {
        if (!date) return fail(path, "validation.required");
        if (!isIsoDate(date)) return fail(path, E.date);
        if (date < today || (!allowToday && date === today)) return fail(path, E.past);
        if (date > lastAllowedDate) return fail(path, E.tooFarAhead);
        return true;
      };
      const checkTimes = (startPath: string, endPath: string, start: string | undefined, end: string | undefined) => {
        const startOk = !start ? fail(startPath, "validation.required") : TIME.test(start) || fail(startPath, E.time);
        const endOk = !end ? fail(endPath, "validation.required") : TIME.test(end) || fail(endPath, E.time);
        if (!startOk || !endOk) return false;
        return end! > start! || fail(endPath, E.endBeforeStart);
      };
      const checkPlaces = (path: string, places: string | undefined, required: boolean) => {
        if (!places) return required ? fail(path, "validation.required") : true;
        return parseCount(places, PLACES_MIN, PLACES_MAX) !== null || fail(path, E.places);
      };

      if (value.scheduleKind === "one_off") {
        const seen = new Set<string>();
        let filled = 0;
        for (let row = 0; row < MAX_SHIFT_ROWS; row++) {
          const names = shiftFieldNames(row);
          const [date, start, end, places] = [fields[names.date], fields[names.start], fields[names.end], fields[names.places]];
          if (!date && !start && !end && !places) continue;
          filled += 1;
          const dateOk = checkDate(names.date, date);
          const timesOk = checkTimes(names.start, names.end, start, end);
          checkPlaces(names.places, places, true);
          if (dateOk && timesOk) {
            if (date === today && start! <= nowTime.slice(0, 5)) fail(names.start, E.past);
            // inside the spring-forward gap (02:00–03:00 on the last Sunday of March) a shift could end before it starts
            else if (zurichToUtc(date!, end!) <= zurichToUtc(date!, start!)) fail(names.end, E.endBeforeStart);
            const key = `${date} ${start}`;
            if (seen.has(key)) fail(names.date, E.duplicateShift);
            seen.add(key);
          }
        }
        if (filled === 0) fail("shifts", E.noShifts);
      } else if (value.scheduleKind === "recurring") {
        if (parseCount(value.weekday, 1, 7) === null) fail("weekday", E.weekday);
        checkTimes("recurringStart", "recurringEnd", value.recurringStart, value.recurringEnd);
        const firstOk = checkDate("firstDate", value.firstDate);
        if (value.lastDate) {
          if (!isIsoDate(value.lastDate)) fail("lastDate", E.date);
          else if (firstOk && value.lastDate < value.firstDate!) fail("lastDate", E.lastBeforeFirst);
          else if (value.lastDate > lastAllowedDate) fail("lastDate", E.tooFarAhead);
        }
        checkPlaces("recurringPlaces", value.recurringPlaces, true);
      } else {
        checkPlaces("totalPlaces", value.totalPlaces, false);
      }
    })
    .transform((value): OpportunityInput => {
      const fields = value as unknown as Record<string, string | undefined>;
      let schedule: ScheduleInput;
      if (value.scheduleKind === "one_off") {
        const shifts: OneOffShiftInput[] = [];
        for (let row = 0; row < MAX_SHIFT_ROWS; row++) {
          const names = shiftFieldNames(row);
          if (!fields[names.date]) continue;
          shifts.push({
            date: fields[names.date]!,
            start: fields[names.start]!,
            end: fields[names.end]!,
            places: Number(fields[names.places]),
          });
        }
        shifts.sort((a, b) => `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`));
        schedule = { kind: "one_off", shifts };
      } else if (value.scheduleKind === "recurring") {
        schedule = {
          kind: "recurring",
          weekday: Number(value.weekday),
          start: value.recurringStart!,
          end: value.recurringEnd!,
          firstDate: value.firstDate!,
          lastDate: value.lastDate || null,
          places: Number(value.recurringPlaces),
        };
      } else {
        schedule = { kind: "flexible", totalPlaces: value.totalPlaces ? Number(value.totalPlaces) : null };
      }
      return {
        title: value.title,
        summary: value.summary,
        description: value.description,
        categoryId: value.categoryId,
        bfsNr: value.bfsNr,
        address: value.address,
        addressPrivate: value.addressPrivate,
        locationMode: value.locationMode,
        languagesHelpful: value.languagesHelpful,
        languagesRequired: value.languagesRequired,
        germanLevel: value.germanLevel,
        tags: splitTags(value.tags),
        targetGroups: value.targetGroups,
        minAge: value.minAge ? Number(value.minAge) : null,
        contactName: value.contactName,
        contactEmail: value.contactEmail,
        needsConfirmation: value.needsConfirmation,
        waitlistMode: value.waitlistOffer ? "offer" : "auto",
        offerHours: value.offerHours ? Number(value.offerHours) : DEFAULT_OFFER_HOURS,
        schedule,
      };
    });
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
