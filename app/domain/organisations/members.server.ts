/**
 * Members of an organisation and invitations to join it. Owners invite by email: a one-time link (160 random
 * bits, only its SHA-256 stored, valid 7 days) goes out through the outbox in the same transaction. The person
 * who opens it accepts while logged in with exactly the invited address. Owners change roles and remove
 * members; an organisation always keeps at least one owner (checked under a lock on the organisation row, so
 * two owners demoting each other at once cannot both succeed).
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { sql, type Kysely, type Transaction } from "kysely";
import { db } from "~db/client.server";
import type { Database, OrganisationRole, UserLocale } from "~db/schema";
import { consumeRateLimits, RATE_LIMITS, recipientKey } from "~/domain/auth/rate-limit.server";
import { recordAudit } from "~/domain/audit/audit.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";

type Executor = Kysely<Database> | Transaction<Database>;

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

export function isWellFormedInvitationToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN_PATTERN.test(token);
}

/** The stored form of an invitation link's token (also used by coordinator invitations). */
export function hashToken(token: string) {
  return Buffer.from(sha256(new TextEncoder().encode(token)));
}

/** A fresh one-time invitation token (160 random bits, base32) for a link; store only hashToken(token). */
export function newInvitationToken() {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

/** What each kind of invitation invites to: its table and the column naming the organisation or region. */
const INVITATION_TARGET = {
  organisation_invitation: "organisation_id",
  coordinator_invitation: "region_id",
} as const;

/**
 * Writes a new invitation inside the caller's transaction: an open invitation of the same address to the same
 * organisation or region stops working, and a fresh token is stored (only its hash) for INVITATION_TTL_MS.
 * Returns the token for the link and the new row's id. Organisation invitations also carry the role.
 */
export async function writeInvitation(
  trx: Transaction<Database>,
  invitation:
    | { table: "organisation_invitation"; targetId: number; email: string; invitedBy: number; role: OrganisationRole }
    | { table: "coordinator_invitation"; targetId: number; email: string; invitedBy: number },
) {
  const { table, targetId, email, invitedBy } = invitation;
  const target = INVITATION_TARGET[table];
  await trx
    .updateTable(table)
    .set({ expires_at: sql`now()` })
    .where(sql.ref(target), "=", targetId)
    .where("email", "=", email)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .execute();
  const token = newInvitationToken();
  const common = { email, token_hash: hashToken(token), invited_by: invitedBy, expires_at: new Date(Date.now() + INVITATION_TTL_MS) };
  const row =
    invitation.table === "organisation_invitation"
      ? await trx.insertInto("organisation_invitation").values({ ...common, organisation_id: targetId, role: invitation.role }).returning("id").executeTakeFirstOrThrow()
      : await trx.insertInto("coordinator_invitation").values({ ...common, region_id: targetId }).returning("id").executeTakeFirstOrThrow();
  return { token, invitationId: row.id };
}

export function normaliseEmail(email: string) {
  return email.normalize("NFC").trim().toLowerCase();
}

async function roleOf(trx: Executor, orgId: number, userId: number) {
  const row = await trx
    .selectFrom("organisation_member")
    .select("role")
    .where("organisation_id", "=", orgId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

export async function isMemberOf({ orgId, userId }: { orgId: number; userId: number }) {
  return Boolean(await roleOf(db, orgId, userId));
}

/** Members (owners first) and open invitations. Null unless the actor belongs to the organisation. */
export async function listMembers({ orgId, actor }: { orgId: number; actor: { id: number } }) {
  if (!(await roleOf(db, orgId, actor.id))) return null;
  const [members, invitations] = await Promise.all([
    db
      .selectFrom("organisation_member as m")
      .innerJoin("app_user as u", "u.id", "m.user_id")
      .select(["m.user_id as userId", "u.display_name as displayName", "u.email", "m.role", "m.created_at as since"])
      .where("m.organisation_id", "=", orgId)
      .orderBy(sql`m.role = 'owner'`, "desc")
      .orderBy("u.display_name")
      .orderBy("m.user_id")
      .execute(),
    db
      .selectFrom("organisation_invitation")
      .select(["id", "email", "role", "created_at as createdAt", "expires_at as expiresAt"])
      .where("organisation_id", "=", orgId)
      .where("accepted_at", "is", null)
      .where("expires_at", ">", sql<Date>`now()`)
      .orderBy("created_at", "desc")
      .execute(),
  ]);
  return { members, invitations };
}

export type InviteResult =
  | { ok: true; token: string; invitationId: number }
  | { ok: false; reason: "already_member" }
  | { ok: false; reason: "rate_limited"; scope: "recipient" | "organisation" | "sender"; limit: number; retryAfterSeconds: number };

/**
 * Owners only (null otherwise). A newer invitation to the same address replaces an open older one. The mail is
 * in the invitee's language if they have an account, else in the inviter's.
 */
export async function inviteMember({
  orgId,
  actor,
  email,
  role,
  origin,
  ip,
}: {
  orgId: number;
  actor: { id: number; displayName: string; locale: UserLocale };
  email: string;
  role: OrganisationRole;
  origin: string;
  ip?: string;
}): Promise<InviteResult | null> {
  const address = normaliseEmail(email);
  return db.transaction().execute(async (trx) => {
    const organisation = await trx.selectFrom("organisation").select(["id", "name"]).where("id", "=", orgId).forUpdate().executeTakeFirst();
    if (!organisation || (await roleOf(trx, orgId, actor.id)) !== "owner") return null;
    const invitee = await trx.selectFrom("app_user").select(["id", "display_name", "locale"]).where("email", "=", address).executeTakeFirst();
    if (invitee && (await roleOf(trx, orgId, invitee.id))) return { ok: false, reason: "already_member" } as const;
    // any owner can name any address: bound what one address receives, and what one sender or organisation sends
    const limit = await consumeRateLimits(trx, [
      ["recipient", recipientKey(address), RATE_LIMITS.mailsToRecipient],
      ["organisation", `invite:organisation:${orgId}`, RATE_LIMITS.invitationsPerOrganisation],
      ["sender", `invite:sender:${actor.id}`, RATE_LIMITS.invitationsPerSender],
    ]);
    if (!limit.allowed) return { ok: false, reason: "rate_limited", scope: limit.scope, limit: limit.limit, retryAfterSeconds: limit.retryAfterSeconds } as const;

    const { token, invitationId } = await writeInvitation(trx, { table: "organisation_invitation", targetId: orgId, email: address, invitedBy: actor.id, role });
    await enqueueEmail(trx, {
      to: address,
      template: "organisation_invitation",
      locale: invitee?.locale ?? actor.locale,
      params: {
        name: invitee?.display_name ?? "",
        orgName: organisation.name,
        inviterName: actor.displayName,
        role,
        url: `${origin}/invitations/${token}`,
      },
    });
    await recordAudit(
      {
        action: "organisation.member_invited",
        actorUserId: actor.id,
        subjectType: "organisation",
        subjectId: orgId,
        ip,
        details: { invitationId, role },
      },
      trx,
    );
    return { ok: true, token, invitationId } as const;
  });
}

/** Owners only: an open invitation stops working. False when there is no such open invitation. */
export async function revokeInvitation({ orgId, actor, invitationId, ip }: { orgId: number; actor: { id: number }; invitationId: number; ip?: string }) {
  return db.transaction().execute(async (trx) => {
    if ((await roleOf(trx, orgId, actor.id)) !== "owner") return false;
    const revoked = await trx
      .updateTable("organisation_invitation")
      .set({ expires_at: sql`now()` })
      .where("id", "=", invitationId)
      .where("organisation_id", "=", orgId)
      .where("accepted_at", "is", null)
      .where("expires_at", ">", sql<Date>`now()`)
      .returning("id")
      .executeTakeFirst();
    if (!revoked) return false;
    await recordAudit(
      { action: "organisation.invitation_revoked", actorUserId: actor.id, subjectType: "organisation", subjectId: orgId, ip, details: { invitationId } },
      trx,
    );
    return true;
  });
}

function openInvitation(trx: Executor, token: string) {
  return trx
    .selectFrom("organisation_invitation as i")
    .innerJoin("organisation as o", "o.id", "i.organisation_id")
    .leftJoin("app_user as inviter", "inviter.id", "i.invited_by")
    .select([
      "i.id",
      "i.email",
      "i.role",
      "i.expires_at as expiresAt",
      "o.id as organisationId",
      "o.slug as organisationSlug",
      "o.name as organisationName",
      "inviter.display_name as inviterName",
    ])
    .where("i.token_hash", "=", hashToken(token))
    .where("i.accepted_at", "is", null)
    .where("i.expires_at", ">", sql<Date>`now()`);
}

/** For the invitation page: what the link offers, or null when it is unknown, used or expired. */
export async function peekInvitation({ token }: { token: string }) {
  if (!isWellFormedInvitationToken(token)) return null;
  return (await openInvitation(db, token).executeTakeFirst()) ?? null;
}

export type AcceptResult =
  | { ok: true; organisation: { id: number; slug: string; name: string }; role: OrganisationRole }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "wrong_email"; invitedEmail: string };

/**
 * The logged-in user accepts. Only the invited address may: a forwarded link does not let someone else in.
 * Someone who is already a member keeps the higher of the two roles.
 */
export async function acceptInvitation({
  token,
  user,
  ip,
}: {
  token: string;
  user: { id: number; email: string };
  ip?: string;
}): Promise<AcceptResult> {
  if (!isWellFormedInvitationToken(token)) return { ok: false, reason: "invalid" };
  return db.transaction().execute(async (trx) => {
    const invitation = await openInvitation(trx, token).forUpdate("i").executeTakeFirst();
    if (!invitation) return { ok: false, reason: "invalid" } as const;
    if (normaliseEmail(user.email) !== invitation.email) return { ok: false, reason: "wrong_email", invitedEmail: invitation.email } as const;
    const member = await trx
      .insertInto("organisation_member")
      .values({ organisation_id: invitation.organisationId, user_id: user.id, role: invitation.role })
      .onConflict((oc) =>
        oc.columns(["organisation_id", "user_id"]).doUpdateSet({
          role: sql<OrganisationRole>`case when organisation_member.role = 'owner' then 'owner' else excluded.role end`,
        }),
      )
      .returning("role")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("organisation_invitation")
      .set({ accepted_at: sql`now()`, accepted_by: user.id })
      .where("id", "=", invitation.id)
      .execute();
    await recordAudit(
      {
        action: "organisation.invitation_accepted",
        actorUserId: user.id,
        subjectType: "organisation",
        subjectId: invitation.organisationId,
        ip,
        details: { invitationId: invitation.id, role: member.role },
      },
      trx,
    );
    return {
      ok: true,
      organisation: { id: invitation.organisationId, slug: invitation.organisationSlug, name: invitation.organisationName },
      role: member.role,
    } as const;
  });
}

export type MemberChangeResult = { ok: true } | { ok: false; reason: "not_found" | "last_owner" };

/**
 * Owners only (null otherwise): a new role for a member, or (role null) removing them. The last owner can be
 * neither demoted nor removed.
 */
async function changeMembership({
  orgId,
  actor,
  userId,
  role,
  ip,
}: {
  orgId: number;
  actor: { id: number };
  userId: number;
  role: OrganisationRole | null;
  ip?: string;
}): Promise<MemberChangeResult | null> {
  return db.transaction().execute(async (trx) => {
    // one change of an organisation's members at a time
    const organisation = await trx.selectFrom("organisation").select("id").where("id", "=", orgId).forUpdate().executeTakeFirst();
    if (!organisation || (await roleOf(trx, orgId, actor.id)) !== "owner") return null;
    const current = await roleOf(trx, orgId, userId);
    if (!current) return { ok: false, reason: "not_found" } as const;
    if (current === "owner" && role !== "owner") {
      const owners = await trx
        .selectFrom("organisation_member")
        .select(sql<number>`count(*)::int`.as("count"))
        .where("organisation_id", "=", orgId)
        .where("role", "=", "owner")
        .executeTakeFirstOrThrow();
      if (owners.count <= 1) return { ok: false, reason: "last_owner" } as const;
    }
    if (role) {
      await trx.updateTable("organisation_member").set({ role }).where("organisation_id", "=", orgId).where("user_id", "=", userId).execute();
    } else {
      await trx.deleteFrom("organisation_member").where("organisation_id", "=", orgId).where("user_id", "=", userId).execute();
    }
    await recordAudit(
      {
        action: role ? "organisation.member_role_changed" : "organisation.member_removed",
        actorUserId: actor.id,
        subjectType: "organisation",
        subjectId: orgId,
        ip,
        details: { userId, from: current, to: role },
      },
      trx,
    );
    return { ok: true } as const;
  });
}

export function changeMemberRole(args: { orgId: number; actor: { id: number }; userId: number; role: OrganisationRole; ip?: string }) {
  return changeMembership(args);
}

export function removeMember(args: { orgId: number; actor: { id: number }; userId: number; ip?: string }) {
  return changeMembership({ ...args, role: null });
}
