/**
 * /me/account: the signed-in person's account. One form per section (profile, email address, password,
 * sessions), told apart by their submit button's `intent`; each works without JavaScript. Changing the address
 * or the password asks for the current password; a new password ends every other session.
 */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { Field, FormErrors, SubmitButton, useFieldErrorText } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { changePassword, requestEmailChange, signOutEverywhere, updateProfile } from "~/domain/auth/accounts.server";
import { currentPasswordField, newPasswordField } from "~/domain/auth/password-rules.server";
import { requireAuth } from "~/domain/auth/permissions.server";
import { tooManyRequests } from "~/domain/auth/rate-limit.server";
import { serializeBlankSessionCookie, serializeSessionCookie } from "~/domain/auth/session.server";
import { DEFAULT_LOCALE, LOCALES, resources, type Locale } from "~/i18n/config";
import { getFixedT, getLocale, localeCookie } from "~/i18n/i18n.server";
import { fieldError, type FieldError, type FieldErrors } from "~/utils/form-fields";
import { displayNameField, emailField, parseForm } from "~/utils/forms.server";
import { clientIp, appOrigin } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

const INTENTS = ["profile", "email", "password", "signout-everywhere"] as const;
type Intent = (typeof INTENTS)[number];

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("profile"), displayName: displayNameField, locale: z.enum(LOCALES) }),
  z.object({ intent: z.literal("email"), email: emailField, password: currentPasswordField }),
  z
    .object({
      intent: z.literal("password"),
      currentPassword: currentPasswordField,
      newPassword: newPasswordField,
      newPasswordConfirm: z.string().max(1024),
    })
    .refine((v) => v.newPassword === v.newPasswordConfirm, { path: ["newPasswordConfirm"], message: "validation.passwordMismatch" }),
  z.object({ intent: z.literal("signout-everywhere") }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request);
  const t = getFixedT(await getLocale(request));
  return {
    title: t("account.title"),
    account: { email: user.email, displayName: user.displayName, locale: user.locale, emailVerified: user.emailVerified },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  // an error page has no loader data: its title still follows the visitor's language (from the root loader)
  const locale = (matches[0]?.data as { locale?: Locale } | undefined)?.locale ?? DEFAULT_LOCALE;
  return [{ title: `${loaderData?.title ?? resources[locale].translation.account.title} – Mitenand` }];
};

// personal data: never cached; a 429 keeps its Retry-After
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const result = new Headers({ "Cache-Control": "private, no-store" });
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) result.set("Retry-After", retryAfter);
  return result;
};

