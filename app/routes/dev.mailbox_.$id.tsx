/**
 * /dev/mailbox/:id: one email of the outbox: subject, recipient, time and the text body with its links made
 * clickable. The HTML body is not shown (the CSP forbids inline styles, and the text carries the same links).
 * For development and the e2e tests: a 404 in production unless DEV_MAILBOX=true. The "_" after "mailbox" in
 * the file name keeps this page out of the list page's layout (a flat-routes rule); the URL has no "_".
 */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getMailboxMessage, requireDevMailbox } from "~/domain/notifications/mailbox.server";
import { DEFAULT_LOCALE, intlLocale, isLocale, resources } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { TIME_ZONE } from "~/utils/format";

const STATUS_LABELS = {
  pending: "mailbox.statusPending",
  sent: "mailbox.statusSent",
  failed: "mailbox.statusFailed",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireDevMailbox();
  if (!/^[1-9]\d{0,9}$/.test(params.id ?? "")) throw new Response("Not Found", { status: 404 });
  const message = await getMailboxMessage({ id: Number(params.id) });
  if (!message) throw new Response("Not Found", { status: 404 });
  const locale = await getLocale(request);
  const time = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "short", timeStyle: "medium", timeZone: TIME_ZONE });
  return {
    mailboxTitle: getFixedT(locale)("mailbox.title"),
    message: {
      id: message.id,
      recipient: message.recipient,
      subject: message.subject,
      text: message.text_body,
      template: message.template,
      status: message.status,
      attempts: message.attempts,
      lastError: message.last_error,
      createdAt: message.created_at.toISOString(),
      created: time.format(message.created_at),
      sentAt: message.sent_at ? time.format(message.sent_at) : null,
      // jsonb: an object from both drivers; a string only if a driver stops parsing it
      headers: Object.entries((typeof message.headers === "string" ? JSON.parse(message.headers) : message.headers) ?? {}) as [string, string][],
    },
  };
}

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  if (data) return [{ title: `${data.message.subject} – ${data.mailboxTitle} – Mitenand` }];
  const rootData = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  const t = resources[isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE].translation;
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return [{ title: `${notFound ? t.errors.notFoundTitle : t.errors.title} – Mitenand` }];
};

const URL_PATTERN = /https?:\/\/[^\s<>"'«»]+/g;

/** The text with every http(s) URL as a link; React escapes the rest. */
function linkify(text: string) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?)]+$/, "");
    parts.push(text.slice(last, match.index));
    parts.push(
      <a key={match.index} href={url}>
        {url}
      </a>,
    );
    last = match.index + url.length;
  }
  parts.push(text.slice(last));
  return parts;
}

export default function MailboxMessage() {
  const { message } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article aria-labelledby="message-subject">
      <p>
        <Link to="/dev/mailbox">{t("mailbox.back")}</Link>
      </p>
      <h1 id="message-subject">{message.subject}</h1>
      <h2 className="visually-hidden">{t("mailbox.details")}</h2>
      <dl className="facts">
        <div>
          <dt>{t("mailbox.to")}</dt>
          <dd data-testid="mailbox-to">{message.recipient}</dd>
        </div>
        <div>
          <dt>{t("mailbox.time")}</dt>
          <dd>
            <time dateTime={message.createdAt}>{message.created}</time>
          </dd>
        </div>
        <div>
          <dt>{t("mailbox.status")}</dt>
          <dd>{t(STATUS_LABELS[message.status])}</dd>
        </div>
        {message.sentAt ? (
          <div>
            <dt>{t("mailbox.sentAt")}</dt>
            <dd>{message.sentAt}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("mailbox.template")}</dt>
          <dd>{message.template}</dd>
        </div>
        <div>
          <dt>{t("mailbox.attempts")}</dt>
          <dd>{message.attempts}</dd>
        </div>
        {message.lastError ? (
          <div>
            <dt>{t("mailbox.lastError")}</dt>
            <dd>{message.lastError}</dd>
          </div>
        ) : null}
        {/* extra mail headers by their (technical, untranslated) names */}
        {message.headers.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd data-testid={`mailbox-header-${name.toLowerCase()}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <h2>{t("mailbox.body")}</h2>
      <pre data-testid="mailbox-body">{linkify(message.text)}</pre>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
