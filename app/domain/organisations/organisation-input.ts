/**
 * What an organisation's profile consists of: limits and types that the create and edit forms share with their
 * actions, the website's normal form and the slug. Pure (no zod): the form imports it, so it is in the browser
 * bundle; the zod schema that checks a submission is organisation-input.server.ts.
 */
import type { OrganisationKind } from "~db/schema";

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
