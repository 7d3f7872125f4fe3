/**
 * parseForm (app/utils/forms.ts) turns every message outside the shared "validation.*" section into a generic
 * "invalid". The organisation, opportunity and moderation forms have messages of their own (in their i18n
 * sections): this keeps those keys and leaves every other issue exactly as parseForm maps it.
 */
import type { z } from "zod";
import { parseFormKeepingOwnKeys, type FormResult } from "~/utils/forms";

const OWN_KEY = /^(org|orgManage|opportunityForm|invitation|moderation|flags|adminUsers|audit|coordinatorInvite)\.[A-Za-z.]+$/;

export function parseFormWithKeys<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.output<S>> {
  return parseFormKeepingOwnKeys(schema, formData, OWN_KEY);
}
