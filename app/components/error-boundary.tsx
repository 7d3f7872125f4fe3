/**
 * The one error page of the app: 400, 403, 404, 429, 500 and the 503 of a database outage in the user's
 * language, never a stack trace. Routes with params render it from their ErrorBoundary; the root renders it
 * inside the layout.
 */
import { isRouteErrorResponse, Link, useLocation, useRouteError } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { OUTAGE_NOT_SAVED } from "./outage";

const KNOWN: Record<number, { title: string; text: string }> = {
  400: { title: "errors.badRequestTitle", text: "errors.badRequestText" },
  403: { title: "errors.forbiddenTitle", text: "errors.forbiddenText" },
  404: { title: "errors.notFoundTitle", text: "errors.notFoundText" },
  429: { title: "errors.tooManyTitle", text: "errors.tooManyText" },
};

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const location = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 503) {
    const notSaved = isRouteErrorResponse(error) && error.data === OUTAGE_NOT_SAVED;
    return (
      <section className="error-page" aria-labelledby="error-title">
        <p className="error-page__status">{status}</p>
        <h1 id="error-title">{t("outage.title")}</h1>
        {notSaved ? <p role="alert">{t("outage.notSaved")}</p> : null}
        <p>{t("outage.text")}</p>
        <p>
          {/* a plain link: a GET of the page, never a resubmission */}
          <a href={`${location.pathname}${location.search}`}>{t("outage.retry")}</a>
        </p>
      </section>
    );
  }
  const known = KNOWN[status] ?? { title: "errors.serverTitle", text: "errors.serverText" };
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__status">{status}</p>
      <h1 id="error-title">{t(known.title)}</h1>
      <p>{t(known.text)}</p>
      <p>
        <Link to="/">{t("errors.backHome")}</Link>
      </p>
    </section>
  );
}
