/**
 * One published opportunity as anybody may see it: the detail page, its calendar file and JSON-LD read this.
 * Everything else (drafts, submitted, archived, other organisations' work in progress) is null, so the route
 * answers 404 and never reveals that such an opportunity exists.
 */
import { z } from "zod";
import { sql } from "kysely";
import { db } from "~db/client.server";
import type { GermanLevel, LocationMode, OrganisationKind, ScheduleKind } from "~db/schema";
import type { Locale } from "~/i18n/config";
import type { SearchFilters } from "./search-params";

/** `:id` of /opportunities/:id (here, not in the route: zod stays off the client) */
export const opportunityParamsSchema = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .transform(Number)
    .pipe(z.number().int().max(2_147_483_647)),
});

const ZURICH = sql.lit("Europe/Zurich");

/** the detail page lists this many upcoming shifts; the calendar file takes up to MAX_CALENDAR_SHIFTS */
export const MAX_DETAIL_SHIFTS = 60;
export const MAX_CALENDAR_SHIFTS = 500;

/*
 * Places left, in one place: the places minus those held by sign-ups (pending, confirmed, offered, attended;
 * `places_taken` is kept by a trigger on signup). Cancelled shifts are not listed.
 */
const shiftPlacesLeft = sql<number>`(s.places - s.places_taken)`;
const flexiblePlacesLeft = sql<number | null>`(o.total_places - o.places_taken)`;

export interface PublicShift {
  id: number;
  startsAt: Date;
  endsAt: Date;
  places: number;
  placesLeft: number;
}

export interface PublicOpportunity {
  id: number;
  title: string;
  summary: string;
  description: string;
  publishedAt: Date;
  updatedAt: Date;
  organisation: {
    name: string;
    slug: string;
    kind: OrganisationKind;
    website: string | null;
    contactEmail: string | null;
    contactPhone: string | null;
    verified: boolean;
  };
  gemeinde: { bfsNr: number; name: string; districtName: string };
  category: { id: string; label: string };
  /**
   * The street address, or null when there is none or it is private. Private addresses (someone's home, a
   * shelter) are for confirmed volunteers only: the sign-ups issue will show them there, never here.
   */
  address: string | null;
  addressPrivate: boolean;
  locationMode: LocationMode;
  languagesRequired: string[];
  languagesHelpful: string[];
  germanLevel: GermanLevel | null;
  targetGroups: string[];
  tags: string[];
  minAge: number | null;
  contactName: string | null;
  contactEmail: string | null;
  needsConfirmation: boolean;
  scheduleKind: ScheduleKind;
  /** the weekly rule of a recurring opportunity ("HH:MM" Zurich times) */
  weekly: { weekday: number; startTime: string; endTime: string; firstDate: string; lastDate: string | null } | null;
  /** places of a flexible opportunity (no shifts) */
  flexiblePlaces: { total: number; left: number } | null;
  /** upcoming shifts, soonest first (at most MAX_DETAIL_SHIFTS) */
  shifts: PublicShift[];
}

/** A published opportunity by id, or null (missing, or not published: the caller answers 404 either way). */
export async function getPublicOpportunity({
  id,
  locale,
  now = new Date(),
  maxShifts = MAX_DETAIL_SHIFTS,
}: {
  id: number;
  locale: Locale;
  now?: Date;
  maxShifts?: number;
}): Promise<PublicOpportunity | null> {
  const row = await db
    .selectFrom("opportunity as o")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .innerJoin("gemeinde as g", "g.bfs_nr", "o.bfs_nr")
    .innerJoin("category as c", "c.id", "o.category_id")
    .leftJoin("opportunity_schedule as r", "r.opportunity_id", "o.id")
    .where("o.id", "=", id)
    .where("o.status", "=", "published")
    .select((eb) => [
      "o.id",
      "o.title",
      "o.summary",
      "o.description",
      "o.published_at as publishedAt",
      "o.updated_at as updatedAt",
      "org.name as orgName",
      "org.slug as orgSlug",
      "org.kind as orgKind",
      "org.website as orgWebsite",
      "org.contact_email as orgEmail",
      "org.contact_phone as orgPhone",
      "org.verified_at as orgVerifiedAt",
      "g.bfs_nr as bfsNr",
      "g.name as gemeindeName",
      "g.district_name as districtName",
      "c.id as categoryId",
      eb.ref(locale === "de" ? "c.label_de" : "c.label_en").as("categoryLabel"),
      "o.address",
      "o.address_private as addressPrivate",
      "o.location_mode as locationMode",
      "o.languages_required as languagesRequired",
      "o.languages_helpful as languagesHelpful",
      "o.german_level as germanLevel",
      "o.target_groups as targetGroups",
      "o.tags",
      "o.min_age as minAge",
      "o.contact_name as contactName",
      "o.contact_email as contactEmail",
      "o.needs_confirmation as needsConfirmation",
      "o.schedule_kind as scheduleKind",
      "o.total_places as totalPlaces",
      flexiblePlacesLeft.as("flexiblePlacesLeft"),
      "r.weekday",
      sql<string | null>`to_char(r.start_time, 'HH24:MI')`.as("ruleStart"),
      sql<string | null>`to_char(r.end_time, 'HH24:MI')`.as("ruleEnd"),
      sql<string | null>`r.first_date::text`.as("ruleFirstDate"),
      sql<string | null>`r.last_date::text`.as("ruleLastDate"),
    ])
    .executeTakeFirst();
  if (!row) return null;

  const shifts = await listUpcomingShifts({ opportunityId: row.id, now, limit: maxShifts });
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    description: row.description,
    // published rows always have published_at (CHECK constraint)
    publishedAt: row.publishedAt as Date,
    updatedAt: row.updatedAt,
    organisation: {
      name: row.orgName,
      slug: row.orgSlug,
      kind: row.orgKind,
      website: row.orgWebsite,
      contactEmail: row.orgEmail,
      contactPhone: row.orgPhone,
      verified: row.orgVerifiedAt !== null,
    },
    gemeinde: { bfsNr: row.bfsNr, name: row.gemeindeName, districtName: row.districtName },
    category: { id: row.categoryId, label: row.categoryLabel },
    address: row.addressPrivate ? null : row.address,
    addressPrivate: row.addressPrivate && row.address !== null,
    locationMode: row.locationMode,
    languagesRequired: row.languagesRequired,
    languagesHelpful: row.languagesHelpful,
    germanLevel: row.germanLevel,
    targetGroups: row.targetGroups,
    tags: row.tags,
    minAge: row.minAge,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    needsConfirmation: row.needsConfirmation,
    scheduleKind: row.scheduleKind,
    weekly:
      row.scheduleKind === "recurring" && row.weekday !== null && row.ruleStart && row.ruleEnd && row.ruleFirstDate
        ? { weekday: row.weekday, startTime: row.ruleStart, endTime: row.ruleEnd, firstDate: row.ruleFirstDate, lastDate: row.ruleLastDate }
        : null,
    flexiblePlaces:
      row.scheduleKind === "flexible" && row.totalPlaces !== null
        ? { total: row.totalPlaces, left: Math.max(0, row.flexiblePlacesLeft ?? row.totalPlaces) }
        : null,
    shifts,
  };
}

