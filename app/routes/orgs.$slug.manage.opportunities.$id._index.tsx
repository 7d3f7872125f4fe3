/**
 * /orgs/:slug/manage/opportunities/:id: edit a draft (or a draft sent back with change requests), or a published
 * listing: its edit goes to the RIF as a revision and the public keeps the approved version until it is
 * approved (schedule and places change at once). Another organisation's id, or one that does not exist, is a
 * 404; a submitted, rejected or archived one says it cannot be edited now.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { I18nHandle } from "~/i18n/namespaces";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ManageHeader } from "~/components/organisations/manage-header";
import { organisationMeta } from "~/components/organisations/meta";
import { OpportunityForm } from "~/components/organisations/opportunity-form";
import { getOpportunityForEditing, OpportunityStatusError, toFormValues, updateOpportunity } from "~/domain/opportunities/editing.server";
import { opportunityFormAction } from "~/domain/opportunities/form-action.server";
import { loadFormReference } from "~/domain/opportunities/form-reference.server";
import { shiftRowCount } from "~/domain/opportunities/opportunity-input";
import { canEdit, canRevise } from "~/domain/opportunities/status";
import { getOpenRevision, NotPublishedError, proposeRevision } from "~/domain/moderation/revisions.server";
import { idParam, requireOrganisationAccess } from "~/domain/organisations/access.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError } from "~/utils/form-fields";
import { notFound } from "~/utils/http";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, user, role } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const id = idParam(params.id);
  const found = await getOpportunityForEditing({ id, orgId: organisation.id, actor: user });
  if (!found) notFound();
  const locale = await getLocale(request);
  const { categories, gemeinden } = await loadFormReference(locale);
  // a published listing is edited as a revision: the form starts from the open revision, if there is one
  const revision = canRevise(found.opportunity.status) ? await getOpenRevision({ opportunityId: id }) : null;
  const values = toFormValues(revision ? { ...found, opportunity: { ...found.opportunity, ...revision, id, status: found.opportunity.status } } : found);
  return {
    title: `${getFixedT(locale)("opportunityForm.editTitle")}: ${found.opportunity.title}`,
    role,
    organisation: { slug: organisation.slug, name: organisation.name },
    opportunity: {
      id,
      title: found.opportunity.title,
      status: found.opportunity.status,
      editable: canEdit(found.opportunity.status) || canRevise(found.opportunity.status),
      revises: canRevise(found.opportunity.status),
    },
    reference: { categories, gemeinden },
    values,
    rowCount: shiftRowCount(values),
  };
}

export const meta: MetaFunction<typeof loader> = organisationMeta;

// the texts this page needs in the browser (app/i18n/namespaces.ts); field errors come as keys of these sections
export const handle: I18nHandle = { i18n: ["opportunityForm", "signups.settings", "orgManage.nav", "orgManage.status", "org.list", "moderation.note", "certificate.org", "validation", "auth.honeypot", "walkthrough.gemeindeFilter"] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const id = idParam(params.id);
  const locale = await getLocale(request);
  return opportunityFormAction(request, {
    locale,
    save: async (input) => {
      try {
        const current = await getOpportunityForEditing({ id, orgId: organisation.id, actor: user });
        if (!current) notFound();
        if (canRevise(current.opportunity.status)) {
          const proposed = await proposeRevision({ id, orgId: organisation.id, actor: user, input, ip: clientIp(context) });
          if (!proposed) notFound();
          return redirectWithToast(`/orgs/${organisation.slug}/manage/opportunities/${id}/preview`, {
            key: proposed.revisionPending ? "toast.revisionSubmitted" : "toast.opportunitySaved",
            type: "success",
          });
        }
        const updated = await updateOpportunity({ id, orgId: organisation.id, actor: user, input, ip: clientIp(context) });
        if (!updated) notFound();
      } catch (error) {
        if (error instanceof OpportunityStatusError || error instanceof NotPublishedError) return fieldError("form", "opportunityForm.errors.notEditable");
        throw error;
      }
      return redirectWithToast(`/orgs/${organisation.slug}/manage/opportunities/${id}/preview`, { key: "toast.opportunitySaved", type: "success" });
    },
  });
}

export default function EditOpportunity() {
  const { organisation, role, opportunity, reference, values, rowCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const base = `/orgs/${organisation.slug}/manage/opportunities/${opportunity.id}`;
  return (
    <section aria-labelledby="page-title">
      <ManageHeader organisation={organisation} role={role} title={t("opportunityForm.editTitle")} />
      <p>
        <span className={`status-badge status-badge--${opportunity.status}`}>{t(`orgManage.status.${opportunity.status}`)}</span>
      </p>
      {opportunity.revises ? (
        <p className="alert alert--info" role="status">
          {t("moderation.note.revisionExplained")}
        </p>
      ) : null}
      {opportunity.editable ? (
        <OpportunityForm
          values={actionData?.values ?? values}
          errors={actionData?.errors}
          rowCount={actionData?.rowCount ?? rowCount}
          reference={reference}
          submitLabel={t("opportunityForm.save")}
          previewUrl={`${base}/preview`}
        />
      ) : (
        <>
          <p className="alert alert--info" role="status">
            {t("opportunityForm.errors.notEditable")}
          </p>
          <p>
            <Link to={`${base}/preview`}>{t("opportunityForm.preview")}</Link>
          </p>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
