/**
 * The decision form of the review page: one POST form (works without JS) with the decisions the item allows as
 * radio buttons, the reason, and the state the reviewer saw as hidden fields.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { FormErrors, SubmitButton, useFieldErrorText } from "~/components/forms";
import { REASON_MAX, type Decision } from "~/domain/moderation/decisions";
import type { FieldErrors } from "~/utils/forms";

export function DecisionForm({
  decisions,
  seen,
  onRevision,
  errors,
  values,
}: {
  decisions: Decision[];
  seen: { status: string; version: number; revisionId: number | null };
  onRevision: boolean;
  errors?: FieldErrors | null;
  values?: { intent?: string; reason?: string };
}) {
  const { t } = useTranslation();
  const text = useFieldErrorText();
  const reasonErrors = errors?.reason ?? [];
  const intentErrors = errors?.intent ?? [];
  return (
    <Form method="post" className="card decision-form" aria-labelledby="decision-title" noValidate>
      <h2 id="decision-title">{t(onRevision ? "moderation.review.decideRevision" : "moderation.review.decide")}</h2>
      <FormErrors errors={errors} />
      <input type="hidden" name="expectedStatus" value={seen.status} />
      <input type="hidden" name="expectedVersion" value={seen.version} />
      <input type="hidden" name="expectedRevision" value={seen.revisionId ?? ""} />
      <fieldset className={`field choice-group${intentErrors.length ? " field--invalid" : ""}`} aria-describedby={intentErrors.length ? "intent-error" : undefined}>
        <legend>{t("moderation.review.decision")}</legend>
        <div className="choice-group__options">
          {decisions.map((decision, index) => (
            <div key={decision} className="choice">
              <input
                type="radio"
                id={`intent-${decision}`}
                name="intent"
                value={decision}
                defaultChecked={values?.intent ? values.intent === decision : index === 0}
              />
              <label htmlFor={`intent-${decision}`}>{t(`moderation.decisions.${decision}${onRevision && decision !== "unpublish" ? "Revision" : ""}`)}</label>
            </div>
          ))}
        </div>
        {intentErrors.length ? (
          <p id="intent-error" className="field__error">
            {intentErrors.map(text).join(" ")}
          </p>
        ) : null}
      </fieldset>
      <div className={`field${reasonErrors.length ? " field--invalid" : ""}`}>
        <label htmlFor="decision-reason">{t("moderation.review.reason")}</label>
        <p id="decision-reason-hint" className="field__hint">
          {t("moderation.review.reasonHint", { max: REASON_MAX })}
        </p>
        <textarea
          id="decision-reason"
          name="reason"
          rows={4}
          defaultValue={values?.reason ?? ""}
          aria-invalid={reasonErrors.length ? true : undefined}
          aria-describedby={["decision-reason-hint", reasonErrors.length ? "decision-reason-error" : ""].filter(Boolean).join(" ")}
        />
        {reasonErrors.length ? (
          <p id="decision-reason-error" className="field__error">
            {reasonErrors.map(text).join(" ")}
          </p>
        ) : null}
      </div>
      <SubmitButton>{t("moderation.review.submit")}</SubmitButton>
    </Form>
  );
}
