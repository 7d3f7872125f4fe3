/**
 * /privacy: the privacy notice under the revised Swiss Data Protection Act (DSG, in force since 1 September 2023).
 * It describes what the code actually stores and for how long; change it together with the code. The controller's
 * details are demo placeholders.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DEFAULT_LOCALE, resources, type Locale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import type { I18nHandle } from "~/i18n/namespaces";

// the texts this page needs in the browser (app/i18n/namespaces.ts)
export const handle: I18nHandle = { i18n: ["privacy"] };

const DATA = ["account", "roles", "sessions", "audit", "emails", "tokens", "rateLimits", "coming"] as const;
const PURPOSES = ["account", "matching", "email", "security", "statistics"] as const;
const LEGAL = ["service", "public", "security", "consent"] as const;
const RECIPIENTS = ["organisations", "coordinators", "emailProvider", "hosting", "authorities"] as const;
const RETENTION = ["account", "sessions", "audit", "emails", "tokens", "rateLimits", "deleted"] as const;
// the names are what the browser shows; over https the session cookie carries the __Host- prefix
const COOKIES = [
  { name: "__Host-mitenand_session", key: "session" },
  { name: "lng", key: "language" },
  { name: "toast", key: "toast" },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getFixedT(await getLocale(request));
  return { title: t("privacy.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  // an error page has no loader data: its title still follows the visitor's language (from the root loader)
  const locale = (matches[0]?.data as { locale?: Locale } | undefined)?.locale ?? DEFAULT_LOCALE;
  return [{ title: `${loaderData?.title ?? resources[locale].translation.privacy.title} – Mitenand` }];
};

export default function Privacy() {
  const { t } = useTranslation();
  return (
    <article className="prose">
      <h1>{t("privacy.title")}</h1>
      <p className="muted">{t("privacy.updated")}</p>
      <p className="alert alert--info">{t("privacy.demoNotice")}</p>
      <p>{t("privacy.intro")}</p>

      <h2>{t("privacy.controllerTitle")}</h2>
      <p>{t("privacy.controllerText")}</p>
      <address>
        {t("privacy.controllerName")}
        <br />
        {t("privacy.controllerStreet")}
        <br />
        {t("privacy.controllerCity")}
        <br />
        {t("privacy.controllerEmail")}
      </address>

      <h2>{t("privacy.dataTitle")}</h2>
      <ul>
        {DATA.map((item) => (
          <li key={item}>{t(`privacy.data.${item}`)}</li>
        ))}
      </ul>

      <h2>{t("privacy.purposesTitle")}</h2>
      <ul>
        {PURPOSES.map((item) => (
          <li key={item}>{t(`privacy.purposes.${item}`)}</li>
        ))}
      </ul>
      <p>{t("privacy.purposesNot")}</p>

      <h2>{t("privacy.legalTitle")}</h2>
      <ul>
        {LEGAL.map((item) => (
          <li key={item}>{t(`privacy.legal.${item}`)}</li>
        ))}
      </ul>

      <h2>{t("privacy.recipientsTitle")}</h2>
      <p>{t("privacy.recipientsIntro")}</p>
      <ul>
        {RECIPIENTS.map((item) => (
          <li key={item}>{t(`privacy.recipients.${item}`)}</li>
        ))}
      </ul>

      <h2>{t("privacy.locationTitle")}</h2>
      <p>{t("privacy.locationText")}</p>
      <p>{t("privacy.locationNoTrackers")}</p>

      <h2>{t("privacy.retentionTitle")}</h2>
      <ul>
        {RETENTION.map((item) => (
          <li key={item}>{t(`privacy.retention.${item}`)}</li>
        ))}
      </ul>

      <h2>{t("privacy.cookiesTitle")}</h2>
      <p>{t("privacy.cookiesIntro")}</p>
      <ul>
        {COOKIES.map((cookie) => (
          <li key={cookie.key}>
            <code>{cookie.name}</code>: {t(`privacy.cookies.${cookie.key}`)}
          </li>
        ))}
      </ul>

      <h2>{t("privacy.securityTitle")}</h2>
      <p>{t("privacy.securityText")}</p>

      <h2>{t("privacy.decisionsTitle")}</h2>
      <p>{t("privacy.decisionsText")}</p>

      <h2>{t("privacy.rightsTitle")}</h2>
      <p>{t("privacy.rightsIntro")}</p>
      <ul>
        <li>
          {t("privacy.rights.access")} <Link to="/me/export">{t("privacy.rights.accessLink")}</Link>
        </li>
        <li>{t("privacy.rights.portability")}</li>
        <li>
          {t("privacy.rights.correction")} <Link to="/me/account">{t("privacy.rights.correctionLink")}</Link>
        </li>
        <li>
          {t("privacy.rights.deletion")} <Link to="/me/delete">{t("privacy.rights.deletionLink")}</Link>
        </li>
        <li>{t("privacy.rights.objection")}</li>
        <li>
          {t("privacy.rights.complaint")}{" "}
          <a href="https://www.edoeb.admin.ch" rel="noopener noreferrer">
            {t("privacy.rights.complaintLink")}
          </a>
        </li>
      </ul>

      <h2>{t("privacy.contactTitle")}</h2>
      <p>{t("privacy.contactText")}</p>

      <h2>{t("privacy.changesTitle")}</h2>
      <p>{t("privacy.changesText")}</p>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
