/**
 * Hours reports of flexible engagements: the volunteer's form and list (on /me/signups/:id) and the
 * organisation's table with confirm (possibly corrected) and reject per open report.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Field, SubmitButton } from "~/components/forms";
import { formatCalendarDate, formatHours, HOURS_REPORT_NOTE_MAX, type HoursReportStatus } from "~/domain/certificates/limits";
import type { FieldErrors } from "~/utils/forms";

export interface HoursReportItem {
  id: number;
  workedOn: string;
  hours: number;
  note: string | null;
  status: HoursReportStatus;
  confirmedHours: number | null;
  volunteerName?: string;
}

function StatusText({ report }: { report: HoursReportItem }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {t(`hoursReports.status_${report.status}`)}
      {report.status === "confirmed" && report.confirmedHours !== null && report.confirmedHours !== report.hours
        ? ` (${t("hoursReports.confirmedHours", { hours: formatHours(report.confirmedHours, i18n.language) })})`
        : null}
    </>
  );
}

/** The volunteer's form to report a day's hours, and their reports so far. */
export function HoursReportSection({ reports, errors, today }: { reports: HoursReportItem[]; errors?: FieldErrors | null; today: string }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="hours-report-title" className="card">
      <h2 id="hours-report-title">{t("hoursReports.title")}</h2>
      <p>{t("hoursReports.intro")}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="report-hours" />
        <div className="certificate-period">
          <Field name="workedOn" type="date" label={t("hoursReports.workedOn")} max={today} defaultValue={today} errors={errors?.workedOn} required />
          <Field name="hours" inputMode="decimal" label={t("hoursReports.hours")} hint={t("hoursReports.hoursHint")} errors={errors?.hours} required />
        </div>
        <Field name="note" label={t("hoursReports.note")} maxLength={HOURS_REPORT_NOTE_MAX} errors={errors?.note} />
        <SubmitButton>{t("hoursReports.submit")}</SubmitButton>
      </Form>
      <h3>{t("hoursReports.listTitle")}</h3>
      {reports.length === 0 ? (
        <p>{t("hoursReports.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("hoursReports.workedOn")}</th>
                <th scope="col">{t("hoursReports.hours")}</th>
                <th scope="col">{t("hoursReports.note")}</th>
                <th scope="col">{t("hoursReports.state")}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} data-testid="hours-report">
                  <td>{formatCalendarDate(r.workedOn, i18n.language)}</td>
                  <td>{formatHours(r.hours, i18n.language)}</td>
                  <td>{r.note}</td>
                  <td>
                    <StatusText report={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The organisation's list: open reports with confirm (hours prefilled, correctable) and reject. */
export function HoursReportsManageTable({ reports }: { reports: HoursReportItem[] }) {
  const { t, i18n } = useTranslation();
  if (reports.length === 0) return <p>{t("hoursReports.manageNone")}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("hoursReports.volunteer")}</th>
            <th scope="col">{t("hoursReports.workedOn")}</th>
            <th scope="col">{t("hoursReports.hours")}</th>
            <th scope="col">{t("hoursReports.note")}</th>
            <th scope="col">{t("hoursReports.state")}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => {
            const date = formatCalendarDate(r.workedOn, i18n.language);
            return (
              <tr key={r.id} data-testid="hours-report">
                <td>{r.volunteerName}</td>
                <td>{date}</td>
                <td>{formatHours(r.hours, i18n.language)}</td>
                <td>{r.note}</td>
                <td>
                  {r.status === "reported" ? (
                    <div className="hours-decision">
                      <Form method="post" className="hours-decision__form">
                        <input type="hidden" name="reportId" value={r.id} />
                        <label className="visually-hidden" htmlFor={`hours-${r.id}`}>
                          {t("hoursReports.correctedHoursLabel", { name: r.volunteerName, date })}
                        </label>
                        <input id={`hours-${r.id}`} name="hours" inputMode="decimal" size={5} defaultValue={String(r.hours)} />
                        <SubmitButton name="intent" value="confirm-hours">
                          {t("hoursReports.confirm")}
                        </SubmitButton>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="reportId" value={r.id} />
                        <SubmitButton name="intent" value="reject-hours" className="button button--ghost">
                          {t("hoursReports.reject")}
                        </SubmitButton>
                      </Form>
                    </div>
                  ) : (
                    <StatusText report={r} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
