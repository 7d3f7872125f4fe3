/**
 * Accounts: sign-up, email verification, login, password reset, profile, email and password changes, export and
 * deletion. Every change and the email it causes are written in one transaction (the outbox), and every
 * security-relevant step lands in the audit log. Answers never reveal whether an email address has an account.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import type { UserLocale } from "~db/schema";
import { recordAudit } from "~/domain/audit/audit.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { safeRedirect } from "~/utils/http";
import { consumeEmailToken, createEmailToken } from "./email-token.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
import { listSolelyOwnedOrganisations } from "~/domain/organisations/organisations.server";
import { consumeRateLimit, consumeRateLimits, RATE_LIMITS, recipientKey, refundRateLimit, resetRateLimit, type RateLimitResult } from "./rate-limit.server";
import { createSession, invalidateUserSessions } from "./session.server";
import { exportCertificates, revokeCertificatesOfDeletedUser } from "~/domain/certificates/certificates.server";
import { exportHoursReports } from "~/domain/certificates/hours-reports.server";
import { exportSignups, releaseSignupsOfDeletedUser } from "~/domain/signups/signups.server";
import { exportMatchingData } from "~/domain/matching/export.server";

export function normalizeEmail(email: string) {
  return email.normalize("NFC").trim().toLowerCase();
}

const DELETED_NAME = "—";

/**
 * The link of a verification email. `redirectTo` (where the person was going: an opportunity's sign-up form, an
 * invitation) rides along in the query and is checked again where it is used; anything but a same-site path is
 * dropped here already.
 */
export function verificationUrl(origin: string, token: string, redirectTo?: string | null) {
  const back = safeRedirect(redirectTo, "");
  return `${origin}/verify-email?${new URLSearchParams(back ? { token, redirectTo: back } : { token })}`;
}

// --- sign-up and verification ---------------------------------------------------------------------------

export async function signUp({
  name,
  email,
  password,
  locale,
  ip,
  origin,
  redirectTo,
}: {
  name: string;
  email: string;
  password: string;
  locale: UserLocale;
  ip: string;
  origin: string;
  /** a same-site path to land on after verifying (and logging in) */
  redirectTo?: string | null;
}): Promise<{ created: boolean; userId?: number }> {
  const address = normalizeEmail(email);
  // hash before the transaction: argon2 takes tens of milliseconds and PGlite has one connection
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto("app_user")
      .values({ email: address, display_name: name.trim(), locale, password_hash: passwordHash })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!created) {
      // the address has an account: tell its owner, and answer the visitor exactly as for a new account
      const existing = await trx
        .selectFrom("app_user")
        .select(["id", "display_name", "locale"])
        .where("email", "=", address)
        .executeTakeFirstOrThrow();
      // anybody can type this address: its owner hears of it a few times a day at most (silently, so the
      // answer stays the same as for a new account)
      const limit = await consumeRateLimit(recipientKey(address), RATE_LIMITS.mailsToRecipient, trx);
      if (limit.allowed) await enqueueEmail(trx, {
        to: address,
        template: "signup_existing_account",
        locale: existing.locale,
        params: { name: existing.display_name, loginUrl: `${origin}/login`, resetUrl: `${origin}/forgot-password` },
      });
      await recordAudit({ action: "user.signup", subjectType: "user", subjectId: existing.id, ip, details: { outcome: "exists" } }, trx);
      return { created: false };
    }
    const token = await createEmailToken(trx, { userId: created.id, purpose: "verify_email" });
    await enqueueEmail(trx, {
      to: address,
      template: "verify_email",
      locale,
      params: { name: name.trim(), url: verificationUrl(origin, token, redirectTo) },
    });
    await recordAudit({ action: "user.signup", actorUserId: created.id, subjectType: "user", subjectId: created.id, ip }, trx);
    return { created: true, userId: created.id };
  });
}

export async function verifyEmail({ token, ip }: { token: string; ip: string }) {
  return db.transaction().execute(async (trx) => {
    const consumed = await consumeEmailToken(trx, { token, purpose: "verify_email" });
    if (!consumed) return { ok: false as const };
    await trx
      .updateTable("app_user")
      .set({ email_verified_at: sql`coalesce(email_verified_at, now())`, updated_at: sql`now()` })
      .where("id", "=", consumed.userId)
      .where("deleted_at", "is", null)
      .execute();
    await recordAudit({ action: "user.email_verified", actorUserId: consumed.userId, subjectType: "user", subjectId: consumed.userId, ip }, trx);
    return { ok: true as const, userId: consumed.userId };
  });
}

