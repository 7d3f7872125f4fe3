/**
 * What the score reads of an opportunity, in one place for the recommendations, the "why this fits you"
 * explanation and reverse matching: the columns (as a SQL fragment over `opportunity o` joined to its
 * `gemeinde g` and its next shifts `sh`), the row they give, and that row as the score's MatchOpportunity.
 * The next shifts come in the same query (a lateral join that reads at most SHIFTS_CONSIDERED of them from
 * shift_next_idx, index-only), so a page of recommendations is one round trip for all its candidates.
 */
import { type RawBuilder, sql } from "kysely";
import type { GermanLevel, LocationMode, ScheduleKind } from "~db/schema";
import { flexiblePlacesLeft, shiftPlacesLeft } from "~/domain/opportunities/places.server";
import type { MatchOpportunity } from "./score";

export { shiftPlacesLeft };

/** upcoming shifts the score looks at per opportunity (availability reads the next 10) */
export const SHIFTS_CONSIDERED = 10;

/** one upcoming shift as the query hands it over: start and end in epoch milliseconds, places left */
type ShiftTuple = [number, number, number];

export interface MatchOpportunityRow {
  id: number;
  category_id: string;
  bfs_nr: number;
  lat: number;
  lon: number;
  location_mode: LocationMode;
  languages_required: string[];
  languages_helpful: string[];
  german_level: GermanLevel | null;
  min_age: number | null;
  tags: string[];
  schedule_kind: ScheduleKind;
  published_at: Date | string;
  flexible_places_left: number | null;
  /** the next SHIFTS_CONSIDERED shifts after `now`, soonest first; null when none */
  upcoming: ShiftTuple[] | null;
}

/** the columns of MatchOpportunityRow, from `opportunity o join gemeinde g on g.bfs_nr = o.bfs_nr ${upcomingShiftsJoin(now)}` */
export const matchOpportunityColumns = sql`o.id, o.category_id, o.bfs_nr, g.lat, g.lon, o.location_mode, o.languages_required,
  o.languages_helpful, o.german_level, o.min_age, o.tags, o.schedule_kind, o.published_at,
  ${flexiblePlacesLeft} as flexible_places_left, sh.upcoming`;

/** the next shifts of `o` after `now` as `sh.upcoming` (JSON: no driver-specific parsing of timestamp arrays) */
export function upcomingShiftsJoin(now: Date): RawBuilder<unknown> {
  return sql`left join lateral (
    select json_agg(json_build_array((extract(epoch from n.starts_at) * 1000)::float8, (extract(epoch from n.ends_at) * 1000)::float8,
      n.places_left) order by n.starts_at) as upcoming
    from (
      select s.starts_at, s.ends_at, ${shiftPlacesLeft} as places_left from shift s
      where s.opportunity_id = o.id and s.starts_at > ${now} and s.cancelled_at is null
      order by s.starts_at limit ${sql.lit(SHIFTS_CONSIDERED)}
    ) n
  ) sh on true`;
}

export function toMatchOpportunity(row: MatchOpportunityRow): MatchOpportunity {
  const shifts = (row.upcoming ?? []).map(([startsAt, endsAt, placesLeft]) => ({
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    placesLeft: Number(placesLeft),
  }));
  return {
    categoryId: row.category_id,
    place: { bfsNr: row.bfs_nr, lat: row.lat, lon: row.lon },
    locationMode: row.location_mode,
    languagesRequired: row.languages_required,
    languagesHelpful: row.languages_helpful,
    germanLevel: row.german_level,
    minAge: row.min_age,
    tags: row.tags,
    scheduleKind: row.schedule_kind,
    publishedAt: new Date(row.published_at),
    shifts,
    flexiblePlacesLeft: row.flexible_places_left === null ? null : Number(row.flexible_places_left),
  };
}
