/** /orgs/:slug/manage/opportunities/new: a new opportunity of the organisation, saved as a draft. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { I18nHandle } from "~/i18n/namespaces";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ManageHeader } from "~/components/organisations/manage-header";
import { organisationMeta } from "~/components/organisations/meta";
import { OpportunityForm } from "~/components/organisations/opportunity-form";
import { createOpportunity } from "~/domain/opportunities/editing.server";
import { opportunityFormAction } from "~/domain/opportunities/form-action.server";
import { loadFormReference } from "~/domain/opportunities/form-reference.server";
import { DEFAULT_SHIFT_ROWS } from "~/domain/opportunities/opportunity-input";
import { requireOrganisationAccess } from "~/domain/organisations/access.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { forbidden } from "~/utils/http";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, user, role } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const locale = await getLocale(request);
  const { categories, gemeinden } = await loadFormReference(locale);
  return {
    title: `${getFixedT(locale)("opportunityForm.newTitle")}: ${organisation.name}`,
    role,
    organisation: { slug: organisation.slug, name: organisation.name },
    reference: { categories, gemeinden },
    // sensible starting points: the organisation's Gemeinde, the person filling in the form as contact
    values: {
      bfsNr: String(organisation.bfs_nr),
      locationMode: "on_site",
      scheduleKind: "one_off",
      contactName: user.displayName,
      contactEmail: user.email,
    } as Record<string, string | string[]>,
  };
}

export const meta: MetaFunction<typeof loader> = organisationMeta;

// the texts this page needs in the browser (app/i18n/namespaces.ts); field errors come as keys of these sections
export const handle: I18nHandle = { i18n: ["opportunityForm", "signups.settings", "orgManage.nav", "org.list", "certificate.org", "validation", "auth.honeypot", "walkthrough.gemeindeFilter"] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const locale = await getLocale(request);
  return opportunityFormAction(request, {
    locale,
    save: async (input) => {
      const created = await createOpportunity({ orgId: organisation.id, actor: user, input, ip: clientIp(context) });
      if (!created) forbidden();
      return redirectWithToast(`/orgs/${organisation.slug}/manage/opportunities/${created.id}/preview`, { key: "toast.opportunityCreated", type: "success" });
    },
  });
}

export default function NewOpportunity() {
  const { organisation, role, reference, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title">
      <ManageHeader organisation={organisation} role={role} title={t("opportunityForm.newTitle")} />
      <p className="muted">{t("opportunityForm.intro")}</p>
      <OpportunityForm
        values={actionData?.values ?? values}
        errors={actionData?.errors}
        rowCount={actionData?.rowCount ?? DEFAULT_SHIFT_ROWS}
        reference={reference}
        submitLabel={t("opportunityForm.saveDraft")}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