/** Sends a fresh verification link if the address has an unverified account; the same answer otherwise. */
export async function resendVerification({ email, origin, redirectTo }: { email: string; origin: string; redirectTo?: string | null }): Promise<RateLimitResult> {
  const address = normalizeEmail(email);
  const limit = await consumeRateLimit(`verify-resend:account:${address}`, RATE_LIMITS.verificationResendPerAccount);
  if (!limit.allowed) return limit;
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("app_user")
      .select(["id", "display_name", "locale"])
      .where("email", "=", address)
      .where("email_verified_at", "is", null)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!user) return;
    const token = await createEmailToken(trx, { userId: user.id, purpose: "verify_email" });
    await enqueueEmail(trx, {
      to: address,
      template: "verify_email",
      locale: user.locale,
      params: { name: user.display_name, url: verificationUrl(origin, token, redirectTo) },
    });
  });
  return limit;
}

// --- login ---------------------------------------------------------------------------------------------------

export type LoginResult =
  | { ok: true; userId: number; locale: UserLocale; token: string; expiresAt: Date }
  | { ok: false; reason: "invalid" | "unverified" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export async function logIn({
  email,
  password,
  ip,
  userAgent,
}: {
  email: string;
  password: string;
  ip: string;
  userAgent?: string | null;
}): Promise<LoginResult> {
  const address = normalizeEmail(email);
  const accountKey = `login:account:${address}`;
  const ipKey = `login:ip:${ip}`;
  const limit = await consumeRateLimits(db, [
    ["ip", ipKey, RATE_LIMITS.loginPerIp],
    ["account", accountKey, RATE_LIMITS.loginPerAccount],
  ]);
  if (!limit.allowed) {
    await recordAudit({ action: "user.login_failed", ip, details: { reason: "rate_limited" } });
    return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  }
  const user = await db
    .selectFrom("app_user")
    .select(["id", "password_hash", "email_verified_at", "locale"])
    .where("email", "=", address)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  // an unknown address costs one argon2 verification too, so timing does not tell accounts apart
  const valid = user?.password_hash ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummy(password);
  if (!user || !valid) {
    await recordAudit({
      action: "user.login_failed",
      actorUserId: user?.id ?? null,
      subjectType: user ? "user" : undefined,
      subjectId: user?.id,
      ip,
      details: { reason: user ? "wrong_password" : "unknown_email" },
    });
    return { ok: false, reason: "invalid" };
  }
  if (!user.email_verified_at) {
    await recordAudit({ action: "user.login_failed", actorUserId: user.id, subjectType: "user", subjectId: user.id, ip, details: { reason: "unverified" } });
    return { ok: false, reason: "unverified" };
  }
  // the limits are for failures: a success resets the account's and gives the address its attempt back
  await resetRateLimit(accountKey);
  await refundRateLimit(ipKey);
  const session = await db.transaction().execute(async (trx) => {
    const created = await createSession({ userId: user.id, userAgent, trx });
    await recordAudit({ action: "user.login", actorUserId: user.id, subjectType: "user", subjectId: user.id, ip }, trx);
    return created;
  });
  return { ok: true, userId: user.id, locale: user.locale, ...session };
}

// --- password reset ---------------------------------------------------------------------------------------

export async function requestPasswordReset({
  email,
  ip,
  origin,
}: {
  email: string;
  ip: string;
  origin: string;
}): Promise<RateLimitResult> {
  const ipLimit = await consumeRateLimit(`forgot:ip:${ip}`, RATE_LIMITS.forgotPasswordPerIp);
  if (!ipLimit.allowed) return ipLimit;
  const address = normalizeEmail(email);
  // past the per-account limit we answer as usual but send nothing more: no mail bombing through this form
  const accountLimit = await consumeRateLimit(`forgot:account:${address}`, RATE_LIMITS.forgotPasswordPerAccount);
  if (!accountLimit.allowed) return ipLimit;
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("app_user")
      .select(["id", "display_name", "locale"])
      .where("email", "=", address)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!user) return;
    const token = await createEmailToken(trx, { userId: user.id, purpose: "reset_password" });
    await enqueueEmail(trx, {
      to: address,
      template: "reset_password",
      locale: user.locale,
      params: { name: user.display_name, url: `${origin}/reset-password?token=${token}` },
    });
    await recordAudit({ action: "user.password_reset_requested", actorUserId: user.id, subjectType: "user", subjectId: user.id, ip }, trx);
  });
  return ipLimit;
}

