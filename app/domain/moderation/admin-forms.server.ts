/** The admin pages' forms (zod, server only): region name, Gemeinden, coordinators, retire. */
import { z } from "zod";
import { emailField } from "~/utils/forms";

const regionName = z.string().trim().min(2, "moderation.errors.regionName").max(120, "moderation.errors.regionName").regex(/[a-zA-Z0-9]/, "moderation.errors.regionName");
const bfsList = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().regex(/^\d{4}$/, "moderation.errors.gemeinde").transform(Number)).max(400),
);

export const createRegionSchema = z.object({ name: regionName });

export const regionActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("rename"), name: regionName }),
    z.object({ intent: z.literal("gemeinden"), bfsNr: bfsList, district: bfsList }),
    z.object({ intent: z.literal("addCoordinator"), email: emailField }),
    z.object({ intent: z.literal("removeCoordinator"), userId: z.string().regex(/^[1-9]\d{0,9}$/, "moderation.errors.intent").transform(Number) }),
    z.object({ intent: z.literal("retire"), confirm: z.literal("yes", "moderation.errors.confirmRetire") }),
  ],
  "moderation.errors.intent",
);
