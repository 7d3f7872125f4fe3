/**
 * The one error page of the app: 400, 403, 404, 429 and 500 in the user's language, never a stack trace.
 * Routes with params render it from their ErrorBoundary; the root renders it inside the layout.
 */
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const KNOWN: Record<number, { title: string; text: string }> = {
  400: { title: "errors.badRequestTitle", text: "errors.badRequestText" },
  403: { title: "errors.forbiddenTitle", text: "errors.forbiddenText" },
  404: { title: "errors.notFoundTitle", text: "errors.notFoundText" },
  429: { title: "errors.tooManyTitle", text: "errors.tooManyText" },
};

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
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
