/**
 * The sign-up form of an opportunity: on its page (in the sign-up slot) and on /opportunities/:id/signup (where
 * a failed submission shows its errors, and where login sends people back to). A plain POST form: works
 * without JavaScript. Anonymous visitors get the same form (the page is cached for them); posting it asks them to
 * log in and brings them back here, and the links under it lead to login or sign-up (through the verification
 * email) and back to this form.
 */
import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "~/i18n/react";
import type { SignupStatus } from "~/domain/signups/status";
import type { FieldErrors } from "~/utils/forms";
import { FormErrors, SubmitButton, useFieldErrorText } from "~/components/forms";
import { SignupStatusBadge } from "./status-badge";

export interface SignupBoxShift {
  id: number;
  day: string;
  time: string;
  places: number;
  placesLeft: number;
}

export interface SignupBoxMine {
  id: number;
  shiftId: number | null;
  status: SignupStatus;
  waitlistPosition: number | null;
}

export interface SignupBoxProps {
  opportunity: {
    id: number;
    scheduleKind: string;
    needsConfirmation: boolean;
    minAge: number | null;
    flexiblePlaces: { total: number; left: number } | null;
  };
  shifts: SignupBoxShift[];
  /** the signed-in volunteer's sign-ups for this opportunity; null for anonymous visitors */
  mine: SignupBoxMine[] | null;
  /** false when signed in with an unconfirmed email address */
  verified?: boolean;
  /** the opportunity has a minimum age and the volunteer's profile does not settle it (true for visitors) */
  askBirthYear?: boolean;
  errors?: FieldErrors | null;
  values?: Record<string, string | string[]> | null;
}

const ACTIVE: readonly SignupStatus[] = ["pending", "confirmed", "waitlisted", "offered"];

