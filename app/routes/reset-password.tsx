/** /reset-password?token=…: set a new password with the emailed link; ends every session of the account. */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Field, FormErrors, SubmitButton } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~db/client.server";
import { resetPassword } from "~/domain/auth/accounts.server";
import { isWellFormedToken, peekEmailToken } from "~/domain/auth/email-token.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { parseForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import type { I18nHandle } from "~/i18n/namespaces";
import { resetPasswordSchema } from "~/domain/auth/form-schemas.server";

// the texts this page needs in the browser (app/i18n/namespaces.ts)
export const handle: I18nHandle = { i18n: ["auth", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const t = getFixedT(await getLocale(request));
  const valid = isWellFormedToken(token) && (await peekEmailToken(db, { token, purpose: "reset_password" }));
  return { title: t("auth.reset.title"), token: valid ? token : null };
}

// The token is in the URL: no Referer to other sites from this page. Not "no-referrer": with it, browsers
// send "Origin: null" on this page's own form POST, which the same-origin check refuses (403).
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "same-origin" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Passwort"} – Mitenand` }];

export async function action({ request, context }: ActionFunctionArgs) {
  const result = parseForm(resetPasswordSchema, await request.formData());
  if (!result.success) return data({ errors: result.errors, invalid: false }, { status: 400 });
  const outcome = await resetPassword({ token: result.data.token, password: result.data.password, ip: clientIp(context) });
  if (!outcome.ok) return data({ errors: null, invalid: true }, { status: 400 });
  return redirectWithToast("/login", { key: "toast.passwordReset", type: "success" });
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? undefined;
  return (
    <section className="form-page" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("auth.reset.title")}</h1>
      {!token || actionData?.invalid ? (
        <>
          <p className="alert alert--error" role="alert">
            {t("auth.reset.invalid")}
          </p>
          <p>
            <Link to="/forgot-password">{t("auth.reset.requestNew")}</Link>
          </p>
        </>
      ) : (
        <Form method="post" className="form" noValidate>
          <FormErrors errors={errors} />
          <input type="hidden" name="token" value={token} />
          <Field name="password" type="password" label={t("auth.reset.password")} hint={t("auth.signup.passwordHint")} autoComplete="new-password" required minLength={8} errors={errors?.password} />
          <Field name="passwordConfirm" type="password" label={t("auth.reset.passwordConfirm")} autoComplete="new-password" required errors={errors?.passwordConfirm} />
          <div>
            <SubmitButton>{t("auth.reset.submit")}</SubmitButton>
          </div>
        </Form>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
