/** /orgs/:slug: an organisation's public profile with its published opportunities. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { VerifiedBadge } from "~/components/organisations/verified-badge";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { organisationMeta } from "~/components/organisations/meta";
import { Paragraphs } from "~/components/organisations/paragraphs";
import { getUser } from "~/domain/auth/permissions.server";
import { getPublicOrganisation } from "~/domain/organisations/organisations.server";
import { isMemberOf } from "~/domain/organisations/members.server";
import { getLocale } from "~/i18n/i18n.server";
import { formatDate } from "~/utils/format";
import { notFound } from "~/utils/http";
import type { I18nHandle } from "~/i18n/namespaces";

// the texts this page needs in the browser (app/i18n/namespaces.ts)
export const handle: I18nHandle = { i18n: ["org", "landing.published", "opportunity.verified"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const profile = await getPublicOrganisation({ slug: params.slug ?? "", locale });
  if (!profile) notFound();
  const user = await getUser(request);
  const canManage = user ? await isMemberOf({ orgId: profile.organisation.id, userId: user.id }) : false;
  return {
    title: profile.organisation.name,
    locale,
    canManage,
    organisation: { ...profile.organisation, verifiedAt: profile.organisation.verifiedAt?.toISOString() ?? null },
    opportunities: profile.opportunities,
  };
}

export const meta: MetaFunction<typeof loader> = (args) => [
  ...organisationMeta(args),
  ...(args.data ? [{ name: "description", content: args.data.organisation.description.slice(0, 160) }] : []),
];

export default function OrganisationProfile() {
  const { organisation: org, opportunities, canManage, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article className="org-profile" aria-labelledby="org-title">
      <header className="org-profile__head">
        <p className="tag">{t(`org.kinds.${org.kind}`)}</p>
        <h1 id="org-title">{org.name}</h1>
        {org.verifiedAt ? (
          <p>
            <VerifiedBadge />
          </p>
        ) : null}
        {canManage ? (
          <p>
            <Link to={`/orgs/${org.slug}/manage`} className="button button--ghost">
              {t("org.profile.manage")}
            </Link>
          </p>
        ) : null}
      </header>

      <div className="org-profile__body">
        <div className="prose">
          {org.description ? <Paragraphs text={org.description} /> : <p className="muted">{t("org.profile.noDescription")}</p>}
        </div>
        <aside className="card org-profile__facts" aria-labelledby="org-facts-title">
          <h2 id="org-facts-title">{t("org.profile.facts")}</h2>
          <dl className="facts">
            <div>
              <dt>{t("org.form.gemeinde")}</dt>
              <dd>{org.gemeindeName}</dd>
            </div>
            {org.website ? (
              <div>
                <dt>{t("org.form.website")}</dt>
                <dd>
                  <a href={org.website} rel="nofollow ugc noopener">
                    {org.website.replace(/^https?:\/\//, "").replace(/\/$/, "")}
                  </a>
                </dd>
              </div>
            ) : null}
            {org.contactEmail ? (
              <div>
                <dt>{t("org.form.contactEmail")}</dt>
                <dd>
                  <a href={`mailto:${org.contactEmail}`}>{org.contactEmail}</a>
                </dd>
              </div>
            ) : null}
            {org.contactPhone ? (
              <div>
                <dt>{t("org.form.contactPhone")}</dt>
                <dd>
                  <a href={`tel:${org.contactPhone.replace(/[^+0-9]/g, "")}`}>{org.contactPhone}</a>
                </dd>
              </div>
            ) : null}
          </dl>
        </aside>
      </div>

      <section aria-labelledby="org-opportunities-title" className="latest">
        <h2 id="org-opportunities-title">{t("org.profile.opportunities", { count: opportunities.length })}</h2>
        {opportunities.length === 0 ? (
          <p>{t("org.profile.noOpportunities")}</p>
        ) : (
          <ul className="opportunity-list">
            {opportunities.map((o) => (
              <li key={o.id} className="card opportunity-card">
                <p className="tag">{o.categoryLabel}</p>
                <h3 className="opportunity-card__title">
                  <Link to={`/opportunities/${o.id}`}>{o.title}</Link>
                </h3>
                <p>{o.summary}</p>
                <p className="muted small">
                  {o.gemeindeName} · {t("landing.published", { date: formatDate(o.publishedAt, locale) })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
