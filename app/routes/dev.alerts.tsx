/**
 * /dev/alerts: runs the saved-search digests now (the job otherwise runs hourly), for development and the e2e
 * tests — with PGlite the server process owns the database, so a test cannot run the job from outside. Exists
 * only where the dev mailbox does (outside production, or DEV_MAILBOX=true); everywhere else a 404.
 */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { runSavedSearchAlerts } from "~/domain/matching/saved-searches.server";
import { requireDevMailbox } from "~/domain/notifications/mailbox.server";
import { wakeEmailWorker } from "~/domain/notifications/outbox.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireDevMailbox();
  return { title: getFixedT(await getLocale(request))("savedSearches.devTitle") };
}

export async function action() {
  requireDevMailbox();
  const result = await runSavedSearchAlerts();
  wakeEmailWorker();
  return result;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? ""} – Mitenand` }, { name: "robots", content: "noindex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

export default function DevAlerts() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="dev-alerts-title">
      <h1 id="dev-alerts-title">{t("savedSearches.devTitle")}</h1>
      <p>{t("savedSearches.devIntro")}</p>
      <Form method="post">
        <button type="submit" className="button">
          {t("savedSearches.devRun")}
        </button>
      </Form>
      {result ? <p role="status">{t("savedSearches.devResult", result)}</p> : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
