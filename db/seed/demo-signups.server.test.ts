import { afterAll, beforeAll, expect, test } from "vitest";
import { certificateOrganisations } from "~/domain/certificates/certificates.server";
import { closeDatabase, db } from "~db/client.server";
import { prepareDatabase } from "~db/setup.server";
import { seedDemo } from "./demo.server";

beforeAll(() => prepareDatabase(db));
afterAll(closeDatabase);

test("the demo scene has sign-ups in every state, a full shift with a waitlist and past hours for freiwillig1", async () => {
  await seedDemo(db);
  const rows = await db
    .selectFrom("signup as su")
    .innerJoin("app_user as u", "u.id", "su.user_id")
    .innerJoin("shift as s", "s.id", "su.shift_id")
    .select(["u.email", "su.status", "su.waitlist_position as position", "su.hours", "s.id as shiftId", "s.places", "s.places_taken as taken"])
    .where("u.email", "like", "freiwillig_@mitenand.example")
    .execute();
  const statuses = new Set(rows.map((r) => r.status));
  for (const status of ["confirmed", "pending", "waitlisted", "offered", "cancelled", "attended", "no_show"]) expect(statuses).toContain(status);
  const full = rows.find((r) => r.status === "waitlisted")!;
  expect(full.taken).toBe(full.places);
  expect(rows.filter((r) => r.shiftId === full.shiftId && r.status === "waitlisted").map((r) => r.position).sort()).toEqual([1, 2]);
  const hours = rows.filter((r) => r.email === "freiwillig1@mitenand.example" && r.status === "attended");
  expect(hours.length).toBeGreaterThanOrEqual(2);
  expect(hours.every((r) => Number(r.hours) > 0)).toBe(true);
  // a second run adds none
  expect((await seedDemo(db)).signups).toBe(0);
});

test("freiwillig1 can get a certificate at once: confirmed hours, certificate texts, and a flexible engagement with an open report", async () => {
  // idempotent: seeds the scene unless it is there already
  await seedDemo(db);
  const v1 = await db.selectFrom("app_user").select("id").where("email", "=", "freiwillig1@mitenand.example").executeTakeFirstOrThrow();
  const organisations = await certificateOrganisations({ userId: v1.id });
  expect(organisations.length).toBeGreaterThanOrEqual(1);
  expect(organisations.every((o) => o.hours > 0)).toBe(true);
  const texts = await db.selectFrom("opportunity_certificate_text").select("role_description").execute();
  expect(texts.some((t) => t.role_description.length > 0)).toBe(true);
  const reports = await db
    .selectFrom("hours_report as hr")
    .innerJoin("signup as su", "su.id", "hr.signup_id")
    .select("hr.status")
    .where("su.user_id", "=", v1.id)
    .execute();
  expect(reports.map((r) => r.status).sort()).toEqual(["confirmed", "reported"]);
});
