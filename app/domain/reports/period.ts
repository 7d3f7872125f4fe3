/**
 * The reporting period of the KIP reports: a month, a quarter, a year or a custom range of calendar days in
 * Zurich, resolved to inclusive first and last days ("YYYY-MM-DD"). Pure: the page, the CSV route and the tests
 * share it; the limits keep a forged URL from asking for a century of data.
 */
import { addDays, isIsoDate } from "~/utils/zurich-time";

export const PERIOD_KINDS = ["month", "quarter", "year", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** the first year a report can cover (the platform did not exist before) */
export const EARLIEST_REPORT_YEAR = 2020;
/** the longest custom range, in days (five years and a leap day) */
export const MAX_PERIOD_DAYS = 5 * 366;

export interface ReportPeriod {
  kind: PeriodKind;
  /** first day, inclusive */
  from: string;
  /** last day, inclusive */
  to: string;
}

export interface PeriodInput {
  kind: PeriodKind;
  year: number;
  /** 1–12 */
  month: number;
  /** 1–4 */
  quarter: number;
  from?: string;
  to?: string;
}

export type PeriodError = "invalidDate" | "order" | "tooLong" | "outOfRange";

const pad = (n: number) => String(n).padStart(2, "0");
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Days from `from` to `to`, both included. */
export function periodDays(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The latest year a report may cover: next year (plans), not beyond. */
export function latestReportYear(today: string) {
  return Number(today.slice(0, 4)) + 1;
}

/** Checks a custom range against the limits. */
export function checkRange(from: string, to: string, today: string): PeriodError | null {
  if (!isIsoDate(from) || !isIsoDate(to)) return "invalidDate";
  if (to < from) return "order";
  if (from < `${EARLIEST_REPORT_YEAR}-01-01` || to > `${latestReportYear(today)}-12-31`) return "outOfRange";
  if (periodDays(from, to) > MAX_PERIOD_DAYS) return "tooLong";
  return null;
}

/** The period's first and last days, or what is wrong with a custom range. */
export function resolvePeriod(input: PeriodInput, today: string): ReportPeriod | { error: PeriodError } {
  const { kind, year } = input;
  if (kind === "custom") {
    const from = input.from ?? "";
    const to = input.to ?? "";
    const error = checkRange(from, to, today);
    return error ? { error } : { kind, from, to };
  }
  if (year < EARLIEST_REPORT_YEAR || year > latestReportYear(today)) return { error: "outOfRange" };
  if (kind === "year") return { kind, from: `${year}-01-01`, to: `${year}-12-31` };
  if (kind === "quarter") {
    const first = (input.quarter - 1) * 3 + 1;
    return { kind, from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDayOfMonth(year, first + 2))}` };
  }
  return { kind, from: `${year}-${pad(input.month)}-01`, to: `${year}-${pad(input.month)}-${pad(lastDayOfMonth(year, input.month))}` };
}

/** The day after the period, where its half-open range [from, to + 1) ends. */
export function dayAfter(period: { to: string }) {
  return addDays(period.to, 1);
}
