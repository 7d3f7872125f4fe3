/**
 * Invitations: an organisation invites a volunteer who opted in ("organisations may suggest opportunities to me")
 * to one of its published opportunities; the volunteer accepts (→ the sign-up form) or declines.
 *
 * Limits, all enforced where they cannot be raced:
 * - one invitation per volunteer and opportunity: UNIQUE (volunteer_id, opportunity_id);
 * - at most INVITATION_LIMITS.perVolunteerPerWeek in 7 days across all organisations: counted inside the
 *   transaction after locking the volunteer's profile row (FOR UPDATE), so concurrent invitations to the same
 *   person queue up and each sees the others' rows;
 * - the opt-in is read under that same lock: an invitation and a withdrawal of the opt-in cannot interleave;
 * - rate limits per organisation (matchInvitationsPerOrganisation) and per recipient address (mailsToRecipient,
 *   shared with the other mails people make us send to someone else).
 *
 * Withdrawing the opt-in stops new invitations and removes the volunteer from every matches page; invitations
 * already received stay answerable by the volunteer (for INVITATION_LIMITS.answerableDays): accepting only leads
 * to the public sign-up form, and the organisation learns nothing it could not see on its sign-up list.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import { consumeRateLimits, RATE_LIMITS, recipientKey } from "~/domain/auth/rate-limit.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { unsubscribeHeaders, unsubscribeUrl } from "~/domain/notifications/unsubscribe.server";
import { appOrigin } from "~/utils/request.server";
import { INVITATION_LIMITS, type InvitationStatus } from "./alerts";

export type InviteError = "notFound" | "notOptedIn" | "alreadyInvited" | "weeklyLimit" | "rateLimited";
export type InviteResult = { ok: true; invitationId: number } | { ok: false; error: InviteError; retryAfterSeconds?: number };

/**
 * Invites `volunteerId` to the organisation's published opportunity and queues the email, in one transaction.
 * `notFound`: no such published opportunity of this organisation, or no such volunteer (never says which).
 */