export function SignupBox({ opportunity, shifts, mine, verified = true, askBirthYear = true, errors, values }: SignupBoxProps) {
  const { t } = useTranslation();
  const errorText = useFieldErrorText();
  const formId = useId();
  const active = (mine ?? []).filter((m) => ACTIVE.includes(m.status));
  const byShift = new Map(active.map((m) => [m.shiftId, m]));
  const flexible = opportunity.scheduleKind === "flexible";
  const open = flexible ? !byShift.has(null) : shifts.some((s) => !byShift.has(s.id));
  const chosen = new Set([values?.shiftId ?? []].flat().map(String));
  const shiftErrors = errors?.shiftId;
  const ageErrors = errors?.birthYear;
  const messageErrors = errors?.message;
  const back = new URLSearchParams({ redirectTo: `/opportunities/${opportunity.id}/signup` });

  return (
    <div className="signup-box">
      {active.length > 0 ? (
        <div className="alert alert--info">
          <p>{t("signups.box.alreadyTitle")}</p>
          <ul className="plain-list">
            {active.map((m) => {
              const shift = shifts.find((s) => s.id === m.shiftId);
              return (
                <li key={m.id}>
                  <Link to={`/me/signups/${m.id}`}>{shift ? `${shift.day}, ${shift.time}` : t("signups.flexible")}</Link>{" "}
                  <SignupStatusBadge status={m.status} position={m.waitlistPosition} />
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}

      {!verified ? (
        <p className="alert alert--error">
          {t("signups.errors.verifyEmail")} <Link to="/me/account">{t("signups.box.accountLink")}</Link>
        </p>
      ) : null}

      {!flexible && shifts.length === 0 ? (
        <p>{t("signups.box.noShifts")}</p>
      ) : open ? (
        <Form method="post" action={`/opportunities/${opportunity.id}/signup`} className="form" noValidate>
          <FormErrors errors={errors} />
          {flexible ? (
            <p>
              {opportunity.flexiblePlaces && opportunity.flexiblePlaces.left <= 0
                ? t("signups.box.flexibleFull")
                : t("signups.box.flexibleIntro")}
            </p>
          ) : (
            <fieldset className="signup-box__shifts" aria-describedby={shiftErrors ? `${formId}-shift-error` : undefined}>
              <legend>{t("signups.box.chooseShifts")}</legend>
              {shiftErrors ? (
                <p id={`${formId}-shift-error`} className="field__error">
                  {shiftErrors.map(errorText).join(" ")}
                </p>
              ) : null}
              <ul className="plain-list">
                {shifts.map((s) => {
                  const mineHere = byShift.get(s.id);
                  const inputId = `${formId}-shift-${s.id}`;
                  return (
                    <li key={s.id} className="field field--checkbox">
                      {mineHere ? (
                        <>
                          <span aria-hidden="true" />
                          <span>
                            {s.day}, {s.time} <SignupStatusBadge status={mineHere.status} position={mineHere.waitlistPosition} />
                          </span>
                        </>
                      ) : (
                        <>
                          <input
                            type="checkbox"
                            id={inputId}
                            name="shiftId"
                            value={s.id}
                            defaultChecked={chosen.has(String(s.id)) || (shifts.length === 1 && chosen.size === 0)}
                          />
                          <label htmlFor={inputId}>
                            {s.day}, {s.time}{" "}
                            <span className={s.placesLeft === 0 ? "places places--full" : "places"}>
                              {s.placesLeft === 0
                                ? t("signups.box.fullWaitlist")
                                : t("signups.box.placesLeft", { count: s.placesLeft, total: s.places })}
                            </span>
                          </label>
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          )}
          <div className={`field${messageErrors ? " field--invalid" : ""}`}>
            <label htmlFor={`${formId}-message`}>{t("signups.box.message")}</label>
            <p id={`${formId}-message-hint`} className="field__hint">
              {t("signups.box.messageHint")}
            </p>
            <textarea
              id={`${formId}-message`}
              name="message"
              rows={3}
              maxLength={1000}
              defaultValue={typeof values?.message === "string" ? values.message : ""}
              aria-invalid={messageErrors ? true : undefined}
              aria-describedby={`${formId}-message-hint${messageErrors ? ` ${formId}-message-error` : ""}`}
            />
            {messageErrors ? (
              <p id={`${formId}-message-error`} className="field__error">
                {messageErrors.map(errorText).join(" ")}
              </p>
            ) : null}
          </div>
          {opportunity.minAge && (askBirthYear || ageErrors) ? (
            <div className={`field${ageErrors ? " field--invalid" : ""}`}>
              <label htmlFor={`${formId}-birth-year`}>{t("signups.box.birthYear")}</label>
              <p id={`${formId}-birth-year-hint`} className="field__hint">
                {t("signups.box.birthYearHint", { age: opportunity.minAge })}
              </p>
              <input
                id={`${formId}-birth-year`}
                name="birthYear"
                inputMode="numeric"
                autoComplete="bday-year"
                size={6}
                maxLength={4}
                pattern="[0-9]{4}"
                defaultValue={typeof values?.birthYear === "string" ? values.birthYear : ""}
                aria-invalid={ageErrors ? true : undefined}
                aria-describedby={`${formId}-birth-year-hint${ageErrors ? ` ${formId}-birth-year-error` : ""}`}
              />
              {ageErrors ? (
                <p id={`${formId}-birth-year-error`} className="field__error">
                  {ageErrors.map(errorText).join(" ")}
                </p>
              ) : null}
            </div>
          ) : null}
          <p className="muted small">{opportunity.needsConfirmation ? t("signups.box.needsConfirmation") : t("signups.box.autoConfirm")}</p>
          <SubmitButton>{t("signups.box.submit")}</SubmitButton>
          {mine === null ? (
            <p className="muted small">
              {t("signups.box.loginHint")} <Link to={`/login?${back}`}>{t("auth.login.title")}</Link> ·{" "}
              <Link to={`/signup?${back}`}>{t("auth.login.signupLink")}</Link>
            </p>
          ) : null}
        </Form>
      ) : null}
    </div>
  );
}
