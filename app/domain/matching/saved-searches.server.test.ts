/**
 * Saved searches and their digests on the real database: nothing new → no email; each listing once per saved
 * search; only due alerts; the one-click unsubscribe token (valid, tampered, expired) and what it stops. Other
 * test files share the database on PostgreSQL, so each search is narrowed to words only its own listings carry.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createOpportunity, createUser, createVolunteerProfile } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { createUnsubscribeToken, unsubscribe, verifyUnsubscribeToken } from "~/domain/notifications/unsubscribe.server";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/u.$token";
import { runSavedSearchAlerts, savedSearchQuery, saveSearch, setSavedSearchAlert } from "./saved-searches.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

/** a word no other listing has, and a saved search for it with a daily alert */
async function searchFor() {
  // random letters only: words with a common stem would be "similar" to each other for the forgiving search
  const word = Array.from(randomBytes(12), (b) => "abcdefghijklmnopqrstuvwxyz"[b % 26]).join("");
  const user = await createUser();
  const saved = await saveSearch({ userId: user.id, name: `Suche ${word}`, query: savedSearchQuery(new URLSearchParams({ q: word })) });
  if (!saved.ok) throw new Error("not saved");
  await setSavedSearchAlert({ id: saved.id, userId: user.id, alert: "daily" });
  return { word, user, id: saved.id };
}

async function digestsTo(email: string) {
  return db.selectFrom("outbox").select(["subject", "text_body", "headers"]).where("recipient", "=", email).where("template", "=", "saved_search_digest").orderBy("id").execute();
}

const inTwoDays = () => new Date(Date.now() + 2 * 24 * 3600 * 1000);

test("the query is stored canonically, without page and sort", () => {
  expect(savedSearchQuery(new URLSearchParams("page=3&sort=newest&q=Malen&category=atelier&bogus=1"))).toBe("q=Malen&category=atelier");
});

test("nothing new: no email; a new listing: one digest, and each listing only once", async () => {
  const s = await searchFor();
  expect(await runSavedSearchAlerts({ savedSearchIds: [s.id] })).toEqual({ checked: 1, emails: 0 });
  expect(await digestsTo(s.user.email)).toHaveLength(0);

  const first = await createOpportunity({ title: `Atelier ${s.word} eins` });
  // checked a moment ago: not due again before a day has passed
  expect(await runSavedSearchAlerts({ savedSearchIds: [s.id] })).toEqual({ checked: 0, emails: 0 });
  expect(await runSavedSearchAlerts({ savedSearchIds: [s.id], now: inTwoDays() })).toEqual({ checked: 1, emails: 1 });
  const [digest] = await digestsTo(s.user.email);
  expect(digest!.text_body).toContain(first.title);
  expect(digest!.text_body).toContain(`/opportunities/${first.id}`);
  const headers = digest!.headers as Record<string, string>;
  expect(headers["List-Unsubscribe"]).toMatch(/^<http.*\/u\/a\d+\.[0-9a-z]+\.[A-Za-z0-9_-]{32}>$/);
  expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");

  // the same listing is never sent again; a second new one is sent alone
  const second = await createOpportunity({ title: `Atelier ${s.word} zwei` });
  const inFourDays = new Date(Date.now() + 4 * 24 * 3600 * 1000);
  expect(await runSavedSearchAlerts({ savedSearchIds: [s.id], now: inFourDays })).toEqual({ checked: 1, emails: 1 });
  const digests = await digestsTo(s.user.email);
  expect(digests).toHaveLength(2);
  expect(digests[1]!.text_body).toContain(second.title);
  expect(digests[1]!.text_body).not.toContain(first.title);
  const inSixDays = new Date(Date.now() + 6 * 24 * 3600 * 1000);
  expect(await runSavedSearchAlerts({ savedSearchIds: [s.id], now: inSixDays })).toEqual({ checked: 1, emails: 0 });
});

test("two runs at the same time send one digest", async () => {
  const s = await searchFor();
  await createOpportunity({ title: `Atelier ${s.word}` });
  const results = await Promise.all([1, 2, 3].map(() => runSavedSearchAlerts({ savedSearchIds: [s.id] })));
  expect(results.reduce((sum, r) => sum + r.emails, 0)).toBe(1);
  expect(await digestsTo(s.user.email)).toHaveLength(1);
});

test("alerts that are off, and drafts, send nothing", async () => {
  const s = await searchFor();
  await createOpportunity({ title: `Atelier ${s.word}`, status: "draft" });
  expect((await runSavedSearchAlerts({ savedSearchIds: [s.id] })).emails).toBe(0);
  await createOpportunity({ title: `Atelier ${s.word} publiziert` });
  await setSavedSearchAlert({ id: s.id, userId: s.user.id, alert: "off" });
  expect(await runSavedSearchAlerts({ savedSearchIds: [s.id], now: inTwoDays() })).toEqual({ checked: 0, emails: 0 });
});

