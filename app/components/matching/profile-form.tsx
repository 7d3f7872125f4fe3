/**
 * The volunteer profile form of /me/profile: a plain POST form that works without JavaScript and by keyboard.
 * Languages are one select per language, all named `languages` ("ti:native"; empty = not spoken); availability
 * is a Monday–Sunday × morning/afternoon/evening table of checkboxes named `availability` ("tue-evening"),
 * each labelled with its day and part of the day.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { CheckboxField, Field, FormErrors, SubmitButton, useFieldErrorText } from "~/components/forms";
import { ChoiceGroup, SelectField } from "~/components/organisations/fields";
import {
  AGE_BANDS,
  DAY_PARTS,
  ENGAGEMENTS,
  LANGUAGE_LEVELS,
  PROFILE_GERMAN_LEVELS,
  PROFILE_LIMITS,
  WEEKDAY_KEYS,
  type ProfileFormValues,
} from "~/domain/matching/profile-fields";
import type { FieldErrors } from "~/utils/forms";

export type { ProfileFormValues };

export interface ProfileFormReference {
  gemeinden: { bfsNr: number; name: string }[];
  categories: { id: string; label: string }[];
  /** the languages to offer, with their names in the reader's language, sorted by name */
  languages: { code: string; name: string }[];
  year: number;
}

