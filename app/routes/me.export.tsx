/**
 * /me/export: what the data export contains, and the button that downloads it. The download itself is a POST
 * to the resource route /me/export.json (a page route cannot answer a form post with a file); the form reloads
 * the document, so with or without JavaScript the browser saves the file and stays on this page.
 */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/domain/auth/permissions.server";
import { DEFAULT_LOCALE, resources, type Locale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";

const CONTENTS = ["account", "sessions", "memberships", "coordinator", "activity", "emails"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const t = getFixedT(await getLocale(request));
  return { title: t("export.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  // an error page has no loader data: its title still follows the visitor's language (from the root loader)
  const locale = (matches[0]?.data as { locale?: Locale } | undefined)?.locale ?? DEFAULT_LOCALE;
  return [{ title: `${loaderData?.title ?? resources[locale].translation.export.title} – Mitenand` }];
};

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export default function ExportData() {
  const { t } = useTranslation();
  return (
    <div className="form-page">
      <h1>{t("export.title")}</h1>
      <p>{t("export.intro")}</p>
      <h2>{t("export.containsTitle")}</h2>
      <ul>
        {CONTENTS.map((item) => (
          <li key={item}>{t(`export.contains.${item}`)}</li>
        ))}
      </ul>
      <h2>{t("export.formatTitle")}</h2>
      <p>{t("export.format")}</p>
      <p className="muted">{t("export.notIncluded")}</p>
      <Form method="post" action="/me/export.json" reloadDocument className="form">
        <div>
          <button type="submit" className="button">
            {t("export.submit")}
          </button>
        </div>
      </Form>
      <p>
        <Link to="/me/account">{t("export.back")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
