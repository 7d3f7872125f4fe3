/**
 * /coordinator/reports: the KIP reports for a period (month, quarter, year or custom days) — listings by
 * category, region and Gemeinde (on the Aargau map), active organisations, decisions and the median waiting
 * time, sign-ups and confirmed hours. Admins see the canton (or pick a region), coordinators their regions.
 * A GET form (works without JS); server-drawn SVG charts with the numbers as tables; every table as CSV.
 */
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { AargauMap } from "~/components/aargau-map";
import { AargauMapTable } from "~/components/aargau-map-table";
import { BarChart } from "~/components/charts/bar-chart";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFieldErrorText } from "~/components/forms";
import { CsvLink, ReportTableView } from "~/components/reports/report-table";
import { AARGAU_MAP } from "~/domain/geo/aargau-map";
import { requireModerator } from "~/domain/moderation/scope.server";
import { parsePageParams } from "~/domain/reports/params.server";
import { EARLIEST_REPORT_YEAR, PERIOD_KINDS, latestReportYear } from "~/domain/reports/period";
import { buildReport } from "~/domain/reports/reports.server";
import { resolveReportScope } from "~/domain/reports/scope.server";
import { reportTable, type ReportTable } from "~/domain/reports/tables";
import { intlLocale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { forbidden, notFound } from "~/utils/http";
import { utcToZurichParts } from "~/utils/zurich-time";
import { dateTimeFormat, numberFormat } from "~/utils/intl";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireModerator(request);
  const locale = await getLocale(request);
  const today = utcToZurichParts(new Date()).date;
  const params = parsePageParams(new URL(request.url).searchParams, today);
  const reportScope = await resolveReportScope({ scope, region: params.region });
  if (reportScope === "missing") notFound();
  if (reportScope === "forbidden") forbidden();
  const page = {
    title: getFixedT(locale)("reports.title"),
    locale,
    isAdmin: scope.isAdmin,
    regions: scope.regions.map(({ slug, name }) => ({ slug, name })),
    scopeName: reportScope.kind === "region" ? reportScope.name : null,
    input: params.input,
    region: params.region,
    years: Array.from({ length: latestReportYear(today) - EARLIEST_REPORT_YEAR + 1 }, (_, i) => latestReportYear(today) - i),
    errors: params.errors,
  };
  if (!params.period) return data({ ...page, report: null }, { status: 400 });
  const report = await buildReport({ scope: reportScope, period: params.period, locale, coordinatorRegionIds: scope.regions.map((r) => r.id) });
  return { ...page, report };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Reports"} – Mitenand` }];

export default function Reports() {
  const { locale, isAdmin, regions, scopeName, input, region, years, errors, report } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const errorText = useFieldErrorText();
  const number = numberFormat(intlLocale(locale), { maximumFractionDigits: 1 });
  const format = (value: number) => number.format(value);
  const gemeindeCounts = Object.fromEntries((report?.byGemeinde ?? []).map((g) => [g.bfsNr, g.published]));
  const dateFormat = dateTimeFormat(intlLocale(locale), { dateStyle: "long", timeZone: "UTC" });
  const day = (iso: string) => dateFormat.format(new Date(`${iso}T00:00:00Z`));
  const csvHref = (table: ReportTable) => {
    const query = new URLSearchParams({ table, from: report!.period.from, to: report!.period.to });
    if (region) query.set("region", region);
    return `/coordinator/reports.csv?${query}`;
  };
  const tableOf = (table: ReportTable) => reportTable(report!, table, t as (key: string, values?: Record<string, unknown>) => string);
  const fieldError = (name: string) =>
    errors?.[name]?.length ? (
      <p id={`report-${name}-error`} className="field__error">
        {errors[name].map(errorText).join(" ")}
      </p>
    ) : null;
  const invalid = (name: string) => (errors?.[name]?.length ? { "aria-invalid": true, "aria-describedby": `report-${name}-error` } : {});
  const months = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, name: dateTimeFormat(intlLocale(locale), { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2026, i, 1))) }));

  return (
    <section aria-labelledby="page-title" className="reports-page">
      <p>
        <Link to="/coordinator">← {t("reports.back")}</Link>
      </p>
      <h1 id="page-title">{t("reports.title")}</h1>
      <p>{scopeName ? t("reports.introRegion", { region: scopeName }) : isAdmin ? t("reports.introCanton") : t("reports.introRegions", { regions: regions.map((r) => r.name).join(", ") })}</p>
      <Form method="get" className="filter-bar card report-filter" aria-labelledby="report-filter-title">
        <h2 id="report-filter-title" className="visually-hidden">
          {t("reports.filterTitle")}
        </h2>
        <div className="field">
          <label htmlFor="report-period">{t("reports.period")}</label>
          <select id="report-period" name="period" defaultValue={input.kind}>
            {PERIOD_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`reports.periods.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${errors?.year ? " field--invalid" : ""}`}>
          <label htmlFor="report-year">{t("reports.year")}</label>
          <select id="report-year" name="year" defaultValue={input.year} {...invalid("year")}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          {fieldError("year")}
        </div>
        <div className="field">
          <label htmlFor="report-quarter">{t("reports.quarter")}</label>
          <select id="report-quarter" name="quarter" defaultValue={input.quarter}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {t("reports.quarterName", { quarter: q })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-month">{t("reports.month")}</label>
          <select id="report-month" name="month" defaultValue={input.month}>
            {months.map((m) => (
              <option key={m.value} value={m.value}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${errors?.from ? " field--invalid" : ""}`}>
          <label htmlFor="report-from">{t("reports.from")}</label>
          <input id="report-from" type="date" name="from" defaultValue={input.from} {...invalid("from")} />
          {fieldError("from")}
        </div>
        <div className={`field${errors?.to ? " field--invalid" : ""}`}>
          <label htmlFor="report-to">{t("reports.to")}</label>
          <input id="report-to" type="date" name="to" defaultValue={input.to} {...invalid("to")} />
          {fieldError("to")}
        </div>
        <div className="field">
          <label htmlFor="report-region">{t("reports.region")}</label>
          <select id="report-region" name="region" defaultValue={region}>
            <option value="">{isAdmin ? t("reports.wholeCanton") : t("reports.allMyRegions")}</option>
            {regions.map((r) => (
              <option key={r.slug} value={r.slug}>
                {r.name}
              </option>
            ))}
            {isAdmin ? <option value="none">{t("reports.noRegion")}</option> : null}
          </select>
        </div>
        <p className="field__hint report-filter__hint">{t("reports.customHint")}</p>
        <button type="submit" className="button">
          {t("reports.show")}
        </button>
      </Form>
      {report ? (
        <>
          <h2 id="report-summary">{t("reports.periodTitle", { from: day(report.period.from), to: day(report.period.to) })}</h2>
          <ReportTableView caption={t("reports.tables.summary")} table={tableOf("summary")} format={format} />
          <p className="muted small">{t("reports.definitions", { measured: report.decisions.measured })}</p>
          <CsvLink href={csvHref("summary")} name={t("reports.tables.summary")} />

          <h2>{t("reports.tables.categories")}</h2>
          <BarChart title={t("reports.charts.categories")} data={report.byCategory.map((c) => ({ label: c.label, value: c.published }))} format={format} />
          <ReportTableView caption={t("reports.tables.categories")} table={tableOf("categories")} format={format} />
          <CsvLink href={csvHref("categories")} name={t("reports.tables.categories")} />

          <h2>{t("reports.tables.regions")}</h2>
          <BarChart title={t("reports.charts.regions")} data={report.byRegion.map((r) => ({ label: r.name ?? t("reports.noRegion"), value: r.published }))} format={format} />
          <ReportTableView caption={t("reports.tables.regions")} table={tableOf("regions")} format={format} />
          <CsvLink href={csvHref("regions")} name={t("reports.tables.regions")} />

          <h2>{t("reports.tables.gemeinden")}</h2>
          <AargauMap shapes={AARGAU_MAP} counts={gemeindeCounts} caption={t("reports.charts.map")} className="reports-map">
            <AargauMapTable shapes={AARGAU_MAP} counts={gemeindeCounts} caption={t("reports.charts.map")} />
          </AargauMap>
          <CsvLink href={csvHref("gemeinden")} name={t("reports.tables.gemeinden")} />

          <h2>{t("reports.tables.decisions")}</h2>
          <p>
            {report.decisions.medianHours === null
              ? t("reports.medianNone")
              : t("reports.median", { hours: format(report.decisions.medianHours), days: format(Math.round((report.decisions.medianHours / 24) * 10) / 10) })}
          </p>
          <BarChart title={t("reports.charts.decisions")} data={tableOf("decisions").rows.map(([label, value]) => ({ label: String(label), value: Number(value) }))} format={format} />
          <ReportTableView caption={t("reports.tables.decisions")} table={tableOf("decisions")} format={format} />
          <CsvLink href={csvHref("decisions")} name={t("reports.tables.decisions")} />
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