test("another person cannot change someone's saved search", async () => {
  const s = await searchFor();
  const other = await createUser();
  expect(await setSavedSearchAlert({ id: s.id, userId: other.id, alert: "off" })).toBe(false);
  const row = await db.selectFrom("saved_search").select("alert").where("id", "=", s.id).executeTakeFirstOrThrow();
  expect(row.alert).toBe("daily");
});

test("unsubscribe tokens: valid, tampered, expired", async () => {
  const token = await createUnsubscribeToken({ kind: "alert", id: 42 });
  expect(await verifyUnsubscribeToken(token)).toEqual({ ok: true, kind: "alert", id: 42 });
  // another id with the same signature, a changed signature, an extended expiry: all invalid
  expect(await verifyUnsubscribeToken(token.replace(/^a42/, "a43"))).toEqual({ ok: false, reason: "invalid" });
  expect(await verifyUnsubscribeToken(token.replace(/^a/, "i"))).toEqual({ ok: false, reason: "invalid" });
  const last = token.at(-1) === "A" ? "B" : "A";
  expect(await verifyUnsubscribeToken(token.slice(0, -1) + last)).toEqual({ ok: false, reason: "invalid" });
  const [payload, expires, signature] = token.split(".") as [string, string, string];
  expect(await verifyUnsubscribeToken(`${payload}.${(parseInt(expires, 36) + 1000).toString(36)}.${signature}`)).toEqual({ ok: false, reason: "invalid" });
  expect(await verifyUnsubscribeToken("garbage")).toEqual({ ok: false, reason: "invalid" });
  const old = await createUnsubscribeToken({ kind: "alert", id: 42, now: new Date(Date.now() - 100 * 24 * 3600 * 1000) });
  expect(await verifyUnsubscribeToken(old)).toEqual({ ok: false, reason: "expired" });
});

test("the one-click POST switches the alert off without a login; GET only asks; bad tokens get a 4xx", async () => {
  const s = await searchFor();
  const token = await createUnsubscribeToken({ kind: "alert", id: s.id });
  const url = `http://localhost/u/${token}`;
  const page = await unsubscribeLoader({ request: new Request(url), params: { token }, context: {} } as never);
  expect(page).toMatchObject({ state: "confirm" });
  expect((await db.selectFrom("saved_search").select("alert").where("id", "=", s.id).executeTakeFirstOrThrow()).alert).toBe("daily");

  const body = new URLSearchParams({ "List-Unsubscribe": "One-Click" });
  await unsubscribeAction({ request: new Request(url, { method: "POST", body }), params: { token }, context: {} } as never);
  expect((await db.selectFrom("saved_search").select("alert").where("id", "=", s.id).executeTakeFirstOrThrow()).alert).toBe("off");

  for (const bad of [token.slice(0, -2) + "xx", await createUnsubscribeToken({ kind: "alert", id: s.id, now: new Date(Date.now() - 100 * 24 * 3600 * 1000) })]) {
    const thrown = await unsubscribeAction({ request: new Request(`http://localhost/u/${bad}`, { method: "POST", body }), params: { token: bad }, context: {} } as never).catch((e: unknown) => e);
    const status = thrown instanceof Response ? thrown.status : (thrown as { init?: { status?: number } }).init?.status;
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  }
});

test("the invitations token withdraws the opt-in", async () => {
  const user = await createUser();
  await createVolunteerProfile(user.id, { suggestions_opt_in: true });
  await unsubscribe({ kind: "invitations", id: user.id });
  const row = await db.selectFrom("volunteer_profile").select("suggestions_opt_in").where("user_id", "=", user.id).executeTakeFirstOrThrow();
  expect(row.suggestions_opt_in).toBe(false);
});

test("at most 20 saved searches per person; saving the same query again renames it", async () => {
  const user = await createUser();
  const first = await saveSearch({ userId: user.id, name: "eins", query: "q=a" });
  const again = await saveSearch({ userId: user.id, name: "neu", query: "q=a" });
  expect(again).toEqual(first);
  for (let i = 1; i < 20; i++) expect((await saveSearch({ userId: user.id, name: `s${i}`, query: `q=b${i}` })).ok).toBe(true);
  expect(await saveSearch({ userId: user.id, name: "zu viel", query: "q=c" })).toEqual({ ok: false, error: "tooMany" });
});
