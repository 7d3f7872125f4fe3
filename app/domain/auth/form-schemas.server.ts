/**
 * The zod schemas of the account forms (login, sign-up, password reset, email verification). They live in a
 * *.server module so zod (≈ 90 KB gzip) stays out of these pages' browser bundles: a schema built in the route
 * module itself would be kept by the bundler, and with it all of zod.
 */
import { z } from "zod";
import { currentPasswordField, newPasswordField } from "~/domain/auth/password-rules.server";
import { displayNameField, emailField } from "~/utils/forms";

export const loginSchema = z.object({
  email: emailField,
  password: currentPasswordField,
  redirectTo: z.string().max(2000).optional(),
});

export const signupSchema = z.object({
  name: displayNameField,
  email: emailField,
  password: newPasswordField,
  consent: z.literal("on", { error: "validation.consentRequired" }),
  redirectTo: z.string().max(2000).optional(),
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z
  .object({
    token: z.string().max(100),
    password: newPasswordField,
    passwordConfirm: z.string().max(1024),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "validation.passwordMismatch" });

const redirectTo = z.string().max(2000).optional();
export const verifyEmailSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("verify"), token: z.string().max(100), redirectTo }),
  z.object({ intent: z.literal("change"), token: z.string().max(100) }),
  z.object({ intent: z.literal("resend").default("resend"), email: emailField, redirectTo }),
]);
