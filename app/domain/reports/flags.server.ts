/**
 * FLAGS HOOK for the reports. Public flags (issue 9, item 6) are being built in parallel and there is no `flag`
 * table on this branch, so the reports show "not recorded yet" instead of a made-up zero. When the table exists,
 * count here — opened (created in the period) and resolved (resolved in the period) — with
 * `inReportScope(scope, "o")` on the flagged opportunity, and the page and the CSV show the numbers.
 */
import type { ReportScope } from "./scope.server";

export interface FlagCounts {
  opened: number;
  resolved: number;
}

export async function countFlags(_args: { scope: ReportScope; start: Date; end: Date }): Promise<FlagCounts | null> {
  return null;
}
