/**
 * Reverse matching: the volunteers who fit one of an organisation's published opportunities, best first, as the
 * organisation may see them — first name, home Gemeinde and the reasons, nothing else (no email, no surname,
 * no age). Only volunteers who opted in ("organisations may suggest opportunities to me") are ever read:
 * withdrawing the opt-in removes someone from every matches page on the next request.
 *
 * Candidates come from PostgreSQL: opted-in profiles, for an on-site opportunity only those whose own travel
 * radius reaches it (between Gemeinde centroids, as the score measures), who speak every required language at
 * least "good" (volunteer_language_language_idx); at most MAX_VOLUNTEER_CANDIDATES, those interested in the
 * category first, then the most recently updated profiles. Both halves are read in that order from
 * volunteer_profile_opt_in_recent_idx and stop at the limit, instead of sorting every opted-in profile of the
 * canton; the second half only when the first did not fill the limit. The profiles come with their languages,
 * and the opportunity with its next shifts, so a request is two queries. Each is then scored with the same
 * function as the recommendations.
 */
import { type RawBuilder, sql } from "kysely";
import { db } from "~db/client.server";
import type { LocationMode } from "~db/schema";
import { PROFILE_LIMITS } from "./profile-fields";
import { matchOpportunityColumns, toMatchOpportunity, upcomingShiftsJoin, type MatchOpportunityRow } from "./opportunity-row.server";
import { toMatchProfile, type MatchProfileRow } from "./profile.server";
import { scoreMatch, type Reason } from "./score";

const EARTH_RADIUS_KM = 6371.0088;
export const MAX_VOLUNTEER_CANDIDATES = 500;
export const MAX_MATCHES_SHOWN = 50;

export interface VolunteerMatch {
  /** for the invitation form only; never shown */
  userId: number;
  firstName: string;
  gemeindeName: string | null;
  onlineOnly: boolean;
  score: number;
  reasons: Reason[];
}

interface ProfileRow extends MatchProfileRow {
  user_id: number;
  display_name: string;
  gemeinde_name: string | null;
}

/** the first word of the display name: all an organisation sees of a volunteer's name */
export function firstNameOf(displayName: string) {
  return displayName.trim().split(/\s+/)[0] ?? "";
}

function textArray(values: readonly string[]) {
  return values.length === 0 ? sql`'{}'::text[]` : sql`array[${sql.join(values)}]::text[]`;
}

function gemeindenWithin(place: { lat: number; lon: number }, radiusKm: number): RawBuilder<number> {
  const lat = sql`${place.lat}::float8`;
  const lon = sql`${place.lon}::float8`;
  return sql<number>`select g2.bfs_nr from gemeinde g2 where (2 * ${sql.lit(EARTH_RADIUS_KM)} * asin(least(1, sqrt(
    power(sin(radians(g2.lat - ${lat}) / 2), 2) +
    cos(radians(${lat})) * cos(radians(g2.lat)) * power(sin(radians(g2.lon - ${lon}) / 2), 2))))) <= ${radiusKm}::float8`;
}

