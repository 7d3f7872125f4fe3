import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createShiftForSignups, createVolunteers } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { remindersOf, sendDueReminders } from "./jobs.server";
import { signUp } from "./signups.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const HOUR = 3600 * 1000;

test("a reminder 24 h before each confirmed shift, exactly once even with two workers running at the same time", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 2, startsInHours: 20 });
  const later = await createShiftForSignups({ places: 2, startsInHours: 30 });
  const [a, b, c, d] = await createVolunteers(4, { locale: "en" });
  for (const v of [a, b, c]) await signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer: v });
  await signUp({ opportunityId: later.opportunity.id, shiftIds: [later.shift.id], volunteer: d });

  const [first, second] = await Promise.all([sendDueReminders(), sendDueReminders()]);
  // a and b are confirmed; c is waitlisted; d's shift is more than 24 h away
  expect(first.sent + second.sent).toBeGreaterThanOrEqual(2);
  await sendDueReminders();
  const rows = await db.selectFrom("signup").select(["id", "user_id"]).where("shift_id", "=", shift.id).orderBy("id").execute();
  expect(await Promise.all(rows.map((r) => remindersOf(r.id)))).toEqual([1, 1, 0]);
  const mails = await db.selectFrom("outbox").select(["recipient", "subject"]).where("template", "=", "signup_reminder").where("recipient", "in", [a.email!, b.email!, c.email!, d.email!]).execute();
  expect(mails.map((m) => m.recipient).sort()).toEqual([a.email!, b.email!].sort());
  expect(mails[0].subject).toMatch(/^Reminder: /);

  // d's turn comes once the clock reaches 24 h before their shift
  expect((await sendDueReminders({ now: new Date(Date.now() + 7 * HOUR) })).sent).toBeGreaterThanOrEqual(1);
  const dRow = await db.selectFrom("signup").select("id").where("user_id", "=", d.id).executeTakeFirstOrThrow();
  expect(await remindersOf(dRow.id)).toBe(1);
});
