/**
 * The zod schema behind the opportunity form (the action's half of opportunity-input.ts, kept on the server so
 * zod stays out of the browser bundle). It reads the plain, flat FormData of a page that works without
 * JavaScript: every schedule section is always in the form, `scheduleKind` says which one counts, and one-off
 * shifts are numbered rows (`shiftDate0`, `shiftStart0` …). Problems become i18n keys on their own field.
 *
 * Valid categories and Gemeinden come from the database, so the schema is built per request from them
 * (`opportunityInputSchema(reference)`); "not in the past" is measured against `reference.now` in Zurich.
 */
import { z } from "zod";
import { DEFAULT_OFFER_HOURS, MAX_OFFER_HOURS } from "~/domain/signups/status";
import { GERMAN_LEVELS, LOCATION_MODES, SCHEDULE_KINDS, TARGET_GROUPS } from "~db/schema";
import { addDays, isIsoDate, utcToZurichParts, zurichToUtc } from "~/utils/zurich-time";
import {
  LANGUAGE_CODES,
  LIMITS,
  MAX_DAYS_AHEAD,
  MAX_SHIFT_ROWS,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  PLACES_MAX,
  PLACES_MIN,
  shiftFieldNames,
  splitTags,
  type InputReference,
  type OneOffShiftInput,
  type OpportunityInput,
  type ScheduleInput,
} from "./opportunity-input";

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
