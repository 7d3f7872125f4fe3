/**
 * The search page and the opportunity page share what is the same for everyone across requests (per listing
 * generation, app/domain/opportunities/public-cache.server.ts): a change to public data shows on the next
 * request, and the visitor's own parts (sign-ups, matching) are never shared between people.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { dismissRecommendation } from "~/domain/matching/recommendations.server";
import { signUp } from "~/domain/signups/signups.server";
import {
  createOpportunity,
  createSessionFor,
  createShiftForSignups,
  createVolunteerProfile,
  createVolunteers,
} from "~/testing/factories.server";
import { callRoute } from "~/testing/route-call.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { loader as opportunityLoader } from "./opportunities.$id";
import { loader as searchLoader } from "./opportunities._index";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

/** a made-up word only this test's rows contain (letters only: the German parser keeps it one word) */
function uniqueWord() {
  return `pubcq${randomUUID().replace(/-/g, "").slice(0, 10).replace(/\d/g, (d) => "ghijklmnop"[Number(d)])}`;
}

type Page = { signup: { mine: { shiftId: number; status: string }[] | null }; fit: unknown; shifts: { id: number; placesLeft: number }[]; opportunity: { title: string } };
const openPage = async (id: number, token?: string) => {
  const result = await callRoute(opportunityLoader, { path: `/opportunities/${id}`, params: { id: String(id) }, token, headers: { "Accept-Language": "de-CH" } });
  expect(result.status).toBe(200);
  return result.body as unknown as Page;
};

test("the opportunity page: one volunteer's sign-up is never shown to another, and places left and edits show at once", async () => {
  const made = await createShiftForSignups({ places: 4 });
  const [a, b] = await createVolunteers(2);
  await createVolunteerProfile(b!.id);
  const [tokenA, tokenB] = await Promise.all([createSessionFor(a!.id), createSessionFor(b!.id)]);

  const before = await openPage(made.opportunity.id);
  expect(before.shifts.find((s) => s.id === made.shift.id)?.placesLeft).toBe(4);
  expect(before.signup.mine).toBeNull();

  await signUp({ opportunityId: made.opportunity.id, shiftIds: [made.shift.id], volunteer: a! });
  // A's request first, so that B's is answered from what A's made (when no other test wrote in between)
  const pageA = await openPage(made.opportunity.id, tokenA);
  const pageB = await openPage(made.opportunity.id, tokenB);
  const anonymous = await openPage(made.opportunity.id);
  expect(pageA.signup.mine?.map((m) => m.shiftId)).toEqual([made.shift.id]);
  expect(pageB.signup.mine).toEqual([]);
  expect(anonymous.signup.mine).toBeNull();
  // "why this fits you" is B's alone (A has no profile)
  expect(pageA.fit).toBeNull();
  expect(pageB.fit).not.toBeNull();
  expect(anonymous.fit).toBeNull();
  // the sign-up took a place: the shared part was made afresh for everyone
  for (const page of [pageA, pageB, anonymous]) expect(page.shifts.find((s) => s.id === made.shift.id)?.placesLeft).toBe(3);
  // B's "not for me" is B's alone, though the opportunity as the score reads it is shared
  expect((pageB.fit as { dismissed: boolean }).dismissed).toBe(false);
  await dismissRecommendation({ userId: b!.id, opportunityId: made.opportunity.id });
  expect(((await openPage(made.opportunity.id, tokenB)).fit as { dismissed: boolean }).dismissed).toBe(true);
  // B's request does not change what A sees next
  expect((await openPage(made.opportunity.id, tokenA)).signup.mine?.map((m) => m.shiftId)).toEqual([made.shift.id]);

  await db.updateTable("opportunity").set({ title: "Velokurs für Frauen, neu" }).where("id", "=", made.opportunity.id).execute();
  expect((await openPage(made.opportunity.id, tokenB)).opportunity.title).toBe("Velokurs für Frauen, neu");

  await db.updateTable("opportunity").set({ status: "archived", archived_at: new Date() }).where("id", "=", made.opportunity.id).execute();
  const gone = await callRoute(opportunityLoader, { path: `/opportunities/${made.opportunity.id}`, params: { id: String(made.opportunity.id) }, token: tokenA });
  expect(gone.status).toBe(404);
});

test("the search page: the same data for everyone who asks, searched afresh after a change to public data", async () => {
  const w = uniqueWord();
  const [volunteer] = await createVolunteers(1);
  const token = await createSessionFor(volunteer!.id);
  const first = await createOpportunity({ title: `Erzählcafé ${w}`, bfs_nr: 4001 });
  const path = `/opportunities?q=${w}`;
  const search = async (as?: string) => {
    const result = await callRoute(searchLoader, { path, token: as, headers: { "Accept-Language": "de-CH" } });
    expect(result.status).toBe(200);
    return result.body as { total: number; items: { id: number }[]; counts: string };
  };

  const anonymous = await search();
  const signedIn = await search(token);
  expect(signedIn).toEqual(anonymous);
  expect(anonymous.items.map((item) => item.id)).toEqual([first.id]);
  expect(anonymous.counts).toBe("4001:1");

  const second = await createOpportunity({ title: `Erzählcafé ${w}`, bfs_nr: 4021 });
  const after = await search(token);
  expect(after.total).toBe(2);
  expect(after.items.map((item) => item.id).sort()).toEqual([first.id, second.id].sort());
  expect(after.counts.split(",").sort()).toEqual(["4001:1", "4021:1"]);

  // a non-canonical URL still redirects (a thrown redirect is not kept)
  for (let i = 0; i < 2; i++) {
    const redirected = await callRoute(searchLoader, { path: `${path}&category=`, token });
    expect(redirected.status).toBe(302);
  }
});