export async function inviteVolunteer({
  opportunityId,
  organisationId,
  volunteerId,
  invitedBy,
}: {
  opportunityId: number;
  organisationId: number;
  volunteerId: number;
  invitedBy: number;
}): Promise<InviteResult> {
  const opportunity = await db
    .selectFrom("opportunity as o")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .select(["o.id", "o.title", "org.name as orgName"])
    .where("o.id", "=", opportunityId)
    .where("o.organisation_id", "=", organisationId)
    .where("o.status", "=", "published")
    .executeTakeFirst();
  if (!opportunity) return { ok: false, error: "notFound" };
  const volunteer = await db
    .selectFrom("app_user as u")
    .leftJoin("volunteer_profile as p", "p.user_id", "u.id")
    .select(["u.email", "u.display_name", "u.locale", "p.suggestions_opt_in"])
    .where("u.id", "=", volunteerId)
    .where("u.deleted_at", "is", null)
    .executeTakeFirst();
  if (!volunteer?.email) return { ok: false, error: "notFound" };
  if (!volunteer.suggestions_opt_in) return { ok: false, error: "notOptedIn" };

  const limit = await consumeRateLimits(db, [
    ["organisation", `match-invite:org:${organisationId}`, RATE_LIMITS.matchInvitationsPerOrganisation],
    ["recipient", recipientKey(volunteer.email), RATE_LIMITS.mailsToRecipient],
  ]);
  if (!limit.allowed) return { ok: false, error: "rateLimited", retryAfterSeconds: limit.retryAfterSeconds };

  // outside the transaction: the signing secret may come from the database (PGlite has one connection)
  const unsubscribe = await unsubscribeUrl({ kind: "invitations", id: volunteerId });
  const origin = appOrigin();

  return db.transaction().execute(async (trx): Promise<InviteResult> => {
    const profile = await trx
      .selectFrom("volunteer_profile")
      .select("suggestions_opt_in")
      .where("user_id", "=", volunteerId)
      .forUpdate()
      .executeTakeFirst();
    if (!profile?.suggestions_opt_in) return { ok: false, error: "notOptedIn" };
    const { n } = await trx
      .selectFrom("match_invitation")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("volunteer_id", "=", volunteerId)
      .where("created_at", ">", sql<Date>`now() - interval '7 days'`)
      .executeTakeFirstOrThrow();
    const inserted = await trx
      .insertInto("match_invitation")
      .values({ opportunity_id: opportunityId, organisation_id: organisationId, volunteer_id: volunteerId, invited_by: invitedBy })
      .onConflict((oc) => oc.columns(["volunteer_id", "opportunity_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return { ok: false, error: "alreadyInvited" };
    // counted before the insert; the row lock keeps anyone else from adding one in between
    if (n >= INVITATION_LIMITS.perVolunteerPerWeek) {
      await trx.deleteFrom("match_invitation").where("id", "=", inserted.id).execute();
      return { ok: false, error: "weeklyLimit" };
    }
    await enqueueEmail(trx, {
      to: volunteer.email!,
      template: "match_invitation",
      locale: volunteer.locale,
      params: {
        name: volunteer.display_name,
        orgName: opportunity.orgName,
        title: opportunity.title,
        url: `${origin}/me/invitations`,
        opportunityUrl: `${origin}/opportunities/${opportunity.id}`,
        unsubscribeUrl: unsubscribe,
      },
      headers: unsubscribeHeaders(unsubscribe),
    });
    return { ok: true, invitationId: inserted.id };
  });
}

/** Which of these volunteers this opportunity has invited already, with the answer (for the matches page). */
export async function invitationStatesFor({ opportunityId, volunteerIds }: { opportunityId: number; volunteerIds: number[] }) {
  if (volunteerIds.length === 0) return new Map<number, InvitationStatus>();
  const rows = await db
    .selectFrom("match_invitation")
    .select(["volunteer_id", "status"])
    .where("opportunity_id", "=", opportunityId)
    .where("volunteer_id", "in", volunteerIds)
    .execute();
  return new Map(rows.map((r) => [r.volunteer_id, r.status]));
}

export interface VolunteerInvitation {
  id: number;
  opportunityId: number;
  title: string;
  orgName: string;
  status: InvitationStatus;
  createdAt: Date;
  /** pending, not older than answerableDays, and the opportunity is still published */
  answerable: boolean;
}

const answerableSince = sql<Date>`now() - ${`${INVITATION_LIMITS.answerableDays} days`}::interval`;

/** The invitations a volunteer received, newest first (own only: the user id comes from the session). */
export async function listInvitations({ userId, limit = 50 }: { userId: number; limit?: number }): Promise<VolunteerInvitation[]> {
  const rows = await db
    .selectFrom("match_invitation as i")
    .innerJoin("opportunity as o", "o.id", "i.opportunity_id")
    .innerJoin("organisation as org", "org.id", "i.organisation_id")
    .select([
      "i.id",
      "i.opportunity_id",
      "o.title",
      "org.name as orgName",
      "i.status",
      "i.created_at",
      sql<boolean>`i.status = 'pending' and o.status = 'published' and i.created_at > ${answerableSince}`.as("answerable"),
    ])
    .where("i.volunteer_id", "=", userId)
    .orderBy("i.created_at", "desc")
    .orderBy("i.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    opportunityId: r.opportunity_id,
    title: r.title,
    orgName: r.orgName,
    status: r.status,
    createdAt: r.created_at,
    answerable: r.answerable,
  }));
}

export async function countPendingInvitations({ userId }: { userId: number }) {
  const row = await db
    .selectFrom("match_invitation as i")
    .innerJoin("opportunity as o", "o.id", "i.opportunity_id")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("i.volunteer_id", "=", userId)
    .where("i.status", "=", "pending")
    .where("o.status", "=", "published")
    .where("i.created_at", ">", answerableSince)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Accepts or declines one of the volunteer's own pending invitations. Returns the opportunity id, or null when
 * there is no such answerable invitation of this volunteer (a foreign id, already answered, too old, unpublished).
 */
export async function answerInvitation({ id, userId, answer }: { id: number; userId: number; answer: "accept" | "decline" }) {
  const row = await db
    .updateTable("match_invitation as i")
    .set({ status: answer === "accept" ? "accepted" : "declined", answered_at: sql<Date>`now()` })
    .where("i.id", "=", id)
    .where("i.volunteer_id", "=", userId)
    .where("i.status", "=", "pending")
    .where("i.created_at", ">", answerableSince)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom("opportunity as o").select("o.id").whereRef("o.id", "=", "i.opportunity_id").where("o.status", "=", "published")),
    )
    .returning("i.opportunity_id")
    .executeTakeFirst();
  return row?.opportunity_id ?? null;
}
