/**
 * Parts of the organisation's shift card: "move up" for a waitlisted volunteer, the matching reasons next to a
 * volunteer, and messaging the confirmed volunteers of a shift with the log of what was sent (who, when, to how
 * many). Plain POST forms with an `intent`; they work without JavaScript.
 */
import { Form } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "~/i18n/react";
import { SubmitButton, useFieldErrorText } from "~/components/forms";
import { SHIFT_MESSAGE_MAX } from "~/domain/signups/status";
import type { FieldErrors } from "~/utils/forms";

export interface ShiftMessageView {
  id: number;
  sender: string | null;
  body: string;
  recipients: number;
  createdAt: string;
  /** formatted on the server in the reader's language */
  at: string;
}

export function MoveUpForm({ signupId, name }: { signupId: number; name: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="signupId" value={signupId} />
      <SubmitButton name="intent" value="move-up" className="button button--ghost button--small-ghost">
        {t("signupsOrg.moveUp")}
        <span className="visually-hidden">: {name}</span>
      </SubmitButton>
    </Form>
  );
}

export function MatchReasons({ reasons }: { reasons: string[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <div className="signup-reasons">
      <span className="visually-hidden">{t("signupsOrg.reasonsLabel")}</span>
      <ul className="signup-reasons__list small">
        {reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}

export function ShiftMessages({
  shiftId,
  confirmedCount,
  messages,
  errors,
  draft,
}: {
  shiftId: number;
  confirmedCount: number;
  messages: ShiftMessageView[];
  errors?: FieldErrors[string];
  draft?: string;
}) {
  const { t } = useTranslation();
  const errorText = useFieldErrorText();
  const id = useId();
  return (
    <div className="shift-messages">
      {confirmedCount > 0 ? (
        <details className="shift-messages__form" open={errors ? true : undefined}>
          <summary>{t("signupsOrg.messageTitle", { count: confirmedCount })}</summary>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="shiftId" value={shiftId} />
            <div className={`field${errors ? " field--invalid" : ""}`}>
              <label htmlFor={`${id}-body`}>{t("signupsOrg.messageBody")}</label>
              <p id={`${id}-hint`} className="field__hint">
                {t("signupsOrg.messageHint", { maximum: SHIFT_MESSAGE_MAX })}
              </p>
              <textarea
                id={`${id}-body`}
                name="body"
                rows={4}
                maxLength={SHIFT_MESSAGE_MAX}
                defaultValue={draft ?? ""}
                aria-invalid={errors ? true : undefined}
                aria-describedby={`${id}-hint${errors ? ` ${id}-error` : ""}`}
              />
              {errors ? (
                <p id={`${id}-error`} className="field__error">
                  {errors.map(errorText).join(" ")}
                </p>
              ) : null}
            </div>
            <SubmitButton name="intent" value="message">
              {t("signupsOrg.messageSubmit")}
            </SubmitButton>
          </Form>
        </details>
      ) : null}
      {messages.length > 0 ? (
        <div className="shift-messages__log">
          <h3>{t("signupsOrg.logTitle")}</h3>
          <ul className="plain-list">
            {messages.map((m) => (
              <li key={m.id} data-testid="shift-message">
                <p className="small muted">
                  <time dateTime={m.createdAt}>{m.at}</time>
                  {" · "}
                  {t("signupsOrg.logMeta", { sender: m.sender ?? t("signupsOrg.formerMember"), count: m.recipients })}
                </p>
                <p className="shift-messages__body">{m.body}</p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
