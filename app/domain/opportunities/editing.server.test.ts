import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import aargau from "~db/data/aargau.json";
import { CATEGORIES } from "~db/data/categories";
import {
  addOrganisationMember,
  createOpportunity as createOpportunityRow,
  createOrganisation,
  createOrganisationWithOwner,
  createShift,
  createUser,
  opportunityFormData,
  zurichDateFromNow,
} from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { parseFormWithKeys } from "~/domain/organisations/parse-form.server";
import { utcToZurichParts } from "~/utils/zurich-time";
import {
  archiveOpportunity,
  restoreToDraft,
  createOpportunity,
  duplicateOpportunity,
  getOpportunityForEditing,
  countOrganisationOpportunities,
  listOrganisationOpportunities,
  NoUpcomingShiftsError,
  OpportunityStatusError,
  submitOpportunity,
  toFormValues,
  updateOpportunity,
  withdrawToDraft,
} from "./editing.server";
import type { OpportunityInput } from "./opportunity-input";
import { opportunityInputSchema } from "./opportunity-input.server";
import { fillScheduleShifts } from "./schedule.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const reference = {
  categoryIds: new Set<string>(CATEGORIES.map((c) => c.id)),
  bfsNumbers: new Set(aargau.gemeinden.map((g) => g.bfs_nr)),
  now: new Date(),
};

function input(overrides: Record<string, string | string[] | undefined> = {}): OpportunityInput {
  const result = parseFormWithKeys(opportunityInputSchema(reference), opportunityFormData(overrides));
  if (!result.success) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const RECURRING = {
  scheduleKind: "recurring",
  weekday: "2",
  recurringStart: "18:30",
  recurringEnd: "20:00",
  firstDate: zurichDateFromNow(1),
  recurringPlaces: "8",
};

async function shiftsOf(opportunityId: number) {
  return db.selectFrom("shift").selectAll().where("opportunity_id", "=", opportunityId).orderBy("starts_at").execute();
}

async function statusOf(id: number) {
  return (await db.selectFrom("opportunity").select(["status", "title"]).where("id", "=", id).executeTakeFirstOrThrow()).status;
}

test("a one-off draft is saved with its shifts at the right instants (Zurich wall-clock time)", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const created = await createOpportunity({
    orgId: organisation.id,
    actor: owner,
    input: input({
      shiftDate1: zurichDateFromNow(21),
      shiftStart1: "09:00",
      shiftEnd1: "12:00",
      shiftPlaces1: "3",
    }),
  });
  expect(created).not.toBeNull();
  const row = await db.selectFrom("opportunity").selectAll().where("id", "=", created!.id).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ organisation_id: organisation.id, status: "draft", schedule_kind: "one_off", category_id: "atelier", tags: ["Nähen", "Deutsch"] });
  const shifts = await shiftsOf(created!.id);
  expect(shifts.map((s) => [utcToZurichParts(s.starts_at).date, utcToZurichParts(s.starts_at).time, utcToZurichParts(s.ends_at).time, s.places])).toEqual([
    [zurichDateFromNow(14), "14:00:00", "17:00:00", 6],
    [zurichDateFromNow(21), "09:00:00", "12:00:00", 3],
  ]);
  const audit = await db.selectFrom("audit_event").selectAll().where("action", "=", "opportunity.created").where("subject_id", "=", String(created!.id)).execute();
  expect(audit).toHaveLength(1);
});

test("saving a draft replaces its one-off shifts; the form shows what is stored", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const { id } = (await createOpportunity({ orgId: organisation.id, actor: owner, input: input() }))!;
  await updateOpportunity({
    id,
    orgId: organisation.id,
    actor: owner,
    input: input({ title: "Neues Atelier", shiftDate0: zurichDateFromNow(30), shiftStart0: "10:00", shiftEnd0: "11:00", shiftPlaces0: "2" }),
  });
  const shifts = await shiftsOf(id);
  expect(shifts).toHaveLength(1);
  expect(utcToZurichParts(shifts[0].starts_at)).toMatchObject({ date: zurichDateFromNow(30), time: "10:00:00" });
  const data = await getOpportunityForEditing({ id, orgId: organisation.id, actor: owner });
  expect(toFormValues(data!)).toMatchObject({ title: "Neues Atelier", shiftDate0: zurichDateFromNow(30), shiftStart0: "10:00", shiftEnd0: "11:00", shiftPlaces0: "2" });
});