/** Sets the new password, proves the address (the link reached it) and ends every session of the account. */
export async function resetPassword({ token, password, ip }: { token: string; password: string; ip: string }) {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const consumed = await consumeEmailToken(trx, { token, purpose: "reset_password" });
    if (!consumed) return { ok: false as const };
    const user = await trx
      .updateTable("app_user")
      .set({ password_hash: passwordHash, email_verified_at: sql`coalesce(email_verified_at, now())`, updated_at: sql`now()` })
      .where("id", "=", consumed.userId)
      .where("deleted_at", "is", null)
      .returning(["id", "email", "display_name", "locale"])
      .executeTakeFirst();
    if (!user?.email) return { ok: false as const };
    await invalidateUserSessions({ userId: user.id, trx });
    await enqueueEmail(trx, { to: user.email, template: "password_changed_notice", locale: user.locale, params: { name: user.display_name } });
    await recordAudit({ action: "user.password_reset", actorUserId: user.id, subjectType: "user", subjectId: user.id, ip }, trx);
    return { ok: true as const, userId: user.id };
  });
}

// --- the signed-in person's own account ---------------------------------------------------------------------

/** Re-authentication for sensitive changes, rate limited like a login. */
async function checkCurrentPassword(userId: number, password: string): Promise<"ok" | "wrong" | { retryAfterSeconds: number }> {
  const limit = await consumeRateLimit(`reauth:user:${userId}`, RATE_LIMITS.reauthPerAccount);
  if (!limit.allowed) return { retryAfterSeconds: limit.retryAfterSeconds };
  const user = await db
    .selectFrom("app_user")
    .select("password_hash")
    .where("id", "=", userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!user?.password_hash) return "wrong";
  return (await verifyPassword(user.password_hash, password)) ? "ok" : "wrong";
}

export async function updateProfile({
  userId,
  displayName,
  locale,
  ip,
}: {
  userId: number;
  displayName: string;
  locale: UserLocale;
  ip: string;
}) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("app_user")
      .set({ display_name: displayName.trim(), locale, updated_at: sql`now()` })
      .where("id", "=", userId)
      .where("deleted_at", "is", null)
      .execute();
    await recordAudit({ action: "user.profile_changed", actorUserId: userId, subjectType: "user", subjectId: userId, ip }, trx);
  });
}

export async function changePassword({
  userId,
  currentPassword,
  newPassword,
  ip,
  userAgent,
}: {
  userId: number;
  currentPassword: string;
  newPassword: string;
  ip: string;
  userAgent?: string | null;
}): Promise<
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; reason: "wrong_password" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
> {
  const check = await checkCurrentPassword(userId, currentPassword);
  if (check === "wrong") return { ok: false, reason: "wrong_password" };
  if (check !== "ok") return { ok: false, reason: "rate_limited", retryAfterSeconds: check.retryAfterSeconds };
  const passwordHash = await hashPassword(newPassword);
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable("app_user")
      .set({ password_hash: passwordHash, updated_at: sql`now()` })
      .where("id", "=", userId)
      .returning(["email", "display_name", "locale"])
      .executeTakeFirstOrThrow();
    // every old session ends, this one included; the caller gets a fresh one
    await invalidateUserSessions({ userId, trx });
    const session = await createSession({ userId, userAgent, trx });
    await enqueueEmail(trx, { to: user.email!, template: "password_changed_notice", locale: user.locale, params: { name: user.display_name } });
    await recordAudit({ action: "user.password_changed", actorUserId: userId, subjectType: "user", subjectId: userId, ip }, trx);
    return { ok: true as const, ...session };
  });
}

