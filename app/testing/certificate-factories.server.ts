/** Test data for hours reports and certificates: past attended shifts and flexible sign-ups, each call fresh. */
import { db } from "~db/client.server";
import { createOpportunity, createOrganisationWithOwner, createShift, createUser } from "./factories.server";

const HOUR = 3600 * 1000;

/** An organisation (with owner) and a published one-off opportunity. */
export async function createOrganisationWithOpportunity({ ownerName }: { ownerName?: string } = {}) {
  const { organisation, owner, token } = await createOrganisationWithOwner();
  if (ownerName) await db.updateTable("app_user").set({ display_name: ownerName }).where("id", "=", owner.id).execute();
  const opportunity = await createOpportunity({ organisation_id: organisation.id, schedule_kind: "one_off", total_places: null });
  return { organisation, owner: { ...owner, display_name: ownerName ?? owner.display_name }, ownerToken: token, opportunity };
}

/** A shift of the opportunity that started at `startsAt` (2 hours long) which the volunteer attended for `hours`. */
export async function createAttendedShift({ opportunityId, userId, startsAt, hours }: { opportunityId: number; userId: number; startsAt: Date; hours: number }) {
  const shift = await createShift({ opportunity_id: opportunityId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 2 * HOUR), places: 5 });
  const signup = await db
    .insertInto("signup")
    .values({ opportunity_id: opportunityId, shift_id: shift.id, user_id: userId, status: "attended", hours, confirmed_at: startsAt })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { shift, signup };
}

/** A flexible opportunity of the organisation and the volunteer's sign-up for it (default: confirmed). */
export async function createFlexibleSignup({ organisationId, userId, status = "confirmed" }: { organisationId: number; userId: number; status?: "confirmed" | "pending" }) {
  const opportunity = await createOpportunity({ organisation_id: organisationId, schedule_kind: "flexible", total_places: 5 });
  const signup = await db
    .insertInto("signup")
    .values({ opportunity_id: opportunity.id, shift_id: null, user_id: userId, status, confirmed_at: status === "confirmed" ? new Date() : null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { opportunity, signup };
}

export { createUser };
