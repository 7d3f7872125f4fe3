/**
 * /verify-email?token=…: the link from the verification (or address change) email. Opening it changes nothing;
 * the button POSTs the token, so mail scanners that prefetch links cannot use it up. Also takes resend requests.
 * A `redirectTo` in the link (where the person was going when they signed up) is where verifying leads: at once
 * if they are logged in as that account, else through the login page.
 */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Field, FormErrors, SubmitButton } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { confirmEmailChange, resendVerification, verifyEmail } from "~/domain/auth/accounts.server";
import { getUser } from "~/domain/auth/permissions.server";
import { isWellFormedToken } from "~/domain/auth/email-token.server";
import { tooManyRequests } from "~/domain/auth/rate-limit.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { parseForm } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/http";
import { clientIp, appOrigin } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import type { I18nHandle } from "~/i18n/namespaces";
import { verifyEmailSchema } from "~/domain/auth/form-schemas.server";

// the texts this page needs in the browser (app/i18n/namespaces.ts)
export const handle: I18nHandle = { i18n: ["auth", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  const t = getFixedT(await getLocale(request));
  return {
    title: t("auth.verify.title"),
    token: isWellFormedToken(token) ? token : null,
    change: url.searchParams.get("change") === "1",
    redirectTo: safeRedirect(url.searchParams.get("redirectTo"), ""),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "E-Mail"} – Mitenand` }];

// the 429 page of too many attempts keeps its Retry-After
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const retryAfter = errorHeaders?.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (!formData.has("intent")) formData.set("intent", "resend");
  const result = parseForm(verifyEmailSchema, formData);
  if (!result.success) return data({ errors: result.errors, resent: false, invalid: false }, { status: 400 });
  const ip = clientIp(context);
  switch (result.data.intent) {
    case "verify": {
      const outcome = await verifyEmail({ token: result.data.token, ip });
      if (!outcome.ok) return data({ errors: null, resent: false, invalid: true }, { status: 400 });
      const back = safeRedirect(result.data.redirectTo, "");
      if (back && (await getUser(request))?.id === outcome.userId) return redirectWithToast(back, { key: "toast.emailVerified", type: "success" });
      return redirectWithToast(back ? `/login?${new URLSearchParams({ redirectTo: back })}` : "/login", { key: "toast.emailVerified", type: "success" });
    }
    case "change": {
      const outcome = await confirmEmailChange({ token: result.data.token, ip });
      if (!outcome.ok) return data({ errors: null, resent: false, invalid: true }, { status: 400 });
      return redirectWithToast("/me/account", { key: "toast.emailChanged", type: "success" });
    }
    case "resend": {
      const limit = await resendVerification({ email: result.data.email, origin: appOrigin(), redirectTo: safeRedirect(result.data.redirectTo, "") });
      if (!limit.allowed) tooManyRequests(limit.retryAfterSeconds);
      return { errors: null, resent: true, invalid: false };
    }
  }
}

export default function VerifyEmail() {
  const { t } = useTranslation();
  const { token, change, redirectTo } = useLoaderData<typeof loader>();
  const back = redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null;
  const actionData = useActionData<typeof action>();
  const invalid = actionData?.invalid || (!token && !actionData?.resent);
  return (
    <section className="form-page" aria-labelledby="verify-title">
      <h1 id="verify-title">{t("auth.verify.title")}</h1>
      {actionData?.resent ? (
        <p className="alert alert--success" role="status">
          {t("auth.verify.resendDone")}
        </p>
      ) : null}
      {token && !actionData?.invalid ? (
        <Form method="post" className="form">
          <input type="hidden" name="token" value={token} />
          {change ? null : back}
          <SubmitButton name="intent" value={change ? "change" : "verify"}>
            {t("auth.verify.title")}
          </SubmitButton>
        </Form>
      ) : null}
      {invalid ? (
        <>
          <p className="alert alert--error" role="alert">
            {t("auth.verify.invalid")}
          </p>
          <h2>{t("auth.verify.resendTitle")}</h2>
          <Form method="post" className="form" noValidate>
            <FormErrors errors={actionData?.errors} />
            {back}
            <Field name="email" type="email" label={t("auth.login.email")} autoComplete="email" required errors={actionData?.errors?.email} />
            <div>
              <SubmitButton name="intent" value="resend">
                {t("auth.verify.resendSubmit")}
              </SubmitButton>
            </div>
          </Form>
          <p>
            <Link to={redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : "/login"}>{t("auth.login.title")}</Link>
          </p>
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