export async function requestEmailChange({
  userId,
  password,
  newEmail,
  ip,
  origin,
}: {
  userId: number;
  password: string;
  newEmail: string;
  ip: string;
  origin: string;
}): Promise<{ ok: true } | { ok: false; reason: "wrong_password" | "same_email" } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }> {
  const check = await checkCurrentPassword(userId, password);
  if (check === "wrong") return { ok: false, reason: "wrong_password" };
  if (check !== "ok") return { ok: false, reason: "rate_limited", retryAfterSeconds: check.retryAfterSeconds };
  const address = normalizeEmail(newEmail);
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("app_user")
      .select(["email", "display_name", "locale"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    if (user.email === address) return { ok: false as const, reason: "same_email" as const };
    // the new address is anybody's: it gets a few confirmation requests a day at most
    const limit = await consumeRateLimit(recipientKey(address), RATE_LIMITS.mailsToRecipient, trx);
    if (!limit.allowed) return { ok: false as const, reason: "rate_limited" as const, retryAfterSeconds: limit.retryAfterSeconds };
    const taken = await trx.selectFrom("app_user").select("id").where("email", "=", address).executeTakeFirst();
    // a taken address gets no link (it could never be confirmed), but the answer is the same
    if (!taken) {
      const token = await createEmailToken(trx, { userId, purpose: "change_email", newEmail: address });
      await enqueueEmail(trx, {
        to: address,
        template: "change_email",
        locale: user.locale,
        params: { name: user.display_name, url: `${origin}/verify-email?token=${token}&change=1`, newEmail: address },
      });
    }
    await recordAudit({ action: "user.email_change_requested", actorUserId: userId, subjectType: "user", subjectId: userId, ip }, trx);
    return { ok: true as const };
  });
}

export async function confirmEmailChange({ token, ip }: { token: string; ip: string }) {
  return db.transaction().execute(async (trx) => {
    const consumed = await consumeEmailToken(trx, { token, purpose: "change_email" });
    if (!consumed?.newEmail) return { ok: false as const };
    const before = await trx
      .selectFrom("app_user")
      .select(["email", "display_name", "locale"])
      .where("id", "=", consumed.userId)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    const taken = await trx.selectFrom("app_user").select("id").where("email", "=", consumed.newEmail).executeTakeFirst();
    if (!before?.email || taken) return { ok: false as const };
    await trx
      .updateTable("app_user")
      .set({ email: consumed.newEmail, email_verified_at: sql`now()`, updated_at: sql`now()` })
      .where("id", "=", consumed.userId)
      .execute();
    await enqueueEmail(trx, {
      to: before.email,
      template: "email_changed_notice",
      locale: before.locale,
      params: { name: before.display_name, newEmail: consumed.newEmail },
    });
    await recordAudit({ action: "user.email_changed", actorUserId: consumed.userId, subjectType: "user", subjectId: consumed.userId, ip }, trx);
    return { ok: true as const, userId: consumed.userId };
  });
}

export async function signOutEverywhere({ userId, ip }: { userId: number; ip: string }) {
  await db.transaction().execute(async (trx) => {
    await invalidateUserSessions({ userId, trx });
    await recordAudit({ action: "user.sessions_revoked", actorUserId: userId, subjectType: "user", subjectId: userId, ip }, trx);
  });
}

// --- export and deletion ------------------------------------------------------------------------------------

/** Everything Mitenand stores about the caller, and nothing about anybody else (nDSG Art. 25/28). */
export async function exportAccountData({ userId, ip }: { userId: number; ip: string }) {
  const user = await db
    .selectFrom("app_user")
    .select(["id", "email", "display_name", "locale", "is_admin", "email_verified_at", "created_at", "updated_at"])
    .where("id", "=", userId)
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  const [sessions, memberships, coordinatorOf, activity, emails] = await Promise.all([
    db
      .selectFrom("user_session")
      .select(["created_at", "expires_at", "user_agent"])
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .execute(),
    db
      .selectFrom("organisation_member as m")
      .innerJoin("organisation as o", "o.id", "m.organisation_id")
      .select(["o.name as organisation", "o.slug", "m.role", "m.created_at as since"])
      .where("m.user_id", "=", userId)
      .execute(),
    db
      .selectFrom("region_coordinator as rc")
      .innerJoin("region as r", "r.id", "rc.region_id")
      .select(["r.name as region", "rc.created_at as since"])
      .where("rc.user_id", "=", userId)
      .execute(),
    db
      .selectFrom("audit_event")
      .select(["occurred_at", "action", "ip"])
      .where("actor_user_id", "=", userId)
      .orderBy("occurred_at", "desc")
      .limit(1000)
      .execute(),
    db
      .selectFrom("outbox")
      .select(["created_at", "subject", "status"])
      .where("recipient", "=", user.email!)
      .orderBy("created_at", "desc")
      .execute(),
  ]);
  await recordAudit({ action: "user.exported", actorUserId: userId, subjectType: "user", subjectId: userId, ip });
  return {
    exportedAt: new Date().toISOString(),
    account: {
      email: user.email,
      displayName: user.display_name,
      language: user.locale,
      isAdmin: user.is_admin,
      emailVerifiedAt: user.email_verified_at,
      createdAt: user.created_at,
      updatedAt: user.updated_at,
    },
    sessions,
    organisationMemberships: memberships,
    coordinatorOfRegions: coordinatorOf,
    activity,
    emailsSent: emails,
    signups: await exportSignups({ userId }),
    hoursReports: await exportHoursReports({ userId }),
    certificates: await exportCertificates({ userId }),
    matching: await exportMatchingData({ userId }),
  };
}

