/**
 * parseForm (app/utils/forms.ts) turns every message outside the shared "validation.*" section into a generic
 * "invalid". The organisation and opportunity forms have messages of their own (in their i18n sections), so
 * this keeps those keys and leaves every other issue exactly as parseForm maps it.
 */
import type { z } from "zod";
import { parseForm, type FieldErrors, type FormResult } from "~/utils/forms";

const OWN_KEY = /^(org|orgManage|opportunityForm|invitation|moderation|flags|adminUsers|audit|coordinatorInvite)\.[A-Za-z.]+$/;

function formInput(formData: FormData) {
  const input: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    input[key] = all.length > 1 ? all : all[0];
  }
  return input;
}

export function parseFormWithKeys<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.output<S>> {
  const result = parseForm(schema, formData);
  if (result.success) return result;
  const again = schema.safeParse(formInput(formData));
  if (again.success) return result;
  // same schema, same input: the issues come in the order parseForm saw them, field by field
  const seen: Record<string, number> = {};
  const errors: FieldErrors = {};
  for (const issue of again.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "form";
    const index = (seen[field] = (seen[field] ?? -1) + 1);
    const error = OWN_KEY.test(issue.message) ? { key: issue.message } : (result.errors[field]?.[index] ?? { key: "validation.invalid" });
    (errors[field] ??= []).push(error);
  }
  return { ...result, errors };
}
