/**
 * /dev/mailbox: the emails in the outbox, newest first, optionally only those to one address (?to=). For
 * development and the e2e tests: a 404 in production unless DEV_MAILBOX=true.
 */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listMailbox, requireDevMailbox } from "~/domain/notifications/mailbox.server";
import { DEFAULT_LOCALE, intlLocale, isLocale, resources } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { TIME_ZONE } from "~/utils/format";

const STATUS_LABELS = {
  pending: "mailbox.statusPending",
  sent: "mailbox.statusSent",
  failed: "mailbox.statusFailed",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  requireDevMailbox();
  const locale = await getLocale(request);
  // recipients are stored trimmed and lower-cased, as the accounts code normalises them
  const to = new URL(request.url).searchParams.get("to")?.trim().toLowerCase().slice(0, 254) ?? "";
  const messages = await listMailbox({ to: to || undefined });
  const time = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "short", timeStyle: "medium", timeZone: TIME_ZONE });
  return {
    title: getFixedT(locale)("mailbox.title"),
    to,
    messages: messages.map((message) => ({
      id: message.id,
      recipient: message.recipient,
      subject: message.subject,
      status: message.status,
      createdAt: message.created_at.toISOString(),
      time: time.format(message.created_at),
    })),
  };
}

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  if (data) return [{ title: `${data.title} – Mitenand` }];
  const rootData = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  const t = resources[isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE].translation;
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return [{ title: `${notFound ? t.errors.notFoundTitle : t.errors.title} – Mitenand` }];
};

export default function Mailbox() {
  const { to, messages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="mailbox-title">
      <h1 id="mailbox-title">{t("mailbox.title")}</h1>
      <p className="muted">{t("mailbox.intro")}</p>

      <Form method="get" className="card">
        <p>
          <label htmlFor="mailbox-to">{t("mailbox.filterLabel")}</label>{" "}
          <input key={to} id="mailbox-to" name="to" type="email" autoComplete="off" defaultValue={to} />{" "}
          <button type="submit" className="button">
            {t("mailbox.filterSubmit")}
          </button>
        </p>
      </Form>

      {to ? (
        <p>
          {t("mailbox.filteredBy", { to })} <Link to="/dev/mailbox">{t("mailbox.showAll")}</Link>
        </p>
      ) : null}

      {messages.length === 0 ? (
        <p>{t("mailbox.empty")}</p>
      ) : (
        <table>
          <caption>{t("mailbox.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("mailbox.recipient")}</th>
              <th scope="col">{t("mailbox.subject")}</th>
              <th scope="col">{t("mailbox.time")}</th>
              <th scope="col">{t("mailbox.status")}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id} data-testid="mailbox-message">
                <td>{message.recipient}</td>
                <td>
                  <Link to={`/dev/mailbox/${message.id}`}>{message.subject}</Link>
                </td>
                <td>
                  <time dateTime={message.createdAt}>{message.time}</time>
                </td>
                <td>{t(STATUS_LABELS[message.status])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
