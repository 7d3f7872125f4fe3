/**
 * /me/welcome: the first-run prompt a volunteer without a profile sees after logging in (see login.tsx): a few
 * words on why a profile helps, a link to /me/profile, and "Später" (a POST that stops the prompt). Once a
 * profile exists, the page sends people on to /me.
 */
import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/domain/auth/permissions.server";
import { dismissFirstRunPrompt } from "~/domain/matching/first-run.server";
import { getVolunteerProfile } from "~/domain/matching/profile.server";
import { DEFAULT_LOCALE, resources, type Locale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (await getVolunteerProfile({ userId: user.id })) throw redirect("/me");
  return { title: getFixedT(await getLocale(request))("firstRun.title"), name: user.displayName };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await dismissFirstRunPrompt({ userId: user.id });
  return redirectWithToast("/", { key: "toast.firstRunLater", type: "info" });
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  const locale = (matches[0]?.data as { locale?: Locale } | undefined)?.locale ?? DEFAULT_LOCALE;
  return [{ title: `${loaderData?.title ?? resources[locale].translation.firstRun.title} – Mitenand` }];
};

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export default function Welcome() {
  useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="welcome-title" className="first-run card">
      <h1 id="welcome-title">{t("firstRun.title")}</h1>
      <p>{t("firstRun.intro")}</p>
      <p className="muted small">{t("firstRun.optional")}</p>
      <div className="first-run__actions">
        <Link to="/me/profile" className="button">
          {t("firstRun.fill")}
        </Link>
        <Form method="post">
          <button type="submit" className="button button--ghost">
            {t("firstRun.later")}
          </button>
        </Form>
      </div>
      <p>
        <Link to="/opportunities">{t("firstRun.browse")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
