/**
 * What the score reads of an opportunity, in one place for the recommendations, the "why this fits you"
 * explanation and reverse matching: the columns (as a SQL fragment over `opportunity o` joined to its
 * `gemeinde g`), the row they give, and that row with its upcoming shifts as the score's MatchOpportunity.
 */
import { sql } from "kysely";
import type { GermanLevel, LocationMode, ScheduleKind } from "~db/schema";
import { flexiblePlacesLeft, shiftPlacesLeft } from "~/domain/opportunities/places.server";
import type { MatchOpportunity } from "./score";

export { shiftPlacesLeft };

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
}

/** the columns of MatchOpportunityRow, from `opportunity o join gemeinde g on g.bfs_nr = o.bfs_nr` */
export const matchOpportunityColumns = sql`o.id, o.category_id, o.bfs_nr, g.lat, g.lon, o.location_mode, o.languages_required,
  o.languages_helpful, o.german_level, o.min_age, o.tags, o.schedule_kind, o.published_at,
  ${flexiblePlacesLeft} as flexible_places_left`;

export function toMatchOpportunity(row: MatchOpportunityRow, shifts: MatchOpportunity["shifts"]): MatchOpportunity {
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
