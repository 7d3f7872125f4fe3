/**
 * The opportunity form (new and edit). Works without JavaScript: all three schedule sections are in the page
 * with a radio button to choose, one-off dates are numbered rows, and "add a row" is a submit button the action
 * answers with the same form and one row more. With JavaScript the sections not chosen are hidden.
 */
import { Form, Link } from "@remix-run/react";
import { useState, useSyncExternalStore } from "react";
import { useTranslation } from "~/i18n/react";
import { SignupSettingsFields } from "~/components/signups/settings-fields";
import { Field, FormErrors, SubmitButton, useFieldErrorText, CheckboxField } from "~/components/forms";
import {
  LANGUAGE_CODES,
  LIMITS,
  MAX_SHIFT_ROWS,
  PLACES_MAX,
  PLACES_MIN,
  shiftFieldNames,
  type OpportunityFormValues,
} from "~/domain/opportunities/opportunity-input";
import type { FieldErrors } from "~/utils/form-fields";
import { GERMAN_LEVELS, LOCATION_MODES, SCHEDULE_KINDS, TARGET_GROUPS, type ScheduleKind } from "~db/schema";
import { ChoiceGroup, SelectField, TextareaField } from "./fields";

export interface OpportunityFormReference {
  categories: { id: string; label: string }[];
  gemeinden: { bfsNr: number; name: string }[];
}

const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

const subscribeNothing = () => () => {};

function text(values: OpportunityFormValues, name: string) {
  const value = values[name];
  return typeof value === "string" ? value : "";
}

function list(values: OpportunityFormValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : value ? [value] : [];
}