function failed(intent: Intent, errors: FieldErrors, values: Record<string, string> = {}) {
  return data({ intent, errors, values }, { status: 400 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAuth(request);
  const formData = await request.formData();
  const submitted = formData.get("intent");
  const intent = INTENTS.find((i) => i === submitted);
  // only a hand-made request lacks one of our buttons' intents
  if (!intent) throw new Response("Bad Request", { status: 400 });
  const result = parseForm(schema, formData);
  if (!result.success) return failed(intent, result.errors, result.values);
  const ip = clientIp(context);
  const form = result.data;
  switch (form.intent) {
    case "profile": {
      await updateProfile({ userId: user.id, displayName: form.displayName, locale: form.locale, ip });
      // the interface follows the chosen language right away
      return redirectWithToast(
        "/me/account",
        { key: "toast.saved", type: "success" },
        { headers: { "Set-Cookie": await localeCookie.serialize(form.locale) } },
      );
    }
    case "email": {
      const outcome = await requestEmailChange({ userId: user.id, password: form.password, newEmail: form.email, ip, origin: appOrigin() });
      if (!outcome.ok) {
        if (outcome.reason === "rate_limited") tooManyRequests(outcome.retryAfterSeconds);
        const values = { email: form.email };
        if (outcome.reason === "same_email") return failed("email", fieldError("email", "validation.sameEmail"), values);
        return failed("email", fieldError("password", "validation.passwordWrong"), values);
      }
      return redirectWithToast("/me/account", { key: "toast.emailChangeSent", type: "success" });
    }
    case "password": {
      const outcome = await changePassword({
        userId: user.id,
        currentPassword: form.currentPassword,
        newPassword: form.newPassword,
        ip,
        userAgent: request.headers.get("User-Agent"),
      });
      if (!outcome.ok) {
        if (outcome.reason === "rate_limited") tooManyRequests(outcome.retryAfterSeconds);
        return failed("password", fieldError("currentPassword", "validation.passwordWrong"));
      }
      // every session ended, this one too: carry on with the new one
      return redirectWithToast(
        "/me/account",
        { key: "toast.passwordChanged", type: "success" },
        { headers: { "Set-Cookie": serializeSessionCookie(outcome.token, outcome.expiresAt) } },
      );
    }
    case "signout-everywhere": {
      await signOutEverywhere({ userId: user.id, ip });
      return redirectWithToast("/login", { key: "toast.signedOutEverywhere", type: "info" }, { headers: { "Set-Cookie": serializeBlankSessionCookie() } });
    }
  }
}

function LanguageSelect({ defaultValue, errors }: { defaultValue: string; errors?: FieldError[] }) {
  const { t } = useTranslation();
  const text = useFieldErrorText();
  const id = `locale-${useId()}`;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className={`field${errors?.length ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{t("account.profile.language")}</label>
      <p id={`${id}-hint`} className="field__hint">
        {t("account.profile.languageHint")}
      </p>
      <select
        id={id}
        name="locale"
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(" ")}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {t(`language.${locale}`)}
          </option>
        ))}
      </select>
      {errors?.length ? (
        <p id={errorId} className="field__error">
          {errors.map(text).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export default function Account() {
  const { t } = useTranslation();
  const { account } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // each form shows only its own errors and values
  const errorsFor = (intent: Intent) => (actionData?.intent === intent ? actionData.errors : undefined);
  const valuesFor = (intent: Intent): Record<string, string> => (actionData?.intent === intent ? actionData.values : {});
  const profileErrors = errorsFor("profile");
  const emailErrors = errorsFor("email");
  const passwordErrors = errorsFor("password");
  return (
    <div className="form-page">
      <h1>{t("account.title")}</h1>
      <p>{t("account.intro")}</p>

      <section aria-labelledby="account-profile">
        <h2 id="account-profile">{t("account.profile.title")}</h2>
        <Form method="post" className="form" noValidate>
          <FormErrors errors={profileErrors} />
          <Field
            name="displayName"
            label={t("account.profile.displayName")}
            hint={t("account.profile.displayNameHint")}
            autoComplete="name"
            required
            maxLength={100}
            defaultValue={valuesFor("profile").displayName ?? account.displayName}
            errors={profileErrors?.displayName}
          />
          <LanguageSelect defaultValue={valuesFor("profile").locale ?? account.locale} errors={profileErrors?.locale} />
          <div>
            <SubmitButton name="intent" value="profile">
              {t("account.profile.submit")}
            </SubmitButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="account-email">
        <h2 id="account-email">{t("account.email.title")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("account.email.current")}</dt>
            <dd>{account.email}</dd>
          </div>
          <div>
            <dt>{t("account.email.status")}</dt>
            <dd>{account.emailVerified ? t("account.email.verified") : t("account.email.unverified")}</dd>
          </div>
        </dl>
        <p>{t("account.email.intro")}</p>
        <Form method="post" className="form" noValidate>
          <FormErrors errors={emailErrors} />
          <Field
            name="email"
            type="email"
            label={t("account.email.newEmail")}
            autoComplete="email"
            required
            defaultValue={valuesFor("email").email}
            errors={emailErrors?.email}
          />
          <Field
            name="password"
            type="password"
            label={t("account.email.password")}
            hint={t("account.email.passwordHint")}
            autoComplete="current-password"
            required
            errors={emailErrors?.password}
          />
          <div>
            <SubmitButton name="intent" value="email">
              {t("account.email.submit")}
            </SubmitButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="account-password">
        <h2 id="account-password">{t("account.password.title")}</h2>
        <p>{t("account.password.intro")}</p>
        <Form method="post" className="form" noValidate>
          <FormErrors errors={passwordErrors} />
          <Field
            name="currentPassword"
            type="password"
            label={t("account.password.current")}
            autoComplete="current-password"
            required
            errors={passwordErrors?.currentPassword}
          />
          <Field
            name="newPassword"
            type="password"
            label={t("account.password.new")}
            hint={t("auth.signup.passwordHint")}
            autoComplete="new-password"
            required
            minLength={8}
            errors={passwordErrors?.newPassword}
          />
          <Field
            name="newPasswordConfirm"
            type="password"
            label={t("account.password.confirm")}
            autoComplete="new-password"
            required
            errors={passwordErrors?.newPasswordConfirm}
          />
          <div>
            <SubmitButton name="intent" value="password">
              {t("account.password.submit")}
            </SubmitButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="account-sessions">
        <h2 id="account-sessions">{t("account.sessions.title")}</h2>
        <p>{t("account.sessions.intro")}</p>
        <Form method="post" className="form">
          <div>
            <SubmitButton name="intent" value="signout-everywhere" className="button button--ghost">
              {t("account.sessions.submit")}
            </SubmitButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="account-data">
        <h2 id="account-data">{t("account.data.title")}</h2>
        <p>{t("account.data.intro")}</p>
        <ul>
          <li>
            <Link to="/me/export">{t("account.data.export")}</Link>
          </li>
          <li>
            <Link to="/me/delete">{t("account.data.delete")}</Link>
          </li>
          <li>
            <Link to="/privacy">{t("account.data.privacy")}</Link>
          </li>
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
