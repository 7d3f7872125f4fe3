/**
 * One shift on the organisation's sign-up page: who signed up (name, status, message, email once confirmed),
 * confirm / decline, calling the shift off, and after its start attendance and hours in one form. Plain POST
 * forms with an `intent`; they work without JavaScript.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { SubmitButton } from "~/components/forms";
import type { SignupStatus } from "~/domain/signups/status";
import type { FieldErrors } from "~/utils/forms";
import { MatchReasons, MoveUpForm, ShiftMessages, type ShiftMessageView } from "./shift-messages";
import { SignupStatusBadge } from "./status-badge";

export interface ManageShiftView {
  id: number | null;
  label: string;
  startsAt: string | null;
  places: number;
  placesTaken: number;
  cancelled: boolean;
  started: boolean;
  defaultHours: number | null;
  csvUrl: string | null;
  signups: {
    id: number;
    status: SignupStatus;
    waitlistPosition: number | null;
    name: string;
    email: string | null;
    message: string | null;
    hours: string | null;
    /** matching reasons (volunteers with a profile) */
    reasons: string[];
  }[];
  /** messages sent to this shift's confirmed volunteers, newest first */
  messages: ShiftMessageView[];
}

export function ManageShift({ shift, messageErrors, messageDraft }: { shift: ManageShiftView; messageErrors?: FieldErrors[string]; messageDraft?: string }) {
  const { t } = useTranslation();
  const headingId = `shift-${shift.id ?? "flexible"}`;
  const attendable = shift.signups.filter((s) => s.status === "confirmed" || s.status === "attended" || s.status === "no_show");
  return (
    <section aria-labelledby={headingId} className="card manage-shift" data-testid="manage-shift">
      <h2 id={headingId}>
        {shift.startsAt ? <time dateTime={shift.startsAt}>{shift.label}</time> : shift.label}
      </h2>
      <p>
        {shift.cancelled ? (
          <strong>{t("signups.manage.shiftCancelled")}</strong>
        ) : (
          t("signups.manage.placesTaken", { taken: shift.placesTaken, total: shift.places })
        )}
        {shift.csvUrl ? (
          <>
            {" · "}
            <a href={shift.csvUrl} download>
              {t("signups.manage.csv")}
            </a>
          </>
        ) : null}
      </p>

      {shift.signups.length === 0 ? (
        <p className="muted">{t("signups.manage.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("signups.manage.caption", { shift: shift.label })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("signups.manage.name")}</th>
                <th scope="col">{t("signups.manage.status")}</th>
                <th scope="col">{t("signups.manage.message")}</th>
                <th scope="col">{t("signups.manage.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {shift.signups.map((s) => (
                <tr key={s.id} data-testid="manage-signup">
                  <td>
                    {s.name}
                    <MatchReasons reasons={s.reasons} />
                    {s.email ? (
                      <>
                        <br />
                        <a href={`mailto:${s.email}`} className="small">
                          {s.email}
                        </a>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <SignupStatusBadge status={s.status} position={s.waitlistPosition} />
                    {s.hours ? ` ${t("signups.hoursValue", { hours: Number(s.hours) })}` : null}
                  </td>
                  <td>{s.message}</td>
                  <td>
                    {s.status === "pending" && !shift.started ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="signupId" value={s.id} />
                        <SubmitButton name="intent" value="confirm" className="button button--small">
                          {t("signups.manage.confirm")}
                          <span className="visually-hidden">: {s.name}</span>
                        </SubmitButton>
                      </Form>
                    ) : null}
                    {s.status === "waitlisted" && !shift.started ? <MoveUpForm signupId={s.id} name={s.name} /> : null}
                    {(s.status === "pending" || s.status === "waitlisted" || s.status === "offered") && !shift.started ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="signupId" value={s.id} />
                        <label htmlFor={`decline-reason-${s.id}`} className="visually-hidden">
                          {t("signups.manage.declineReasonFor", { name: s.name })}
                        </label>
                        <input id={`decline-reason-${s.id}`} name="reason" maxLength={1000} placeholder={t("signups.manage.declineReason")} className="inline-input" />
                        <SubmitButton name="intent" value="decline" className="button button--ghost button--small-ghost">
                          {t("signups.manage.decline")}
                          <span className="visually-hidden">: {s.name}</span>
                        </SubmitButton>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {shift.id !== null ? (
        <ShiftMessages
          shiftId={shift.id}
          confirmedCount={shift.signups.filter((s) => s.status === "confirmed").length}
          messages={shift.messages}
          errors={messageErrors}
          draft={messageDraft}
        />
      ) : null}

      {shift.id !== null && shift.started && attendable.length > 0 ? (
        <Form method="post" className="form attendance-form" noValidate>
          <input type="hidden" name="shiftId" value={shift.id} />
          <h3>{t("signups.manage.attendanceTitle")}</h3>
          <p className="muted small">{t("signups.manage.attendanceHint", { hours: shift.defaultHours ?? "" })}</p>
          {attendable.map((s) => (
            <fieldset key={s.id} className="attendance-row">
              <legend>{s.name}</legend>
              <label>
                <input type="radio" name={`attendance-${s.id}`} value="attended" defaultChecked={s.status !== "no_show"} /> {t("signups.manage.attended")}
              </label>
              <label>
                <input type="radio" name={`attendance-${s.id}`} value="no_show" defaultChecked={s.status === "no_show"} /> {t("signups.manage.noShow")}
              </label>
              <label>
                {t("signups.manage.hours")}{" "}
                <input name={`hours-${s.id}`} inputMode="decimal" size={5} defaultValue={s.hours ? String(Number(s.hours)) : ""} placeholder={String(shift.defaultHours ?? "")} />
              </label>
            </fieldset>
          ))}
          <SubmitButton name="intent" value="attendance">
            {t("signups.manage.saveAttendance")}
          </SubmitButton>
        </Form>
      ) : null}

      {shift.id !== null && !shift.started && !shift.cancelled ? (
        <details className="cancel-shift">
          <summary>{t("signups.manage.cancelShift")}</summary>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="shiftId" value={shift.id} />
            <p className="muted small">{t("signups.manage.cancelShiftHint")}</p>
            <div className="field">
              <label htmlFor={`cancel-shift-reason-${shift.id}`}>{t("signups.manage.cancelShiftReason")}</label>
              <textarea id={`cancel-shift-reason-${shift.id}`} name="reason" rows={2} maxLength={1000} />
            </div>
            <SubmitButton name="intent" value="cancel-shift" className="button button--danger">
              {t("signups.manage.cancelShiftSubmit")}
            </SubmitButton>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