test("a recurring draft stores its weekly rule and gets its Tuesday shifts generated; flexible removes them", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const { id } = (await createOpportunity({ orgId: organisation.id, actor: owner, input: input(RECURRING) }))!;
  const rule = await db.selectFrom("opportunity_schedule").selectAll().where("opportunity_id", "=", id).executeTakeFirstOrThrow();
  expect(rule).toMatchObject({ weekday: 2, places: 8 });
  const shifts = await shiftsOf(id);
  expect(shifts.length).toBeGreaterThanOrEqual(11);
  for (const shift of shifts) {
    expect(utcToZurichParts(shift.starts_at)).toMatchObject({ weekday: 2, time: "18:30:00" });
    expect(utcToZurichParts(shift.ends_at).time).toBe("20:00:00");
  }
  const values = toFormValues((await getOpportunityForEditing({ id, orgId: organisation.id, actor: owner }))!);
  expect(values).toMatchObject({ scheduleKind: "recurring", weekday: "2", recurringStart: "18:30", recurringEnd: "20:00", firstDate: zurichDateFromNow(1), lastDate: "" });

  await updateOpportunity({ id, orgId: organisation.id, actor: owner, input: input({ scheduleKind: "flexible", totalPlaces: "10" }) });
  expect(await shiftsOf(id)).toHaveLength(0);
  expect(await db.selectFrom("opportunity_schedule").selectAll().where("opportunity_id", "=", id).executeTakeFirst()).toBeUndefined();
  expect((await db.selectFrom("opportunity").select("total_places").where("id", "=", id).executeTakeFirstOrThrow()).total_places).toBe(10);
});

test("switching a recurring draft to one-off drops the weekly rule and its generated shifts; the job makes none again", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const scope = { orgId: organisation.id, actor: owner };
  const { id } = (await createOpportunity({ ...scope, input: input(RECURRING) }))!;
  expect((await shiftsOf(id)).length).toBeGreaterThanOrEqual(11);

  await updateOpportunity({
    ...scope,
    id,
    input: input({ ...RECURRING, scheduleKind: "one_off", shiftDate0: zurichDateFromNow(10), shiftStart0: "09:00", shiftEnd0: "11:00", shiftPlaces0: "2" }),
  });

  expect(await db.selectFrom("opportunity_schedule").selectAll().where("opportunity_id", "=", id).executeTakeFirst()).toBeUndefined();
  const onlyTheOneOff = [[zurichDateFromNow(10), "09:00:00", "11:00:00", 2]];
  const asRows = (shifts: Awaited<ReturnType<typeof shiftsOf>>) =>
    shifts.map((s) => [utcToZurichParts(s.starts_at).date, utcToZurichParts(s.starts_at).time, utcToZurichParts(s.ends_at).time, s.places]);
  expect(asRows(await shiftsOf(id))).toEqual(onlyTheOneOff);
  const editing = (await getOpportunityForEditing({ id, ...scope }))!;
  expect(editing.schedule).toBeNull();
  expect(toFormValues(editing)).toMatchObject({ scheduleKind: "one_off", shiftDate0: zurichDateFromNow(10) });
  // the hourly job's step for this opportunity finds no rule and leaves the one-off shift alone
  expect(await db.transaction().execute((trx) => fillScheduleShifts(trx, { opportunityId: id }))).toEqual({ created: 0, removed: 0, updated: 0 });
  expect(asRows(await shiftsOf(id))).toEqual(onlyTheOneOff);
});

test("a member of organisation A can neither read nor change organisation B's drafts", async () => {
  const a = await createOrganisationWithOwner();
  const b = await createOrganisationWithOwner();
  const { id: draftOfB } = (await createOpportunity({ orgId: b.organisation.id, actor: b.owner, input: input({ title: "Entwurf von B" }) }))!;
  const attacker = a.owner;
  // with B's id but A's organisation (the URL of A), or even B's organisation id (a forged form)
  for (const orgId of [a.organisation.id, b.organisation.id]) {
    const scope = { id: draftOfB, orgId, actor: attacker };
    expect(await getOpportunityForEditing(scope)).toBeNull();
    expect(await updateOpportunity({ ...scope, input: input({ title: "Gekapert" }) })).toBeNull();
    expect(await submitOpportunity(scope)).toBeNull();
    expect(await withdrawToDraft(scope)).toBeNull();
    expect(await archiveOpportunity(scope)).toBeNull();
    expect(await duplicateOpportunity(scope)).toBeNull();
  }
  expect(await createOpportunity({ orgId: b.organisation.id, actor: attacker, input: input() })).toBeNull();
  expect(await listOrganisationOpportunities({ orgId: b.organisation.id, actor: attacker })).toBeNull();
  const row = await db.selectFrom("opportunity").select(["title", "status"]).where("id", "=", draftOfB).executeTakeFirstOrThrow();
  expect(row).toEqual({ title: "Entwurf von B", status: "draft" });
  expect(await db.selectFrom("opportunity").select("id").where("organisation_id", "=", b.organisation.id).execute()).toHaveLength(1);
});

