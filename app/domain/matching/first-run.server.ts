/**
 * The first-run prompt: right after the first login (after signup and verification) a volunteer without a
 * profile sees a short page that leads to /me/profile. It comes back at each login until a profile exists or
 * the person closes it ("Später" — first_run_dismissed_at); a login with an explicit destination goes there.
 */
import { db } from "~db/client.server";

export async function needsFirstRunPrompt({ userId }: { userId: number }) {
  const row = await db
    .selectFrom("app_user as u")
    .leftJoin("volunteer_profile as p", "p.user_id", "u.id")
    .select(["u.first_run_dismissed_at", "p.user_id as profileUserId"])
    .where("u.id", "=", userId)
    .executeTakeFirst();
  return Boolean(row && row.first_run_dismissed_at === null && row.profileUserId === null);
}

export async function dismissFirstRunPrompt({ userId }: { userId: number }) {
  await db.updateTable("app_user").set({ first_run_dismissed_at: new Date() }).where("id", "=", userId).where("first_run_dismissed_at", "is", null).execute();
}