/** The shifts of an opportunity that have not begun yet, soonest first, with their places left. */
export async function listUpcomingShifts({
  opportunityId,
  now = new Date(),
  limit = MAX_DETAIL_SHIFTS,
}: {
  opportunityId: number;
  now?: Date;
  limit?: number;
}): Promise<PublicShift[]> {
  const rows = await db
    .selectFrom("shift as s")
    .where("s.opportunity_id", "=", opportunityId)
    .where("s.starts_at", ">", now)
    .where("s.cancelled_at", "is", null)
    .select(["s.id", "s.starts_at as startsAt", "s.ends_at as endsAt", "s.places", shiftPlacesLeft.as("placesLeft")])
    .orderBy("s.starts_at")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, placesLeft: Math.max(0, r.placesLeft) }));
}

export interface FeedShift {
  shiftId: number;
  startsAt: Date;
  endsAt: Date;
  opportunityId: number;
  title: string;
  summary: string;
  organisationName: string;
  gemeindeName: string;
  /** null when private or missing */
  address: string | null;
}

/**
 * The upcoming shifts of several published opportunities, soonest first, at most `limit`: for the iCal feed.
 * Not-published ids are ignored.
 */
export async function listUpcomingShiftsOf({
  opportunityIds,
  now = new Date(),
  limit = MAX_CALENDAR_SHIFTS,
  shiftFilters,
}: {
  opportunityIds: number[];
  now?: Date;
  limit?: number;
  /** the search's date, weekday and time-of-day filters, in Zurich time (as search.server.ts reads them) */
  shiftFilters?: Pick<SearchFilters, "from" | "to" | "weekdays" | "time">;
}): Promise<FeedShift[]> {
  if (opportunityIds.length === 0) return [];
  const local = sql`(s.starts_at at time zone ${ZURICH})`;
  const f = shiftFilters;
  return db
    .selectFrom("shift as s")
    .innerJoin("opportunity as o", "o.id", "s.opportunity_id")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .innerJoin("gemeinde as g", "g.bfs_nr", "o.bfs_nr")
    .where("o.id", "in", opportunityIds)
    .where("o.status", "=", "published")
    .where("s.starts_at", ">", now)
    .where("s.cancelled_at", "is", null)
    .$if(Boolean(f?.from), (qb) => qb.where(sql<boolean>`s.starts_at >= (${f!.from}::date)::timestamp at time zone ${ZURICH}`))
    .$if(Boolean(f?.to), (qb) => qb.where(sql<boolean>`s.starts_at < (${f!.to}::date + 1)::timestamp at time zone ${ZURICH}`))
    .$if(Boolean(f?.weekdays.length), (qb) =>
      qb.where(sql<boolean>`extract(isodow from ${local})::int in (${sql.join(f!.weekdays)})`),
    )
    .$if(f?.time === "morning", (qb) => qb.where(sql<boolean>`${local}::time < '12:00'`))
    .$if(f?.time === "afternoon", (qb) => qb.where(sql<boolean>`${local}::time >= '12:00' and ${local}::time < '17:00'`))
    .$if(f?.time === "evening", (qb) => qb.where(sql<boolean>`${local}::time >= '17:00'`))
    .select([
      "s.id as shiftId",
      "s.starts_at as startsAt",
      "s.ends_at as endsAt",
      "o.id as opportunityId",
      "o.title",
      "o.summary",
      "org.name as organisationName",
      "g.name as gemeindeName",
      sql<string | null>`case when o.address_private then null else o.address end`.as("address"),
    ])
    .orderBy("s.starts_at")
    .orderBy("s.id")
    .limit(limit)
    .execute();
}
