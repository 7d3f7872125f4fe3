/** The opportunity form's sign-up settings: "offer a freed place first" and how long the offer holds. */
import { useTranslation } from "~/i18n/react";
import { CheckboxField, Field } from "~/components/forms";
import type { FieldErrors } from "~/utils/form-fields";

type Values = Record<string, string | string[]>;

function text(values: Values, name: string) {
  const value = values[name];
  return typeof value === "string" ? value : "";
}

export function SignupSettingsFields({ values, errors }: { values: Values; errors?: FieldErrors | null }) {
  const { t } = useTranslation();
  return (
    <>
      <CheckboxField name="waitlistOffer" label={t("signups.settings.waitlistOffer")} defaultChecked={Boolean(text(values, "waitlistOffer"))} errors={errors?.waitlistOffer} />
      <Field
        name="offerHours"
        type="number"
        inputMode="numeric"
        min={1}
        max={168}
        label={t("signups.settings.offerHours")}
        hint={t("signups.settings.offerHoursHint")}
        defaultValue={text(values, "offerHours") || "24"}
        errors={errors?.offerHours}
      />
    </>
  );
}
