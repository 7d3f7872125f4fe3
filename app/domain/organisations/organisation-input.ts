/**
 * What an organisation's profile consists of: the zod schema behind the create and edit forms. The Gemeinde must
 * be one of Aargau's (the BFS numbers in the `gemeinde` table, passed in), the website an http(s) address.
 */
import { z } from "zod";
import { ORGANISATION_KINDS, type OrganisationKind } from "~db/schema";

export const ORGANISATION_LIMITS = {
  name: { min: 2, max: 120 },
  description: 5000,
  website: 300,
  contactEmail: 254,
  contactPhone: 40,
} as const;

export interface OrganisationInput {
  name: string;
  kind: OrganisationKind;
  bfsNr: number;
  description: string;
  website: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

/** "www.example.ch" → "https://www.example.ch"; null unless the result is an http(s) URL with a host. */
export function normaliseWebsite(value: string): string | null {
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  if (!URL.canParse(candidate)) return null;
  const url = new URL(candidate);
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (!url.hostname.includes(".") || url.username || url.password) return null;
  return candidate;
}

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

const FOLD: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss", æ: "ae", œ: "oe", ø: "o", å: "a" };

/** "Verein Zäme z'Brugg" → "verein-zaeme-z-brugg": umlauts as ae/oe/ue, other accents dropped, kebab case. */
export function slugify(name: string, maxLength = 70) {
  const slug = name
    .toLowerCase()
    .replace(/[äöüßæœøå]/g, (c) => FOLD[c])
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const cut = slug.slice(0, maxLength).replace(/-+$/g, "");
  return cut || "organisation";
}
