/** /orgs/:slug/manage/profile: owners edit the organisation's public profile. */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { I18nHandle } from "~/i18n/namespaces";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ManageHeader } from "~/components/organisations/manage-header";
import { organisationMeta } from "~/components/organisations/meta";
import { OrganisationForm } from "~/components/organisations/organisation-form";
import { loadFormReference } from "~/domain/opportunities/form-reference.server";
import { requireOrganisationAccess } from "~/domain/organisations/access.server";
import { organisationInputSchema } from "~/domain/organisations/organisation-input.server";
import { updateOrganisation } from "~/domain/organisations/organisations.server";
import { parseFormWithKeys } from "~/domain/organisations/parse-form.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { forbidden } from "~/utils/http";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, role } = await requireOrganisationAccess(request, { slug: params.slug, role: "owner" });
  const locale = await getLocale(request);
  const { gemeinden } = await loadFormReference(locale);
  return {
    title: `${getFixedT(locale)("orgManage.profile.title")}: ${organisation.name}`,
    role,
    organisation: { slug: organisation.slug, name: organisation.name },
    gemeinden,
    values: {
      name: organisation.name,
      kind: organisation.kind,
      bfsNr: String(organisation.bfs_nr),
      description: organisation.description,
      website: organisation.website ?? "",
      contactEmail: organisation.contact_email ?? "",
      contactPhone: organisation.contact_phone ?? "",
    } as Record<string, string>,
  };
}

export const meta: MetaFunction<typeof loader> = organisationMeta;

// the texts this page needs in the browser (app/i18n/namespaces.ts); field errors come as keys of these sections
export const handle: I18nHandle = { i18n: ["org.form", "org.kinds", "org.errors", "org.list", "orgManage.nav", "orgManage.profile", "certificate.org", "validation", "auth.honeypot", "walkthrough.gemeindeFilter"] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, { slug: params.slug, role: "owner" });
  const { bfsNumbers } = await loadFormReference(await getLocale(request));
  const result = parseFormWithKeys(organisationInputSchema({ bfsNumbers }), await request.formData());
  if (!result.success) return data({ errors: result.errors, values: result.values }, { status: 400 });
  const updated = await updateOrganisation({ orgId: organisation.id, actor: user, input: result.data, ip: clientIp(context) });
  if (!updated) forbidden();
  return redirectWithToast(`/orgs/${organisation.slug}/manage/profile`, { key: "toast.organisationSaved", type: "success" });
}

export default function OrganisationProfileEdit() {
  const { organisation, role, gemeinden, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title">
      <ManageHeader organisation={organisation} role={role} />
      <h2>{t("orgManage.profile.title")}</h2>
      <p className="muted">{t("orgManage.profile.intro")}</p>
      <OrganisationForm values={actionData?.values ?? values} errors={actionData?.errors} gemeinden={gemeinden} submitLabel={t("orgManage.profile.submit")} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
