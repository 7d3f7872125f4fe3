/**
 * /me: the signed-in person's overview — the top 5 recommendations (or a friendly prompt to fill in the profile)
 * and links to the profile and the account. Other areas add their own links and pages under /me/….
 */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NoProfilePrompt, RecommendationList } from "~/components/matching/recommendation-list";
import { requireUser } from "~/domain/auth/permissions.server";
import { recommendationViews } from "~/domain/matching/explain.server";
import { recommendOpportunities } from "~/domain/matching/recommendations.server";
import { countPendingInvitations } from "~/domain/matching/invitations.server";
import { DEFAULT_LOCALE, resources, type Locale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";

const TOP = 5;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const [result, pendingInvitations] = await Promise.all([
    recommendOpportunities({ userId: user.id, pageSize: TOP, locale }),
    countPendingInvitations({ userId: user.id }),
  ]);
  return {
    title: getFixedT(locale)("matching.dashboard.title"),
    name: user.displayName,
    hasProfile: result.hasProfile,
    total: result.hasProfile ? result.total : 0,
    top: result.hasProfile ? recommendationViews(result.items, locale) : [],
    pendingInvitations,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  const locale = (matches[0]?.data as { locale?: Locale } | undefined)?.locale ?? DEFAULT_LOCALE;
  return [{ title: `${loaderData?.title ?? resources[locale].translation.matching.dashboard.title} – Mitenand` }];
};

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export default function Dashboard() {
  const { name, hasProfile, top, total, pendingInvitations } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="dashboard">
      <h1>{t("matching.dashboard.greeting", { name })}</h1>
      {pendingInvitations > 0 ? (
        <p className="card">
          <Link to="/me/invitations">{t("invitations.dashboardPending", { count: pendingInvitations })}</Link>
        </p>
      ) : null}
      <section aria-labelledby="top-title">
        <h2 id="top-title">{t("matching.dashboard.topTitle")}</h2>
        {hasProfile ? (
          <>
            {top.length > 0 ? <RecommendationList items={top} back="/me" headingLevel={3} /> : <p className="card">{t("matching.recommendations.empty")}</p>}
            <p>
              <Link to="/me/recommendations">{t("matching.dashboard.allRecommendations")}</Link>
              {total > 0 ? ` (${t("matching.recommendations.count", { count: total })})` : null}
            </p>
          </>
        ) : (
          <NoProfilePrompt />
        )}
      </section>
      <nav aria-labelledby="links-title" className="card">
        <h2 id="links-title">{t("matching.dashboard.linksTitle")}</h2>
        <ul className="plain-list">
          <li>
            <Link to="/me/signups">{t("signups.mine.title")}</Link>
          </li>
          <li>
            <Link to="/me/hours">{t("signups.hours.title")}</Link>
          </li>
          <li>
            <Link to="/me/certificate">{t("certificate.page.title")}</Link>
          </li>
          <li>
            <Link to="/me/profile">{t("matching.dashboard.profile")}</Link>
          </li>
          <li>
            <Link to="/me/invitations">{t("invitations.dashboardLink")}</Link>
          </li>
          <li>
            <Link to="/me/searches">{t("savedSearches.dashboardLink")}</Link>
          </li>
          <li>
            <Link to="/me/account">{t("matching.dashboard.account")}</Link>
          </li>
          <li>
            <Link to="/opportunities">{t("matching.dashboard.opportunities")}</Link>
          </li>
        </ul>
      </nav>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
