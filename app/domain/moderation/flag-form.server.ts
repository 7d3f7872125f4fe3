/**
 * The forms of flags: the public flag form (reason category and message) and the coordinator's resolution
 * (which flag, the outcome, an optional note). Problems become field messages (i18n keys).
 */
import { z } from "zod";
import { FLAG_CATEGORIES, FLAG_MESSAGE_MAX, FLAG_OUTCOMES } from "./flags";

const text = (max: number) => z.string().default("").transform((value) => value.replace(/\r\n/g, "\n").trim()).pipe(z.string().max(max, "validation.tooLong"));

export const flagFormSchema = z.object({
  category: z.enum(FLAG_CATEGORIES, "flags.errors.category"),
  message: text(FLAG_MESSAGE_MAX).pipe(z.string().min(1, "flags.errors.messageRequired")),
});

export const resolveFlagFormSchema = z.object({
  intent: z.literal("resolveFlag", "moderation.errors.intent"),
  flagId: z.string("flags.errors.flag").regex(/^[1-9]\d{0,9}$/, "flags.errors.flag").transform(Number),
  outcome: z.enum(FLAG_OUTCOMES, "flags.errors.outcome"),
  note: text(FLAG_MESSAGE_MAX),
});
