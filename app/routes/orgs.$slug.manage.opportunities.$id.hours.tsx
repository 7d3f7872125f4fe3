/**
 * /orgs/:slug/manage/opportunities/:id/hours — for the organisation: hours reported by volunteers of a flexible
 * engagement (confirm, possibly corrected, or reject; only confirmed hours count) and the opportunity's texts
 * for certificates (role and tasks, competencies gained; not listing text, so no moderation).
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { HoursReportsManageTable } from "~/components/certificates/hours-reports";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SubmitButton, useFieldErrorText } from "~/components/forms";
import { ManageHeader } from "~/components/organisations/manage-header";
import { organisationMeta } from "~/components/organisations/meta";
import { decideHoursSchema, parseCertificateForm } from "~/domain/certificates/forms.server";
import { decideHoursReport, listHoursReportsForOrganisation } from "~/domain/certificates/hours-reports.server";
import { CERTIFICATE_TEXT_MAX } from "~/domain/certificates/limits";
import { getCertificateTexts, saveCertificateTexts } from "~/domain/certificates/texts.server";
import { idParam, requireOrganisationAccess } from "~/domain/organisations/access.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError, type FieldErrors } from "~/utils/form-fields";
import { notFound } from "~/utils/http";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, user, role } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const opportunityId = idParam(params.id);
  const scope = { orgId: organisation.id, opportunityId, actor: user };
  const [texts, listed] = await Promise.all([getCertificateTexts(scope), listHoursReportsForOrganisation(scope)]);
  if (!texts || !listed) notFound();
  const t = getFixedT(await getLocale(request));
  return {
    title: t("hoursReports.manageTitle", { title: texts.title }),
    organisation: { slug: organisation.slug, name: organisation.name },
    role,
    flexible: texts.scheduleKind === "flexible",
    texts: { roleDescription: texts.roleDescription, competencies: texts.competencies },
    reports: listed.reports,
  };
}

export const meta: MetaFunction<typeof loader> = organisationMeta;

function failure(errors: FieldErrors, status: number) {
  return data({ errors }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const opportunityId = idParam(params.id);
  const parsed = parseCertificateForm(decideHoursSchema, await request.formData());
  if (!parsed.success) return failure(parsed.errors, 400);
  const input = parsed.data;
  const scope = { orgId: organisation.id, opportunityId, actor: user };
  const back = `/orgs/${organisation.slug}/manage/opportunities/${opportunityId}/hours`;
  if (input.intent === "certificate-texts") {
    const saved = await saveCertificateTexts({ ...scope, roleDescription: input.roleDescription, competencies: input.competencies });
    if (!saved.ok) notFound();
    return redirectWithToast(back, { key: "toast.certificateTextsSaved", type: "success" });
  }
  const result = await decideHoursReport({
    ...scope,
    reportId: input.reportId,
    decision: input.intent === "confirm-hours" ? "confirm" : "reject",
    hours: input.intent === "confirm-hours" && typeof input.hours === "number" ? input.hours : null,
  });
  if (!result.ok) {
    if (result.reason === "not_found") notFound();
    return failure(fieldError("form", "hoursReports.errors.alreadyDecided"), 409);
  }
  return redirectWithToast(back, { key: input.intent === "confirm-hours" ? "toast.hoursConfirmed" : "toast.hoursRejected", type: "success" });
}

export default function ManageHours() {
  const { organisation, role, title, flexible, texts, reports } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errorText = useFieldErrorText();
  const errors = actionData?.errors;
  return (
    <section aria-labelledby="page-title">
      <ManageHeader organisation={organisation} role={role} title={title} />
      <FormErrors errors={errors} />
      {flexible || reports.length > 0 ? (
        <section aria-labelledby="reports-title">
          <h2 id="reports-title">{t("hoursReports.listTitle")}</h2>
          <p className="muted">{t("hoursReports.manageIntro")}</p>
          <HoursReportsManageTable reports={reports} />
        </section>
      ) : null}
      <section aria-labelledby="texts-title" className="card">
        <h2 id="texts-title">{t("certificate.texts.title")}</h2>
        <p className="muted">{t("certificate.texts.intro")}</p>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="certificate-texts" />
          {(["roleDescription", "competencies"] as const).map((name) => {
            const label = name === "roleDescription" ? t("certificate.texts.role") : t("certificate.texts.competencies");
            const hint = name === "roleDescription" ? t("certificate.texts.roleHint") : t("certificate.texts.competenciesHint");
            const fieldErrors = errors?.[name];
            return (
              <div key={name} className={`field${fieldErrors ? " field--invalid" : ""}`}>
                <label htmlFor={`certificate-${name}`}>{label}</label>
                <p id={`certificate-${name}-hint`} className="field__hint">
                  {hint}
                </p>
                <textarea
                  id={`certificate-${name}`}
                  name={name}
                  rows={4}
                  maxLength={CERTIFICATE_TEXT_MAX}
                  defaultValue={texts[name]}
                  aria-invalid={fieldErrors ? true : undefined}
                  aria-describedby={`certificate-${name}-hint${fieldErrors ? ` certificate-${name}-error` : ""}`}
                />
                {fieldErrors ? (
                  <p id={`certificate-${name}-error`} className="field__error">
                    {fieldErrors.map(errorText).join(" ")}
                  </p>
                ) : null}
              </div>
            );
          })}
          <SubmitButton>{t("certificate.texts.submit")}</SubmitButton>
        </Form>
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
