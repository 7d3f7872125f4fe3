/**
 * The zod-free half of form handling: the shape of field errors and the honeypot field. Components import it
 * from here (forms.ts imports zod, which must not reach the browser: ≈ 90 KB gzip); forms.ts re-exports it.
 */
export interface FieldError {
  key: string;
  values?: Record<string, string | number>;
}
export type FieldErrors = Record<string, FieldError[]>;

export type FormResult<T> =
  | { success: true; data: T }
  | { success: false; errors: FieldErrors; values: Record<string, string> };

/** Adds an error to a field after domain checks (e.g. "wrong password"), in the same shape. */
export function fieldError(field: string, key: string, values?: Record<string, string | number>): FieldErrors {
  return { [field]: [values ? { key, values } : { key }] };
}

export const HONEYPOT_FIELD = "homepage";

/** Bots fill every field; people never see this one. */
export function isHoneypotFilled(formData: FormData) {
  const value = formData.get(HONEYPOT_FIELD);
  return typeof value === "string" && value.length > 0;
}
