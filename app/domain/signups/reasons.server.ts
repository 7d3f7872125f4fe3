/**
 * Matching reasons next to each signed-up volunteer on the organisation's sign-up page: why this person fits
 * ("Speaks Tigrinya", "Free on Tuesday evening"), from the same score as the recommendations. Reasons only —
 * no age, no address, no score — and only for volunteers who have a profile; the others show nothing.
 *
 * The score is taken as of just before the volunteer's own shift(s), with their place counted as available:
 * the page is about people who already signed up, so "full", "starts soon", "places left" and "newly posted"
 * (facts about the opportunity, not the person) are left out.
 */
import { db } from "~db/client.server";
import type { Locale } from "~/i18n/config";
import { formatReasons } from "~/domain/matching/explain.server";
import { getMatchProfile } from "~/domain/matching/profile.server";
import { scoreMatch, type MatchOpportunity, type ReasonKey } from "~/domain/matching/score";

const ABOUT_THE_OPPORTUNITY: ReadonlySet<ReasonKey> = new Set([
  "matching.reasons.startsSoon",
  "matching.reasons.placesLeft",
  "matching.reasons.fresh",
]);

/** more volunteers than this on one page get no reasons (each needs its profile read) */
export const MAX_VOLUNTEERS_WITH_REASONS = 300;

export interface SignedUpVolunteer {
  userId: number;
  /** the shifts they signed up for (none for a flexible opportunity) */
  shifts: { startsAt: Date; endsAt: Date }[];
}

/** user id → the reasons as sentences for the organisation, in `locale`; users without a profile are absent */
export async function reasonsForSignedUp({
  opportunityId,
  volunteers,
  locale,
}: {
  opportunityId: number;
  volunteers: SignedUpVolunteer[];
  locale: Locale;
}): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>();
  if (volunteers.length === 0 || volunteers.length > MAX_VOLUNTEERS_WITH_REASONS) return result;
  const row = await db
    .selectFrom("opportunity as o")
    .innerJoin("gemeinde as g", "g.bfs_nr", "o.bfs_nr")
    .select([
      "o.category_id",
      "o.bfs_nr",
      "g.lat",
      "g.lon",
      "o.location_mode",
      "o.languages_required",
      "o.languages_helpful",
      "o.german_level",
      "o.min_age",
      "o.tags",
      "o.schedule_kind",
      "o.published_at",
      "o.created_at",
    ])
    .where("o.id", "=", opportunityId)
    .executeTakeFirst();
  if (!row) return result;
  for (const volunteer of volunteers) {
    const profile = await getMatchProfile({ userId: volunteer.userId });
    if (!profile) continue;
    const shifts = [...volunteer.shifts].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    const opportunity: MatchOpportunity = {
      categoryId: row.category_id,
      place: { bfsNr: row.bfs_nr, lat: row.lat, lon: row.lon },
      locationMode: row.location_mode,
      languagesRequired: row.languages_required,
      languagesHelpful: row.languages_helpful,
      germanLevel: row.german_level,
      minAge: row.min_age,
      tags: row.tags,
      scheduleKind: row.schedule_kind,
      publishedAt: new Date(row.published_at ?? row.created_at),
      shifts: shifts.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt, placesLeft: 1 })),
      flexiblePlacesLeft: null,
    };
    const asOf = shifts.length > 0 ? new Date(shifts[0]!.startsAt.getTime() - 60_000) : new Date();
    const match = scoreMatch(profile, opportunity, asOf);
    const reasons = match.reasons.filter((r) => !ABOUT_THE_OPPORTUNITY.has(r.key));
    if (reasons.length > 0) result.set(volunteer.userId, formatReasons(reasons, locale, "organisation"));
  }
  return result;
}
