/**
 * The review page's decision form: intent, reason (required except for approve, at most REASON_MAX characters)
 * and the state the reviewer saw (status, version, pending revision), sent back as hidden fields.
 */
import { z } from "zod";
import { OPPORTUNITY_STATUSES } from "~db/schema";
import { DECISIONS, REASON_MAX } from "./decisions";

const id = z.string().regex(/^[1-9]\d{0,9}$/).transform(Number);

export const decisionFormSchema = z
  .object({
    intent: z.enum(DECISIONS, "moderation.errors.intent"),
    reason: z.string().default("").transform((value) => value.replace(/\r\n/g, "\n").trim()),
    expectedStatus: z.enum(OPPORTUNITY_STATUSES, "moderation.errors.stale"),
    expectedVersion: z.string("moderation.errors.stale").regex(/^\d{1,15}$/, "moderation.errors.stale").transform(Number),
    expectedRevision: z.union([z.literal(""), id], "moderation.errors.stale").default(""),
  })
  .superRefine((value, ctx) => {
    if (value.intent !== "approve" && value.reason.length === 0) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "moderation.errors.reasonRequired" });
    }
    if (value.reason.length > REASON_MAX) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "moderation.errors.reasonTooLong" });
    }
  });

export const verificationFormSchema = z.object({
  intent: z.enum(["verify", "unverify"], "moderation.errors.intent"),
  note: z
    .string()
    .default("")
    .transform((value) => value.trim())
    .pipe(z.string().min(1, "moderation.errors.noteRequired").max(REASON_MAX, "moderation.errors.reasonTooLong")),
});
