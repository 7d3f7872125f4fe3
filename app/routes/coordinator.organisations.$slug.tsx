/**
 * /coordinator/organisations/:slug: verify or un-verify an organisation of the coordinator's regions (admins:
 * all) with a note; its verification history and listings. Another region's organisation is 403, an unknown
 * slug 404.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SubmitButton } from "~/components/forms";
import { TextareaField } from "~/components/organisations/fields";
import { verificationFormSchema } from "~/domain/moderation/decision-form.server";
import { requireModerator } from "~/domain/moderation/scope.server";
import { getOrganisationForVerification, setVerification } from "~/domain/moderation/verification.server";
import { parseFormWithKeys } from "~/domain/organisations/parse-form.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formatDate } from "~/utils/format";
import { forbidden, notFound } from "~/utils/http";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

async function load(request: Request, slug: string | undefined) {
  const { scope } = await requireModerator(request);
  const found = slug && /^[a-z0-9-]{1,80}$/.test(slug) ? await getOrganisationForVerification({ slug, actor: scope }) : "missing";
  if (found === "missing") notFound();
  if (found === "forbidden") forbidden();
  return { scope, found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await load(request, params.slug);
  const locale = await getLocale(request);
  return {
    title: `${getFixedT(locale)("moderation.verification.title")}: ${found.organisation.name}`,
    organisation: { ...found.organisation, verifiedLabel: found.organisation.verifiedAt ? formatDate(found.organisation.verifiedAt, locale) : null },
    history: found.history.map((h) => ({ ...h, when: formatDate(h.occurredAt, locale) })),
    listings: found.listings,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Organisation"} – Mitenand` }];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { scope, found } = await load(request, params.slug);
  const result = parseFormWithKeys(verificationFormSchema, await request.formData());
  if (!result.success) return data({ errors: result.errors }, { status: 400 });
  const done = await setVerification({ id: found.organisation.id, actor: scope, verified: result.data.intent === "verify", note: result.data.note, ip: clientIp(context) });
  if (!done) notFound();
  return redirectWithToast(`/coordinator/organisations/${found.organisation.slug}`, { key: "toast.saved", type: "success" });
}

export default function OrganisationVerification() {
  const { organisation: o, history, listings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title" className="review-page">
      <p>
        <Link to="/coordinator">← {t("moderation.review.back")}</Link>
      </p>
      <h1 id="page-title">{o.name}</h1>
      <p data-testid="verification-state">
        {o.verifiedLabel ? t("moderation.verification.verifiedSince", { date: o.verifiedLabel }) : t("moderation.unverified")} ·{" "}
        <Link to={`/orgs/${o.slug}`}>{t("moderation.verification.publicProfile")}</Link>
      </p>
      <Form method="post" className="card" aria-labelledby="verify-title" noValidate>
        <h2 id="verify-title">{t("moderation.verification.title")}</h2>
        <FormErrors errors={actionData?.errors} />
        <input type="hidden" name="intent" value={o.verifiedAt ? "unverify" : "verify"} />
        <TextareaField name="note" label={t("moderation.verification.note")} hint={t("moderation.verification.noteHint")} errors={actionData?.errors?.note} rows={3} />
        <SubmitButton>{t(o.verifiedAt ? "moderation.verification.unverify" : "moderation.verification.verify")}</SubmitButton>
      </Form>
      <section aria-labelledby="verification-history">
        <h2 id="verification-history">{t("moderation.verification.history")}</h2>
        {history.length === 0 ? <p className="muted">{t("moderation.review.noDecisions")}</p> : null}
        <ul className="plain-list decision-list">
          {history.map((h) => (
            <li key={h.id}>
              <strong>{t(h.action === "organisation.verified" ? "moderation.verification.verifiedEntry" : "moderation.verification.unverifiedEntry")}</strong>
              <span className="muted small">
                {" · "}
                {h.when}
                {h.actorName ? ` · ${h.actorName}` : ""}
              </span>
              {h.note ? <p className="small">{h.note}</p> : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="listings-title">
        <h2 id="listings-title">{t("moderation.verification.listings")}</h2>
        <ul className="plain-list">
          {listings.map((l) => (
            <li key={l.id}>
              <Link to={`/coordinator/opportunities/${l.id}`}>{l.title}</Link> <span className="muted small">({t(`orgManage.status.${l.status}`)})</span>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
