/**
 * Public flags (issue 9, item 6) called as Remix calls them: anonymous visitors flag a published listing (honeypot,
 * bad input, limits per IP and per listing), the flag waits in the queue of the listing's region only, and only
 * a coordinator of that region or an admin resolves it; the flagger's IP is gone after resolution.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { listQueue } from "~/domain/moderation/queue.server";
import { createCoordinator, createOpportunity, createOrganisationWithOwner, createSessionFor, createUser } from "~/testing/factories.server";
import { callRoute, type RouteCall, type RouteHandler } from "~/testing/route-call.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import type { FieldErrors } from "~/utils/forms";
import { action as reviewAction, loader as reviewLoader } from "./coordinator.opportunities.$id";
import { action as flagAction, loader as flagLoader } from "./opportunities.$id_.flag";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

// each call from its own address unless the test names one: flags are limited per IP
const call = (fn: RouteHandler, request: RouteCall) => callRoute(fn, { ip: randomUUID(), ...request });

const AARAU = 4001;
const BADEN = 4021;

function keysOf(errors: FieldErrors | null) {
  return Object.fromEntries(Object.entries(errors ?? {}).map(([field, list]) => [field, list.map((e) => e.key)]));
}

async function publishedIn(bfsNr: number) {
  const owned = await createOrganisationWithOwner({ bfs_nr: bfsNr });
  const opportunity = await createOpportunity({ organisation_id: owned.organisation.id, bfs_nr: bfsNr, status: "published" });
  return { ...owned, opportunity };
}

async function flagsOf(opportunityId: number) {
  return db.selectFrom("opportunity_flag").selectAll().where("opportunity_id", "=", opportunityId).orderBy("id").execute();
}

test("an anonymous visitor flags a published listing; bad input, the honeypot and unknown or unpublished listings write nothing", async () => {
  const { opportunity } = await publishedIn(AARAU);
  const params = { id: String(opportunity.id) };
  const path = `/opportunities/${opportunity.id}/flag`;
  expect((await call(flagLoader, { path, params })).status).toBe(200);

  const empty = await call(flagAction, { path, params, form: { category: "", message: "" } });
  expect({ status: empty.status, errors: keysOf(empty.errors) }).toEqual({ status: 400, errors: { category: ["flags.errors.category"], message: ["flags.errors.messageRequired"] } });
  const forged = await call(flagAction, { path, params, form: { category: "drop table", message: "x" } });
  expect({ status: forged.status, errors: keysOf(forged.errors) }).toEqual({ status: 400, errors: { category: ["flags.errors.category"] } });
  const long = await call(flagAction, { path, params, form: { category: "other", message: "x".repeat(10_000) } });
  expect({ status: long.status, errors: keysOf(long.errors) }).toEqual({ status: 400, errors: { message: ["validation.tooLong"] } });
  const bot = await call(flagAction, { path, params, form: { category: "other", message: "Spam", homepage: "http://spam.example" } });
  expect(bot.status).toBe(400);
  expect(await flagsOf(opportunity.id)).toEqual([]);

  const ok = await call(flagAction, { path, params, form: { category: "suspicious", message: "  Verlangt Geld im Voraus.  " }, ip: "203.0.113.7" });
  expect(ok.status).toBe(201);
  const [flag] = await flagsOf(opportunity.id);
  expect(flag).toMatchObject({ category: "suspicious", message: "Verlangt Geld im Voraus.", ip: "203.0.113.7", resolved_at: null, outcome: null });

  const draft = await createOpportunity({ organisation_id: opportunity.organisation_id, status: "submitted", published_at: null });
  for (const id of [String(draft.id), "999999999"]) {
    expect((await call(flagLoader, { path: `/opportunities/${id}/flag`, params: { id } })).status).toBe(404);
    expect((await call(flagAction, { path: `/opportunities/${id}/flag`, params: { id }, form: { category: "other", message: "x" } })).status).toBe(404);
  }
  expect((await call(flagLoader, { path: "/opportunities/abc/flag", params: { id: "abc" } })).status).toBe(404);
  expect(await flagsOf(draft.id)).toEqual([]);
});

test("flags are rate limited per IP and per listing", async () => {
  const { opportunity } = await publishedIn(AARAU);
  const other = await publishedIn(AARAU);
  const ip = `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`;
  const form = { category: "other", message: "Bitte prüfen." };
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) {
    const target = i % 2 ? other.opportunity : opportunity;
    statuses.push((await call(flagAction, { path: `/opportunities/${target.id}/flag`, params: { id: String(target.id) }, form, ip })).status);
  }
  expect(statuses).toEqual([...Array(10).fill(201), 429]);

  const third = await publishedIn(AARAU);
  const perListing: number[] = [];
  for (let i = 0; i < 21; i++) {
    perListing.push((await call(flagAction, { path: `/opportunities/${third.opportunity.id}/flag`, params: { id: String(third.opportunity.id) }, form })).status);
  }
  expect(perListing).toEqual([...Array(20).fill(201), 429]);
  expect(await flagsOf(third.opportunity.id)).toHaveLength(20);
});

test("a flag waits in its region's queue only; only that region's coordinator or an admin resolves it, and the IP is dropped", async () => {
  const { opportunity, token: editorToken } = await publishedIn(AARAU);
  const aarau = await createCoordinator(AARAU);
  const baden = await createCoordinator(BADEN);
  const admin = await createUser({ isAdmin: true });
  const volunteer = await createUser();
  const params = { id: String(opportunity.id) };
  expect((await call(flagAction, { path: `/opportunities/${opportunity.id}/flag`, params, form: { category: "wrong_information", message: "Die Adresse stimmt nicht." } })).status).toBe(201);
  const [flag] = await flagsOf(opportunity.id);

  const flagItems = async (actor: { id: number; isAdmin: boolean }) =>
    (await listQueue({ actor, locale: "de", filters: { kind: "flag", page: 1 } })).items.filter((i) => i.opportunityId === opportunity.id).map((i) => i.kind);
  expect(await flagItems({ id: aarau.user.id, isAdmin: false })).toEqual(["flag"]);
  expect(await flagItems({ id: baden.user.id, isAdmin: false })).toEqual([]);

  const path = `/coordinator/opportunities/${opportunity.id}`;
  const review = await call(reviewLoader, { token: aarau.token, path, params });
  expect(review.status).toBe(200);
  expect((review.body.openFlags as { id: number; message: string }[]).map((f) => [f.id, f.message])).toEqual([[flag.id, "Die Adresse stimmt nicht."]]);
  expect(JSON.stringify(review.body)).not.toContain(String(flag.ip));

  const form = { intent: "resolveFlag", flagId: String(flag.id), outcome: "edited", note: "Adresse korrigiert." };
  const tokens = {
    anonymous: undefined,
    volunteer: await createSessionFor(volunteer.id),
    editor: editorToken,
    otherRegion: baden.token,
  };
  const denied: Record<string, number> = {};
  for (const [role, token] of Object.entries(tokens)) denied[role] = (await call(reviewAction, { token, path, params, form })).status;
  expect(denied).toEqual({ anonymous: 302, volunteer: 403, editor: 403, otherRegion: 403 });
  expect((await flagsOf(opportunity.id))[0].resolved_at).toBeNull();

  // bad input: nothing changes
  const cases: [Record<string, string>, number, Record<string, string[]>][] = [
    [{ ...form, outcome: "delete_everything" }, 400, { outcome: ["flags.errors.outcome"] }],
    [{ ...form, flagId: "abc" }, 400, { flagId: ["flags.errors.flag"] }],
    [{ ...form, note: "x".repeat(10_000) }, 400, { note: ["validation.tooLong"] }],
    [{ ...form, flagId: "999999999" }, 404, { flagId: ["flags.errors.flag"] }],
  ];
  for (const [input, status, errors] of cases) {
    const result = await call(reviewAction, { token: aarau.token, path, params, form: input });
    expect({ status: result.status, errors: keysOf(result.errors) }).toEqual({ status, errors });
  }
  // a flag of another listing, sent to this listing's page
  const elsewhere = await publishedIn(AARAU);
  await call(flagAction, { path: "/x", params: { id: String(elsewhere.opportunity.id) }, form: { category: "other", message: "Anderes." } });
  const [foreign] = await flagsOf(elsewhere.opportunity.id);
  expect((await call(reviewAction, { token: aarau.token, path, params, form: { ...form, flagId: String(foreign.id) } })).status).toBe(404);
  expect((await flagsOf(elsewhere.opportunity.id))[0].resolved_at).toBeNull();
  expect((await flagsOf(opportunity.id))[0]).toMatchObject({ resolved_at: null, outcome: null });

  const resolved = await call(reviewAction, { token: aarau.token, path, params, form });
  expect({ status: resolved.status, location: resolved.location }).toEqual({ status: 302, location: path });
  const after = (await flagsOf(opportunity.id))[0];
  expect(after).toMatchObject({ outcome: "edited", resolution_note: "Adresse korrigiert.", resolved_by: aarau.user.id, ip: null });
  expect(after.resolved_at).not.toBeNull();
  expect(await flagItems({ id: aarau.user.id, isAdmin: false })).toEqual([]);
  const audit = await db.selectFrom("audit_event").select(["action", "actor_user_id", "details"]).where("action", "=", "flag.resolved").where("subject_id", "=", String(opportunity.id)).execute();
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ actor_user_id: aarau.user.id, details: { flagId: flag.id, after: { status: "resolved", outcome: "edited" } } });

  const again = await call(reviewAction, { token: await createSessionFor(admin.id), path, params, form });
  expect({ status: again.status, errors: keysOf(again.errors) }).toEqual({ status: 409, errors: { form: ["flags.errors.alreadyResolved"] } });
});

test("two coordinators resolving the same flag at once: exactly one outcome is recorded", async () => {
  const { opportunity } = await publishedIn(AARAU);
  const first = await createCoordinator(AARAU);
  const second = await createCoordinator(AARAU);
  await call(flagAction, { path: "/x", params: { id: String(opportunity.id) }, form: { category: "inappropriate", message: "Unpassend." } });
  const [flag] = await flagsOf(opportunity.id);
  const path = `/coordinator/opportunities/${opportunity.id}`;
  const params = { id: String(opportunity.id) };
  const results = await Promise.all(
    [
      [first.token, "no_action"],
      [second.token, "unpublished"],
    ].map(([token, outcome]) => call(reviewAction, { token, path, params, form: { intent: "resolveFlag", flagId: String(flag.id), outcome, note: "Unpassend." } })),
  );
  expect(results.map((r) => r.status).sort()).toEqual([302, 409]);
  const audit = await db.selectFrom("audit_event").select("id").where("action", "=", "flag.resolved").where("subject_id", "=", String(opportunity.id)).execute();
  expect(audit).toHaveLength(1);
});

test("resolving a flag with \"unpublished\" unpublishes the listing in the same transaction: decision with the note as reason, audit, email", async () => {
  const { opportunity, owner } = await publishedIn(AARAU);
  const aarau = await createCoordinator(AARAU);
  const params = { id: String(opportunity.id) };
  await call(flagAction, { path: "/x", params, form: { category: "suspicious", message: "Verlangt Geld im Voraus." } });
  const [flag] = await flagsOf(opportunity.id);
  const path = `/coordinator/opportunities/${opportunity.id}`;
  const form = { intent: "resolveFlag", flagId: String(flag.id), outcome: "unpublished", note: "" };
  const status = async () => (await db.selectFrom("opportunity").select("status").where("id", "=", opportunity.id).executeTakeFirstOrThrow()).status;
  const decisions = () => db.selectFrom("moderation_decision").select(["id", "decision", "reason", "status_before", "status_after", "decided_by"]).where("opportunity_id", "=", opportunity.id).execute();
  const mails = () => db.selectFrom("outbox").select(["template", "text_body"]).where("recipient", "=", owner.email).execute();

  // the note is the reason the organisation reads: required, and nothing happens without it
  for (const note of ["", "   "]) {
    const refused = await call(reviewAction, { token: aarau.token, path, params, form: { ...form, note } });
    expect({ status: refused.status, errors: keysOf(refused.errors) }).toEqual({ status: 400, errors: { note: ["flags.errors.reasonRequired"] } });
  }
  expect((await flagsOf(opportunity.id))[0]).toMatchObject({ resolved_at: null, outcome: null });
  expect(await status()).toBe("published");
  expect(await decisions()).toEqual([]);
  // a coordinator of another region unpublishes nothing
  const baden = await createCoordinator(BADEN);
  expect((await call(reviewAction, { token: baden.token, path, params, form: { ...form, note: "Betrug." } })).status).toBe(403);
  expect(await status()).toBe("published");

  const done = await call(reviewAction, { token: aarau.token, path, params, form: { ...form, note: "Verdacht auf Betrug." } });
  expect({ status: done.status, location: done.location }).toEqual({ status: 302, location: path });
  expect(await status()).toBe("changes_requested");
  const [decision] = await decisions();
  expect(decision).toMatchObject({ decision: "unpublish", reason: "Verdacht auf Betrug.", status_before: "published", status_after: "changes_requested", decided_by: aarau.user.id });
  expect((await flagsOf(opportunity.id))[0]).toMatchObject({ outcome: "unpublished", resolution_note: "Verdacht auf Betrug.", ip: null });
  const audit = await db.selectFrom("audit_event").select(["action", "details"]).where("subject_id", "=", String(opportunity.id)).where("action", "in", ["flag.resolved", "moderation.unpublish"]).orderBy("id").execute();
  expect(audit.map((a) => a.action)).toEqual(["moderation.unpublish", "flag.resolved"]);
  expect(audit[1].details).toMatchObject({ flagId: flag.id, decisionId: decision.id, after: { outcome: "unpublished" } });
  const sent = await mails();
  expect(sent.map((m) => m.template)).toEqual(["moderation_decision"]);
  expect(sent[0].text_body).toContain("Verdacht auf Betrug.");
  // the public can no longer flag (or see) it
  expect((await call(flagLoader, { path: `/opportunities/${opportunity.id}/flag`, params })).status).toBe(404);
});

test("a second flag resolved \"unpublished\" on a listing already taken off records the flag only: no second decision or email", async () => {
  const { opportunity, owner } = await publishedIn(AARAU);
  const aarau = await createCoordinator(AARAU);
  const params = { id: String(opportunity.id) };
  for (const message of ["Erste Meldung.", "Zweite Meldung."]) await call(flagAction, { path: "/x", params, form: { category: "other", message } });
  const [first, second] = await flagsOf(opportunity.id);
  const path = `/coordinator/opportunities/${opportunity.id}`;
  for (const flag of [first, second]) {
    const result = await call(reviewAction, { token: aarau.token, path, params, form: { intent: "resolveFlag", flagId: String(flag.id), outcome: "unpublished", note: "Falsche Angaben." } });
    expect(result.status).toBe(302);
  }
  expect((await flagsOf(opportunity.id)).map((f) => f.outcome)).toEqual(["unpublished", "unpublished"]);
  expect(await db.selectFrom("moderation_decision").select("decision").where("opportunity_id", "=", opportunity.id).execute()).toEqual([{ decision: "unpublish" }]);
  expect(await db.selectFrom("outbox").select("template").where("recipient", "=", owner.email).execute()).toHaveLength(1);
});
