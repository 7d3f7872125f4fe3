import { expect, test } from "vitest";
import aargau from "~db/data/aargau.json";
import { CATEGORIES } from "~db/data/categories";
import { parseFormWithKeys } from "~/domain/organisations/parse-form.server";
import { opportunityFormData, zurichDateFromNow } from "~/testing/factories.server";
import { addDays, utcToZurichParts } from "~/utils/zurich-time";
import { formValuesFrom, shiftRowCount, type OpportunityInput } from "./opportunity-input";
import { opportunityInputSchema } from "./opportunity-input.server";

const reference = {
  categoryIds: new Set<string>(CATEGORIES.map((c) => c.id)),
  bfsNumbers: new Set(aargau.gemeinden.map((g) => g.bfs_nr)),
  now: new Date(),
};

function parse(overrides: Record<string, string | string[] | undefined> = {}, ref = reference) {
  return parseFormWithKeys(opportunityInputSchema(ref), opportunityFormData(overrides));
}

function errorsOf(overrides: Record<string, string | string[] | undefined>) {
  const result = parse(overrides);
  expect(result.success).toBe(false);
  return result.success ? {} : result.errors;
}

function keys(overrides: Record<string, string | string[] | undefined>) {
  return Object.fromEntries(Object.entries(errorsOf(overrides)).map(([field, errors]) => [field, errors.map((e) => e.key)]));
}

test("a complete one-off form parses into the opportunity input", () => {
  const date = zurichDateFromNow(14);
  const result = parse({ languagesHelpful: ["ar", "ti"], targetGroups: "frauen", addressPrivate: "on", minAge: "16" });
  expect(result.success).toBe(true);
  const input = (result as { data: OpportunityInput }).data;
  expect(input).toMatchObject({
    categoryId: "atelier",
    bfsNr: 4001,
    addressPrivate: true,
    needsConfirmation: false,
    languagesHelpful: ["ar", "ti"],
    languagesRequired: [],
    targetGroups: ["frauen"],
    germanLevel: "A2",
    tags: ["Nähen", "Deutsch"],
    minAge: 16,
    contactEmail: "anna@example.org",
    schedule: { kind: "one_off", shifts: [{ date, start: "14:00", end: "17:00", places: 6 }] },
  });
});

test("empty one-off rows are ignored; filled rows come sorted by time", () => {
  const result = parse({
    shiftDate0: zurichDateFromNow(20),
    shiftDate1: "",
    shiftStart1: "",
    shiftDate2: zurichDateFromNow(10),
    shiftStart2: "09:00",
    shiftEnd2: "11:30",
    shiftPlaces2: "2",
  });
  expect(result.success).toBe(true);
  const schedule = (result as { data: OpportunityInput }).data.schedule;
  expect(schedule.kind === "one_off" && schedule.shifts.map((s) => s.date)).toEqual([zurichDateFromNow(10), zurichDateFromNow(20)]);
});

test("a recurring and a flexible schedule parse; the other sections' fields are ignored", () => {
  const recurring = parse({
    scheduleKind: "recurring",
    shiftDate0: "kaputt",
    weekday: "2",
    recurringStart: "18:30",
    recurringEnd: "20:00",
    firstDate: zurichDateFromNow(3),
    recurringPlaces: "8",
  });
  expect(recurring.success && recurring.data.schedule).toEqual({
    kind: "recurring",
    weekday: 2,
    start: "18:30",
    end: "20:00",
    firstDate: zurichDateFromNow(3),
    lastDate: null,
    places: 8,
  });
  expect(parse({ scheduleKind: "flexible" }).success && parse({ scheduleKind: "flexible" })).toMatchObject({
    data: { schedule: { kind: "flexible", totalPlaces: null } },
  });
  const flexible = parse({ scheduleKind: "flexible", totalPlaces: "12" });
  expect(flexible.success && flexible.data.schedule).toEqual({ kind: "flexible", totalPlaces: 12 });
});

test("1 MB of text is a field error, not a crash", () => {
  const huge = "x".repeat(1024 * 1024);
  expect(errorsOf({ description: huge }).description).toEqual([{ key: "validation.tooLong", values: { maximum: 10000 } }]);
  expect(keys({ title: huge }).title).toEqual(["validation.tooLong"]);
  expect(keys({ summary: huge }).summary).toEqual(["validation.tooLong"]);
  expect(keys({ tags: huge }).tags).toEqual(["validation.tooLong"]);
  expect(keys({ shiftDate0: huge }).shiftDate0).toContain("validation.tooLong");
});

test("empty and over-long fields say so", () => {
  expect(errorsOf({ title: "  " }).title).toEqual([{ key: "validation.tooShort", values: { minimum: 3 } }]);
  expect(errorsOf({ title: "ab" }).title).toEqual([{ key: "validation.tooShort", values: { minimum: 3 } }]);
  expect(errorsOf({ title: "x".repeat(121) }).title).toEqual([{ key: "validation.tooLong", values: { maximum: 120 } }]);
  expect(keys({ summary: "" }).summary).toEqual(["validation.required"]);
  expect(keys({ summary: "x".repeat(301) }).summary).toEqual(["validation.tooLong"]);
  expect(keys({ description: undefined }).description).toEqual(["validation.required"]);
  expect(keys({ address: "x".repeat(201) }).address).toEqual(["validation.tooLong"]);
  expect(keys({ contactName: "x".repeat(121) }).contactName).toEqual(["validation.tooLong"]);
  expect(keys({ contactEmail: "nicht-gueltig" }).contactEmail).toEqual(["validation.email"]);
});

