/** /signup: name, email, password and consent; then "check your inbox". Same answer whether or not the address has an account. */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { FEATURES } from "~/domain/features";
import { CheckboxField, Field, FormErrors, Honeypot, SubmitButton } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { signUp } from "~/domain/auth/accounts.server";
import { requireAnonymous } from "~/domain/auth/permissions.server";
import { consumeRateLimit, RATE_LIMITS, tooManyRequests } from "~/domain/auth/rate-limit.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { isHoneypotFilled, parseForm } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/http";
import { getEnv } from "~/utils/env.server";
import { clientIp, appOrigin } from "~/utils/request.server";
import type { I18nHandle } from "~/i18n/namespaces";
import { signupSchema } from "~/domain/auth/form-schemas.server";

// the texts this page needs in the browser (app/i18n/namespaces.ts)
export const handle: I18nHandle = { i18n: ["auth", "validation", "walkthrough.signupIntro"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const t = getFixedT(await getLocale(request));
  // where to land after verifying: the sign-up form of an opportunity, an invitation (same-site paths only)
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  return { title: t("auth.signup.title"), redirectTo };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Registrieren"} – Mitenand` }];

// the 429 page of too many attempts keeps its Retry-After
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const retryAfter = errorHeaders?.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await request.formData();
  if (isHoneypotFilled(formData)) throw new Response("Bad Request", { status: 400 });
  const limit = await consumeRateLimit(`signup:ip:${clientIp(context)}`, { ...RATE_LIMITS.signupPerIp, limit: getEnv().SIGNUP_LIMIT_PER_IP ?? RATE_LIMITS.signupPerIp.limit });
  if (!limit.allowed) tooManyRequests(limit.retryAfterSeconds);
  const result = parseForm(signupSchema, formData);
  if (!result.success) return data({ errors: result.errors, values: result.values, sentTo: null, redirectTo: "" }, { status: 400 });
  const redirectTo = safeRedirect(result.data.redirectTo, "");
  await signUp({
    name: result.data.name,
    email: result.data.email,
    password: result.data.password,
    locale: await getLocale(request),
    ip: clientIp(context),
    origin: appOrigin(),
    redirectTo,
  });
  return { errors: null, values: null, sentTo: result.data.email, redirectTo };
}

export default function Signup() {
  const { t } = useTranslation();
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const back = redirectTo ? `?${new URLSearchParams({ redirectTo })}` : "";
  if (actionData?.sentTo) {
    return (
      <section className="form-page" aria-labelledby="signup-done">
        <h1 id="signup-done">{t("auth.signup.checkInboxTitle")}</h1>
        <p className="alert alert--success" role="status">
          {t("auth.signup.checkInboxText", { email: actionData.sentTo })}
        </p>
        <p>{t("auth.signup.checkInboxHint")}</p>
        <Form method="post" action="/verify-email" className="form">
          <input type="hidden" name="email" value={actionData.sentTo} />
          {actionData.redirectTo ? <input type="hidden" name="redirectTo" value={actionData.redirectTo} /> : null}
          <SubmitButton className="button button--ghost">{t("auth.verify.resendSubmit")}</SubmitButton>
        </Form>
      </section>
    );
  }
  const errors = actionData?.errors ?? undefined;
  const values = actionData?.values ?? {};
  return (
    <section className="form-page" aria-labelledby="signup-title">
      <h1 id="signup-title">{t("auth.signup.title")}</h1>
      <p>{FEATURES.signups ? t("auth.signup.intro") : t("walkthrough.signupIntro")}</p>
      <Form method="post" className="form" noValidate>
        <FormErrors errors={errors} />
        <Honeypot />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <Field name="name" label={t("auth.signup.name")} hint={t("auth.signup.nameHint")} autoComplete="name" required maxLength={100} defaultValue={values.name} errors={errors?.name} />
        <Field name="email" type="email" label={t("auth.signup.email")} autoComplete="email" required defaultValue={values.email} errors={errors?.email} />
        <Field name="password" type="password" label={t("auth.signup.password")} hint={t("auth.signup.passwordHint")} autoComplete="new-password" required minLength={8} errors={errors?.password} />
        <CheckboxField name="consent" label={t("auth.signup.consent")} required errors={errors?.consent}>
          <Link to="/privacy" target="_blank" rel="noopener">
            {t("auth.signup.privacyLink")}
          </Link>
        </CheckboxField>
        <div>
          <SubmitButton>{t("auth.signup.submit")}</SubmitButton>
        </div>
        <p>
          {t("auth.signup.haveAccount")} <Link to={`/login${back}`}>{t("auth.login.submit")}</Link>
        </p>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
