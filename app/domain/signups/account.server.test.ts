import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { deleteAccount, exportAccountData } from "~/domain/auth/accounts.server";
import { createShift, createShiftForSignups, createUser } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { signUp } from "./signups.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const HOUR = 3600 * 1000;

test("the export lists sign-ups; deleting the account cancels future ones (the waitlist moves up) and keeps past hours anonymously", async () => {
  const { opportunity, shift } = await createShiftForSignups({ places: 1 });
  const leaving = await createUser();
  const waiting = await createUser();
  await signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer: leaving, message: "Bis bald" });
  await signUp({ opportunityId: opportunity.id, shiftIds: [shift.id], volunteer: waiting });
  const past = await createShift({ opportunity_id: opportunity.id, starts_at: new Date(Date.now() - 5 * HOUR), ends_at: new Date(Date.now() - 3 * HOUR) });
  await db.insertInto("signup").values({ opportunity_id: opportunity.id, shift_id: past.id, user_id: leaving.id, status: "attended", hours: 2, message: "privat" }).execute();

  const exported = await exportAccountData({ userId: leaving.id, ip: "127.0.0.1" });
  expect(exported.signups.map((s) => [s.status, s.message])).toEqual([
    ["confirmed", "Bis bald"],
    ["attended", "privat"],
  ]);

  expect(await deleteAccount({ userId: leaving.id, password: leaving.password, ip: "127.0.0.1" })).toEqual({ ok: true });
  const rows = await db.selectFrom("signup").select(["user_id", "shift_id", "status", "hours", "message"]).where("opportunity_id", "=", opportunity.id).orderBy("id").execute();
  expect(rows).toEqual([
    { user_id: leaving.id, shift_id: shift.id, status: "cancelled", hours: null, message: null },
    { user_id: waiting.id, shift_id: shift.id, status: "confirmed", hours: null, message: null },
    { user_id: leaving.id, shift_id: past.id, status: "attended", hours: "2.00", message: null },
  ]);
});
