/**
 * The sign-up forms' zod schemas (server only: zod stays out of the browser bundle) and how a refused
 * sign-up becomes a field message and a status code.
 */
import { z } from "zod";
import { fieldError, parseFormKeepingOwnKeys, type FieldErrors, type FormResult } from "~/utils/forms";
import type { SignupRefusal } from "./signups.server";
import { MAX_HOURS_PER_SHIFT, MAX_SHIFTS_PER_SIGNUP, SHIFT_MESSAGE_MAX, SIGNUP_MESSAGE_MAX, SIGNUP_REASON_MAX } from "./status";

const OWN_KEY = /^signups(Org)?\.[A-Za-z.]+$/;

/**
 * parseForm, keeping this area's own message keys ("signups.errors.…", with the limit as `maximum`) where
 * parseForm would say a generic "invalid".
 */
export function parseSignupForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.output<S>> {
  return parseFormKeepingOwnKeys(schema, formData, OWN_KEY);
}

const id = (message: string) => z.string(message).regex(/^[1-9]\d{0,8}$/, message).transform(Number);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => v || null);

export const signupFormSchema = z.object({
  shiftId: z
    .preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(id("signups.errors.unknownShift")).max(MAX_SHIFTS_PER_SIGNUP, "signups.errors.tooManyShifts"),
    )
    .refine((ids) => new Set(ids).size === ids.length, "signups.errors.repeatedShift"),
  message: optionalText(SIGNUP_MESSAGE_MAX),
  /** asked when the opportunity has a minimum age and the profile does not settle it; saved to the profile */
  birthYear: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(
      z
        .string()
        .regex(/^(19|20)\d{2}$/, "signups.errors.birthYear")
        .transform(Number)
        .refine((year) => year <= new Date().getUTCFullYear(), "signups.errors.birthYear")
        .nullable(),
    ),
});

export const ownSignupActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("cancel"), reason: optionalText(SIGNUP_REASON_MAX) }),
    z.object({ intent: z.literal("accept") }),
    z.object({ intent: z.literal("decline") }),
  ],
  { error: "signups.errors.unknownAction" },
);

const hours = z
  .string()
  .trim()
  .regex(/^\d{1,2}([.,]\d{1,2})?$/, "signups.errors.hours")
  .transform((v) => Number(v.replace(",", ".")))
  .pipe(z.number().gt(0, "signups.errors.hours").max(MAX_HOURS_PER_SHIFT, "signups.errors.hours"));

export const manageSignupsActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("confirm"), signupId: id("signups.errors.notFound") }),
    z.object({ intent: z.literal("decline"), signupId: id("signups.errors.notFound"), reason: optionalText(SIGNUP_REASON_MAX) }),
    z.object({ intent: z.literal("cancel-shift"), shiftId: id("signups.errors.unknownShift"), reason: optionalText(SIGNUP_REASON_MAX) }),
    // plus attendance-<signupId> = attended | no_show and hours-<signupId> = "2.5", read by attendanceEntries
    z.object({ intent: z.literal("attendance"), shiftId: id("signups.errors.unknownShift") }),
    z.object({ intent: z.literal("move-up"), signupId: id("signups.errors.notFound") }),
    z.object({
      intent: z.literal("message"),
      shiftId: id("signups.errors.unknownShift"),
      body: z.string("signupsOrg.errors.messageEmpty").trim().min(1, "signupsOrg.errors.messageEmpty").max(SHIFT_MESSAGE_MAX, "signupsOrg.errors.messageTooLong"),
    }),
  ],
  { error: "signups.errors.unknownAction" },
);

/** The attendance form's rows: `attendance-<id>` (attended | no_show) and `hours-<id>` (empty: the shift's length). */
export function attendanceEntries(formData: FormData): { ok: true; entries: { signupId: number; attended: boolean; hours: number | null }[] } | { ok: false; errors: FieldErrors } {
  const entries: { signupId: number; attended: boolean; hours: number | null }[] = [];
  const errors: FieldErrors = {};
  for (const [key, value] of formData.entries()) {
    const match = /^attendance-([1-9]\d{0,8})$/.exec(key);
    if (!match || typeof value !== "string") continue;
    if (entries.length >= 500) break;
    const signupId = Number(match[1]);
    if (value !== "attended" && value !== "no_show") {
      errors[key] = [{ key: "validation.invalidChoice" }];
      continue;
    }
    const rawHours = formData.get(`hours-${signupId}`);
    let parsedHours: number | null = null;
    if (value === "attended" && typeof rawHours === "string" && rawHours.trim() !== "") {
      const parsed = hours.safeParse(rawHours);
      if (!parsed.success) {
        errors[`hours-${signupId}`] = [{ key: "signups.errors.hours" }];
        continue;
      }
      parsedHours = parsed.data;
    }
    entries.push({ signupId, attended: value === "attended", hours: parsedHours });
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, entries };
}

/** A refusal from signUp as (status, field errors). */
export function refusalErrors(reason: SignupRefusal, minAge: number | null): { status: number; errors: FieldErrors } {
  switch (reason) {
    case "unpublished":
      return { status: 409, errors: fieldError("form", "signups.errors.unpublished") };
    case "no_shift_chosen":
      return { status: 400, errors: fieldError("shiftId", "signups.errors.chooseShift") };
    case "unknown_shift":
    case "shift_not_flexible":
      return { status: 400, errors: fieldError("shiftId", "signups.errors.unknownShift") };
    case "past_shift":
      return { status: 409, errors: fieldError("shiftId", "signups.errors.pastShift") };
    case "cancelled_shift":
      return { status: 409, errors: fieldError("shiftId", "signups.errors.cancelledShift") };
    case "min_age":
      return { status: 400, errors: fieldError("birthYear", "signups.errors.minAge", { age: minAge ?? 0 }) };
    case "age_needed":
      return { status: 400, errors: fieldError("birthYear", "signups.errors.birthYearNeeded", { age: minAge ?? 0 }) };
    case "declined_before":
      return { status: 409, errors: fieldError("form", "signups.errors.declinedBefore") };
  }
}
