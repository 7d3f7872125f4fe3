/** /orgs/new: a verified user creates an organisation and becomes its owner. */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { I18nHandle } from "~/i18n/namespaces";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { organisationMeta } from "~/components/organisations/meta";
import { OrganisationForm } from "~/components/organisations/organisation-form";
import { requireUser } from "~/domain/auth/permissions.server";
import { loadFormReference } from "~/domain/opportunities/form-reference.server";
import { organisationInputSchema } from "~/domain/organisations/organisation-input.server";
import { createOrganisation } from "~/domain/organisations/organisations.server";
import { parseFormWithKeys } from "~/domain/organisations/parse-form.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError } from "~/utils/form-fields";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const { gemeinden } = await loadFormReference(locale);
  return { title: getFixedT(locale)("org.new.title"), verified: user.emailVerified, gemeinden };
}

export const meta: MetaFunction<typeof loader> = organisationMeta;

// the texts this page needs in the browser (app/i18n/namespaces.ts); field errors come as keys of these sections
export const handle: I18nHandle = { i18n: ["org.new", "org.form", "org.kinds", "org.errors", "org.list", "validation", "auth.honeypot", "walkthrough.gemeindeFilter"] };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (!user.emailVerified) {
    return data({ errors: fieldError("form", "org.new.unverified"), values: {} as Record<string, string> }, { status: 403 });
  }
  const { bfsNumbers } = await loadFormReference(await getLocale(request));
  const result = parseFormWithKeys(organisationInputSchema({ bfsNumbers }), formData);
  if (!result.success) return data({ errors: result.errors, values: result.values }, { status: 400 });
  const organisation = await createOrganisation({ actor: user, input: result.data, ip: clientIp(context) });
  return redirectWithToast(`/orgs/${organisation.slug}/manage`, { key: "toast.organisationCreated", type: "success" });
}

export default function NewOrganisation() {
  const { verified, gemeinden } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="form-page form-page--wide" aria-labelledby="org-new-title">
      <p className="breadcrumb">
        <Link to="/orgs">{t("org.list.title")}</Link>
      </p>
      <h1 id="org-new-title">{t("org.new.title")}</h1>
      {verified ? (
        <>
          <p>{t("org.new.intro")}</p>
          <OrganisationForm values={actionData?.values ?? {}} errors={actionData?.errors} gemeinden={gemeinden} submitLabel={t("org.new.submit")} />
        </>
      ) : (
        <p className="alert alert--info" role="status">
          {t("org.new.unverified")}
        </p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