export function OpportunityForm({
  values,
  errors,
  rowCount,
  reference,
  submitLabel,
  previewUrl,
}: {
  values: OpportunityFormValues;
  errors?: FieldErrors | null;
  rowCount: number;
  reference: OpportunityFormReference;
  submitLabel: string;
  previewUrl?: string;
}) {
  const { t } = useTranslation();
  const errorText = useFieldErrorText();
  const e = errors ?? undefined;
  const initialKind = (SCHEDULE_KINDS as readonly string[]).includes(text(values, "scheduleKind")) ? (text(values, "scheduleKind") as ScheduleKind) : "one_off";
  const [kind, setKind] = useState<ScheduleKind>(initialKind);
  // without JavaScript every section stays visible; once hydrated, only the chosen one is shown
  const hydrated = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  const hidden = (section: ScheduleKind) => hydrated && kind !== section;

  const actions = (
    <div className="form-actions">
      <SubmitButton name="intent" value="save">
        {submitLabel}
      </SubmitButton>
      {previewUrl ? (
        <Link to={previewUrl} className="button button--ghost">
          {t("opportunityForm.preview")}
        </Link>
      ) : null}
    </div>
  );

  return (
    <Form method="post" className="form form--wide opportunity-form" noValidate>
      <FormErrors errors={e} />
      {/* first in the form, so Enter in a text field saves (and does not add a row) */}
      {actions}

      <fieldset className="form-section">
        <legend>{t("opportunityForm.sections.what")}</legend>
        <Field name="title" label={t("opportunityForm.title")} hint={t("opportunityForm.titleHint")} required maxLength={LIMITS.title.max} defaultValue={text(values, "title")} errors={e?.title} />
        <TextareaField name="summary" label={t("opportunityForm.summary")} hint={t("opportunityForm.summaryHint")} required rows={2} maxLength={LIMITS.summary} defaultValue={text(values, "summary")} errors={e?.summary} />
        <TextareaField name="description" label={t("opportunityForm.description")} hint={t("opportunityForm.descriptionHint")} required rows={8} maxLength={LIMITS.description} defaultValue={text(values, "description")} errors={e?.description} />
        <SelectField
          name="categoryId"
          label={t("opportunityForm.category")}
          required
          placeholder={t("opportunityForm.choose")}
          options={reference.categories.map((c) => ({ value: c.id, label: c.label }))}
          defaultValue={text(values, "categoryId")}
          errors={e?.categoryId}
        />
        <Field name="tags" label={t("opportunityForm.tags")} hint={t("opportunityForm.tagsHint")} maxLength={LIMITS.tags} defaultValue={text(values, "tags")} errors={e?.tags} />
        <ChoiceGroup
          name="targetGroups"
          type="checkbox"
          legend={t("opportunityForm.targetGroups")}
          options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`opportunityForm.targetGroupNames.${g}`) }))}
          selected={list(values, "targetGroups")}
          columns
          errors={e?.targetGroups}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("opportunityForm.sections.where")}</legend>
        <SelectField
          name="bfsNr"
          label={t("opportunityForm.gemeinde")}
          hint={t("opportunityForm.gemeindeHint")}
          required
          placeholder={t("opportunityForm.choose")}
          options={reference.gemeinden.map((g) => ({ value: String(g.bfsNr), label: g.name }))}
          defaultValue={text(values, "bfsNr")}
          errors={e?.bfsNr}
          filterLabel={t("walkthrough.gemeindeFilter")}
        />
        <Field name="address" label={t("opportunityForm.address")} hint={t("opportunityForm.addressHint")} maxLength={LIMITS.address} defaultValue={text(values, "address")} errors={e?.address} autoComplete="off" />
        <CheckboxField name="addressPrivate" label={t("opportunityForm.addressPrivate")} defaultChecked={Boolean(text(values, "addressPrivate"))} errors={e?.addressPrivate} />
        <ChoiceGroup
          name="locationMode"
          type="radio"
          legend={t("opportunityForm.locationMode")}
          options={LOCATION_MODES.map((m) => ({ value: m, label: t(`opportunityForm.locationModes.${m}`) }))}
          selected={[text(values, "locationMode") || "on_site"]}
          errors={e?.locationMode}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("opportunityForm.sections.who")}</legend>
        <SelectField
          name="germanLevel"
          label={t("opportunityForm.germanLevel")}
          hint={t("opportunityForm.germanLevelHint")}
          options={[{ value: "", label: t("opportunityForm.germanLevelNone") }, ...GERMAN_LEVELS.map((level) => ({ value: level, label: level }))]}
          defaultValue={text(values, "germanLevel")}
          errors={e?.germanLevel}
        />
        <ChoiceGroup
          name="languagesHelpful"
          type="checkbox"
          legend={t("opportunityForm.languagesHelpful")}
          hint={t("opportunityForm.languagesHelpfulHint")}
          options={LANGUAGE_CODES.map((code) => ({ value: code, label: t(`opportunityForm.languageNames.${code}`) }))}
          selected={list(values, "languagesHelpful")}
          columns
          errors={e?.languagesHelpful}
        />
        <ChoiceGroup
          name="languagesRequired"
          type="checkbox"
          legend={t("opportunityForm.languagesRequired")}
          hint={t("opportunityForm.languagesRequiredHint")}
          options={LANGUAGE_CODES.map((code) => ({ value: code, label: t(`opportunityForm.languageNames.${code}`) }))}
          selected={list(values, "languagesRequired")}
          columns
          errors={e?.languagesRequired}
        />
        <Field name="minAge" type="number" inputMode="numeric" min={0} max={99} label={t("opportunityForm.minAge")} hint={t("opportunityForm.minAgeHint")} defaultValue={text(values, "minAge")} errors={e?.minAge} />
        <CheckboxField name="needsConfirmation" label={t("opportunityForm.needsConfirmation")} defaultChecked={Boolean(text(values, "needsConfirmation"))} errors={e?.needsConfirmation} />
        <SignupSettingsFields values={values} errors={e} />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("opportunityForm.sections.contact")}</legend>
        <p className="field__hint">{t("opportunityForm.contactHint")}</p>
        <Field name="contactName" label={t("opportunityForm.contactName")} maxLength={LIMITS.contactName} defaultValue={text(values, "contactName")} errors={e?.contactName} autoComplete="name" />
        <Field name="contactEmail" type="email" label={t("opportunityForm.contactEmail")} maxLength={LIMITS.contactEmail} defaultValue={text(values, "contactEmail")} errors={e?.contactEmail} autoComplete="email" />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("opportunityForm.sections.when")}</legend>
        <ChoiceGroup
          name="scheduleKind"
          type="radio"
          legend={t("opportunityForm.scheduleKind")}
          options={SCHEDULE_KINDS.map((k) => ({ value: k, label: t(`opportunityForm.scheduleKinds.${k}`) }))}
          selected={[initialKind]}
          errors={e?.scheduleKind}
          onChange={(value) => setKind(value as ScheduleKind)}
        />

        <fieldset className="schedule-section" hidden={hidden("one_off")} data-testid="schedule-one_off">
          <legend>{t("opportunityForm.oneOff.title")}</legend>
          <p className="field__hint">{t("opportunityForm.oneOff.hint")}</p>
          {e?.shifts ? (
            <p className="field__error" role="alert">
              {e.shifts.map(errorText).join(" ")}
            </p>
          ) : null}
          <input type="hidden" name="rowCount" value={rowCount} />
          {Array.from({ length: rowCount }, (_, row) => {
            const names = shiftFieldNames(row);
            return (
              <fieldset key={row} className="shift-row" data-testid="shift-row">
                <legend>{t("opportunityForm.oneOff.row", { number: row + 1 })}</legend>
                <Field name={names.date} type="date" label={t("opportunityForm.oneOff.date")} defaultValue={text(values, names.date)} errors={e?.[names.date]} />
                <Field name={names.start} type="time" label={t("opportunityForm.oneOff.start")} defaultValue={text(values, names.start)} errors={e?.[names.start]} />
                <Field name={names.end} type="time" label={t("opportunityForm.oneOff.end")} defaultValue={text(values, names.end)} errors={e?.[names.end]} />
                <Field name={names.places} type="number" inputMode="numeric" min={PLACES_MIN} max={PLACES_MAX} label={t("opportunityForm.places")} defaultValue={text(values, names.places)} errors={e?.[names.places]} />
              </fieldset>
            );
          })}
          {rowCount < MAX_SHIFT_ROWS ? (
            <div>
              <button type="submit" name="intent" value="add-row" className="button button--ghost" formNoValidate>
                {t("opportunityForm.oneOff.addRow")}
              </button>
            </div>
          ) : (
            <p className="muted small">{t("opportunityForm.oneOff.maxRows", { count: MAX_SHIFT_ROWS })}</p>
          )}
        </fieldset>

        <fieldset className="schedule-section" hidden={hidden("recurring")} data-testid="schedule-recurring">
          <legend>{t("opportunityForm.recurring.title")}</legend>
          <p className="field__hint">{t("opportunityForm.recurring.hint")}</p>
          <div className="shift-row">
            <SelectField
              name="weekday"
              label={t("opportunityForm.recurring.weekday")}
              placeholder={t("opportunityForm.choose")}
              options={WEEKDAYS.map((d) => ({ value: d, label: t(`opportunityForm.weekdays.${d}`) }))}
              defaultValue={text(values, "weekday")}
              errors={e?.weekday}
            />
            <Field name="recurringStart" type="time" label={t("opportunityForm.oneOff.start")} defaultValue={text(values, "recurringStart")} errors={e?.recurringStart} />
            <Field name="recurringEnd" type="time" label={t("opportunityForm.oneOff.end")} defaultValue={text(values, "recurringEnd")} errors={e?.recurringEnd} />
            <Field name="recurringPlaces" type="number" inputMode="numeric" min={PLACES_MIN} max={PLACES_MAX} label={t("opportunityForm.places")} defaultValue={text(values, "recurringPlaces")} errors={e?.recurringPlaces} />
          </div>
          <div className="shift-row">
            <Field name="firstDate" type="date" label={t("opportunityForm.recurring.firstDate")} defaultValue={text(values, "firstDate")} errors={e?.firstDate} />
            <Field name="lastDate" type="date" label={t("opportunityForm.recurring.lastDate")} hint={t("opportunityForm.recurring.lastDateHint")} defaultValue={text(values, "lastDate")} errors={e?.lastDate} />
          </div>
        </fieldset>

        <fieldset className="schedule-section" hidden={hidden("flexible")} data-testid="schedule-flexible">
          <legend>{t("opportunityForm.flexible.title")}</legend>
          <p className="field__hint">{t("opportunityForm.flexible.hint")}</p>
          <Field name="totalPlaces" type="number" inputMode="numeric" min={PLACES_MIN} max={PLACES_MAX} label={t("opportunityForm.flexible.totalPlaces")} defaultValue={text(values, "totalPlaces")} errors={e?.totalPlaces} />
        </fieldset>
      </fieldset>

      {actions}
    </Form>
  );
}
