/**
 * /me/delete: deletes the signed-in person's account after they confirm with their password. Says first what
 * goes and what stays (anonymised), and offers the export.
 */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { CheckboxField, Field, FormErrors, SubmitButton } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { deleteAccount } from "~/domain/auth/accounts.server";
import { archiveOrganisation, listSolelyOwnedOrganisations } from "~/domain/organisations/organisations.server";
import { currentPasswordField } from "~/domain/auth/password-rules.server";
import { requireUser } from "~/domain/auth/permissions.server";
import { tooManyRequests } from "~/domain/auth/rate-limit.server";
import { serializeBlankSessionCookie } from "~/domain/auth/session.server";
import { DEFAULT_LOCALE, resources, type Locale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError } from "~/utils/form-fields";
import { parseForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

const deleteSchema = z.object({
  intent: z.literal("delete").default("delete"),
  password: currentPasswordField,
  confirm: z.literal("on", { error: "validation.required" }),
});

const archiveSchema = z.object({
  intent: z.literal("archive_organisation"),
  organisationId: z.coerce.number().int().positive(),
  confirm: z.literal("on", { error: "deleteAccount.archiveConfirmRequired" }),
});

const DELETED = ["account", "sessions", "memberships", "emails", "ips"] as const;
const KEPT = ["stub", "log", "notice"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const t = getFixedT(await getLocale(request));
  return { title: t("deleteAccount.title"), soleOwnerOf: await listSolelyOwnedOrganisations({ userId: user.id }) };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  // an error page has no loader data: its title still follows the visitor's language (from the root loader)
  const locale = (matches[0]?.data as { locale?: Locale } | undefined)?.locale ?? DEFAULT_LOCALE;
  return [{ title: `${loaderData?.title ?? resources[locale].translation.deleteAccount.title} – Mitenand` }];
};

// personal page: never cached; a 429 keeps its Retry-After
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const result = new Headers({ "Cache-Control": "private, no-store" });
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) result.set("Retry-After", retryAfter);
  return result;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "archive_organisation") {
    const result = parseForm(archiveSchema, formData);
    if (!result.success) return data({ errors: result.errors, organisationId: Number(formData.get("organisationId")) || null }, { status: 400 });
    const archived = await archiveOrganisation({ orgId: result.data.organisationId, actor: user, ip: clientIp(context) });
    if (!archived) {
      return data({ errors: fieldError("confirm", "deleteAccount.archiveNotAllowed"), organisationId: result.data.organisationId }, { status: 403 });
    }
    return redirectWithToast("/me/delete", { key: "toast.organisationArchived", type: "success" });
  }
  const result = parseForm(deleteSchema, formData);
  if (!result.success) {
    // the unticked box gets a message that says what it is about
    const errors = result.errors.confirm ? { ...result.errors, ...fieldError("confirm", "deleteAccount.confirmRequired") } : result.errors;
    return data({ errors, organisationId: null }, { status: 400 });
  }
  const outcome = await deleteAccount({ userId: user.id, password: result.data.password, ip: clientIp(context) });
  if (!outcome.ok) {
    if (outcome.reason === "rate_limited") tooManyRequests(outcome.retryAfterSeconds);
    if (outcome.reason === "sole_owner") {
      const names = outcome.organisations.map((o) => `«${o.name}»`).join(", ");
      return data({ errors: fieldError("form", "deleteAccount.soleOwner", { names }), organisationId: null }, { status: 409 });
    }
    return data({ errors: fieldError("password", "validation.passwordWrong"), organisationId: null }, { status: 400 });
  }
  return redirectWithToast("/", { key: "toast.accountDeleted", type: "info" }, { headers: { "Set-Cookie": serializeBlankSessionCookie() } });
}

export default function DeleteAccount() {
  const { t } = useTranslation();
  const { soleOwnerOf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const archiveFailedFor = actionData?.organisationId ?? null;
  const errors = archiveFailedFor ? undefined : actionData?.errors;
  return (
    <div className="form-page">
      <h1>{t("deleteAccount.title")}</h1>
      <p>{t("deleteAccount.intro")}</p>
      <h2>{t("deleteAccount.deletedTitle")}</h2>
      <ul>
        {DELETED.map((item) => (
          <li key={item}>{t(`deleteAccount.deleted.${item}`)}</li>
        ))}
      </ul>
      <h2>{t("deleteAccount.keptTitle")}</h2>
      <ul>
        {KEPT.map((item) => (
          <li key={item}>{t(`deleteAccount.kept.${item}`)}</li>
        ))}
      </ul>
      <p>
        {t("deleteAccount.exportHint")} <Link to="/me/export">{t("deleteAccount.exportLink")}</Link>
      </p>
      {soleOwnerOf.length > 0 ? (
        <section className="card" aria-labelledby="sole-owner-title">
          <h2 id="sole-owner-title">{t("deleteAccount.ownerTitle")}</h2>
          <p>{t("deleteAccount.ownerIntro")}</p>
          <ul className="stack">
            {soleOwnerOf.map((organisation) => (
              <li key={organisation.id}>
                <h3>{organisation.name}</h3>
                <p>
                  <Link to={`/orgs/${organisation.slug}/manage/members`}>{t("deleteAccount.ownerHandOver")}</Link>
                </p>
                <Form method="post" className="form" noValidate>
                  {archiveFailedFor === organisation.id ? <FormErrors errors={actionData?.errors} /> : null}
                  <input type="hidden" name="intent" value="archive_organisation" />
                  <input type="hidden" name="organisationId" value={organisation.id} />
                  <CheckboxField
                    name="confirm"
                    label={t("deleteAccount.ownerArchiveConfirm", { name: organisation.name })}
                    errors={archiveFailedFor === organisation.id ? actionData?.errors?.confirm : undefined}
                  >
                    <p className="field__hint">{t("deleteAccount.ownerArchiveHint")}</p>
                  </CheckboxField>
                  <div>
                    <SubmitButton>{t("deleteAccount.ownerArchive")}</SubmitButton>
                  </div>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{t("deleteAccount.confirmTitle")}</h2>
      <Form method="post" className="form" noValidate>
        <FormErrors errors={errors} />
        <input type="hidden" name="intent" value="delete" />
        <Field
          name="password"
          type="password"
          label={t("deleteAccount.password")}
          hint={t("deleteAccount.passwordHint")}
          autoComplete="current-password"
          required
          errors={errors?.password}
        />
        <CheckboxField name="confirm" label={t("deleteAccount.confirm")} required errors={errors?.confirm} />
        <div>
          <SubmitButton>{t("deleteAccount.submit")}</SubmitButton>
        </div>
        <p>
          <Link to="/me/account">{t("deleteAccount.cancel")}</Link>
        </p>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
