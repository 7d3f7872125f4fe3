/**
 * /me/searches: the signed-in person's saved searches — open, rename, delete, and the email alert (off, daily,
 * weekly). The "save this search" form of /opportunities posts here too (intent "save"), so the search page
 * itself stays an action-less GET page that the page cache can keep for anonymous visitors. Every change touches
 * only the person's own rows (the user id from the session is part of each query): a foreign id is a 404.
 */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { FormErrors } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/domain/auth/permissions.server";
import { ALERT_FREQUENCIES, SAVED_SEARCH_LIMITS } from "~/domain/matching/alerts";
import {
  deleteSavedSearch,
  listSavedSearches,
  renameSavedSearch,
  savedSearchQuery,
  saveSearch,
  setSavedSearchAlert,
} from "~/domain/matching/saved-searches.server";
import { DEFAULT_LOCALE, resources, type Locale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError } from "~/utils/form-fields";
import { parseForm } from "~/utils/forms.server";
import { notFound } from "~/utils/http";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const searches = await listSavedSearches({ userId: user.id });
  return {
    title: getFixedT(locale)("savedSearches.title"),
    searches: searches.map((s) => ({ id: s.id, name: s.name, query: s.query, alert: s.alert })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  const locale = (matches[0]?.data as { locale?: Locale } | undefined)?.locale ?? DEFAULT_LOCALE;
  return [{ title: `${loaderData?.title ?? resources[locale].translation.savedSearches.title} – Mitenand` }];
};

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const id = z.string().regex(/^[1-9]\d{0,9}$/, "validation.invalid").transform(Number).pipe(z.number().int().max(2_147_483_647));
const name = z.string().trim().min(1, "validation.required").max(SAVED_SEARCH_LIMITS.nameLength, "validation.tooLong");
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), name, query: z.string().max(SAVED_SEARCH_LIMITS.queryLength, "validation.tooLong").optional().default("") }),
  z.object({ intent: z.literal("rename"), id, name }),
  z.object({ intent: z.literal("delete"), id }),
  z.object({ intent: z.literal("alert"), id, alert: z.enum(ALERT_FREQUENCIES, "validation.invalidChoice") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = parseForm(schema, await request.formData());
  if (!result.success) return data({ errors: result.errors, id: null as number | null }, { status: 400 });
  const input = result.data;
  switch (input.intent) {
    case "save": {
      const query = savedSearchQuery(new URLSearchParams(input.query));
      const saved = await saveSearch({ userId: user.id, name: input.name, query });
      if (!saved.ok) return data({ errors: fieldError("form", "savedSearches.errors.tooMany"), id: null }, { status: 409 });
      return redirectWithToast("/me/searches", { key: "toast.searchSaved", type: "success" });
    }
    case "rename":
      if (!(await renameSavedSearch({ id: input.id, userId: user.id, name: input.name }))) notFound();
      return redirectWithToast("/me/searches", { key: "toast.searchRenamed", type: "success" });
    case "delete":
      if (!(await deleteSavedSearch({ id: input.id, userId: user.id }))) notFound();
      return redirectWithToast("/me/searches", { key: "toast.searchDeleted", type: "info" });
    case "alert":
      if (!(await setSavedSearchAlert({ id: input.id, userId: user.id, alert: input.alert }))) notFound();
      return redirectWithToast("/me/searches", { key: "toast.alertChanged", type: "success" });
  }
}

export default function SavedSearches() {
  const { searches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="searches-title" className="saved-searches">
      <h1 id="searches-title">{t("savedSearches.title")}</h1>
      <FormErrors errors={actionData?.errors} />
      <p>{t("savedSearches.intro")}</p>
      <p className="muted small">{t("savedSearches.alertHint")}</p>
      {searches.length === 0 ? (
        <p className="card">
          {t("savedSearches.none")} <Link to="/opportunities">{t("savedSearches.find")}</Link>
        </p>
      ) : (
        <ul className="plain-list">
          {searches.map((s) => (
            <li key={s.id} className="card saved-search" data-testid="saved-search">
              <h2 className="saved-search__title">{s.name}</h2>
              <p className="saved-search__query muted small">{s.query ? [...new URLSearchParams(s.query).values()].join(" · ") : t("savedSearches.everything")}</p>
              <p>
                <Link to={`/opportunities${s.query ? `?${s.query}` : ""}`}>{t("savedSearches.open")}</Link>
              </p>
              <Form method="post" className="saved-search__row">
                <input type="hidden" name="id" value={s.id} />
                <label htmlFor={`alert-${s.id}`}>{t("savedSearches.alert")}</label>
                <select id={`alert-${s.id}`} name="alert" defaultValue={s.alert}>
                  {ALERT_FREQUENCIES.map((a) => (
                    <option key={a} value={a}>
                      {t(`savedSearches.alerts.${a}`)}
                    </option>
                  ))}
                </select>
                <button type="submit" name="intent" value="alert" className="button button--small" aria-label={t("savedSearches.alertSaveLabel", { name: s.name })}>
                  {t("savedSearches.alertSave")}
                </button>
              </Form>
              <Form method="post" className="saved-search__row">
                <input type="hidden" name="id" value={s.id} />
                <label htmlFor={`name-${s.id}`}>{t("savedSearches.name")}</label>
                <input id={`name-${s.id}`} name="name" defaultValue={s.name} maxLength={SAVED_SEARCH_LIMITS.nameLength} required />
                <button type="submit" name="intent" value="rename" className="button button--ghost button--small">
                  {t("savedSearches.rename")}
                </button>
              </Form>
              <Form method="post" className="saved-search__row">
                <input type="hidden" name="id" value={s.id} />
                <button type="submit" name="intent" value="delete" className="button button--ghost button--small" aria-label={t("savedSearches.deleteLabel", { name: s.name })}>
                  {t("savedSearches.delete")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
