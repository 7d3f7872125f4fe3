/**
 * Form fields the organisation pages need beyond app/components/forms.tsx: select, textarea, and groups of
 * radio buttons or checkboxes in a fieldset. Same accessibility as there: a visible label, hint and errors tied
 * to the control with aria-describedby, aria-invalid on errors.
 */
import { useId, useRef, useSyncExternalStore, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { Form, useNavigation } from "@remix-run/react";
import { useFieldErrorText } from "~/components/forms";
import type { FieldError } from "~/utils/form-fields";

function useDescribedBy(name: string, hint?: string, errors?: FieldError[]) {
  const id = `${name}-${useId()}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined };
}

function Hint({ id, text }: { id?: string; text?: string }) {
  return text ? (
    <p id={id} className="field__hint">
      {text}
    </p>
  ) : null;
}

function Errors({ id, errors }: { id?: string; errors?: FieldError[] }) {
  const text = useFieldErrorText();
  return errors?.length ? (
    <p id={id} className="field__error">
      {errors.map(text).join(" ")}
    </p>
  ) : null;
}

const subscribeNothing = () => () => {};

type SelectProps = {
  name: string;
  label: string;
  hint?: string;
  errors?: FieldError[];
  options: { value: string; label: string }[];
  /** an empty first option ("Please choose") */
  placeholder?: string;
  /**
   * For long lists (the 196 Gemeinden): with JavaScript, a text box above the select that narrows its options
   * to those containing what is typed, and picks the first. Without JavaScript the plain select (type-ahead).
   */
  filterLabel?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name">;

export function SelectField({ name, label, hint, errors, options, placeholder, filterLabel, ...select }: SelectProps) {
  const { id, hintId, errorId, describedBy } = useDescribedBy(name, hint, errors);
  const selectRef = useRef<HTMLSelectElement>(null);
  // true only in the hydrated browser: the server and the no-JS page render the plain select
  const hydrated = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const enhanced = hydrated && Boolean(filterLabel);
  const filter = (text: string) => {
    const element = selectRef.current;
    if (!element) return;
    const wanted = text.trim().toLocaleLowerCase("de-CH");
    let first: HTMLOptionElement | null = null;
    for (const option of element.options) {
      if (!option.value) continue;
      const match = option.text.toLocaleLowerCase("de-CH").includes(wanted);
      option.hidden = !match;
      if (match && !first) first = option;
    }
    if (wanted && first && element.selectedOptions[0]?.hidden !== false) element.value = first.value;
    else if (wanted && first && !element.value) element.value = first.value;
  };
  return (
    <div className={`field${errors?.length ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <Hint id={hintId} text={hint} />
      {enhanced ? (
        <input
          type="search"
          aria-label={filterLabel}
          placeholder={filterLabel}
          aria-controls={id}
          autoComplete="off"
          data-testid={`${name}-filter`}
          onChange={(event) => filter(event.currentTarget.value)}
        />
      ) : null}
      <select ref={selectRef} id={id} name={name} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} {...select}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Errors id={errorId} errors={errors} />
    </div>
  );
}

type TextareaProps = {
  name: string;
  label: string;
  hint?: string;
  errors?: FieldError[];
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">;

export function TextareaField({ name, label, hint, errors, ...textarea }: TextareaProps) {
  const { id, hintId, errorId, describedBy } = useDescribedBy(name, hint, errors);
  return (
    <div className={`field${errors?.length ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <Hint id={hintId} text={hint} />
      <textarea id={id} name={name} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} {...textarea} />
      <Errors id={errorId} errors={errors} />
    </div>
  );
}

/** Radio buttons (one value) or checkboxes (several) under a legend. */
export function ChoiceGroup({
  name,
  legend,
  hint,
  errors,
  options,
  type,
  selected,
  columns,
  onChange,
}: {
  name: string;
  legend: string;
  hint?: string;
  errors?: FieldError[];
  options: { value: string; label: string }[];
  type: "radio" | "checkbox";
  selected: readonly string[];
  /** lay long lists out in columns */
  columns?: boolean;
  onChange?: (value: string) => void;
}) {
  const { id, hintId, errorId, describedBy } = useDescribedBy(name, hint, errors);
  return (
    <fieldset
      className={`field choice-group${columns ? " choice-group--columns" : ""}${errors?.length ? " field--invalid" : ""}`}
      aria-describedby={describedBy}
    >
      <legend>{legend}</legend>
      <Hint id={hintId} text={hint} />
      <div className="choice-group__options">
        {options.map((option) => (
          <div key={option.value} className="choice">
            <input
              type={type}
              id={`${id}-${option.value}`}
              name={name}
              value={option.value}
              defaultChecked={selected.includes(option.value)}
              aria-invalid={errors?.length ? true : undefined}
              onChange={onChange ? () => onChange(option.value) : undefined}
            />
            <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
      <Errors id={errorId} errors={errors} />
    </fieldset>
  );
}

/** A small POST form for one action on one row (dashboard, members), with its own pending state. */
export function RowAction({
  intent,
  idName,
  id,
  label,
  accessibleLabel,
  action,
  className,
  children,
}: {
  intent: string;
  idName: string;
  id: number;
  label: string;
  /** "Submit: Atelier": says which row the button acts on (starts with the visible label) */
  accessibleLabel?: string;
  action?: string;
  className?: string;
  children?: ReactNode;
}) {
  const navigation = useNavigation();
  const pending =
    navigation.state === "submitting" && navigation.formData?.get("intent") === intent && navigation.formData?.get(idName) === String(id);
  return (
    <Form method="post" action={action} className="row-action">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={idName} value={id} />
      {children}
      <button type="submit" className={className ?? "button button--ghost button--small-ghost"} aria-label={accessibleLabel} disabled={pending} aria-disabled={pending || undefined}>
        {label}
        {pending ? <span className="spinner" aria-hidden="true" /> : null}
      </button>
    </Form>
  );
}
