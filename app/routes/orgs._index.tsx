/** /orgs: the organisations the signed-in user belongs to, and the way to create one. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { organisationMeta } from "~/components/organisations/meta";
import { requireUser } from "~/domain/auth/permissions.server";
import { listMyOrganisations } from "~/domain/organisations/organisations.server";
import { DASHBOARD_STATUS_ORDER } from "~/domain/opportunities/status";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import type { I18nHandle } from "~/i18n/namespaces";

// the texts this page needs in the browser (app/i18n/namespaces.ts)
export const handle: I18nHandle = { i18n: ["org", "orgManage"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const organisations = await listMyOrganisations({ userId: user.id });
  return { title: getFixedT(locale)("org.list.title"), organisations };
}

export const meta: MetaFunction<typeof loader> = organisationMeta;

export default function MyOrganisations() {
  const { organisations } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="orgs-title">
      <div className="section-head">
        <h1 id="orgs-title">{t("org.list.title")}</h1>
        <Link to="/orgs/new" className="button">
          {t("org.list.create")}
        </Link>
      </div>
      {organisations.length === 0 ? (
        <p>{t("org.list.empty")}</p>
      ) : (
        <ul className="org-list">
          {organisations.map((org) => (
            <li key={org.id} className="card org-card">
              <h2 className="org-card__title">
                <Link to={`/orgs/${org.slug}/manage`}>{org.name}</Link>
              </h2>
              <p className="muted small">
                {t(`org.kinds.${org.kind}`)} · {org.gemeindeName} · {t("org.list.role", { role: t(`orgManage.roles.${org.role}`) })}
              </p>
              <ul className="status-counts" aria-label={t("org.list.countsLabel")}>
                {DASHBOARD_STATUS_ORDER.filter((status) => org.counts[status]).map((status) => (
                  <li key={status}>
                    <span className={`status-badge status-badge--${status}`}>{t(`orgManage.status.${status}`)}</span> {org.counts[status]}
                  </li>
                ))}
              </ul>
              <p className="org-card__links">
                <Link to={`/orgs/${org.slug}/manage`}>{t("org.list.manage")}</Link>
                <Link to={`/orgs/${org.slug}`}>{t("org.list.publicProfile")}</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
