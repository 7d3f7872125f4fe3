/**
 * The zod schemas of the hours-report, certificate and certificate-text forms (server only), and how a refused
 * request becomes a field message.
 */
import { z } from "zod";
import { parseFormKeepingOwnKeys, type FormResult } from "~/utils/forms";
import { isIsoDate } from "~/utils/zurich-time";
import { CERTIFICATE_TEXT_MAX, HOURS_REPORT_NOTE_MAX, MAX_HOURS_PER_REPORT } from "./limits";

const id = (message: string) => z.string(message).regex(/^[1-9]\d{0,8}$/, message).transform(Number);

const isoDate = (message: string) => z.string(message).trim().refine(isIsoDate, message);

/** "2.5", "2,5", "3": at least a quarter hour, at most 24, two decimals */
export const hoursField = z
  .string("hoursReports.errors.hours")
  .trim()
  .regex(/^\d{1,2}([.,]\d{1,2})?$/, "hoursReports.errors.hours")
  .transform((v) => Number(v.replace(",", ".")))
  .pipe(z.number().min(0.25, "hoursReports.errors.hours").max(MAX_HOURS_PER_REPORT, "hoursReports.errors.hours"));

const optionalText = (max: number, message = "validation.tooLong") =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => v || null);

export const reportHoursSchema = z.object({
  intent: z.literal("report-hours"),
  workedOn: isoDate("hoursReports.errors.date"),
  hours: hoursField,
  note: optionalText(HOURS_REPORT_NOTE_MAX),
});

export const decideHoursSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("confirm-hours"), reportId: id("hoursReports.errors.notFound"), hours: z.preprocess((v) => (v === "" ? undefined : v), hoursField.optional()) }),
    z.object({ intent: z.literal("reject-hours"), reportId: id("hoursReports.errors.notFound") }),
    z.object({
      intent: z.literal("certificate-texts"),
      roleDescription: z.string().trim().max(CERTIFICATE_TEXT_MAX, "certificate.errors.textTooLong").default(""),
      competencies: z.string().trim().max(CERTIFICATE_TEXT_MAX, "certificate.errors.textTooLong").default(""),
    }),
  ],
  { error: "hoursReports.errors.unknownAction" },
);

export const certificateActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("issue"),
      organisationId: z.preprocess(
        (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
        z.array(id("certificate.errors.chooseOrganisation")).min(1, "certificate.errors.chooseOrganisation").max(100, "certificate.errors.chooseOrganisation"),
      ),
      from: isoDate("certificate.errors.date"),
      to: isoDate("certificate.errors.date"),
    }),
    z.object({ intent: z.literal("revoke"), certificateId: id("certificate.errors.notFound") }),
  ],
  { error: "hoursReports.errors.unknownAction" },
);

export const orgCertificateActionSchema = z.object({ intent: z.literal("revoke"), certificateId: id("certificate.errors.notFound") });

const OWN_KEY = /^(certificate|hoursReports)\.[A-Za-z.]+$/;

/** parseForm, keeping this area's own message keys (with the limit as `maximum`) where parseForm says "invalid". */
export function parseCertificateForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.output<S>> {
  return parseFormKeepingOwnKeys(schema, formData, OWN_KEY);
}
