/**
 * Moderation against the real database: the queue's region scoping, decisions (state checks, conflicts, emails
 * in each member's language, audit), and revisions of published listings.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { getPublicOpportunity } from "~/domain/opportunities/detail.server";
import { readListingGeneration } from "~/domain/opportunities/listing-generation.server";
import {
  addOrganisationMember,
  createCoordinator,
  createOpportunity,
  createOrganisationWithOwner,
  createSubmission,
  createUser,
  opportunityFormData,
} from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { loadFormReference } from "~/domain/opportunities/form-reference.server";
import { opportunityInputSchema } from "~/domain/opportunities/opportunity-input.server";
import { listModerationNotes } from "./organisation.server";
import { listQueue } from "./queue.server";
import { decide, DecisionConflictError, DecisionNotAllowedError, getReviewItem } from "./review.server";
import { proposeRevision } from "./revisions.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const AARAU = 4001;
const BADEN = 4021;
const ORIGIN = "https://mitenand.example";

async function seenOf(id: number, actor: { id: number; isAdmin: boolean }) {
  const item = await getReviewItem({ id, actor });
  if (typeof item === "string") throw new Error(item);
  return item.seen;
}

test("the queue shows a coordinator the submissions of their region only; an admin sees all", async () => {
  const aarau = await createCoordinator(AARAU);
  const baden = await createCoordinator(BADEN);
  const admin = { id: (await createUser({ isAdmin: true })).id, isAdmin: true };
  const inAarau = await createSubmission({ bfs_nr: AARAU });
  const inBaden = await createSubmission({ bfs_nr: BADEN });
  const ids = async (actor: { id: number; isAdmin: boolean }, filters = {}) =>
    (await listQueue({ actor, locale: "de", filters: { ...filters } })).items.map((i) => i.opportunityId);

  const seenByAarau = await ids({ id: aarau.user.id, isAdmin: false });
  expect(seenByAarau).toContain(inAarau.opportunity.id);
  expect(seenByAarau).not.toContain(inBaden.opportunity.id);
  expect(await ids({ id: baden.user.id, isAdmin: false })).not.toContain(inAarau.opportunity.id);
  const all = await listQueue({ actor: admin, locale: "de", filters: { kind: "new" } });
  const allIds = [];
  for (let page = 1; page <= all.pageCount; page++) allIds.push(...(await ids(admin, { kind: "new", page })));
  expect(allIds).toEqual(expect.arrayContaining([inAarau.opportunity.id, inBaden.opportunity.id]));
  expect(await ids({ id: aarau.user.id, isAdmin: false }, { region: baden.region.slug })).not.toContain(inBaden.opportunity.id);
  expect(await ids({ id: aarau.user.id, isAdmin: false }, { kind: "revision" })).not.toContain(inAarau.opportunity.id);

  expect(await getReviewItem({ id: inAarau.opportunity.id, actor: { id: baden.user.id, isAdmin: false } })).toBe("forbidden");
  expect(await getReviewItem({ id: 2_000_000_000, actor: admin })).toBe("missing");
});

test("request changes → the organisation sees the reason, edits, resubmits → approve publishes; every member gets mail in their language", async () => {
  const aarau = await createCoordinator(AARAU);
  const actor = { id: aarau.user.id, isAdmin: false };
  const { opportunity, organisation, owner } = await createSubmission({ bfs_nr: AARAU, title: "Sprachcafé am Montag" });
  const editor = await createUser({ locale: "en" });
  await addOrganisationMember(organisation.id, editor.id, "editor");

  const first = await decide({ id: opportunity.id, actor, decision: "request_changes", reason: "Bitte die Uhrzeit ergänzen.", seen: await seenOf(opportunity.id, actor), origin: ORIGIN });
  expect(first?.status).toBe("changes_requested");
  const notes = await listModerationNotes({ orgId: organisation.id, actor: owner });
  expect(notes[opportunity.id]).toMatchObject({ decision: "request_changes", reason: "Bitte die Uhrzeit ergänzen." });
  expect(await listModerationNotes({ orgId: organisation.id, actor: await createUser() })).toEqual({});
  // the dashboard asks for its page's rows only
  expect(Object.keys(await listModerationNotes({ orgId: organisation.id, actor: owner, opportunityIds: [opportunity.id] }))).toEqual([String(opportunity.id)]);
  expect(await listModerationNotes({ orgId: organisation.id, actor: owner, opportunityIds: [opportunity.id + 1_000_000] })).toEqual({});
  expect(await listModerationNotes({ orgId: organisation.id, actor: owner, opportunityIds: [] })).toEqual({});

  const mails = await db.selectFrom("outbox").select(["recipient", "subject", "text_body"]).where("recipient", "in", [owner.email, editor.email]).execute();
  expect(mails).toHaveLength(2);
  expect(mails.find((m) => m.recipient === owner.email)?.text_body).toContain("Begründung: Bitte die Uhrzeit ergänzen.");
  expect(mails.find((m) => m.recipient === editor.email)?.subject).toContain("changes requested");
  expect(mails.find((m) => m.recipient === editor.email)?.text_body).toContain(`${ORIGIN}/orgs/${organisation.slug}/manage/opportunities/${opportunity.id}/preview`);

  // the organisation edits and resubmits; the review shows what changed since the request
  await db.updateTable("opportunity").set({ title: "Sprachcafé am Montagabend", status: "submitted", submitted_at: new Date(), updated_at: new Date() }).where("id", "=", opportunity.id).execute();
  const item = await getReviewItem({ id: opportunity.id, actor });
  if (typeof item === "string") throw new Error(item);
  expect(item.diff?.fields).toEqual(["title"]);
  expect(item.diff?.before.title).toBe("Sprachcafé am Montag");
  expect((await listQueue({ actor, locale: "de", filters: { kind: "resubmission" } })).items.map((i) => i.opportunityId)).toContain(opportunity.id);
  // without a kind filter the kind is worked out for the page's rows only: the same answer
  const unfiltered = [];
  const firstPage = await listQueue({ actor, locale: "de" });
  for (let page = 1; page <= firstPage.pageCount; page++) unfiltered.push(...(await listQueue({ actor, locale: "de", filters: { page } })).items);
  expect(unfiltered.find((i) => i.opportunityId === opportunity.id)?.kind).toBe("resubmission");
  expect(unfiltered.every((i) => ["new", "resubmission", "revision", "flag"].includes(i.kind))).toBe(true);

  const generation = await readListingGeneration();
  const approved = await decide({ id: opportunity.id, actor, decision: "approve", reason: null, seen: item.seen, origin: ORIGIN, ip: "192.0.2.1" });
  expect(approved?.status).toBe("published");
  expect(await readListingGeneration()).not.toBe(generation);
  expect((await getPublicOpportunity({ id: opportunity.id, locale: "de" }))?.title).toBe("Sprachcafé am Montagabend");

  const audit = await db.selectFrom("audit_event").select(["action", "actor_user_id", "details"]).where("subject_type", "=", "opportunity").where("subject_id", "=", String(opportunity.id)).orderBy("id").execute();
  expect(audit.map((a) => a.action)).toEqual(["moderation.request_changes", "moderation.approve"]);
  expect(audit[1]).toMatchObject({ actor_user_id: aarau.user.id, details: { before: { status: "submitted" }, after: { status: "published" } } });
});

test("two coordinators deciding at once: exactly one decision applies, the other is a conflict", async () => {
  const one = await createCoordinator(AARAU);
  const two = await createCoordinator(AARAU);
  const { opportunity } = await createSubmission({ bfs_nr: AARAU });
  const seen = await seenOf(opportunity.id, { id: one.user.id, isAdmin: false });
  const results = await Promise.allSettled([
    decide({ id: opportunity.id, actor: { id: one.user.id, isAdmin: false }, decision: "approve", reason: null, seen, origin: ORIGIN }),
    decide({ id: opportunity.id, actor: { id: two.user.id, isAdmin: false }, decision: "reject", reason: "Passt nicht.", seen, origin: ORIGIN }),
  ]);
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
  expect(failed.reason).toBeInstanceOf(DecisionConflictError);
  expect(await db.selectFrom("moderation_decision").select("id").where("opportunity_id", "=", opportunity.id).execute()).toHaveLength(1);
});

test("a decision that does not fit the status is refused; another region's item is null and untouched", async () => {
  const aarau = await createCoordinator(AARAU);
  const baden = await createCoordinator(BADEN);
  const actor = { id: aarau.user.id, isAdmin: false };
  const published = await createOpportunity({ bfs_nr: AARAU });
  await expect(decide({ id: published.id, actor, decision: "reject", reason: "x", seen: await seenOf(published.id, actor), origin: ORIGIN })).rejects.toBeInstanceOf(DecisionNotAllowedError);
  const { opportunity } = await createSubmission({ bfs_nr: AARAU });
  const seen = await seenOf(opportunity.id, actor);
  expect(await decide({ id: opportunity.id, actor: { id: baden.user.id, isAdmin: false }, decision: "approve", reason: null, seen, origin: ORIGIN })).toBeNull();
  expect((await db.selectFrom("opportunity").select("status").where("id", "=", opportunity.id).executeTakeFirstOrThrow()).status).toBe("submitted");

  // unpublish takes a listing off the public pages and sends it back to the organisation
  const off = await decide({ id: published.id, actor, decision: "unpublish", reason: "Falsche Angaben.", seen: await seenOf(published.id, actor), origin: ORIGIN });
  expect(off?.status).toBe("changes_requested");
  expect(await getPublicOpportunity({ id: published.id, locale: "de" })).toBeNull();
});

test("an edit of a published listing waits as a revision; the public keeps the approved text until it is approved", async () => {
  const aarau = await createCoordinator(AARAU);
  const actor = { id: aarau.user.id, isAdmin: false };
  const { organisation, owner } = await createOrganisationWithOwner();
  const listing = await createOpportunity({ organisation_id: organisation.id, bfs_nr: AARAU, title: "Deutsch-Treff alt", schedule_kind: "flexible", total_places: 5 });
  const { categoryIds, bfsNumbers } = await loadFormReference("de");
  const parse = (overrides: Record<string, string>) => {
    const form = opportunityFormData({ scheduleKind: "flexible", totalPlaces: "5", ...overrides });
    const input: Record<string, unknown> = {};
    for (const key of new Set(form.keys())) input[key] = form.getAll(key).length > 1 ? form.getAll(key) : form.get(key);
    return opportunityInputSchema({ categoryIds, bfsNumbers, now: new Date() }).parse(input);
  };

  const proposed = await proposeRevision({ id: listing.id, orgId: organisation.id, actor: owner, input: parse({ title: "Deutsch-Treff neu" }) });
  expect(proposed).toEqual({ revisionPending: true, scheduleChanged: false });
  expect((await getPublicOpportunity({ id: listing.id, locale: "de" }))?.title).toBe("Deutsch-Treff alt");
  expect(await proposeRevision({ id: listing.id, orgId: organisation.id, actor: await createUser(), input: parse({}) })).toBeNull();

  const queue = await listQueue({ actor, locale: "de", filters: { kind: "revision" } });
  expect(queue.items.map((i) => i.opportunityId)).toContain(listing.id);
  const item = await getReviewItem({ id: listing.id, actor });
  if (typeof item === "string") throw new Error(item);
  expect(item.diff?.against).toBe("published");
  expect(item.diff?.fields).toEqual(expect.arrayContaining(["title", "summary", "description", "category_id"]));

  const sentBack = await decide({ id: listing.id, actor, decision: "request_changes", reason: "Titel kürzen.", seen: item.seen, origin: ORIGIN });
  expect(sentBack?.status).toBe("published");
  expect((await getPublicOpportunity({ id: listing.id, locale: "de" }))?.title).toBe("Deutsch-Treff alt");

  await proposeRevision({ id: listing.id, orgId: organisation.id, actor: owner, input: parse({ title: "Deutsch-Treff" }) });
  const again = await getReviewItem({ id: listing.id, actor });
  if (typeof again === "string") throw new Error(again);
  await decide({ id: listing.id, actor, decision: "approve", reason: null, seen: again.seen, origin: ORIGIN });
  const publicNow = await getPublicOpportunity({ id: listing.id, locale: "de" });
  expect(publicNow?.title).toBe("Deutsch-Treff");
  expect(publicNow?.category.id).toBe("atelier");
  const revisions = await db.selectFrom("opportunity_revision").select("status").where("opportunity_id", "=", listing.id).execute();
  expect(revisions.map((r) => r.status)).toEqual(["approved"]);
});