/** The candidate query: opted-in volunteers who could do this opportunity. */
export function volunteerCandidateQuery({
  opportunity,
  limit = MAX_VOLUNTEER_CANDIDATES,
}: {
  opportunity: {
    categoryId: string;
    locationMode: LocationMode;
    languagesRequired: string[];
    place: { bfsNr: number; lat: number; lon: number };
  };
  limit?: number;
}) {
  const conditions: RawBuilder<unknown>[] = [sql`p.suggestions_opt_in`, sql`u.deleted_at is null`];
  if (opportunity.locationMode === "on_site") {
    // the volunteer's own radius, as the score rules (same Gemeinde always; a hair of slack so that rounding
    // never drops someone the score would keep)
    const { lat, lon, bfsNr } = opportunity.place;
    conditions.push(sql`not p.online_only and p.bfs_nr in (${gemeindenWithin(opportunity.place, PROFILE_LIMITS.radiusKm.max)})
      and (p.bfs_nr = ${bfsNr} or (2 * ${sql.lit(EARTH_RADIUS_KM)} * asin(least(1, sqrt(
        power(sin(radians(g.lat - ${lat}::float8) / 2), 2) +
        cos(radians(${lat}::float8)) * cos(radians(g.lat)) * power(sin(radians(g.lon - ${lon}::float8) / 2), 2))))) <= p.radius_km + 0.001)`);
  }
  if (opportunity.languagesRequired.length > 0) {
    conditions.push(sql`not exists (
      select 1 from unnest(${textArray(opportunity.languagesRequired)}) as r(code)
      where not exists (select 1 from volunteer_language vl where vl.user_id = p.user_id and vl.language = r.code and vl.level <> 'basic'))`);
  }
  const interested = sql`${opportunity.categoryId} = any(p.interests)`;
  // each half reads the rows it returns (no second join per candidate); the second half only fills what the
  // first left of the limit, so when enough are interested it reads nothing
  const half = (wanted: boolean, take: RawBuilder<unknown>) => sql`
    select p.user_id, u.display_name, p.bfs_nr, g.name as gemeinde_name, g.lat, g.lon, p.radius_km, p.online_only,
      p.german_level, p.interests, p.skills, p.availability, p.engagement, p.birth_year, p.age_band, p.updated_at,
      ${sql.lit(wanted)} as interested
    from volunteer_profile p
    join app_user u on u.id = p.user_id
    left join gemeinde g on g.bfs_nr = p.bfs_nr
    where ${sql.join([...conditions, wanted ? interested : sql`not (${interested})`], sql` and `)}
    order by p.updated_at desc, p.user_id
    limit ${take}`;
  return sql<ProfileRow>`
    with first as (${half(true, sql`${limit}`)}),
    rest as (${half(false, sql`(${limit} - (select count(*) from first))`)})
    select c.user_id, c.display_name, c.bfs_nr, c.gemeinde_name, c.lat, c.lon, c.radius_km, c.online_only,
      c.german_level, c.interests, c.skills, c.availability, c.engagement, c.birth_year, c.age_band,
      (select coalesce(json_agg(json_build_array(vl.language, vl.level) order by vl.language), '[]'::json)
        from volunteer_language vl where vl.user_id = c.user_id) as languages
    from (select * from first union all select * from rest) c
    order by c.interested desc, c.updated_at desc, c.user_id`;
}

/**
 * The volunteers who fit a published opportunity of the organisation, best first; null when the opportunity
 * is not a published one of this organisation (the route answers 404).
 */
export async function matchVolunteers({
  opportunityId,
  organisationId,
  now = new Date(),
  limit = MAX_MATCHES_SHOWN,
}: {
  opportunityId: number;
  organisationId: number;
  now?: Date;
  limit?: number;
}): Promise<{ title: string; matches: VolunteerMatch[] } | null> {
  const { rows } = await sql<MatchOpportunityRow & { title: string }>`
    select ${matchOpportunityColumns}, o.title
    from opportunity o
    join gemeinde g on g.bfs_nr = o.bfs_nr
    ${upcomingShiftsJoin(now)}
    where o.id = ${opportunityId} and o.organisation_id = ${organisationId} and o.status = 'published'`.execute(db);
  const row = rows[0];
  if (!row) return null;
  const opportunity = toMatchOpportunity(row);
  const { rows: profiles } = await volunteerCandidateQuery({ opportunity }).execute(db);

  const matches = profiles
    .map((p) => {
      const result = scoreMatch(
        toMatchProfile(p),
        opportunity,
        now,
      );
      return { profile: p, result };
    })
    .filter(({ result }) => result.ruledOut.length === 0)
    // equal scores keep the candidate query's order (interested first, then the most recently updated
    // profile): people who just looked at their profile are likelier to answer than long-quiet ones
    .sort((a, b) => b.result.score - a.result.score)
    .slice(0, limit);
  return {
    title: row.title,
    matches: matches.map(({ profile, result }) => ({
      userId: profile.user_id,
      firstName: firstNameOf(profile.display_name),
      gemeindeName: profile.gemeinde_name,
      onlineOnly: profile.online_only,
      score: result.score,
      // the reasons as the score gives them; formatReasons(…, "organisation") words them for the organisation
      reasons: result.reasons,
    })),
  };
}
