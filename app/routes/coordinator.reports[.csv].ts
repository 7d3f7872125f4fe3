/**
 * GET /coordinator/reports.csv?table=…&from=YYYY-MM-DD&to=YYYY-MM-DD&region=… — one table of the KIP reports as
 * a spreadsheet opens it in Switzerland (UTF-8 with BOM, ";", formula injection neutralised: ../domain/signups/csv).
 * Another region → 403, unknown region → 404 (checked first), unknown table or range out of bounds → 400.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireModerator } from "~/domain/moderation/scope.server";
import { parseCsvParams } from "~/domain/reports/params.server";
import { buildReport } from "~/domain/reports/reports.server";
import { resolveReportScope } from "~/domain/reports/scope.server";
import { reportTable } from "~/domain/reports/tables";
import { toCsv } from "~/domain/signups/csv";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { forbidden, notFound } from "~/utils/http";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireModerator(request);
  const locale = await getLocale(request);
  const t = getFixedT(locale);
  const searchParams = new URL(request.url).searchParams;
  // authorize first: another region is a 403 whatever else the URL says
  const reportScope = await resolveReportScope({ scope, region: (searchParams.get("region") ?? "").slice(0, 200) });
  if (reportScope === "missing") notFound();
  if (reportScope === "forbidden") forbidden();
  const params = parseCsvParams(searchParams);
  if (!params) throw new Response(t("reports.errors.csvParams"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const report = await buildReport({ scope: reportScope, period: params.period, locale, coordinatorRegionIds: scope.regions.map((r) => r.id) });
  const table = reportTable(report, params.table, t as (key: string, values?: Record<string, unknown>) => string);
  const body = toCsv([table.columns, ...table.rows.map((row) => row.map(String))]);
  const name = `mitenand-${params.table}-${params.period.from}-${params.period.to}${params.region ? `-${params.region}` : ""}.csv`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