test("an editor may do what an owner may with the organisation's opportunities", async () => {
  const { organisation } = await createOrganisationWithOwner();
  const editor = await createUser();
  await addOrganisationMember(organisation.id, editor.id, "editor");
  const created = await createOpportunity({ orgId: organisation.id, actor: editor, input: input() });
  expect(await submitOpportunity({ id: created!.id, orgId: organisation.id, actor: editor })).toEqual({ id: created!.id, status: "submitted" });
});

test("submit, withdraw and archive follow the transition table", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const scope = { orgId: organisation.id, actor: owner };
  const { id } = (await createOpportunity({ ...scope, input: input() }))!;

  await expect(archiveOpportunity({ ...scope, id })).rejects.toBeInstanceOf(OpportunityStatusError);
  await expect(withdrawToDraft({ ...scope, id })).rejects.toBeInstanceOf(OpportunityStatusError);

  expect(await submitOpportunity({ ...scope, id })).toEqual({ id, status: "submitted" });
  const submitted = await db.selectFrom("opportunity").select(["submitted_at"]).where("id", "=", id).executeTakeFirstOrThrow();
  expect(submitted.submitted_at).toBeInstanceOf(Date);
  await expect(submitOpportunity({ ...scope, id })).rejects.toBeInstanceOf(OpportunityStatusError);
  await expect(updateOpportunity({ ...scope, id, input: input() })).rejects.toBeInstanceOf(OpportunityStatusError);

  expect(await withdrawToDraft({ ...scope, id })).toEqual({ id, status: "draft" });
  expect(await statusOf(id)).toBe("draft");

  // changes requested by the RIF: editable and submittable again
  await db.updateTable("opportunity").set({ status: "changes_requested" }).where("id", "=", id).execute();
  expect(await updateOpportunity({ ...scope, id, input: input({ title: "Überarbeitet" }) })).toEqual({ id });
  expect(await submitOpportunity({ ...scope, id })).toEqual({ id, status: "submitted" });

  const published = await createOpportunityRow({ organisation_id: organisation.id, status: "published" });
  expect(await archiveOpportunity({ ...scope, id: published.id })).toEqual({ id: published.id, status: "archived" });
  const archived = await db.selectFrom("opportunity").select(["archived_at"]).where("id", "=", published.id).executeTakeFirstOrThrow();
  expect(archived.archived_at).toBeInstanceOf(Date);
  await expect(updateOpportunity({ ...scope, id: published.id, input: input() })).rejects.toBeInstanceOf(OpportunityStatusError);

  const actions = await db.selectFrom("audit_event").select("action").where("subject_type", "=", "opportunity").where("subject_id", "=", String(id)).execute();
  expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["opportunity.submitted", "opportunity.withdrawn", "opportunity.updated"]));
});

test("an archived opportunity comes back as a draft (editable, off the listings, audited); nothing else can be restored", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const scope = { orgId: organisation.id, actor: owner };
  const published = await createOpportunityRow({ organisation_id: organisation.id, status: "published" });
  await expect(restoreToDraft({ ...scope, id: published.id })).rejects.toBeInstanceOf(OpportunityStatusError);
  expect(await archiveOpportunity({ ...scope, id: published.id })).toEqual({ id: published.id, status: "archived" });

  // another organisation cannot restore it
  const other = await createOrganisationWithOwner();
  expect(await restoreToDraft({ id: published.id, orgId: other.organisation.id, actor: other.owner })).toBeNull();
  expect(await statusOf(published.id)).toBe("archived");

  expect(await restoreToDraft({ ...scope, id: published.id })).toEqual({ id: published.id, status: "draft" });
  const row = await db.selectFrom("opportunity").select(["archived_at", "submitted_at"]).where("id", "=", published.id).executeTakeFirstOrThrow();
  expect(row).toEqual({ archived_at: null, submitted_at: null });
  expect(await updateOpportunity({ ...scope, id: published.id, input: input({ title: "Wieder da" }) })).toEqual({ id: published.id });
  const audit = await db.selectFrom("audit_event").select("action").where("subject_type", "=", "opportunity").where("subject_id", "=", String(published.id)).execute();
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["opportunity.archived", "opportunity.restored"]));
});

