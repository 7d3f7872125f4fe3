/**
 * /orgs/:slug/manage/opportunities/:id/preview: the opportunity as volunteers will see it once it is published,
 * for its organisation only, in any status; with the next steps (edit, submit for review).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RowAction } from "~/components/organisations/fields";
import { ManageHeader } from "~/components/organisations/manage-header";
import { organisationMeta } from "~/components/organisations/meta";
import { OpportunityPreviewArticle } from "~/components/organisations/opportunity-preview";
import { getOpportunityForEditing } from "~/domain/opportunities/editing.server";
import { loadFormReference } from "~/domain/opportunities/form-reference.server";
import { toPreview } from "~/domain/opportunities/preview";
import { allowedActions } from "~/domain/opportunities/status";
import { idParam, requireOrganisationAccess } from "~/domain/organisations/access.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { notFound } from "~/utils/http";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, user, role } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const id = idParam(params.id);
  const found = await getOpportunityForEditing({ id, orgId: organisation.id, actor: user });
  if (!found) notFound();
  const locale = await getLocale(request);
  const { categories, gemeinden } = await loadFormReference(locale);
  const o = found.opportunity;
  return {
    title: `${getFixedT(locale)("opportunityForm.previewTitle")}: ${o.title}`,
    locale,
    role,
    organisation: { slug: organisation.slug, name: organisation.name },
    opportunity: { ...toPreview(o, { categories, gemeinden }), actions: allowedActions(o.status) },
    shifts: found.shifts.filter((s) => s.endsAt > new Date()).slice(0, 30),
    schedule: found.schedule,
  };
}

export const meta: MetaFunction<typeof loader> = organisationMeta;

export default function OpportunityPreview() {
  const { organisation, role, opportunity: o, shifts, schedule, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/orgs/${organisation.slug}/manage`;
  return (
    <section aria-labelledby="page-title">
      <ManageHeader organisation={organisation} role={role} title={t("opportunityForm.previewTitle")} />
      <div className="preview-bar card">
        <p>
          <span className={`status-badge status-badge--${o.status}`}>{t(`orgManage.status.${o.status}`)}</span> {t(`orgManage.statusHelp.${o.status}`)}
        </p>
        <div className="row-actions">
          {o.actions.includes("edit") ? (
            <Link to={`${base}/opportunities/${o.id}`} className="button button--ghost">
              {t("orgManage.actions.edit")}
            </Link>
          ) : null}
          {o.actions.includes("submit") ? (
            <RowAction intent="submit" idName="opportunityId" id={o.id} action={base} label={t("orgManage.actions.submit")} className="button" />
          ) : null}
          {o.status === "published" ? (
            <Link to={`${base}/opportunities/${o.id}/matches`} className="button button--ghost">
              {t("matching.matches.title")}
            </Link>
          ) : null}
          {o.actions.includes("withdraw") ? (
            <RowAction intent="withdraw" idName="opportunityId" id={o.id} action={base} label={t("orgManage.actions.withdraw")} className="button button--ghost" />
          ) : null}
        </div>
      </div>

      <OpportunityPreviewArticle opportunity={o} organisationName={organisation.name} shifts={shifts} schedule={schedule} locale={locale} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
