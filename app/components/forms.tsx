/**
 * Accessible form pieces: every input has a visible label, its hint and errors are tied to it with
 * aria-describedby, and invalid fields say so (aria-invalid). Errors come as i18n keys from utils/forms.
 */
import { useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import { HONEYPOT_FIELD, type FieldError, type FieldErrors } from "~/utils/form-fields";

export function useFieldErrorText() {
  const { t } = useTranslation();
  return (error: FieldError) => t(error.key, error.values ?? {});
}

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  errors?: FieldError[];
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

export function Field({ name, label, hint, errors, id, ...input }: FieldProps) {
  const generated = useId();
  const inputId = id ?? `${name}-${generated}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = errors?.length ? `${inputId}-error` : undefined;
  const text = useFieldErrorText();
  return (
    <div className={`field${errors?.length ? " field--invalid" : ""}`}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        id={inputId}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {errors?.length ? (
        <p id={errorId} className="field__error">
          {errors.map(text).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function CheckboxField({
  name,
  label,
  errors,
  children,
  ...input
}: { name: string; label: string; errors?: FieldError[]; children?: ReactNode } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "name" | "type"
>) {
  const id = `${name}-${useId()}`;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const text = useFieldErrorText();
  return (
    <div className={`field field--checkbox${errors?.length ? " field--invalid" : ""}`}>
      <input
        type="checkbox"
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errorId}
        {...input}
      />
      <label htmlFor={id}>{label}</label>
      {children}
      {errors?.length ? (
        <p id={errorId} className="field__error">
          {errors.map(text).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A summary at the top of a form that failed: announced to screen readers, lists form-wide errors. Each new
 * failed submission moves the focus to it (and so scrolls it into view): after a submit from the bottom of a
 * long form the page would otherwise stay there, with the reason out of sight.
 */
export function FormErrors({ errors }: { errors?: FieldErrors | null }) {
  const { t } = useTranslation();
  const text = useFieldErrorText();
  const summary = useRef<HTMLDivElement>(null);
  const failed = Boolean(errors && Object.keys(errors).length > 0);
  // every new errors object is a new failed submission: focus again
  useEffect(() => {
    if (errors && Object.keys(errors).length > 0) summary.current?.focus();
  }, [errors]);
  if (!errors || !failed) return null;
  const formWide = errors.form ?? [];
  const fieldCount = Object.keys(errors).filter((k) => k !== "form").length;
  return (
    <div ref={summary} tabIndex={-1} className="alert alert--error" role="alert" data-testid="error-summary">
      {formWide.map((error) => (
        <p key={error.key}>{text(error)}</p>
      ))}
      {fieldCount > 0 ? <p>{t("validation.formErrors", { count: fieldCount })}</p> : null}
    </div>
  );
}

/** Shows that the form is on its way (with JS); a plain submit button without. */
export function SubmitButton({ children, className, name, value }: { children: ReactNode; className?: string; name?: string; value?: string }) {
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && (name === undefined || navigation.formData?.get(name) === value);
  return (
    <button type="submit" className={className ?? "button"} name={name} value={value} aria-disabled={pending || undefined} disabled={pending}>
      {children}
      {pending ? <span className="spinner" aria-hidden="true" /> : null}
    </button>
  );
}

/** A field people never see and bots fill in. */
export function Honeypot() {
  const { t } = useTranslation();
  return (
    <div className="honeypot" aria-hidden="true">
      <label htmlFor={HONEYPOT_FIELD}>{t("auth.honeypot")}</label>
      <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}
