/**
 * Invitations to coordinate a region, for addresses without an account: the organisation invitations' machinery
 * (one-time token, only its hash stored, 7 days, the outbox, the recipient and sender limits) with the region as
 * what one is invited to. The invitee signs up (or logs in) with exactly the invited address and accepts on
 * /invitations/:token; then they are coordinator of the region.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import { db } from "~db/client.server";
import type { Database, UserLocale } from "~db/schema";
import { recordAudit } from "~/domain/audit/audit.server";
import { consumeRateLimits, RATE_LIMITS, recipientKey } from "~/domain/auth/rate-limit.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { hashToken, isWellFormedInvitationToken, normaliseEmail, writeInvitation } from "~/domain/organisations/members.server";

type Executor = Kysely<Database> | Transaction<Database>;

export type CoordinatorInviteResult =
  | { ok: true; token: string; invitationId: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "rate_limited"; scope: "recipient" | "sender"; limit: number; retryAfterSeconds: number };

/** Admins only (the route checks): a newer invitation to the same address and region replaces an open older one. */
export async function inviteCoordinator({
  regionId,
  actor,
  email,
  origin,
  ip,
}: {
  regionId: number;
  actor: { id: number; displayName: string; locale: UserLocale };
  email: string;
  origin: string;
  ip?: string;
}): Promise<CoordinatorInviteResult> {
  const address = normaliseEmail(email);
  return db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom("region").select(["id", "name"]).where("id", "=", regionId).forUpdate().executeTakeFirst();
    if (!region) return { ok: false, reason: "not_found" } as const;
    const limit = await consumeRateLimits(trx, [
      ["recipient", recipientKey(address), RATE_LIMITS.mailsToRecipient],
      ["sender", `coordinator-invite:sender:${actor.id}`, RATE_LIMITS.coordinatorInvitationsPerSender],
    ]);
    if (!limit.allowed) return { ok: false, reason: "rate_limited", scope: limit.scope, limit: limit.limit, retryAfterSeconds: limit.retryAfterSeconds } as const;
    const { token, invitationId } = await writeInvitation(trx, { table: "coordinator_invitation", targetId: regionId, email: address, invitedBy: actor.id });
    await enqueueEmail(trx, {
      to: address,
      template: "coordinator_invitation",
      locale: actor.locale,
      params: { name: "", regionName: region.name, inviterName: actor.displayName, url: `${origin}/invitations/${token}` },
    });
    await recordAudit(
      { action: "region.coordinator_invited", actorUserId: actor.id, subjectType: "region", subjectId: regionId, ip, details: { invitationId, before: null, after: "invited" } },
      trx,
    );
    return { ok: true, token, invitationId } as const;
  });
}

/** Open invitations of a region (for its admin page). */
export function listCoordinatorInvitations({ regionId }: { regionId: number }) {
  return db
    .selectFrom("coordinator_invitation")
    .select(["id", "email", "created_at as createdAt", "expires_at as expiresAt"])
    .where("region_id", "=", regionId)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .orderBy("created_at", "desc")
    .execute();
}

function openInvitation(trx: Executor, token: string) {
  return trx
    .selectFrom("coordinator_invitation as i")
    .innerJoin("region as r", "r.id", "i.region_id")
    .leftJoin("app_user as inviter", "inviter.id", "i.invited_by")
    .select(["i.id", "i.email", "i.expires_at as expiresAt", "r.id as regionId", "r.name as regionName", "inviter.display_name as inviterName"])
    .where("i.token_hash", "=", hashToken(token))
    .where("i.accepted_at", "is", null)
    .where("i.expires_at", ">", sql<Date>`now()`);
}

/** For the invitation page: what the link offers, or null when it is unknown, used or expired. */
export async function peekCoordinatorInvitation({ token }: { token: string }) {
  if (!isWellFormedInvitationToken(token)) return null;
  return (await openInvitation(db, token).executeTakeFirst()) ?? null;
}

export type AcceptCoordinatorResult =
  | { ok: true; region: { id: number; name: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "wrong_email"; invitedEmail: string };

/** The logged-in user accepts; only with the invited address (a forwarded link does not make someone else coordinator). */
export async function acceptCoordinatorInvitation({ token, user, ip }: { token: string; user: { id: number; email: string }; ip?: string }): Promise<AcceptCoordinatorResult> {
  if (!isWellFormedInvitationToken(token)) return { ok: false, reason: "invalid" };
  return db.transaction().execute(async (trx) => {
    const invitation = await openInvitation(trx, token).forUpdate("i").executeTakeFirst();
    if (!invitation) return { ok: false, reason: "invalid" } as const;
    if (normaliseEmail(user.email) !== invitation.email) return { ok: false, reason: "wrong_email", invitedEmail: invitation.email } as const;
    await trx.insertInto("region_coordinator").values({ region_id: invitation.regionId, user_id: user.id }).onConflict((oc) => oc.doNothing()).execute();
    await trx.updateTable("coordinator_invitation").set({ accepted_at: sql`now()`, accepted_by: user.id }).where("id", "=", invitation.id).execute();
    await recordAudit(
      {
        action: "region.invitation_accepted",
        actorUserId: user.id,
        subjectType: "region",
        subjectId: invitation.regionId,
        ip,
        details: { invitationId: invitation.id, userId: user.id, before: null, after: "coordinator" },
      },
      trx,
    );
    return { ok: true, region: { id: invitation.regionId, name: invitation.regionName } } as const;
  });
}