test("an unknown category is a field error", () => {
  expect(keys({ categoryId: "hacking" })).toEqual({ categoryId: ["opportunityForm.errors.category"] });
  expect(keys({ categoryId: undefined })).toEqual({ categoryId: ["opportunityForm.errors.category"] });
});

test("a Gemeinde outside Aargau (or no number at all) is a field error", () => {
  const bad = ["261", "4399", "9999", "abc", "", "4001; drop table gemeinde", "40010"];
  expect(bad.map((bfsNr) => keys({ bfsNr }))).toEqual(bad.map(() => ({ bfsNr: ["opportunityForm.errors.gemeinde"] })));
  expect(parse({ bfsNr: "4201" }).success).toBe(true);
});

test("places outside 1–500 are field errors, in every schedule", () => {
  const bad = ["0", "501", "-3", "2.5", "viele", "1e3"];
  expect(bad.map((places) => keys({ shiftPlaces0: places }))).toEqual(bad.map(() => ({ shiftPlaces0: ["opportunityForm.errors.places"] })));
  expect(keys({ shiftPlaces0: "" })).toEqual({ shiftPlaces0: ["validation.required"] });
  const recurring = { scheduleKind: "recurring", weekday: "2", recurringStart: "18:30", recurringEnd: "20:00", firstDate: zurichDateFromNow(3) };
  expect(keys({ ...recurring, recurringPlaces: "501" })).toEqual({ recurringPlaces: ["opportunityForm.errors.places"] });
  expect(keys({ scheduleKind: "flexible", totalPlaces: "0" })).toEqual({ totalPlaces: ["opportunityForm.errors.places"] });
  expect(parse({ shiftPlaces0: "500" }).success && parse({ shiftPlaces0: "1" }).success).toBe(true);
});

test("an end before (or at) the start is a field error", () => {
  expect(keys({ shiftStart0: "17:00", shiftEnd0: "14:00" })).toEqual({ shiftEnd0: ["opportunityForm.errors.endBeforeStart"] });
  expect(keys({ shiftStart0: "14:00", shiftEnd0: "14:00" })).toEqual({ shiftEnd0: ["opportunityForm.errors.endBeforeStart"] });
  expect(keys({ shiftStart0: "25:00" })).toEqual({ shiftStart0: ["opportunityForm.errors.time"] });
  expect(keys({ scheduleKind: "recurring", weekday: "2", recurringStart: "20:00", recurringEnd: "18:30", firstDate: zurichDateFromNow(3), recurringPlaces: "3" })).toEqual({
    recurringEnd: ["opportunityForm.errors.endBeforeStart"],
  });
});

test("a shift in the spring-forward gap that would end before it starts is refused", () => {
  // 2027-03-28 02:00–03:00 does not exist in Zurich: 02:30 becomes 03:30, after 03:00
  const ref = { ...reference, now: new Date("2027-03-01T12:00:00Z") };
  const result = parse({ shiftDate0: "2027-03-28", shiftStart0: "02:30", shiftEnd0: "03:00" }, ref);
  expect(result.success === false && result.errors.shiftEnd0?.map((e) => e.key)).toEqual(["opportunityForm.errors.endBeforeStart"]);
});

test("a shift in the past is a field error; later today is fine", () => {
  expect(keys({ shiftDate0: zurichDateFromNow(-1) })).toEqual({ shiftDate0: ["opportunityForm.errors.past"] });
  const now = new Date("2027-06-15T10:00:00Z"); // 12:00 in Zurich
  const ref = { ...reference, now };
  const earlier = parse({ shiftDate0: "2027-06-15", shiftStart0: "11:00", shiftEnd0: "13:00" }, ref);
  expect(earlier.success === false && earlier.errors.shiftStart0?.map((e) => e.key)).toEqual(["opportunityForm.errors.past"]);
  expect(parse({ shiftDate0: "2027-06-15", shiftStart0: "12:30", shiftEnd0: "13:00" }, ref).success).toBe(true);
  expect(keys({ scheduleKind: "recurring", weekday: "2", recurringStart: "18:30", recurringEnd: "20:00", firstDate: zurichDateFromNow(-7), recurringPlaces: "3" })).toEqual({
    firstDate: ["opportunityForm.errors.past"],
  });
});

test("dates must be real and not years ahead", () => {
  expect(keys({ shiftDate0: "2027-02-30" })).toEqual({ shiftDate0: ["opportunityForm.errors.date"] });
  expect(keys({ shiftDate0: "15.06.2027" })).toEqual({ shiftDate0: ["opportunityForm.errors.date"] });
  const far = addDays(utcToZurichParts(new Date()).date, 800);
  expect(keys({ shiftDate0: far })).toEqual({ shiftDate0: ["opportunityForm.errors.tooFarAhead"] });
});

