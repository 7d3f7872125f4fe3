/** The organisation profile form (create and edit): name, kind, Gemeinde, description, website and public contact. */
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Field, FormErrors, SubmitButton } from "~/components/forms";
import { ORGANISATION_LIMITS } from "~/domain/organisations/organisation-input";
import type { FieldErrors } from "~/utils/form-fields";
import { ORGANISATION_KINDS } from "~db/schema";
import { SelectField, TextareaField } from "./fields";

export function OrganisationForm({
  values,
  errors,
  gemeinden,
  submitLabel,
}: {
  values: Record<string, string>;
  errors?: FieldErrors | null;
  gemeinden: { bfsNr: number; name: string }[];
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const e = errors ?? undefined;
  return (
    <Form method="post" className="form form--wide" noValidate>
      <FormErrors errors={e} />
      <Field name="name" label={t("org.form.name")} required maxLength={ORGANISATION_LIMITS.name.max} defaultValue={values.name} errors={e?.name} autoComplete="organization" />
      <SelectField
        name="kind"
        label={t("org.form.kind")}
        required
        defaultValue={values.kind ?? ""}
        placeholder={t("org.form.choose")}
        options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`org.kinds.${kind}`) }))}
        errors={e?.kind}
      />
      <SelectField
        name="bfsNr"
        label={t("org.form.gemeinde")}
        hint={t("org.form.gemeindeHint")}
        required
        defaultValue={values.bfsNr ?? ""}
        placeholder={t("org.form.choose")}
        options={gemeinden.map((g) => ({ value: String(g.bfsNr), label: g.name }))}
        errors={e?.bfsNr}
          filterLabel={t("walkthrough.gemeindeFilter")}
      />
      <TextareaField
        name="description"
        label={t("org.form.description")}
        hint={t("org.form.descriptionHint")}
        rows={6}
        maxLength={ORGANISATION_LIMITS.description}
        defaultValue={values.description}
        errors={e?.description}
      />
      <Field name="website" type="url" label={t("org.form.website")} hint={t("org.form.websiteHint")} maxLength={ORGANISATION_LIMITS.website} defaultValue={values.website} errors={e?.website} autoComplete="url" />
      <Field name="contactEmail" type="email" label={t("org.form.contactEmail")} hint={t("org.form.contactHint")} maxLength={ORGANISATION_LIMITS.contactEmail} defaultValue={values.contactEmail} errors={e?.contactEmail} />
      <Field name="contactPhone" type="tel" label={t("org.form.contactPhone")} maxLength={ORGANISATION_LIMITS.contactPhone} defaultValue={values.contactPhone} errors={e?.contactPhone} autoComplete="tel" />
      <div>
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
