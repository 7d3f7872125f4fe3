/**
 * "Save this search" on /opportunities, for signed-in people only (the page decides from the root data, so the
 * cached page anonymous visitors get never carries it). A plain POST form to /me/searches with the current
 * canonical query; the name is prefilled from the active filters.
 */
import { Form } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "~/i18n/react";
import { SAVED_SEARCH_LIMITS } from "~/domain/matching/alerts";

export function SaveSearchForm({ query, defaultName }: { query: string; defaultName: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Form method="post" action="/me/searches" className="save-search card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="save-search__title">
        {t("savedSearches.saveTitle")}
      </h2>
      <input type="hidden" name="query" value={query} />
      <label htmlFor={`${id}-name`}>{t("savedSearches.name")}</label>
      <input id={`${id}-name`} name="name" defaultValue={defaultName.slice(0, SAVED_SEARCH_LIMITS.nameLength)} maxLength={SAVED_SEARCH_LIMITS.nameLength} required aria-describedby={`${id}-hint`} />
      <p id={`${id}-hint`} className="field__hint">
        {t("savedSearches.saveHint")}
      </p>
      <button type="submit" name="intent" value="save" className="button button--small">
        {t("savedSearches.saveSubmit")}
      </button>
    </Form>
  );
}
