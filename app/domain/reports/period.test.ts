import { expect, test } from "vitest";
import { checkRange, periodDays, resolvePeriod } from "./period";

const TODAY = "2026-12-03";
const base = { year: 2026, month: 2, quarter: 4 };

test("month, quarter and year resolve to their first and last days (February of a leap year too)", () => {
  expect(resolvePeriod({ ...base, kind: "month" }, TODAY)).toEqual({ kind: "month", from: "2026-02-01", to: "2026-02-28" });
  expect(resolvePeriod({ ...base, kind: "month", year: 2024 }, TODAY)).toEqual({ kind: "month", from: "2024-02-01", to: "2024-02-29" });
  expect(resolvePeriod({ ...base, kind: "quarter" }, TODAY)).toEqual({ kind: "quarter", from: "2026-10-01", to: "2026-12-31" });
  expect(resolvePeriod({ ...base, kind: "quarter", quarter: 2 }, TODAY)).toEqual({ kind: "quarter", from: "2026-04-01", to: "2026-06-30" });
  expect(resolvePeriod({ ...base, kind: "year" }, TODAY)).toEqual({ kind: "year", from: "2026-01-01", to: "2026-12-31" });
});

test("a custom range must be real dates, in order, from 2020 to next year and at most five years long", () => {
  const custom = (from: string, to: string) => resolvePeriod({ ...base, kind: "custom", from, to }, TODAY);
  expect(custom("2026-03-01", "2026-03-01")).toEqual({ kind: "custom", from: "2026-03-01", to: "2026-03-01" });
  expect(custom("2026-02-30", "2026-03-01")).toEqual({ error: "invalidDate" });
  expect(custom("", "")).toEqual({ error: "invalidDate" });
  expect(custom("2026-03-02", "2026-03-01")).toEqual({ error: "order" });
  expect(custom("2019-12-31", "2020-01-05")).toEqual({ error: "outOfRange" });
  expect(custom("2027-01-01", "2028-01-01")).toEqual({ error: "outOfRange" });
  expect(custom("2020-01-01", "2025-12-31")).toEqual({ error: "tooLong" });
  expect(checkRange("2021-01-01", "2025-12-31", TODAY)).toBeNull();
  expect(resolvePeriod({ ...base, kind: "year", year: 2019 }, TODAY)).toEqual({ error: "outOfRange" });
  expect(resolvePeriod({ ...base, kind: "year", year: 2028 }, TODAY)).toEqual({ error: "outOfRange" });
  expect(periodDays("2024-01-01", "2024-12-31")).toBe(366);
});
