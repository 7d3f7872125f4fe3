/**
 * Form parsing shared by every action: zod validates, and each problem becomes an i18n key (+ values) on its
 * field, so the page shows a field-level message in the user's language. Works the same with JS off.
 */
import { z } from "zod";
import type { FieldError, FieldErrors, FormResult } from "./form-fields";

// the zod-free part lives in form-fields.ts, so components can use it without shipping zod to the browser
export { fieldError, HONEYPOT_FIELD, isHoneypotFilled, type FieldError, type FieldErrors, type FormResult } from "./form-fields";

/** Maps zod's built-in issues to our message keys; messages set in schemas are keys already ("validation.x"). */
function toFieldError(issue: z.core.$ZodIssue): FieldError {
  if (issue.message?.startsWith("validation.")) {
    const { message, ...rest } = issue as unknown as { message: string; [k: string]: unknown };
    const values: Record<string, string | number> = {};
    for (const k of ["minimum", "maximum"] as const) if (typeof rest[k] === "number" || typeof rest[k] === "bigint") values[k] = Number(rest[k]);
    return Object.keys(values).length && message !== "validation.required" ? { key: message, values } : { key: message };
  }
  switch (issue.code) {
    case "invalid_type":
      return { key: "validation.required" };
    case "too_small":
      return Number(issue.minimum) <= 1 && issue.origin === "string"
        ? { key: "validation.required" }
        : { key: issue.origin === "string" ? "validation.tooShort" : "validation.tooSmall", values: { minimum: Number(issue.minimum) } };
    case "too_big":
      return { key: issue.origin === "string" ? "validation.tooLong" : "validation.tooBig", values: { maximum: Number(issue.maximum) } };
    case "invalid_format":
      return { key: issue.format === "email" ? "validation.email" : "validation.invalid" };
    case "invalid_value":
      return { key: "validation.invalidChoice" };
    default:
      return { key: "validation.invalid" };
  }
}

function formValues(formData: FormData) {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    // never echo secrets back into the page
    if (typeof value === "string" && !/password/i.test(key)) values[key] = value.slice(0, 10_000);
  }
  return values;
}

/** The form as zod sees it: a field sent once is a string (or File), a repeated field an array. */
function formInput(formData: FormData) {
  const input: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    input[key] = all.length > 1 ? all : all[0];
  }
  return input;
}

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.output<S>> {
  const result = schema.safeParse(formInput(formData));
  if (result.success) return { success: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "form";
    (errors[field] ??= []).push(toFieldError(issue));
  }
  return { success: false, errors, values: formValues(formData) };
}

// --- common fields ------------------------------------------------------------------------------------------

export const emailField = z
  .string()
  .trim()
  .min(1, "validation.required")
  .max(254, "validation.tooLong")
  .pipe(z.email("validation.email"));

export const displayNameField = z.string().trim().min(1, "validation.required").max(100, "validation.tooLong");

/**
 * parseForm, keeping an area's own message keys (those matching `ownKey`, e.g. "signups.errors.…", with the
 * limit as `maximum`) where parseForm would say a generic "invalid".
 */
export function parseFormKeepingOwnKeys<S extends z.ZodType>(schema: S, formData: FormData, ownKey: RegExp): FormResult<z.output<S>> {
  const result = parseForm(schema, formData);
  if (result.success) return result;
  const again = schema.safeParse(formInput(formData));
  if (again.success) return result;
  const seen: Record<string, number> = {};
  const errors: FieldErrors = {};
  for (const issue of again.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "form";
    const index = (seen[field] = (seen[field] ?? -1) + 1);
    const maximum = (issue as { maximum?: unknown }).maximum;
    const error = ownKey.test(issue.message)
      ? typeof maximum === "number" || typeof maximum === "bigint"
        ? { key: issue.message, values: { maximum: Number(maximum) } }
        : { key: issue.message }
      : (result.errors[field]?.[index] ?? { key: "validation.invalid" });
    (errors[field] ??= []).push(error);
  }
  return { ...result, errors };
}
