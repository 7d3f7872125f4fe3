/** A plain form, so switching the language works without JavaScript; it returns to the same page. */
import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { Locale } from "~/i18n/config";

export function LanguageSwitch({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const location = useLocation();
  const other: Locale = locale === "de" ? "en" : "de";
  return (
    <Form method="post" action="/language" className="language-switch" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <input type="hidden" name="lng" value={other} />
      {/* the accessible name starts with the visible "EN"/"DE" (axe: label-content-name-mismatch) */}
      <button type="submit" className="button button--ghost" lang={other} aria-label={`${t("nav.switchToShort")} – ${t(`language.${other}`)}`}>
        {t("nav.switchToShort")}
      </button>
    </Form>
  );
}