test("a one-off draft whose dates have all passed cannot be submitted", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const old = await createOpportunityRow({ organisation_id: organisation.id, status: "draft", schedule_kind: "one_off", total_places: null });
  await createShift({ opportunity_id: old.id, starts_at: new Date(Date.now() - 48 * 3600_000), ends_at: new Date(Date.now() - 46 * 3600_000) });
  await expect(submitOpportunity({ id: old.id, orgId: organisation.id, actor: owner })).rejects.toBeInstanceOf(NoUpcomingShiftsError);
  expect(await statusOf(old.id)).toBe("draft");
});

test("duplicating makes a new draft with the content, the shifts still ahead and the weekly rule", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const scope = { orgId: organisation.id, actor: owner };
  const oneOff = await createOpportunityRow({ organisation_id: organisation.id, status: "archived", schedule_kind: "one_off", total_places: null, tags: ["a"] });
  await createShift({ opportunity_id: oneOff.id, starts_at: new Date(Date.now() - 48 * 3600_000), ends_at: new Date(Date.now() - 46 * 3600_000) });
  await createShift({ opportunity_id: oneOff.id });
  const copy = await duplicateOpportunity({ ...scope, id: oneOff.id, titleSuffix: " (Kopie)" });
  const row = await db.selectFrom("opportunity").selectAll().where("id", "=", copy!.id).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ status: "draft", title: `${oneOff.title} (Kopie)`, organisation_id: organisation.id, tags: ["a"], submitted_at: null, published_at: null });
  expect(await shiftsOf(copy!.id)).toHaveLength(1);

  const { id: recurring } = (await createOpportunity({ ...scope, input: input(RECURRING) }))!;
  const recurringCopy = await duplicateOpportunity({ ...scope, id: recurring, titleSuffix: " (copy)" });
  expect((await shiftsOf(recurringCopy!.id)).length).toBe((await shiftsOf(recurring)).length);
  expect(await db.selectFrom("opportunity_schedule").select("weekday").where("opportunity_id", "=", recurringCopy!.id).executeTakeFirst()).toEqual({ weekday: 2 });
});

test("the dashboard lists the organisation's opportunities with their next shift, and only those", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const other = await createOrganisation();
  await createOpportunityRow({ organisation_id: other.id, status: "draft" });
  const { id } = (await createOpportunity({ orgId: organisation.id, actor: owner, input: input() }))!;
  const published = await createOpportunityRow({ organisation_id: organisation.id, status: "published" });
  const rows = await listOrganisationOpportunities({ orgId: organisation.id, actor: owner });
  expect(rows!.map((r) => r.id).sort()).toEqual([id, published.id].sort());
  const draft = rows!.find((r) => r.id === id)!;
  expect(draft).toMatchObject({ status: "draft", upcomingShifts: 1, scheduleKind: "one_off" });
  expect(utcToZurichParts(new Date(draft.nextShiftAt!)).date).toBe(zurichDateFromNow(14));
});

test("the dashboard pages: status groups first, then newest change; counts per status; shifts of other organisations do not count", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const drafts = [];
  for (let i = 0; i < 3; i++) drafts.push(await createOpportunityRow({ organisation_id: organisation.id, status: "draft" }));
  const published = [];
  for (let i = 0; i < 2; i++) published.push(await createOpportunityRow({ organisation_id: organisation.id, status: "published" }));
  await createOpportunityRow({ organisation_id: (await createOrganisation()).id, status: "draft" });

  const first = await listOrganisationOpportunities({ orgId: organisation.id, actor: owner, page: { offset: 0, limit: 2 } });
  const second = await listOrganisationOpportunities({ orgId: organisation.id, actor: owner, page: { offset: 2, limit: 2 } });
  const third = await listOrganisationOpportunities({ orgId: organisation.id, actor: owner, page: { offset: 4, limit: 2 } });
  const statuses = [...first!, ...second!, ...third!].map((row) => row.status);
  // DASHBOARD_STATUS_ORDER: drafts before published ones
  expect(statuses).toEqual(["draft", "draft", "draft", "published", "published"]);
  expect(new Set([...first!, ...second!, ...third!].map((row) => row.id)).size).toBe(5);
  expect(await countOrganisationOpportunities({ orgId: organisation.id })).toEqual({ draft: 3, published: 2 });
});
