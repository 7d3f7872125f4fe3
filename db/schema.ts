/**
 * The Database interface Kysely types every query against. It follows the migrations in db/migrations:
 * when a migration changes a table, change its interface here in the same commit.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export const ORGANISATION_KINDS = [
  "verein",
  "bibliothek",
  "schule",
  "gemeinde",
  "kirchgemeinde",
  "stiftung",
  "andere",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const OPPORTUNITY_STATUSES = [
  "draft",
  "submitted",
  "published",
  "changes_requested",
  "rejected",
  "archived",
] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

export const LOCATION_MODES = ["on_site", "remote", "both"] as const;
export type LocationMode = (typeof LOCATION_MODES)[number];

export const SCHEDULE_KINDS = ["one_off", "recurring", "flexible"] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

export const GERMAN_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;
export type GermanLevel = (typeof GERMAN_LEVELS)[number];

export const TARGET_GROUPS = [
  "kinder",
  "jugendliche",
  "erwachsene",
  "frauen",
  "familien",
  "senioren",
  "alle",
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export interface GemeindeTable {
  bfs_nr: number;
  name: string;
  district_nr: number;
  district_name: string;
  lat: number;
  lon: number;
}

export interface PostcodeTable {
  plz: number;
  locality: string;
  bfs_nr: number;
  /** true for the municipality that holds most addresses of this PLZ + locality */
  is_main: boolean;
}

export interface RegionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  created_at: CreatedAt;
}

export interface RegionGemeindeTable {
  region_id: number;
  bfs_nr: number;
}

export interface CategoryTable {
  id: string;
  label_de: string;
  label_en: string;
  sort_order: number;
}

export interface OrganisationTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: OrganisationKind;
  bfs_nr: number;
  description: string;
  website: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  verified_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface OpportunityTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  summary: string;
  description: string;
  category_id: string;
  bfs_nr: number;
  address: string | null;
  address_private: Generated<boolean>;
  location_mode: Generated<LocationMode>;
  languages_helpful: Generated<string[]>;
  languages_required: Generated<string[]>;
  german_level: GermanLevel | null;
  tags: Generated<string[]>;
  target_groups: Generated<string[]>;
  min_age: number | null;
  contact_name: string | null;
  contact_email: string | null;
  needs_confirmation: Generated<boolean>;
  schedule_kind: ScheduleKind;
  /** only for flexible engagements without shifts; shifts carry their own places */
  total_places: number | null;
  status: Generated<OpportunityStatus>;
  submitted_at: Timestamp | null;
  published_at: Timestamp | null;
  archived_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface ShiftTable {
  id: Generated<number>;
  opportunity_id: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  places: number;
  created_at: CreatedAt;
}

export interface Database {
  gemeinde: GemeindeTable;
  postcode: PostcodeTable;
  region: RegionTable;
  region_gemeinde: RegionGemeindeTable;
  category: CategoryTable;
  organisation: OrganisationTable;
  opportunity: OpportunityTable;
  shift: ShiftTable;
}

export type Gemeinde = Selectable<GemeindeTable>;
export type Region = Selectable<RegionTable>;
export type Category = Selectable<CategoryTable>;
export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type Opportunity = Selectable<OpportunityTable>;
export type NewOpportunity = Insertable<OpportunityTable>;
export type OpportunityUpdate = Updateable<OpportunityTable>;
export type Shift = Selectable<ShiftTable>;
export type NewShift = Insertable<ShiftTable>;
