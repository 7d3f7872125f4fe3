/**
 * Every migration, by name. The server bundle has no migration files on disk, so the Migrator gets them
 * from this index instead of reading a folder. Names sort by their ISO date prefix; append new ones.
 */
import type { Migration } from "kysely";
import * as m20261128T0600 from "./2026-11-28T0600_base";
import * as m20261128T0700 from "./2026-11-28T0700_accounts";
import * as m20261128T0900 from "./2026-11-28T0900_opportunity_search";
import * as m20261202T1000 from "./2026-12-02T1000_listing_generation";
import * as m20261203T0800 from "./2026-12-03T0800_organisation_archive";
import * as m20261203T0900 from "./2026-12-03T0900_moderation";
import * as m20261203T1000 from "./2026-12-03T1000_signups";
import * as m20261203T1100 from "./2026-12-03T1100_matching";
import * as m20261203T1300 from "./2026-12-03T1300_flags_admin";
import * as m20261203T1320 from "./2026-12-03T1320_certificates";
import * as m20261203T1330 from "./2026-12-03T1330_signup_org";
import * as m20261203T1340 from "./2026-12-03T1340_invitations_alerts";
import * as m20261203T1350 from "./2026-12-03T1350_search_trgm";
import * as m20261203T1400 from "./2026-12-03T1400_match_next_shift";
import * as m20261203T1410 from "./2026-12-03T1410_search_words_statement";
import * as m20261203T1420 from "./2026-12-03T1420_signup_race";
import * as m20261203T1520 from "./2026-12-03T1520_drop_duplicate_shift_index";
import * as m20261203T1540 from "./2026-12-03T1540_dashboard_index";

export const migrations: Record<string, Migration> = {
  "2026-11-28T0600_base": m20261128T0600,
  "2026-11-28T0700_accounts": m20261128T0700,
  "2026-11-28T0900_opportunity_search": m20261128T0900,
  "2026-12-02T1000_listing_generation": m20261202T1000,
  "2026-12-03T0800_organisation_archive": m20261203T0800,
  "2026-12-03T0900_moderation": m20261203T0900,
  "2026-12-03T1000_signups": m20261203T1000,
  "2026-12-03T1100_matching": m20261203T1100,
  "2026-12-03T1300_flags_admin": m20261203T1300,
  "2026-12-03T1320_certificates": m20261203T1320,
  "2026-12-03T1330_signup_org": m20261203T1330,
  "2026-12-03T1340_invitations_alerts": m20261203T1340,
  "2026-12-03T1350_search_trgm": m20261203T1350,
  "2026-12-03T1400_match_next_shift": m20261203T1400,
  "2026-12-03T1410_search_words_statement": m20261203T1410,
  "2026-12-03T1420_signup_race": m20261203T1420,
  "2026-12-03T1520_drop_duplicate_shift_index": m20261203T1520,
  "2026-12-03T1540_dashboard_index": m20261203T1540,
};
