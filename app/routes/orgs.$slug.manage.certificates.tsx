/**
 * /orgs/:slug/manage/certificates — for owners: the certificates that name the organisation (its part only),
 * with revoke; a revoked certificate verifies as "revoked".
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { RevokeCertificateForm } from "~/components/certificates/certificate-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { ManageHeader } from "~/components/organisations/manage-header";
import { organisationMeta } from "~/components/organisations/meta";
import { listCertificatesForOrganisation, revokeCertificateAsOrganisation } from "~/domain/certificates/certificates.server";
import { orgCertificateActionSchema, parseCertificateForm } from "~/domain/certificates/forms.server";
import { formatCalendarDate, formatCertificateCode, formatHours } from "~/domain/certificates/limits";
import { requireOrganisationAccess } from "~/domain/organisations/access.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError } from "~/utils/form-fields";
import { forbidden, notFound } from "~/utils/http";
import { redirectWithToast } from "~/utils/toast.server";
import { utcToZurichParts } from "~/utils/zurich-time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, user, role } = await requireOrganisationAccess(request, { slug: params.slug, role: "owner" });
  const certificates = await listCertificatesForOrganisation({ orgId: organisation.id, actor: user });
  if (!certificates) forbidden();
  const t = getFixedT(await getLocale(request));
  return {
    title: t("certificate.org.title"),
    organisation: { slug: organisation.slug, name: organisation.name },
    role,
    certificates: certificates.map((c) => ({
      id: c.id,
      code: c.code,
      volunteerName: c.volunteerName,
      periodFrom: c.periodFrom,
      periodTo: c.periodTo,
      hours: c.organisations.reduce((sum, o) => sum + o.hours, 0),
      issuedOn: utcToZurichParts(c.issuedAt).date,
      revoked: c.revokedAt !== null,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = organisationMeta;

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, { slug: params.slug, role: "owner" });
  const parsed = parseCertificateForm(orgCertificateActionSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors }, { status: 400 });
  const result = await revokeCertificateAsOrganisation({ orgId: organisation.id, actor: user, certificateId: parsed.data.certificateId });
  if (!result.ok) {
    if (result.reason === "not_found") notFound();
    return data({ errors: fieldError("form", "certificate.errors.alreadyRevoked") }, { status: 409 });
  }
  return redirectWithToast(`/orgs/${organisation.slug}/manage/certificates`, { key: "toast.certificateRevoked", type: "success" });
}

export default function OrganisationCertificates() {
  const { organisation, role, title, certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const date = (d: string) => formatCalendarDate(d, i18n.language);
  return (
    <section aria-labelledby="page-title">
      <ManageHeader organisation={organisation} role={role} title={title} />
      <FormErrors errors={actionData?.errors} />
      <p className="muted">{t("certificate.org.intro")}</p>
      {certificates.length === 0 ? (
        <p>{t("certificate.org.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("certificate.org.volunteer")}</th>
                <th scope="col">{t("certificate.page.period")}</th>
                <th scope="col">{t("certificate.page.hours")}</th>
                <th scope="col">{t("certificate.org.issued")}</th>
                <th scope="col">{t("certificate.page.code")}</th>
                <th scope="col">{t("certificate.page.state")}</th>
              </tr>
            </thead>
            <tbody>
              {certificates.map((c) => {
                const code = formatCertificateCode(c.code);
                return (
                  <tr key={c.id} data-testid="org-certificate">
                    <td>{c.volunteerName}</td>
                    <td>
                      {date(c.periodFrom)} – {date(c.periodTo)}
                    </td>
                    <td>{formatHours(c.hours, i18n.language)}</td>
                    <td>{date(c.issuedOn)}</td>
                    <td>
                      <code>{code}</code>
                    </td>
                    <td>
                      {c.revoked ? (
                        t("certificate.page.revoked")
                      ) : (
                        <RevokeCertificateForm id={c.id} code={code} />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