/**
 * Deletes the account: personal data goes (email, name, password, sessions, tokens, memberships, queued mail,
 * IP addresses in the log); the row stays as an anonymous stub so engagement history remains countable.
 */
export async function deleteAccount({
  userId,
  password,
  // not recorded: the deletion removes this account's IP addresses from the log
  ip: _ip,
}: {
  userId: number;
  password: string;
  ip: string;
}): Promise<
  | { ok: true }
  | { ok: false; reason: "wrong_password" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  | { ok: false; reason: "sole_owner"; organisations: Array<{ id: number; slug: string; name: string }> }
> {
  const check = await checkCurrentPassword(userId, password);
  if (check === "wrong") return { ok: false, reason: "wrong_password" };
  if (check !== "ok") return { ok: false, reason: "rate_limited", retryAfterSeconds: check.retryAfterSeconds };
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("app_user")
      .select(["email", "display_name", "locale"])
      .where("id", "=", userId)
      .where("deleted_at", "is", null)
      .forUpdate()
      .executeTakeFirstOrThrow();
    // an organisation whose only owner goes would have nobody left to manage or archive its listings
    const organisations = await listSolelyOwnedOrganisations({ userId }, trx);
    if (organisations.length > 0) return { ok: false, reason: "sole_owner", organisations } as const;
    await trx.deleteFrom("outbox").where("recipient", "=", user.email!).where("status", "=", "pending").execute();
    await enqueueEmail(trx, { to: user.email!, template: "account_deleted", locale: user.locale, params: { name: user.display_name } });
    await trx.deleteFrom("user_session").where("user_id", "=", userId).execute();
    await trx.deleteFrom("email_token").where("user_id", "=", userId).execute();
    await trx.deleteFrom("organisation_member").where("user_id", "=", userId).execute();
    await trx.deleteFrom("region_coordinator").where("user_id", "=", userId).execute();
    // future sign-ups end (the waitlist moves up); past hours stay as anonymous counts
    await releaseSignupsOfDeletedUser(trx, { userId });
    // certificates verify as "revoked" from now on, without the name
    await revokeCertificatesOfDeletedUser(trx, { userId });
    await trx.updateTable("audit_event").set({ ip: null }).where("actor_user_id", "=", userId).execute();
    await trx
      .updateTable("app_user")
      .set({
        email: null,
        display_name: DELETED_NAME,
        password_hash: null,
        is_admin: false,
        email_verified_at: null,
        deleted_at: sql`now()`,
        updated_at: sql`now()`,
      })
      .where("id", "=", userId)
      .execute();
    await recordAudit({ action: "user.deleted", actorUserId: userId, subjectType: "user", subjectId: userId }, trx);
    return { ok: true } as const;
  });
}

// --- administration -----------------------------------------------------------------------------------------

/** For the admin:create CLI: makes an existing account admin, or creates a verified admin account. */
export async function createOrPromoteAdmin({ email, name, password }: { email: string; name?: string; password?: string }) {
  const address = normalizeEmail(email);
  const passwordHash = password ? await hashPassword(password) : null;
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("app_user")
      .select("id")
      .where("email", "=", address)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (existing) {
      await trx
        .updateTable("app_user")
        .set({ is_admin: true, updated_at: sql`now()`, ...(passwordHash ? { password_hash: passwordHash } : {}) })
        .where("id", "=", existing.id)
        .execute();
      await recordAudit({ action: "user.admin_granted", subjectType: "user", subjectId: existing.id, details: { via: "cli" } }, trx);
      return { userId: existing.id, created: false };
    }
    if (!passwordHash) throw new Error(`No account with ${address}: give --password to create one.`);
    const created = await trx
      .insertInto("app_user")
      .values({
        email: address,
        display_name: name?.trim() || address.split("@")[0],
        password_hash: passwordHash,
        is_admin: true,
        email_verified_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit({ action: "user.admin_granted", subjectType: "user", subjectId: created.id, details: { via: "cli", created: true } }, trx);
    return { userId: created.id, created: true };
  });
}
