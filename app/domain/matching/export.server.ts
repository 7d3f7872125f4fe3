/**
 * The matching part of the data export (/me/export): the volunteer profile, the dismissed recommendations, the
 * saved searches with their alerts, and the invitations received (with the inviting organisation). Own rows only.
 */
import { db } from "~db/client.server";
import { listInvitations } from "./invitations.server";
import { getVolunteerProfile } from "./profile.server";
import { listSavedSearches } from "./saved-searches.server";

export async function exportMatchingData({ userId }: { userId: number }) {
  const [profile, dismissed, savedSearches, invitations] = await Promise.all([
    getVolunteerProfile({ userId }),
    db
      .selectFrom("recommendation_dismissal as d")
      .innerJoin("opportunity as o", "o.id", "d.opportunity_id")
      .select(["o.id as opportunityId", "o.title", "d.created_at as dismissedAt"])
      .where("d.user_id", "=", userId)
      .orderBy("d.created_at", "desc")
      .execute(),
    listSavedSearches({ userId }),
    listInvitations({ userId, limit: 10_000 }),
  ]);
  return {
    profile,
    dismissedRecommendations: dismissed,
    savedSearches: savedSearches.map((s) => ({ name: s.name, query: s.query, alert: s.alert, createdAt: s.createdAt })),
    invitations: invitations.map((i) => ({
      opportunityId: i.opportunityId,
      title: i.title,
      organisation: i.orgName,
      status: i.status,
      receivedAt: i.createdAt,
    })),
  };
}