export function ProfileForm({ values, reference, errors }: { values: ProfileFormValues; reference: ProfileFormReference; errors?: FieldErrors | null }) {
  const { t } = useTranslation();
  const errorText = useFieldErrorText();
  const e = errors ?? undefined;
  const levelOf = new Map(values.languages.map((v) => v.split(":") as [string, string]));

  return (
    <Form method="post" className="form form--wide profile-form" noValidate>
      <FormErrors errors={e} />

      <fieldset className="form-section">
        <legend>{t("matching.profile.whereLegend")}</legend>
        <SelectField
          name="bfsNr"
          label={t("matching.profile.gemeinde")}
          placeholder={t("matching.profile.gemeindeNone")}
          options={reference.gemeinden.map((g) => ({ value: String(g.bfsNr), label: g.name }))}
          defaultValue={values.bfsNr}
          errors={e?.bfsNr}
        />
        <Field
          name="postcode"
          label={t("matching.profile.postcode")}
          hint={t("matching.profile.postcodeHint")}
          inputMode="numeric"
          autoComplete="postal-code"
          maxLength={4}
          defaultValue={values.postcode}
          errors={e?.postcode}
        />
        <Field
          name="radiusKm"
          type="number"
          inputMode="numeric"
          min={PROFILE_LIMITS.radiusKm.min}
          max={PROFILE_LIMITS.radiusKm.max}
          label={t("matching.profile.radius")}
          hint={t("matching.profile.radiusHint")}
          defaultValue={values.radiusKm}
          errors={e?.radiusKm}
        />
        <CheckboxField name="onlineOnly" label={t("matching.profile.onlineOnly")} defaultChecked={values.onlineOnly} errors={e?.onlineOnly} />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("matching.profile.languagesLegend")}</legend>
        <SelectField
          name="germanLevel"
          label={t("matching.profile.germanLevel")}
          options={[
            { value: "", label: t("matching.profile.germanLevelNone") },
            ...PROFILE_GERMAN_LEVELS.map((level) => ({ value: level, label: level === "native" ? t("matching.germanLevels.native") : level })),
          ]}
          defaultValue={values.germanLevel}
          errors={e?.germanLevel}
        />
        <fieldset className={`field choice-group${e?.languages ? " field--invalid" : ""}`} aria-describedby={e?.languages ? "languages-hint languages-error" : "languages-hint"}>
          <legend>{t("matching.profile.otherLanguages")}</legend>
          <p id="languages-hint" className="field__hint">
            {t("matching.profile.languagesHint", { max: PROFILE_LIMITS.languages })}
          </p>
          <div className="language-levels">
            {reference.languages.map((language) => (
              <div key={language.code} className="language-level">
                <label htmlFor={`language-${language.code}`}>{language.name}</label>
                <select
                  id={`language-${language.code}`}
                  name="languages"
                  defaultValue={levelOf.has(language.code) ? `${language.code}:${levelOf.get(language.code)}` : ""}
                  aria-invalid={e?.languages ? true : undefined}
                >
                  <option value="">{t("matching.profile.languageNone")}</option>
                  {LANGUAGE_LEVELS.map((level) => (
                    <option key={level} value={`${language.code}:${level}`}>
                      {t(`matching.languageLevels.${level}`)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          {e?.languages ? (
            <p id="languages-error" className="field__error">
              {e.languages.map(errorText).join(" ")}
            </p>
          ) : null}
        </fieldset>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("matching.profile.whatLegend")}</legend>
        <ChoiceGroup
          name="interests"
          type="checkbox"
          legend={t("matching.profile.interestsLegend")}
          options={reference.categories.map((c) => ({ value: c.id, label: c.label }))}
          selected={values.interests}
          columns
          errors={e?.interests}
        />
        <Field
          name="skills"
          label={t("matching.profile.skills")}
          hint={t("matching.profile.skillsHint", { max: PROFILE_LIMITS.skills })}
          maxLength={1000}
          defaultValue={values.skills}
          errors={e?.skills}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("matching.profile.availabilityLegend")}</legend>
        <p id="availability-hint" className="field__hint">
          {t("matching.profile.availabilityHint")}
        </p>
        <div className="availability-grid__scroll">
          <table className={`availability-grid${e?.availability ? " field--invalid" : ""}`} aria-describedby="availability-hint">
            <thead>
              <tr>
                <th scope="col">{t("matching.profile.availabilityDay")}</th>
                {DAY_PARTS.map((part) => (
                  <th key={part} scope="col">
                    {t(`matching.dayParts.${part}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {WEEKDAY_KEYS.map((day) => (
                <tr key={day}>
                  <th scope="row">{t(`matching.weekdays.${day}`)}</th>
                  {DAY_PARTS.map((part) => {
                    const slot = `${day}-${part}`;
                    return (
                      <td key={part}>
                        <input
                          type="checkbox"
                          id={`availability-${slot}`}
                          name="availability"
                          value={slot}
                          defaultChecked={values.availability.includes(slot)}
                          aria-label={t(`matching.slots.${slot}`)}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {e?.availability ? <p className="field__error">{e.availability.map(errorText).join(" ")}</p> : null}
        <ChoiceGroup
          name="engagement"
          type="radio"
          legend={t("matching.profile.engagementLegend")}
          options={ENGAGEMENTS.map((value) => ({ value, label: t(`matching.engagements.${value}`) }))}
          selected={[values.engagement || "any"]}
          errors={e?.engagement}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("matching.profile.ageLegend")}</legend>
        <p className="field__hint">{t("matching.profile.ageHint")}</p>
        <Field
          name="birthYear"
          type="number"
          inputMode="numeric"
          min={PROFILE_LIMITS.birthYear.min}
          max={reference.year}
          label={t("matching.profile.birthYear")}
          defaultValue={values.birthYear}
          errors={e?.birthYear}
        />
        <SelectField
          name="ageBand"
          label={t("matching.profile.ageBand")}
          options={[{ value: "", label: t("matching.profile.ageBandNone") }, ...AGE_BANDS.map((band) => ({ value: band, label: t(`matching.ageBands.${band}`) }))]}
          defaultValue={values.ageBand}
          errors={e?.ageBand}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("matching.profile.optInLegend")}</legend>
        <CheckboxField name="suggestionsOptIn" label={t("matching.profile.optIn")} defaultChecked={values.suggestionsOptIn} errors={e?.suggestionsOptIn}>
          <p className="field__hint">{t("matching.profile.optInHint")}</p>
        </CheckboxField>
      </fieldset>

      <div className="form-actions">
        <SubmitButton>{t("matching.profile.submit")}</SubmitButton>
      </div>
    </Form>
  );
}
