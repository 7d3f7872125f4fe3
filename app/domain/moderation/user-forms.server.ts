/** The /admin/users/:id forms (zod, server only): admin role, coordinator of a region, owner of an ownerless organisation. */
import { z } from "zod";

const id = (message: string) => z.string(message).regex(/^[1-9]\d{0,8}$/, message).transform(Number);

export const userActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("grantAdmin") }),
    z.object({ intent: z.literal("revokeAdmin") }),
    z.object({ intent: z.literal("addCoordinator"), regionId: id("adminUsers.errors.region") }),
    z.object({ intent: z.literal("removeCoordinator"), regionId: id("adminUsers.errors.region") }),
    z.object({ intent: z.literal("assignOwner"), organisationId: id("adminUsers.errors.organisation") }),
  ],
  "adminUsers.errors.intent",
);
