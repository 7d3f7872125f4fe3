/**
 * The moderation routes called as Remix calls them: the permission matrix (anonymous, volunteer, organisation
 * editor, coordinator of the region, coordinator of another region, admin) × (an item in the Aarau region, an
 * item in the Baden region), bad input as field messages with 4xx, and a stale form as a 409 with a message.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { getFixedT } from "~/i18n/i18n.server";
import {
  addOrganisationMember,
  createCoordinator,
  createOpportunity,
  createSessionFor,
  createSubmission,
  createUser,
} from "~/testing/factories.server";
import { callRoute, type RouteCall, type RouteHandler } from "~/testing/route-call.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import type { FieldErrors } from "~/utils/forms";
import { loader as queueLoader } from "./coordinator._index";
import { action as reviewAction, loader as reviewLoader } from "./coordinator.opportunities.$id";
import { action as verifyAction, loader as verifyLoader } from "./coordinator.organisations.$slug";
import { loader as dashboardLoader } from "./orgs.$slug.manage._index";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const call = (fn: RouteHandler, request: RouteCall) => callRoute(fn, { ...request, headers: { "Accept-Language": "en" } });

const AARAU = 4001;
const BADEN = 4021;

function keysOf(errors: FieldErrors | null) {
  return Object.fromEntries(Object.entries(errors ?? {}).map(([field, list]) => [field, list.map((e) => e.key)]));
}

async function decisionForm(id: number, token: string, fields: Record<string, string>) {
  const review = await call(reviewLoader, { token, path: `/coordinator/opportunities/${id}`, params: { id: String(id) } });
  const seen = review.body.seen as { status: string; version: number; revisionId: number | null };
  const form = new FormData();
  form.append("expectedStatus", seen.status);
  form.append("expectedVersion", String(seen.version));
  form.append("expectedRevision", seen.revisionId === null ? "" : String(seen.revisionId));
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

async function people() {
  const aarauItem = await createSubmission({ bfs_nr: AARAU });
  const badenItem = await createSubmission({ bfs_nr: BADEN });
  const editor = await createUser();
  await addOrganisationMember(aarauItem.organisation.id, editor.id, "editor");
  const volunteer = await createUser();
  const admin = await createUser({ isAdmin: true });
  const aarau = await createCoordinator(AARAU);
  const baden = await createCoordinator(BADEN);
  return {
    aarauItem,
    badenItem,
    tokens: {
      anonymous: undefined,
      volunteer: await createSessionFor(volunteer.id),
      editor: await createSessionFor(editor.id),
      coordinator: aarau.token,
      otherCoordinator: baden.token,
      admin: await createSessionFor(admin.id),
    } as Record<string, string | undefined>,
  };
}

test("permission matrix: queue, review page and decision for six roles × an item of their region and one of another", async () => {
  const { aarauItem, badenItem, tokens } = await people();
  const own = aarauItem.opportunity.id;
  const foreign = badenItem.opportunity.id;
  // role → [queue, review own, review foreign, decide own, decide foreign]; "own" is the Aarau item
  const expected: Record<string, number[]> = {
    anonymous: [302, 302, 302, 302, 302],
    volunteer: [403, 403, 403, 403, 403],
    editor: [403, 403, 403, 403, 403],
    coordinator: [200, 200, 403, 400, 403],
    otherCoordinator: [200, 403, 200, 403, 400],
    admin: [200, 200, 200, 400, 400],
  };
  const actual: Record<string, number[]> = {};
  for (const [role, token] of Object.entries(tokens)) {
    const review = (id: number) => call(reviewLoader, { token, path: `/coordinator/opportunities/${id}`, params: { id: String(id) } });
    // a decision without its reason: a 400 for whoever may decide, and nothing changes
    const decideWithoutReason = (id: number) => {
      const form = new FormData();
      form.append("intent", "reject");
      form.append("expectedStatus", "submitted");
      form.append("expectedVersion", "1");
      return call(reviewAction, { token, path: `/coordinator/opportunities/${id}`, params: { id: String(id) }, form });
    };
    actual[role] = [
      (await call(queueLoader, { token, path: "/coordinator" })).status,
      (await review(own)).status,
      (await review(foreign)).status,
      (await decideWithoutReason(own)).status,
      (await decideWithoutReason(foreign)).status,
    ];
  }
  expect(actual).toEqual(expected);
  const statuses = await db.selectFrom("opportunity").select("status").where("id", "in", [own, foreign]).execute();
  expect(statuses.map((s) => s.status)).toEqual(["submitted", "submitted"]);

  // unknown ids and drafts are 404, also for admins; a malformed id too
  const draft = await createOpportunity({ bfs_nr: AARAU, status: "draft", published_at: null });
  for (const id of ["2000000000", String(draft.id), "12abc"]) {
    expect((await call(reviewLoader, { token: tokens.admin, path: `/coordinator/opportunities/${id}`, params: { id } })).status).toBe(404);
  }
  // the anonymous visitor is sent to the login page and back
  expect((await call(queueLoader, { path: "/coordinator" })).location).toBe("/login?redirectTo=%2Fcoordinator");
});

test("the queue lists the region's items with kind and waiting time; filters outside the actor's scope are ignored", async () => {
  const { aarauItem, badenItem, tokens } = await people();
  const result = await call(queueLoader, { token: tokens.coordinator, path: "/coordinator?kind=new&region=nowhere&page=abc&category=%3Cscript%3E" });
  expect(result.status).toBe(200);
  const items = result.body.items as { opportunityId: number; kind: string; waitingHours: number }[];
  expect(items.find((i) => i.opportunityId === aarauItem.opportunity.id)).toMatchObject({ kind: "new", waitingHours: 3 });
  expect(items.some((i) => i.opportunityId === badenItem.opportunity.id)).toBe(false);
  expect(result.body.filters).toEqual({ region: "", kind: "new", category: "" });
});

test("bad input: a forged intent, a missing or 10,000-character reason are field messages in the user's language", async () => {
  const { aarauItem, tokens } = await people();
  const id = aarauItem.opportunity.id;
  const post = async (fields: Record<string, string>) =>
    call(reviewAction, { token: tokens.coordinator, path: `/coordinator/opportunities/${id}`, params: { id: String(id) }, form: await decisionForm(id, tokens.coordinator!, fields) });
  const cases: [Record<string, string>, Record<string, string[]>][] = [
    [{ intent: "publish_everything", reason: "x" }, { intent: ["moderation.errors.intent"] }],
    [{ intent: "request_changes", reason: "   " }, { reason: ["moderation.errors.reasonRequired"] }],
    [{ intent: "reject", reason: "x".repeat(10_000) }, { reason: ["moderation.errors.reasonTooLong"] }],
  ];
  const en = getFixedT("en");
  const de = getFixedT("de");
  for (const [fields, errors] of cases) {
    const result = await post(fields);
    expect({ status: result.status, errors: keysOf(result.errors) }).toEqual({ status: 400, errors });
    for (const error of Object.values(result.errors ?? {}).flat()) {
      expect(en(error.key)).not.toBe(error.key);
      expect(de(error.key)).not.toBe(en(error.key));
    }
  }
  // a stale form (someone decided meanwhile): 409 with a message, the first decision stays
  const stale = await decisionForm(id, tokens.coordinator!, { intent: "reject", reason: "Doppelt." });
  const first = await post({ intent: "request_changes", reason: "Bitte Datum ergänzen." });
  expect(first).toMatchObject({ status: 302, location: "/coordinator" });
  const second = await call(reviewAction, { token: tokens.admin, path: `/coordinator/opportunities/${id}`, params: { id: String(id) }, form: stale });
  expect({ status: second.status, errors: keysOf(second.errors) }).toEqual({ status: 409, errors: { form: ["moderation.errors.conflict"] } });
  expect((await db.selectFrom("opportunity").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("changes_requested");
  expect(await db.selectFrom("moderation_decision").select("decision").where("opportunity_id", "=", id).execute()).toEqual([{ decision: "request_changes" }]);

  // the organisation's dashboard shows the decision and its reason
  const dashboard = await call(dashboardLoader, { token: aarauItem.token, path: `/orgs/${aarauItem.organisation.slug}/manage`, params: { slug: aarauItem.organisation.slug } });
  expect((dashboard.body.moderationNotes as Record<number, unknown>)[id]).toMatchObject({ decision: "request_changes", reason: "Bitte Datum ergänzen." });

  // a decision the status does not allow (reject a published listing) is a 409 on the decision field
  const published = await createOpportunity({ bfs_nr: AARAU });
  const reject = await call(reviewAction, {
    token: tokens.coordinator,
    path: `/coordinator/opportunities/${published.id}`,
    params: { id: String(published.id) },
    form: await decisionForm(published.id, tokens.coordinator!, { intent: "reject", reason: "Nein." }),
  });
  expect({ status: reject.status, errors: keysOf(reject.errors) }).toEqual({ status: 409, errors: { intent: ["moderation.errors.notAllowed"] } });
});

test("organisation verification: the matrix, a note is required, the change and its note are audited", async () => {
  const { aarauItem, badenItem, tokens } = await people();
  const own = aarauItem.organisation;
  const foreign = badenItem.organisation;
  const expected: Record<string, number[]> = {
    anonymous: [302, 302, 302],
    volunteer: [403, 403, 403],
    editor: [403, 403, 403],
    coordinator: [200, 403, 400],
    otherCoordinator: [403, 200, 403],
    admin: [200, 200, 400],
  };
  const actual: Record<string, number[]> = {};
  for (const [role, token] of Object.entries(tokens)) {
    const open = (slug: string) => call(verifyLoader, { token, path: `/coordinator/organisations/${slug}`, params: { slug } });
    const form = new FormData();
    form.append("intent", "verify");
    actual[role] = [
      (await open(own.slug)).status,
      (await open(foreign.slug)).status,
      (await call(verifyAction, { token, path: `/coordinator/organisations/${own.slug}`, params: { slug: own.slug }, form })).status,
    ];
  }
  expect(actual).toEqual(expected);
  expect((await call(verifyLoader, { token: tokens.admin, path: "/coordinator/organisations/gibt-es-nicht", params: { slug: "gibt-es-nicht" } })).status).toBe(404);

  const form = new FormData();
  form.append("intent", "verify");
  form.append("note", "Statuten und Vorstand geprüft.");
  const verified = await call(verifyAction, { token: tokens.coordinator, path: `/coordinator/organisations/${own.slug}`, params: { slug: own.slug }, form });
  expect(verified.status).toBe(302);
  expect((await db.selectFrom("organisation").select("verified_at").where("id", "=", own.id).executeTakeFirstOrThrow()).verified_at).not.toBeNull();
  const page = await call(verifyLoader, { token: tokens.coordinator, path: `/coordinator/organisations/${own.slug}`, params: { slug: own.slug } });
  expect(page.body.history).toEqual([expect.objectContaining({ action: "organisation.verified", note: "Statuten und Vorstand geprüft." })]);
});
