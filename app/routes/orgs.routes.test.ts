/**
 * The organisation routes' actions, called as Remix calls them (a POST with the session cookie): bad input comes
 * back as field-level message keys with a 4xx status, never a 500 or a saved row; another organisation's ids
 * never touch its rows.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { getFixedT } from "~/i18n/i18n.server";
import {
  addOrganisationMember,
  createOpportunity,
  createOrganisationWithOwner,
  createSessionFor,
  createUser,
  opportunityFormData,
  uniqueEmail,
  zurichDateFromNow,
} from "~/testing/factories.server";
import { callRoute, type RouteCall, type RouteHandler } from "~/testing/route-call.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { inviteMember } from "~/domain/organisations/members.server";
import type { FieldErrors } from "~/utils/forms";
import { action as invitationAction } from "./invitations.$token";
import { action as dashboardAction, loader as dashboardLoader } from "./orgs.$slug.manage._index";
import { action as membersAction } from "./orgs.$slug.manage.members";
import { action as editAction } from "./orgs.$slug.manage.opportunities.$id._index";
import { action as newAction } from "./orgs.$slug.manage.opportunities.new";
import { action as createOrgAction } from "./orgs.new";
import { loader as profileLoader } from "./orgs.$slug._index";
import { loader as previewLoader } from "./orgs.$slug.manage.opportunities.$id.preview";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const post = (action: RouteHandler, request: RouteCall) => callRoute(action, { ...request, headers: { "Accept-Language": "en" } });

function keysOf(errors: FieldErrors | null) {
  return Object.fromEntries(Object.entries(errors ?? {}).map(([field, list]) => [field, list.map((e) => e.key)]));
}

async function setup() {
  const own = await createOrganisationWithOwner();
  const foreign = await createOrganisationWithOwner();
  return { own, foreign };
}

async function countOpportunities(orgId: number) {
  return (await db.selectFrom("opportunity").select("id").where("organisation_id", "=", orgId).execute()).length;
}

const INVALID: [string, Record<string, string>, Record<string, string[]>][] = [
  ["1 MB of text", { description: "x".repeat(1024 * 1024) }, { description: ["validation.tooLong"] }],
  ["an unknown category", { categoryId: "nope" }, { categoryId: ["opportunityForm.errors.category"] }],
  ["a BFS number outside Aargau", { bfsNr: "261" }, { bfsNr: ["opportunityForm.errors.gemeinde"] }],
  ["places outside 1–500", { shiftPlaces0: "501" }, { shiftPlaces0: ["opportunityForm.errors.places"] }],
  ["an end before the start", { shiftStart0: "17:00", shiftEnd0: "09:00" }, { shiftEnd0: ["opportunityForm.errors.endBeforeStart"] }],
  ["a past shift", { shiftDate0: zurichDateFromNow(-3) }, { shiftDate0: ["opportunityForm.errors.past"] }],
  ["an empty title", { title: "" }, { title: ["validation.tooShort"] }],
  ["an over-long title", { title: "x".repeat(500) }, { title: ["validation.tooLong"] }],
  ["an empty summary", { summary: "" }, { summary: ["validation.required"] }],
];

test("each kind of bad input is a 400 with a message on its field (in the user's language), and nothing is saved", async () => {
  const { own } = await setup();
  const en = getFixedT("en");
  const de = getFixedT("de");
  for (const [, overrides, expected] of INVALID) {
    const result = await post(newAction, {
      token: own.token,
      path: `/orgs/${own.organisation.slug}/manage/opportunities/new`,
      form: opportunityFormData(overrides),
      params: { slug: own.organisation.slug },
    });
    expect({ status: result.status, errors: keysOf(result.errors) }).toEqual({ status: 400, errors: expected });
    for (const error of Object.values(result.errors ?? {}).flat()) {
      expect(en(error.key, error.values ?? {})).not.toBe(error.key);
      expect(de(error.key, error.values ?? {})).not.toBe(en(error.key, error.values ?? {}));
    }
  }
  expect(await countOpportunities(own.organisation.id)).toBe(0);
});

test("a valid form saves a draft and goes to its preview; 'add a row' saves nothing", async () => {
  const { own } = await setup();
  const args = { token: own.token, path: `/orgs/${own.organisation.slug}/manage/opportunities/new`, params: { slug: own.organisation.slug } };
  const more = await post(newAction, { ...args, form: opportunityFormData({ intent: "add-row", rowCount: "3" }) });
  expect(more.status).toBe(200);
  expect(more.body.rowCount).toBe(4);
  expect(await countOpportunities(own.organisation.id)).toBe(0);

  const saved = await post(newAction, { ...args, form: opportunityFormData({ intent: "save", organisationId: "1" }) });
  expect(saved.status).toBe(302);
  const id = Number(/\/opportunities\/(\d+)\/preview$/.exec(saved.location ?? "")?.[1]);
  const row = await db.selectFrom("opportunity").select(["organisation_id", "status"]).where("id", "=", id).executeTakeFirstOrThrow();
  expect(row).toEqual({ organisation_id: own.organisation.id, status: "draft" });
});

test("another organisation's pages and ids: 403 for its forms, 404 for its opportunity under our URL", async () => {
  const { own, foreign } = await setup();
  const theirs = await createOpportunity({ organisation_id: foreign.organisation.id, status: "draft", published_at: null, title: "Fremder Entwurf" });

  // posting a new opportunity into the other organisation
  const intoForeign = await post(newAction, {
    token: own.token,
    path: `/orgs/${foreign.organisation.slug}/manage/opportunities/new`,
    form: opportunityFormData(),
    params: { slug: foreign.organisation.slug },
  });
  expect(intoForeign.status).toBe(403);
  expect(await countOpportunities(foreign.organisation.id)).toBe(1);

  // their opportunity's id under our own organisation's URL: as if it did not exist
  const edit = await post(editAction, {
    token: own.token,
    path: `/orgs/${own.organisation.slug}/manage/opportunities/${theirs.id}`,
    form: opportunityFormData({ title: "Gekapert" }),
    params: { slug: own.organisation.slug, id: String(theirs.id) },
  });
  expect(edit.status).toBe(404);

  // the dashboard's actions with their id: a 404 with a message, their row untouched
  for (const intent of ["submit", "duplicate", "withdraw", "archive"]) {
    const form = new FormData();
    form.append("intent", intent);
    form.append("opportunityId", String(theirs.id));
    // archive needs its confirmation step's answer (without it the action only leads to that step)
    if (intent === "archive") form.append("confirmed", "yes");
    const result = await post(dashboardAction, { token: own.token, path: `/orgs/${own.organisation.slug}/manage`, form, params: { slug: own.organisation.slug } });
    expect({ intent, status: result.status, errors: keysOf(result.errors) }).toEqual({ intent, status: 404, errors: { opportunityId: ["orgManage.errors.notFound"] } });
  }
  const after = await db.selectFrom("opportunity").select(["title", "status"]).where("id", "=", theirs.id).executeTakeFirstOrThrow();
  expect(after).toEqual({ title: "Fremder Entwurf", status: "draft" });
  expect(await countOpportunities(own.organisation.id)).toBe(0);

  const bad = new FormData();
  bad.append("intent", "publish");
  bad.append("opportunityId", "abc");
  const invalid = await post(dashboardAction, { token: own.token, path: `/orgs/${own.organisation.slug}/manage`, form: bad, params: { slug: own.organisation.slug } });
  expect({ status: invalid.status, errors: keysOf(invalid.errors) }).toEqual({
    status: 400,
    errors: { intent: ["orgManage.errors.unknownAction"], opportunityId: ["orgManage.errors.notFound"] },
  });
});

test("the dashboard submits a draft and refuses a step the status does not allow", async () => {
  const { own } = await setup();
  const draft = await createOpportunity({ organisation_id: own.organisation.id, status: "draft", published_at: null, schedule_kind: "flexible" });
  const form = (intent: string) => {
    const f = new FormData();
    f.append("intent", intent);
    f.append("opportunityId", String(draft.id));
    f.append("confirmed", "yes");
    return f;
  };
  const args = { token: own.token, path: `/orgs/${own.organisation.slug}/manage`, params: { slug: own.organisation.slug } };
  expect((await post(dashboardAction, { ...args, form: form("submit") })).status).toBe(302);
  const again = await post(dashboardAction, { ...args, form: form("archive") });
  expect({ status: again.status, errors: keysOf(again.errors) }).toEqual({ status: 409, errors: { form: ["orgManage.errors.status"] } });
  const edit = await post(editAction, {
    token: own.token,
    path: `/orgs/${own.organisation.slug}/manage/opportunities/${draft.id}`,
    form: opportunityFormData(),
    params: { slug: own.organisation.slug, id: String(draft.id) },
  });
  expect({ status: edit.status, errors: keysOf(edit.errors) }).toEqual({ status: 409, errors: { form: ["opportunityForm.errors.notEditable"] } });
});

test("the dashboard's data: the page's rows with only what they show, and only the moderation notes they show", async () => {
  const { own } = await setup();
  const orgId = own.organisation.id;
  const changes = await createOpportunity({ organisation_id: orgId, status: "changes_requested", published_at: null, schedule_kind: "flexible" });
  const approved = await createOpportunity({ organisation_id: orgId, status: "published", schedule_kind: "flexible" });
  const decision = (opportunityId: number, kind: "approve" | "request_changes", statusAfter: string) => ({
    opportunity_id: opportunityId,
    decision: kind,
    reason: kind === "approve" ? null : "Bitte die Uhrzeit ergänzen.",
    status_before: "submitted",
    status_after: statusAfter,
  });
  await db.insertInto("moderation_decision").values([decision(changes.id, "request_changes", "changes_requested"), decision(approved.id, "approve", "published")]).execute();

  const result = await callRoute(dashboardLoader, { token: own.token, path: `/orgs/${own.organisation.slug}/manage`, params: { slug: own.organisation.slug } });
  expect(result.status).toBe(200);
  const body = result.body as { groups: { status: string; rows: Record<string, unknown>[] }[]; moderationNotes: Record<string, unknown> };
  // an approval of a published listing shows nothing: it stays out of the page's data
  expect(body.moderationNotes).toEqual({
    [changes.id]: { decision: "request_changes", reason: "Bitte die Uhrzeit ergänzen.", onRevision: false, revisionStatus: null },
  });
  const rows = body.groups.flatMap((group) => group.rows);
  expect(rows.map((row) => row.id).sort()).toEqual([changes.id, approved.id].sort());
  expect(Object.keys(rows[0]!).sort()).toEqual(["actions", "id", "nextShiftAt", "scheduleKind", "title", "upcomingShifts"]);
});

test("creating an organisation: a Gemeinde outside Aargau and a javascript: website are field errors", async () => {
  const user = await createUser();
  const token = await createSessionFor(user.id);
  const form = new FormData();
  for (const [k, v] of Object.entries({ name: "Verein Test", kind: "verein", bfsNr: "261", website: "javascript:alert(1)", description: "x" })) form.append(k, v);
  const result = await post(createOrgAction, { token, path: "/orgs/new", form, params: {} });
  expect({ status: result.status, errors: keysOf(result.errors) }).toEqual({
    status: 400,
    errors: { bfsNr: ["org.errors.gemeinde"], website: ["org.errors.website"] },
  });
  form.set("bfsNr", "4001");
  form.set("website", "https://verein.example");
  const created = await post(createOrgAction, { token, path: "/orgs/new", form, params: {} });
  expect(created.status).toBe(302);
  expect(created.location).toMatch(/^\/orgs\/verein-test(-\d+)?\/manage$/);
});

test("members: the last owner cannot be removed; editors cannot use the members page", async () => {
  const { own } = await setup();
  const form = new FormData();
  form.append("intent", "remove");
  form.append("userId", String(own.owner.id));
  const args = { path: `/orgs/${own.organisation.slug}/manage/members`, params: { slug: own.organisation.slug } };
  const result = await post(membersAction, { ...args, token: own.token, form });
  expect({ status: result.status, errors: keysOf(result.errors) }).toEqual({ status: 409, errors: { form: ["orgManage.errors.lastOwner"] } });

  const editor = await createUser();
  await addOrganisationMember(own.organisation.id, editor.id, "editor");
  const asEditor = await post(membersAction, { ...args, token: await createSessionFor(editor.id), form });
  expect(asEditor.status).toBe(403);

  const invite = new FormData();
  invite.append("intent", "invite");
  invite.append("email", "kein-mail");
  invite.append("role", "king");
  const invalid = await post(membersAction, { ...args, token: own.token, form: invite });
  expect({ status: invalid.status, errors: keysOf(invalid.errors) }).toEqual({ status: 400, errors: { email: ["validation.email"], role: ["validation.invalidChoice"] } });
});

test("an invitation accepted by the wrong account says so and changes nothing", async () => {
  const { own } = await setup();
  const invited = uniqueEmail();
  const sent = await inviteMember({
    orgId: own.organisation.id,
    actor: { id: own.owner.id, displayName: own.owner.display_name, locale: "de" },
    email: invited,
    role: "editor",
    origin: "https://mitenand.example",
  });
  const token = sent?.ok ? sent.token : "";
  const other = await createUser();
  const result = await post(invitationAction, { token: await createSessionFor(other.id), path: `/invitations/${token}`, form: new FormData(), params: { token } });
  expect(result.status).toBe(403);
  expect(result.body).toMatchObject({ error: "invitation.wrongEmail", invitedEmail: invited, currentEmail: other.email });
  expect(await db.selectFrom("organisation_member").select("user_id").where("organisation_id", "=", own.organisation.id).execute()).toHaveLength(1);
});

test("the public profile is open to all, an unknown slug is a 404; the preview is for members only", async () => {
  const { own, foreign } = await setup();
  const draft = await createOpportunity({ organisation_id: own.organisation.id, status: "draft", published_at: null });
  const call = (loader: RouteHandler, path: string, params: Record<string, string>, token?: string) => callRoute(loader, { token, path, params });
  const profile = await call(profileLoader, `/orgs/${own.organisation.slug}`, { slug: own.organisation.slug });
  expect(profile.status).toBe(200);
  expect(profile.body).toMatchObject({ title: own.organisation.name, canManage: false });
  expect((await call(profileLoader, "/orgs/gibt-es-nicht-123", { slug: "gibt-es-nicht-123" })).status).toBe(404);

  const previewPath = `/orgs/${own.organisation.slug}/manage/opportunities/${draft.id}/preview`;
  const params = { slug: own.organisation.slug, id: String(draft.id) };
  expect((await call(previewLoader, previewPath, params)).status).toBe(302);
  expect((await call(previewLoader, previewPath, params, foreign.token)).status).toBe(403);
  expect((await call(previewLoader, previewPath, params, own.token)).status).toBe(200);
  expect((await call(previewLoader, previewPath, { ...params, id: "12abc" }, own.token)).status).toBe(404);
});
