/** /login: email and password. Same message for an unknown address and a wrong password; 429 after too many tries. */
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Field, FormErrors, SubmitButton } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { logIn } from "~/domain/auth/accounts.server";
import { requireAnonymous } from "~/domain/auth/permissions.server";
import { tooManyRequests } from "~/domain/auth/rate-limit.server";
import { serializeSessionCookie } from "~/domain/auth/session.server";
import { getFixedT, getLocale, localeCookie } from "~/i18n/i18n.server";
import { fieldError, parseForm } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/http";
import { needsFirstRunPrompt } from "~/domain/matching/first-run.server";
import { clientIp } from "~/utils/request.server";
import { toastHeader } from "~/utils/toast.server";
import type { I18nHandle } from "~/i18n/namespaces";
import { loginSchema } from "~/domain/auth/form-schemas.server";

// the texts this page needs in the browser (app/i18n/namespaces.ts)
export const handle: I18nHandle = { i18n: ["auth", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const t = getFixedT(await getLocale(request));
  // an unsafe destination becomes "/" (not ""): only a login without any destination may show the first-run prompt
  const asked = new URL(request.url).searchParams.get("redirectTo");
  const redirectTo = safeRedirect(asked, asked ? "/" : "");
  return { title: t("auth.login.title"), redirectTo };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Anmelden"} – Mitenand` }];

// the 429 page of too many attempts keeps its Retry-After
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const retryAfter = errorHeaders?.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const result = parseForm(loginSchema, await request.formData());
  if (!result.success) return data({ errors: result.errors, values: result.values, unverified: false }, { status: 400 });
  const outcome = await logIn({
    email: result.data.email,
    password: result.data.password,
    ip: clientIp(context),
    userAgent: request.headers.get("User-Agent"),
  });
  if (!outcome.ok) {
    if (outcome.reason === "rate_limited") tooManyRequests(outcome.retryAfterSeconds);
    const values = { email: result.data.email, redirectTo: safeRedirect(result.data.redirectTo, "") };
    if (outcome.reason === "unverified") {
      return data({ errors: fieldError("form", "auth.login.unverified"), values, unverified: true }, { status: 400 });
    }
    return data({ errors: fieldError("form", "auth.login.invalid"), values, unverified: false }, { status: 400 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", serializeSessionCookie(outcome.token, outcome.expiresAt));
  headers.append("Set-Cookie", await localeCookie.serialize(outcome.locale));
  headers.append("Set-Cookie", await toastHeader({ key: "toast.loggedIn", type: "success" }));
  // no destination asked for: a volunteer without a profile first sees the short first-run prompt
  const fallback = !result.data.redirectTo && (await needsFirstRunPrompt({ userId: outcome.userId })) ? "/me/welcome" : "/";
  return redirect(safeRedirect(result.data.redirectTo, fallback), { headers });
}

export default function Login() {
  const { t } = useTranslation();
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  const back = actionData?.values?.redirectTo ?? redirectTo;
  return (
    <section className="form-page" aria-labelledby="login-title">
      <h1 id="login-title">{t("auth.login.title")}</h1>
      <Form method="post" className="form" noValidate>
        <FormErrors errors={errors} />
        <input type="hidden" name="redirectTo" value={actionData?.values?.redirectTo ?? redirectTo} />
        <Field name="email" type="email" label={t("auth.login.email")} autoComplete="username" required defaultValue={actionData?.values?.email} errors={errors?.email} />
        <Field name="password" type="password" label={t("auth.login.password")} autoComplete="current-password" required errors={errors?.password} />
        <div>
          <SubmitButton>{t("auth.login.submit")}</SubmitButton>
        </div>
      </Form>
      {actionData?.unverified ? (
        <Form method="post" action="/verify-email" className="form">
          <input type="hidden" name="email" value={actionData.values.email} />
          {actionData.values.redirectTo ? <input type="hidden" name="redirectTo" value={actionData.values.redirectTo} /> : null}
          <SubmitButton className="button button--ghost" name="intent" value="resend">
            {t("auth.verify.resendSubmit")}
          </SubmitButton>
        </Form>
      ) : null}
      <p className="form-links">
        <Link to="/forgot-password">{t("auth.login.forgot")}</Link>
        <span>
          {t("auth.login.noAccount")} <Link to={back ? `/signup?${new URLSearchParams({ redirectTo: back })}` : "/signup"}>{t("auth.login.signupLink")}</Link>
        </span>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
