/**
 * schema.org data for an opportunity's page, one JSON-LD object. schema.org has no "VolunteerAction", and an
 * Event per shift is noise (a weekly group has dozens, a flexible engagement none), so the page is what it is:
 * a posting for unpaid work, `JobPosting` with employmentType "VOLUNTEER" (a value schema.org and search
 * engines define for exactly this). Pure; serialiseJsonLd makes it safe inside <script>.
 */
import type { PublicOpportunity } from "./detail.server";

export type JsonLdInput = Pick<
  PublicOpportunity,
  | "id"
  | "title"
  | "summary"
  | "description"
  | "publishedAt"
  | "organisation"
  | "gemeinde"
  | "address"
  | "locationMode"
  | "scheduleKind"
  | "weekly"
  | "flexiblePlaces"
  | "shifts"
>;

export function opportunityJsonLd(o: JsonLdInput, { url, workHours }: { url: string; workHours?: string | null }) {
  const onSite = o.locationMode !== "remote";
  const remote = o.locationMode !== "on_site";
  const lastShift = o.shifts.at(-1);
  // a posting ends with its last date only when that date is known: one-off events, or a weekly rule with an end
  const validThrough =
    lastShift && (o.scheduleKind === "one_off" || (o.scheduleKind === "recurring" && o.weekly?.lastDate))
      ? new Date(lastShift.endsAt).toISOString()
      : undefined;
  return {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    title: o.title,
    description: o.description.trim() || o.summary,
    datePosted: new Date(o.publishedAt).toISOString(),
    ...(validThrough ? { validThrough } : {}),
    employmentType: "VOLUNTEER",
    url,
    identifier: { "@type": "PropertyValue", name: "Mitenand", value: String(o.id) },
    hiringOrganization: {
      "@type": "Organization",
      name: o.organisation.name,
      ...(o.organisation.website ? { sameAs: o.organisation.website } : {}),
    },
    ...(onSite
      ? {
          jobLocation: {
            "@type": "Place",
            address: {
              "@type": "PostalAddress",
              ...(o.address ? { streetAddress: o.address } : {}),
              addressLocality: o.gemeinde.name,
              addressRegion: "AG",
              addressCountry: "CH",
            },
          },
        }
      : {}),
    ...(remote
      ? { jobLocationType: "TELECOMMUTE", applicantLocationRequirements: { "@type": "State", name: "Aargau" } }
      : {}),
    ...(workHours ? { workHours } : {}),
    ...(o.flexiblePlaces ? { totalJobOpenings: o.flexiblePlaces.total } : {}),
  };
}

/** JSON for a <script type="application/ld+json">: "<" escaped, so no "</script>" in a text ends it early. */
export function serialiseJsonLd(value: unknown) {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
