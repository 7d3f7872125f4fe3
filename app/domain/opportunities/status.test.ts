import { expect, test } from "vitest";
import { OPPORTUNITY_STATUSES, type OpportunityStatus } from "~db/schema";
import { allowedActions, canEdit, canTransition, DASHBOARD_STATUS_ORDER, nextStatus, ORGANISATION_TRANSITION_NAMES } from "./status";

// the whole table, spelled out: status → what the organisation may do
const EXPECTED: Record<OpportunityStatus, string[]> = {
  draft: ["edit", "duplicate", "submit"],
  changes_requested: ["edit", "duplicate", "submit"],
  submitted: ["duplicate", "withdraw"],
  published: ["edit", "duplicate", "archive"],
  rejected: ["duplicate"],
  archived: ["duplicate", "restore"],
};

test("every status allows exactly the expected steps", () => {
  expect(Object.fromEntries(OPPORTUNITY_STATUSES.map((status) => [status, allowedActions(status)]))).toEqual(EXPECTED);
});

test("each step leads where the table says, and nowhere from other statuses", () => {
  expect(nextStatus("draft", "submit")).toBe("submitted");
  expect(nextStatus("changes_requested", "submit")).toBe("submitted");
  expect(nextStatus("submitted", "withdraw")).toBe("draft");
  expect(nextStatus("published", "archive")).toBe("archived");
  expect(nextStatus("archived", "restore")).toBe("draft");
  const table = OPPORTUNITY_STATUSES.flatMap((status) =>
    ORGANISATION_TRANSITION_NAMES.map((step) => [status, step, canTransition(status, step), nextStatus(status, step) !== null]),
  );
  const expected = OPPORTUNITY_STATUSES.flatMap((status) =>
    ORGANISATION_TRANSITION_NAMES.map((step) => [status, step, EXPECTED[status].includes(step), EXPECTED[status].includes(step)]),
  );
  expect(table).toEqual(expected);
});

test("only drafts and drafts sent back can be edited (published ones need the moderation issue's re-review)", () => {
  expect(OPPORTUNITY_STATUSES.filter(canEdit)).toEqual(["draft", "changes_requested"]);
});

test("the dashboard shows every status once", () => {
  expect([...DASHBOARD_STATUS_ORDER].sort()).toEqual([...OPPORTUNITY_STATUSES].sort());
});
