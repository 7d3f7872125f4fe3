/** The landing page: what Mitenand is, and the latest published opportunities. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { countPublished, listLatestPublished } from "~/domain/opportunities/listing.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formatDate } from "~/utils/format";
import type { I18nHandle } from "~/i18n/namespaces";

// the texts this page needs in the browser (app/i18n/namespaces.ts)
export const handle: I18nHandle = { i18n: ["app.tagline", "landing", "search.viewAll", "walkthrough.landing"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const t = getFixedT(locale);
  const [opportunities, total] = await Promise.all([listLatestPublished({ locale, limit: 12 }), countPublished()]);
  return {
    locale,
    opportunities,
    total,
    meta: { title: t("landing.title"), description: t("landing.metaDescription") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.meta.title ?? "Mitenand" },
  { name: "description", content: data?.meta.description ?? "" },
];

/** the three audience cards and where each leads: volunteers search, organisations register, the RIF signs in */
const AUDIENCES = [
  { key: "forVolunteers", to: "/opportunities" },
  { key: "forOrganisations", to: "/orgs/new" },
  { key: "forCoordinators", to: "/login" },
] as const;

export default function Index() {
  const { opportunities, total, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t("landing.heroTitle")}</h1>
        <p className="hero__lead">{t("landing.heroText")}</p>
        {/* a plain GET form: the search page takes it from here, with or without JavaScript */}
        <Form method="get" action="/opportunities" role="search" className="hero-search" aria-label={t("walkthrough.landing.searchLabel")}>
          <label htmlFor="hero-q" className="visually-hidden">
            {t("walkthrough.landing.searchLabel")}
          </label>
          <input id="hero-q" type="search" name="q" placeholder={t("walkthrough.landing.searchPlaceholder")} />
          <button type="submit" className="button">
            {t("walkthrough.landing.searchSubmit")}
          </button>
        </Form>
      </section>

      <section className="audiences" aria-label={t("app.tagline")}>
        {AUDIENCES.map((audience) => (
          <div key={audience.key} className="card audience-card">
            <h2>
              <Link to={audience.to} className="audience-card__link">
                {t(`landing.${audience.key}`)}
              </Link>
            </h2>
            <p>{t(`landing.${audience.key}Text`)}</p>
            <p className="audience-card__cta" aria-hidden="true">
              {t(`walkthrough.landing.${audience.key}Cta`)} →
            </p>
          </div>
        ))}
      </section>

      <section aria-labelledby="latest-title" className="latest">
        <div className="section-head">
          <h2 id="latest-title">{t("landing.latestTitle")}</h2>
          <p className="muted" data-testid="published-count">
            {t("landing.opportunityCount", { count: total })}
          </p>
        </div>
        <p>
          <Link to="/opportunities" className="button button--ghost">
            {t("search.viewAll")}
          </Link>
        </p>
        {opportunities.length === 0 ? (
          <p>{t("landing.latestEmpty")}</p>
        ) : (
          <ul className="opportunity-list">
            {opportunities.map((o) => (
              <li key={o.id} className="card opportunity-card">
                <p className="tag">{o.categoryLabel}</p>
                <h3 className="opportunity-card__title">
                  <Link to={`/opportunities/${o.id}`}>{o.title}</Link>
                </h3>
                <p>{o.summary}</p>
                <dl className="facts">
                  <div>
                    <dt>{t("landing.by")}</dt>
                    <dd>{o.organisationName}</dd>
                  </div>
                  <div>
                    <dt>{t("landing.where")}</dt>
                    <dd>{o.gemeindeName}</dd>
                  </div>
                </dl>
                <p className="muted small">{t("landing.published", { date: formatDate(o.publishedAt, locale) })}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
