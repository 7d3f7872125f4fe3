/**
 * Demo sign-ups, written with the demo scene (same transaction, only while no demo volunteer has any): every
 * state on the demo opportunities, a full shift with a waitlist, and past shifts that freiwillig1 attended with
 * confirmed hours. Rows are written directly; the database keeps places_taken and refuses overbooking as always.
 */
import type { Insertable, Transaction } from "kysely";
import type { Database, SignupTable } from "../schema";

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

export async function seedDemoSignups(trx: Transaction<Database>, { now = new Date() }: { now?: Date } = {}) {
  const volunteers = await trx
    .selectFrom("app_user")
    .select(["id", "email"])
    .where("email", "like", "freiwillig_@mitenand.example")
    .orderBy("email")
    .execute();
  if (volunteers.length < 6) return 0;
  const [v1, v2, v3, v4, v5, v6] = volunteers.map((v) => v.id);
  const existing = await trx.selectFrom("signup").select("id").where("user_id", "in", volunteers.map((v) => v.id)).limit(1).executeTakeFirst();
  if (existing) return 0;

  // the first upcoming shift of each published opportunity with shifts (auto-confirm and with confirmation apart)
  const candidates = await trx
    .selectFrom("opportunity as o")
    .innerJoin("shift as s", "s.opportunity_id", "o.id")
    .select(["o.id as opportunityId", "o.needs_confirmation as needsConfirmation", "s.id as shiftId", "s.starts_at as startsAt", "s.ends_at as endsAt", "s.places", "s.places_taken as taken"])
    .where("o.status", "=", "published")
    .where("o.schedule_kind", "!=", "flexible")
    .where("s.starts_at", ">", new Date(now.getTime() + 2 * DAY))
    .where("s.cancelled_at", "is", null)
    .distinctOn("o.id")
    .orderBy("o.id")
    .orderBy("s.starts_at")
    .execute();
  const auto = candidates.filter((c) => !c.needsConfirmation && c.places >= 3 && c.taken === 0);
  const confirming = candidates.filter((c) => c.needsConfirmation && c.taken === 0);
  if (auto.length < 3 || confirming.length < 1) return 0;
  const [a, full, offer] = auto;
  const pending = confirming[0];

  const rows: Insertable<SignupTable>[] = [];
  const add = (
    c: { opportunityId: number; shiftId: number },
    userId: number,
    status: "confirmed" | "pending" | "waitlisted" | "offered" | "cancelled" | "attended",
    extra: Partial<Insertable<SignupTable>> = {},
  ) =>
    rows.push({
      opportunity_id: c.opportunityId,
      shift_id: c.shiftId,
      user_id: userId,
      status,
      confirmed_at: status === "confirmed" || status === "attended" ? now : null,
      ...extra,
    });

  // confirmed (freiwillig1 and 2), one cancelled by the volunteer (freiwillig6)
  add(a, v1, "confirmed", { message: "Ich freue mich auf die Gruppe!" });
  add(a, v2, "confirmed");
  add(a, v6, "cancelled", { cancelled_at: now, cancelled_by: v6, cancelled_by_role: "volunteer", cancel_reason: "Leider verhindert." });

  // a full shift: its places lowered to the three confirmed, two more on the waitlist
  await trx.updateTable("shift").set({ places: 3 }).where("id", "=", full.shiftId).execute();
  add(full, v3, "confirmed");
  add(full, v4, "confirmed");
  add(full, v5, "confirmed");
  add(full, v2, "waitlisted", { waitlist_position: 1 });
  add(full, v1, "waitlisted", { waitlist_position: 2 });

  // the organisation confirms: freiwillig1 waits for it
  add(pending, v1, "pending", { message: "Ich spreche auch Arabisch." });

  // "offer first": a place offered to freiwillig3 for the next 20 hours
  await trx.updateTable("opportunity").set({ waitlist_mode: "offer" }).where("id", "=", offer.opportunityId).execute();
  add(offer, v3, "offered", { offer_expires_at: new Date(now.getTime() + 20 * HOUR) });

  // past shifts of the first opportunity that freiwillig1 attended (and freiwillig2 missed once)
  const length = a.endsAt.getTime() - a.startsAt.getTime();
  for (const weeksAgo of [1, 2, 3]) {
    const startsAt = new Date(now.getTime() - weeksAgo * 7 * DAY - 3 * DAY);
    const past = await trx
      .insertInto("shift")
      .values({ opportunity_id: a.opportunityId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + length), places: a.places })
      .onConflict((oc) => oc.columns(["opportunity_id", "starts_at"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!past) continue;
    const slot = { opportunityId: a.opportunityId, shiftId: past.id };
    add(slot, v1, "attended", { hours: Math.round((length / HOUR) * 100) / 100 });
    if (weeksAgo === 2) rows.push({ opportunity_id: a.opportunityId, shift_id: past.id, user_id: v2, status: "no_show" });
  }

  await trx.insertInto("signup").values(rows).execute();
  await seedCertificateDemo(trx, { volunteerId: v1, opportunityId: a.opportunityId, now });
  return rows.length;
}

/**
 * Certificate demo: texts for certificates on the opportunity freiwillig1 attended, and a flexible engagement
 * of freiwillig1 with reported hours (one report confirmed, one still open for the organisation).
 */
async function seedCertificateDemo(trx: Transaction<Database>, { volunteerId, opportunityId, now }: { volunteerId: number; opportunityId: number; now: Date }) {
  await trx
    .insertInto("opportunity_certificate_text")
    .values({
      opportunity_id: opportunityId,
      role_description: "Begleitung der Gruppe, Vorbereitung der Treffen und Gespräche mit den Teilnehmenden.",
      competencies: "Kommunikation in schwierigen Situationen, Zuverlässigkeit, Arbeit im Team.",
    })
    .onConflict((oc) => oc.column("opportunity_id").doNothing())
    .execute();
  const flexible = await trx
    .selectFrom("opportunity")
    .select(["id", "organisation_id"])
    .where("status", "=", "published")
    .where("schedule_kind", "=", "flexible")
    .where((eb) => eb.or([eb("total_places", "is", null), eb("total_places", ">", eb.ref("places_taken"))]))
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  if (!flexible) return;
  const signup = await trx
    .insertInto("signup")
    .values({ opportunity_id: flexible.id, shift_id: null, user_id: volunteerId, status: "confirmed", confirmed_at: new Date(now.getTime() - 30 * DAY) })
    .returning("id")
    .executeTakeFirstOrThrow();
  const owner = await trx.selectFrom("organisation_member").select("user_id").where("organisation_id", "=", flexible.organisation_id).where("role", "=", "owner").orderBy("created_at").limit(1).executeTakeFirst();
  const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString().slice(0, 10);
  await trx
    .insertInto("hours_report")
    .values([
      { signup_id: signup.id, worked_on: day(12), hours: 3, note: "Hausaufgabenhilfe", status: "confirmed", confirmed_hours: 3, decided_by: owner?.user_id ?? null, decided_at: now },
      { signup_id: signup.id, worked_on: day(5), hours: 2.5, note: null },
    ])
    .execute();
}
