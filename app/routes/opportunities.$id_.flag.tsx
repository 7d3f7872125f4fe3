/**
 * /opportunities/:id/flag: anyone, also without an account, reports a problem with a published listing (a
 * reason category and a message). Honeypot, rate limited per IP and per listing. Never page-cached: the
 * answer depends on the submission (and the path is not among the cacheable ones).
 */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, Honeypot, SubmitButton, useFieldErrorText } from "~/components/forms";
import { tooManyRequests } from "~/domain/auth/rate-limit.server";
import { flagFormSchema } from "~/domain/moderation/flag-form.server";
import { FLAG_CATEGORIES, FLAG_MESSAGE_MAX } from "~/domain/moderation/flags";
import { createFlag, getFlaggableListing } from "~/domain/moderation/flags.server";
import { idParam } from "~/domain/organisations/access.server";
import { parseFormWithKeys } from "~/domain/organisations/parse-form.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { isHoneypotFilled } from "~/utils/form-fields";
import { notFound } from "~/utils/http";
import { clientIp } from "~/utils/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const listing = await getFlaggableListing(id);
  if (!listing) notFound();
  const t = getFixedT(await getLocale(request));
  return { title: t("flags.title"), listing };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Meldung"} – Mitenand` }, { name: "robots", content: "noindex" }];

export const headers: HeadersFunction = ({ errorHeaders }) => {
  const headers = new Headers({ "Cache-Control": "no-store" });
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const formData = await request.formData();
  if (isHoneypotFilled(formData)) throw new Response("Bad Request", { status: 400 });
  const values = { category: String(formData.get("category") ?? "").slice(0, 40), message: String(formData.get("message") ?? "").slice(0, 10_000) };
  const parsed = parseFormWithKeys(flagFormSchema, formData);
  if (!parsed.success) {
    if (!(await getFlaggableListing(id))) notFound();
    return data({ errors: parsed.errors, values, done: false }, { status: 400 });
  }
  const result = await createFlag({ opportunityId: id, ...parsed.data, ip: clientIp(context) });
  if (!result.ok && result.reason === "not_found") notFound();
  if (!result.ok && result.reason === "rate_limited") tooManyRequests(result.retryAfterSeconds);
  return data({ errors: null, values: null, done: true }, { status: 201 });
}

export default function FlagListing() {
  const { listing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const text = useFieldErrorText();
  const errors = actionData?.errors ?? undefined;
  const values = actionData?.values ?? { category: "", message: "" };
  if (actionData?.done) {
    return (
      <section className="form-page" aria-labelledby="flag-title">
        <h1 id="flag-title">{t("flags.doneTitle")}</h1>
        <p className="alert alert--success" role="status">
          {t("flags.doneText")}
        </p>
        <p>
          <Link to={`/opportunities/${listing.id}`}>← {t("flags.back", { title: listing.title })}</Link>
        </p>
      </section>
    );
  }
  const categoryErrors = errors?.category ?? [];
  const messageErrors = errors?.message ?? [];
  return (
    <section className="form-page" aria-labelledby="flag-title">
      <p>
        <Link to={`/opportunities/${listing.id}`}>← {t("flags.back", { title: listing.title })}</Link>
      </p>
      <h1 id="flag-title">{t("flags.title")}</h1>
      <p>{t("flags.intro", { title: listing.title })}</p>
      <Form method="post" className="form flag-form" noValidate>
        <FormErrors errors={errors} />
        <Honeypot />
        <fieldset className={`field choice-group${categoryErrors.length ? " field--invalid" : ""}`} aria-describedby={categoryErrors.length ? "flag-category-error" : undefined}>
          <legend>{t("flags.category")}</legend>
          <div className="choice-group__options">
            {FLAG_CATEGORIES.map((category) => (
              <div key={category} className="choice">
                <input type="radio" id={`flag-category-${category}`} name="category" value={category} defaultChecked={values.category === category} />
                <label htmlFor={`flag-category-${category}`}>{t(`flags.categories.${category}`)}</label>
              </div>
            ))}
          </div>
          {categoryErrors.length ? (
            <p id="flag-category-error" className="field__error">
              {categoryErrors.map(text).join(" ")}
            </p>
          ) : null}
        </fieldset>
        <div className={`field${messageErrors.length ? " field--invalid" : ""}`}>
          <label htmlFor="flag-message">{t("flags.message")}</label>
          <p id="flag-message-hint" className="field__hint">
            {t("flags.messageHint", { max: FLAG_MESSAGE_MAX })}
          </p>
          <textarea
            id="flag-message"
            name="message"
            rows={5}
            defaultValue={values.message}
            aria-invalid={messageErrors.length ? true : undefined}
            aria-describedby={["flag-message-hint", messageErrors.length ? "flag-message-error" : ""].filter(Boolean).join(" ")}
          />
          {messageErrors.length ? (
            <p id="flag-message-error" className="field__error">
              {messageErrors.map(text).join(" ")}
            </p>
          ) : null}
        </div>
        <p className="muted small">{t("flags.privacy")}</p>
        <SubmitButton>{t("flags.submit")}</SubmitButton>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
