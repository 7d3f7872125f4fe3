/**
 * /orgs/:slug/manage/opportunities/:id/matches: the volunteers who opted in to suggestions and fit this
 * published opportunity, best first — first name, Gemeinde and the reasons only (no email, no surname, no
 * age). For the organisation's editors and owners; any other opportunity (a draft, another organisation's) is
 * a 404. Invitations are not built yet.
 */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ManageHeader } from "~/components/organisations/manage-header";
import { formatReasons } from "~/domain/matching/explain.server";
import { matchVolunteers } from "~/domain/matching/reverse.server";
import { idParam, requireOrganisationAccess } from "~/domain/organisations/access.server";
import { DEFAULT_LOCALE, resources, type Locale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { notFound } from "~/utils/http";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, role } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const id = idParam(params.id);
  const result = await matchVolunteers({ opportunityId: id, organisationId: organisation.id });
  if (!result) notFound();
  const locale = await getLocale(request);
  return {
    title: getFixedT(locale)("matching.matches.metaTitle", { title: result.title }),
    role,
    organisation: { slug: organisation.slug, name: organisation.name },
    opportunity: { id, title: result.title },
    matches: result.matches.map((m) => ({
      firstName: m.firstName,
      gemeindeName: m.gemeindeName,
      onlineOnly: m.onlineOnly,
      score: m.score,
      reasons: formatReasons(m.reasons, locale, "organisation"),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  const locale = (matches[0]?.data as { locale?: Locale } | undefined)?.locale ?? DEFAULT_LOCALE;
  return [{ title: `${loaderData?.title ?? resources[locale].translation.matching.matches.title} – Mitenand` }];
};

// people's data: never cached
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export default function OpportunityMatches() {
  const { organisation, role, opportunity, matches } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title">
      <ManageHeader organisation={organisation} role={role} title={t("matching.matches.title")} />
      <p>{t("matching.matches.intro", { title: opportunity.title })}</p>
      {matches.length === 0 ? (
        <p className="card">{t("matching.matches.none")}</p>
      ) : (
        <ol className="recommendation-list">
          {matches.map((m, index) => (
            <li key={index} className="card recommendation" data-testid="volunteer-match">
              <h2 className="recommendation__title">{m.firstName}</h2>
              <p className="muted small">{m.gemeindeName ?? t("matching.matches.online")}</p>
              <p className="recommendation__score">
                <strong>{t("matching.matches.score", { score: m.score })}</strong>
              </p>
              {m.reasons.length > 0 ? (
                <ul className="reason-list" aria-label={t("matching.matches.reasonsLabel", { name: m.firstName })}>
                  {m.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <p>
        <Link to={`/orgs/${organisation.slug}/manage/opportunities/${opportunity.id}/preview`}>{t("matching.matches.back")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
