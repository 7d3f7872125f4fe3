/**
 * The zod schema behind the organisation's create and edit forms (kept on the server so zod stays out of the
 * browser bundle). The Gemeinde must be one of Aargau's (the BFS numbers in the `gemeinde` table, passed in), the
 * website an http(s) address.
 */
import { z } from "zod";
import { ORGANISATION_KINDS } from "~db/schema";
import { normaliseWebsite, ORGANISATION_LIMITS, type OrganisationInput } from "./organisation-input";

const PHONE = /^\+?[0-9][0-9 ()./-]{4,38}$/;

export function organisationInputSchema({ bfsNumbers }: { bfsNumbers: ReadonlySet<number> }) {
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(ORGANISATION_LIMITS.name.min, "validation.tooShort")
        .max(ORGANISATION_LIMITS.name.max, "validation.tooLong"),
      kind: z.enum(ORGANISATION_KINDS, "validation.invalidChoice"),
      bfsNr: z
        .string("org.errors.gemeinde")
        .trim()
        .refine((value) => /^\d{4}$/.test(value) && bfsNumbers.has(Number(value)), "org.errors.gemeinde")
        .transform(Number),
      description: z.string().trim().max(ORGANISATION_LIMITS.description, "validation.tooLong").optional(),
      website: z
        .string()
        .trim()
        .max(ORGANISATION_LIMITS.website, "validation.tooLong")
        .optional()
        .refine((value) => !value || normaliseWebsite(value) !== null, "org.errors.website"),
      contactEmail: z
        .string()
        .trim()
        .max(ORGANISATION_LIMITS.contactEmail, "validation.tooLong")
        .optional()
        .refine((value) => !value || z.email().safeParse(value).success, "validation.email"),
      contactPhone: z
        .string()
        .trim()
        .max(ORGANISATION_LIMITS.contactPhone, "validation.tooLong")
        .optional()
        .refine((value) => !value || PHONE.test(value), "org.errors.phone"),
    })
    .transform(
      (value): OrganisationInput => ({
        name: value.name,
        kind: value.kind,
        bfsNr: value.bfsNr,
        description: value.description ?? "",
        website: value.website ? normaliseWebsite(value.website) : null,
        contactEmail: value.contactEmail ? value.contactEmail.toLowerCase() : null,
        contactPhone: value.contactPhone || null,
      }),
    );
}