test("a one-off opportunity needs at least one shift, each row complete, no start twice", () => {
  expect(keys({ shiftDate0: "", shiftStart0: "", shiftEnd0: "", shiftPlaces0: "" })).toEqual({ shifts: ["opportunityForm.errors.noShifts"] });
  expect(keys({ shiftStart0: "" })).toEqual({ shiftStart0: ["validation.required"] });
  expect(keys({ shiftDate1: zurichDateFromNow(14), shiftStart1: "14:00", shiftEnd1: "16:00", shiftPlaces1: "3" })).toEqual({
    shiftDate1: ["opportunityForm.errors.duplicateShift"],
  });
});

test("recurring needs a weekday, times, a first date and a last date after it", () => {
  const base = { scheduleKind: "recurring", weekday: "2", recurringStart: "18:30", recurringEnd: "20:00", firstDate: zurichDateFromNow(3), recurringPlaces: "3" };
  expect(keys({ ...base, weekday: "8" })).toEqual({ weekday: ["opportunityForm.errors.weekday"] });
  expect(keys({ ...base, weekday: "" })).toEqual({ weekday: ["opportunityForm.errors.weekday"] });
  expect(keys({ ...base, firstDate: "" })).toEqual({ firstDate: ["validation.required"] });
  expect(keys({ ...base, lastDate: zurichDateFromNow(1) })).toEqual({ lastDate: ["opportunityForm.errors.lastBeforeFirst"] });
  expect(parse({ ...base, lastDate: zurichDateFromNow(60) }).success).toBe(true);
});

test("tags: comma-separated, as typed (first spelling of a repeat), at most 10 of at most 30 characters", () => {
  const ok = parse({ tags: " Kochen ,  KOCHEN, Deutsch   lernen,,  Gespräch, gespräch" });
  expect(ok.success && ok.data.tags).toEqual(["Kochen", "Deutsch lernen", "Gespräch"]);
  expect(keys({ tags: Array.from({ length: 11 }, (_, i) => `t${i}`).join(",") })).toEqual({ tags: ["opportunityForm.errors.tooManyTags"] });
  expect(keys({ tags: "x".repeat(31) })).toEqual({ tags: ["opportunityForm.errors.tagTooLong"] });
});

test("choices come only from their lists", () => {
  expect(keys({ languagesHelpful: ["ar", "klingonisch"] })).toEqual({ languagesHelpful: ["validation.invalidChoice"] });
  expect(keys({ targetGroups: "aliens" })).toEqual({ targetGroups: ["validation.invalidChoice"] });
  expect(keys({ germanLevel: "D1" })).toEqual({ germanLevel: ["validation.invalidChoice"] });
  expect(keys({ locationMode: "mars" })).toEqual({ locationMode: ["validation.invalidChoice"] });
  expect(keys({ scheduleKind: "sometimes" }).scheduleKind).toEqual(["opportunityForm.errors.scheduleKind"]);
  expect(keys({ minAge: "100" })).toEqual({ minAge: ["opportunityForm.errors.minAge"] });
  expect(keys({ minAge: "-1" })).toEqual({ minAge: ["opportunityForm.errors.minAge"] });
  const none = parse({ germanLevel: "", minAge: "" });
  expect(none.success && [none.data.germanLevel, none.data.minAge]).toEqual([null, null]);
});

test("an organisation id in the form is ignored: the organisation comes from the URL", () => {
  const result = parse({ organisationId: "999999", organisation_id: "999999" });
  expect(result.success && "organisationId" in result.data).toBe(false);
});

test("the form shows its filled rows plus the requested extra one", () => {
  expect(shiftRowCount({})).toBe(3);
  expect(shiftRowCount({ rowCount: "4" })).toBe(4);
  expect(shiftRowCount({ rowCount: "99" })).toBe(20);
  expect(shiftRowCount({ rowCount: "x", shiftDate5: "2027-01-01" })).toBe(6);
  const values = formValuesFrom(opportunityFormData({ languagesHelpful: ["ar", "ti"], targetGroups: "frauen" }));
  expect(values.languagesHelpful).toEqual(["ar", "ti"]);
  expect(values.targetGroups).toEqual(["frauen"]);
  expect(values.title).toMatch(/^Atelier/);
});

test("every language, target group and weekday has a name in German and English", async () => {
  const { resources } = await import("~/i18n/config");
  const { TARGET_GROUPS } = await import("~db/schema");
  const { LANGUAGE_CODES } = await import("./opportunity-input");
  for (const locale of ["de", "en"] as const) {
    const names = resources[locale].translation.opportunityForm;
    expect(LANGUAGE_CODES.filter((code) => !names.languageNames[code])).toEqual([]);
    expect(TARGET_GROUPS.filter((group) => !names.targetGroupNames[group])).toEqual([]);
    for (const day of ["1", "2", "3", "4", "5", "6", "7"] as const) expect(names.weekdays[day]).toBeTruthy();
  }
});
