/**
 * The review page's flags: each open flag (category, message, when) with a small POST form to resolve it
 * (outcome and an optional note; works without JS), then the flags resolved earlier.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { SubmitButton, useFieldErrorText } from "~/components/forms";
import { FLAG_MESSAGE_MAX, FLAG_OUTCOMES, type FlagCategory, type FlagOutcome } from "~/domain/moderation/flags";
import type { FieldErrors } from "~/utils/forms";
import type { Locale } from "~/i18n/config";
import { formatDate } from "~/utils/format";

export interface OpenFlagRow {
  id: number;
  category: FlagCategory;
  message: string;
  createdAt: string | Date;
}

export interface ResolvedFlagRow extends OpenFlagRow {
  resolvedAt: string | Date | null;
  outcome: FlagOutcome | null;
  note: string | null;
  resolvedBy: string | null;
}

export function FlagList({
  open,
  resolved,
  locale,
  errors,
  failedFlagId,
}: {
  open: OpenFlagRow[];
  resolved: ResolvedFlagRow[];
  locale: Locale;
  errors?: FieldErrors | null;
  failedFlagId?: number | null;
}) {
  const { t } = useTranslation();
  const text = useFieldErrorText();
  return (
    <section aria-labelledby="flags-title" className="review-flags">
      <h2 id="flags-title">{t("flags.review.title", { count: open.length })}</h2>
      {open.length === 0 ? <p>{t("flags.review.none")}</p> : null}
      <ul className="flag-list" data-testid="open-flags">
        {open.map((flag) => {
          const own = failedFlagId === flag.id ? errors : null;
          const fieldErrors = [...(own?.outcome ?? []), ...(own?.note ?? []), ...(own?.form ?? []), ...(own?.flagId ?? [])];
          return (
            <li key={flag.id} className="card flag-item" data-testid="open-flag">
              <p>
                <strong>{t(`flags.categories.${flag.category}`)}</strong> · <span className="muted small">{formatDate(flag.createdAt, locale)}</span>
              </p>
              <p className="flag-item__message">{flag.message}</p>
              <Form method="post" className="flag-resolve" aria-label={t("flags.review.resolveLabel", { id: flag.id })}>
                <input type="hidden" name="intent" value="resolveFlag" />
                <input type="hidden" name="flagId" value={flag.id} />
                <div className="field">
                  <label htmlFor={`flag-outcome-${flag.id}`}>{t("flags.review.outcome")}</label>
                  <select id={`flag-outcome-${flag.id}`} name="outcome" defaultValue="no_action">
                    {FLAG_OUTCOMES.map((outcome) => (
                      <option key={outcome} value={outcome}>
                        {t(`flags.outcomes.${outcome}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`flag-note-${flag.id}`}>{t("flags.review.note")}</label>
                  <textarea id={`flag-note-${flag.id}`} name="note" rows={2} maxLength={FLAG_MESSAGE_MAX} aria-describedby={fieldErrors.length ? `flag-error-${flag.id}` : undefined} />
                </div>
                {fieldErrors.length ? (
                  <p id={`flag-error-${flag.id}`} className="field__error" role="alert">
                    {fieldErrors.map(text).join(" ")}
                  </p>
                ) : null}
                <SubmitButton>
                  {t("flags.review.resolve")}
                </SubmitButton>
              </Form>
            </li>
          );
        })}
      </ul>
      {resolved.length ? (
        <>
          <h3>{t("flags.review.resolvedTitle")}</h3>
          <ul className="flag-list">
            {resolved.map((flag) => (
              <li key={flag.id}>
                <strong>{t(`flags.categories.${flag.category}`)}</strong>: {flag.message}
                <br />
                <span className="muted small">
                  {t(`flags.outcomes.${flag.outcome ?? "no_action"}`)}
                  {flag.resolvedBy ? ` · ${flag.resolvedBy}` : ""}
                  {flag.resolvedAt ? ` · ${formatDate(flag.resolvedAt, locale)}` : ""}
                  {flag.note ? ` · ${flag.note}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
