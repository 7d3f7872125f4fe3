/** /forgot-password: sends a reset link if the address has an account; the answer is the same either way. */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Field, FormErrors, Honeypot, SubmitButton } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requestPasswordReset } from "~/domain/auth/accounts.server";
import { tooManyRequests } from "~/domain/auth/rate-limit.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { isHoneypotFilled, parseForm } from "~/utils/forms.server";
import { clientIp, appOrigin } from "~/utils/request.server";
import type { I18nHandle } from "~/i18n/namespaces";
import { forgotPasswordSchema } from "~/domain/auth/form-schemas.server";

// the texts this page needs in the browser (app/i18n/namespaces.ts)
export const handle: I18nHandle = { i18n: ["auth", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getFixedT(await getLocale(request));
  return { title: t("auth.forgot.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Passwort"} – Mitenand` }];

// the 429 page of too many attempts keeps its Retry-After
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const retryAfter = errorHeaders?.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (isHoneypotFilled(formData)) throw new Response("Bad Request", { status: 400 });
  const result = parseForm(forgotPasswordSchema, formData);
  if (!result.success) return data({ errors: result.errors, values: result.values, sentTo: null }, { status: 400 });
  const limit = await requestPasswordReset({ email: result.data.email, ip: clientIp(context), origin: appOrigin() });
  if (!limit.allowed) tooManyRequests(limit.retryAfterSeconds);
  return { errors: null, values: null, sentTo: result.data.email };
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  return (
    <section className="form-page" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("auth.forgot.title")}</h1>
      {actionData?.sentTo ? (
        <p className="alert alert--success" role="status">
          {t("auth.forgot.sent", { email: actionData.sentTo })}
        </p>
      ) : (
        <>
          <p>{t("auth.forgot.intro")}</p>
          <Form method="post" className="form" noValidate>
            <FormErrors errors={actionData?.errors} />
            <Honeypot />
            <Field name="email" type="email" label={t("auth.forgot.email")} autoComplete="email" required defaultValue={actionData?.values?.email} errors={actionData?.errors?.email} />
            <div>
              <SubmitButton>{t("auth.forgot.submit")}</SubmitButton>
            </div>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t("auth.login.title")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
