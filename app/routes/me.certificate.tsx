/**
 * /me/certificate — the volunteer's certificates (Einsatznachweis): choose organisations and a period, issue a
 * certificate of the confirmed hours in it (a PDF with a verification code), download or revoke issued ones.
 * A plain POST form (works without JavaScript); no confirmed hours in the choice → a message, nothing stored.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { CertificateList } from "~/components/certificates/certificate-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, SubmitButton, useFieldErrorText } from "~/components/forms";
import { requireUser } from "~/domain/auth/permissions.server";
import { certificateOrganisations, issueCertificate, listOwnCertificates, revokeOwnCertificate } from "~/domain/certificates/certificates.server";
import { certificateActionSchema, parseCertificateForm } from "~/domain/certificates/forms.server";
import { CERTIFICATE_MAX_PERIOD_DAYS, formatHours } from "~/domain/certificates/limits";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError, type FieldErrors } from "~/utils/form-fields";
import { notFound } from "~/utils/http";
import { redirectWithToast } from "~/utils/toast.server";
import { addDays, utcToZurichParts } from "~/utils/zurich-time";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const [organisations, certificates] = await Promise.all([certificateOrganisations({ userId: user.id }), listOwnCertificates({ userId: user.id })]);
  const today = utcToZurichParts(new Date()).date;
  return {
    title: getFixedT(locale)("certificate.page.title"),
    organisations,
    defaults: { from: addDays(today, -365), to: today },
    certificates: certificates.map((c) => ({
      id: c.id,
      code: c.code,
      periodFrom: c.periodFrom,
      periodTo: c.periodTo,
      totalHours: c.totalHours,
      organisations: c.organisations.map((o) => o.name),
      revoked: c.revokedAt !== null,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Mitenand"} – Mitenand` }];

function failure(errors: FieldErrors, status: number, values?: Record<string, string>) {
  return data({ errors, values: values ?? null }, { status });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseCertificateForm(certificateActionSchema, formData);
  if (!parsed.success) return failure(parsed.errors, 400, parsed.values);
  const input = parsed.data;
  if (input.intent === "revoke") {
    const result = await revokeOwnCertificate({ id: input.certificateId, userId: user.id });
    if (!result.ok) {
      if (result.reason === "not_found") notFound();
      return failure(fieldError("form", "certificate.errors.alreadyRevoked"), 409);
    }
    return redirectWithToast("/me/certificate", { key: "toast.certificateRevoked", type: "success" });
  }
  const values = { from: input.from, to: input.to };
  const today = utcToZurichParts(new Date()).date;
  if (input.to < input.from) return failure(fieldError("to", "certificate.errors.period"), 400, values);
  if (input.to > today) return failure(fieldError("to", "certificate.errors.futureEnd"), 400, values);
  if (addDays(input.from, CERTIFICATE_MAX_PERIOD_DAYS) < input.to) return failure(fieldError("from", "certificate.errors.periodTooLong"), 400, values);
  const locale = await getLocale(request);
  // only the volunteer's own hours are counted, so an organisation id they never worked for adds nothing
  const result = await issueCertificate({ volunteer: user, organisationIds: input.organisationId, from: input.from, to: input.to, locale });
  if (!result.ok) return failure(fieldError("form", "certificate.errors.noHours"), 400, values);
  return redirectWithToast("/me/certificate", { key: "toast.certificateIssued", type: "success" });
}

export default function MyCertificate() {
  const { title, organisations, defaults, certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const errorText = useFieldErrorText();
  const errors = actionData?.errors;
  const values = actionData?.values ?? null;
  return (
    <section aria-labelledby="page-title" className="form-page form-page--wide">
      <p>
        <Link to="/me/hours">← {t("certificate.page.hoursLink")}</Link>
      </p>
      <h1 id="page-title">{title}</h1>
      <p className="muted">{t("certificate.page.intro")}</p>
      <FormErrors errors={errors} />
      {organisations.length === 0 ? (
        <p>{t("certificate.page.none")}</p>
      ) : (
        <Form method="post" className="form card" noValidate>
          <input type="hidden" name="intent" value="issue" />
          <fieldset className={`field choice-group${errors?.organisationId ? " field--invalid" : ""}`} aria-describedby={errors?.organisationId ? "organisations-error" : undefined}>
            <legend>{t("certificate.page.organisations")}</legend>
            {organisations.map((o) => (
              <div key={o.id} className="field field--checkbox">
                <input id={`organisation-${o.id}`} type="checkbox" name="organisationId" value={o.id} defaultChecked />
                <label htmlFor={`organisation-${o.id}`}>{t("certificate.page.organisationOption", { name: o.name, hours: formatHours(o.hours, i18n.language) })}</label>
              </div>
            ))}
            {errors?.organisationId ? (
              <p id="organisations-error" className="field__error">
                {errors.organisationId.map(errorText).join(" ")}
              </p>
            ) : null}
          </fieldset>
          <div className="certificate-period">
            <Field name="from" type="date" label={t("certificate.page.from")} defaultValue={values?.from ?? defaults.from} errors={errors?.from} required />
            <Field name="to" type="date" label={t("certificate.page.to")} defaultValue={values?.to ?? defaults.to} errors={errors?.to} required />
          </div>
          <SubmitButton>{t("certificate.page.submit")}</SubmitButton>
        </Form>
      )}
      <h2>{t("certificate.page.issuedTitle")}</h2>
      <CertificateList certificates={certificates} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
