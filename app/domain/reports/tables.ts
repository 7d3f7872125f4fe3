/**
 * The reports' tables: the same rows for the page (HTML tables under the charts) and the CSV download
 * (/coordinator/reports.csv?table=…). Pure: headers come from the caller's translate function.
 */
import type { Report } from "./reports.server";

export const REPORT_TABLES = ["summary", "categories", "regions", "gemeinden", "decisions"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export interface TableData {
  columns: string[];
  /** cells as the CSV writes them; numbers stay numbers for the page to format */
  rows: (string | number)[][];
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

export function reportTable(report: Report, table: ReportTable, t: Translate): TableData {
  switch (table) {
    case "summary": {
      const rows: (string | number)[][] = [
        [t("reports.summary.published"), report.totals.published],
        [t("reports.summary.new"), report.totals.new],
        [t("reports.summary.activeOrganisations"), report.totals.activeOrganisations],
        [t("reports.summary.signups"), report.signups.signups],
        [t("reports.summary.confirmedVolunteers"), report.signups.confirmedVolunteers],
        [t("reports.summary.confirmedHours"), report.signups.confirmedHours],
        [t("reports.summary.decisions"), report.decisions.approve + report.decisions.request_changes + report.decisions.reject + report.decisions.unpublish],
        [t("reports.summary.medianHours"), report.decisions.medianHours ?? "–"],
      ];
      if (report.flags) rows.push([t("reports.summary.flagsOpened"), report.flags.opened], [t("reports.summary.flagsResolved"), report.flags.resolved]);
      else rows.push([t("reports.summary.flags"), t("reports.summary.flagsNotRecorded")]);
      return { columns: [t("reports.columns.measure"), t("reports.columns.value")], rows };
    }
    case "categories":
      return {
        columns: [t("reports.columns.category"), t("reports.columns.published"), t("reports.columns.new")],
        rows: report.byCategory.map((c) => [c.label, c.published, c.new]),
      };
    case "regions":
      return {
        columns: [t("reports.columns.region"), t("reports.columns.published"), t("reports.columns.new"), t("reports.columns.activeOrganisations")],
        rows: report.byRegion.map((r) => [r.name ?? t("reports.noRegion"), r.published, r.new, r.activeOrganisations]),
      };
    case "gemeinden":
      return {
        columns: [t("reports.columns.gemeinde"), t("reports.columns.bfsNr"), t("reports.columns.published"), t("reports.columns.new")],
        rows: report.byGemeinde.map((g) => [g.name, g.bfsNr, g.published, g.new]),
      };
    case "decisions":
      return {
        columns: [t("reports.columns.decision"), t("reports.columns.count")],
        rows: (["approve", "request_changes", "reject", "unpublish"] as const).map((d) => [t(`reports.decisions.${d}`), report.decisions[d]]),
      };
  }
}
