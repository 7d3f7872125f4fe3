/**
 * /me/invitations: the invitations organisations sent the signed-in volunteer, newest first. Accept leads to the
 * opportunity's sign-up form; decline only records the answer. Own invitations only (the user id comes from
 * the session and is part of the update's WHERE); one already answered, too old or for a listing no longer
 * published cannot be answered (409 with a message).
 */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { FormErrors } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/domain/auth/permissions.server";
import { answerInvitation, listInvitations } from "~/domain/matching/invitations.server";
import { getVolunteerProfile } from "~/domain/matching/profile.server";
import { DEFAULT_LOCALE, resources, type Locale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError } from "~/utils/form-fields";
import { parseForm } from "~/utils/forms.server";
import { formatDate } from "~/utils/format";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const [invitations, profile] = await Promise.all([listInvitations({ userId: user.id }), getVolunteerProfile({ userId: user.id })]);
  return {
    title: getFixedT(locale)("invitations.title"),
    optedIn: profile?.suggestionsOptIn ?? false,
    invitations: invitations.map((i) => ({ ...i, createdAt: undefined, date: formatDate(i.createdAt, locale) })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  const locale = (matches[0]?.data as { locale?: Locale } | undefined)?.locale ?? DEFAULT_LOCALE;
  return [{ title: `${loaderData?.title ?? resources[locale].translation.invitations.title} – Mitenand` }];
};

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const schema = z.object({
  intent: z.enum(["accept", "decline"]),
  invitationId: z.string().regex(/^[1-9]\d{0,9}$/).transform(Number).pipe(z.number().int().max(2_147_483_647)),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = parseForm(schema, await request.formData());
  if (!result.success) return data({ errors: result.errors }, { status: 400 });
  const { intent, invitationId } = result.data;
  const opportunityId = await answerInvitation({ id: invitationId, userId: user.id, answer: intent });
  if (opportunityId === null) return data({ errors: fieldError("form", "invitations.errors.notAnswerable") }, { status: 409 });
  if (intent === "accept") return redirectWithToast(`/opportunities/${opportunityId}/signup`, { key: "toast.matchInvitationAccepted", type: "success" });
  return redirectWithToast("/me/invitations", { key: "toast.matchInvitationDeclined", type: "info" });
}

export default function Invitations() {
  const { invitations, optedIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="invitations-title" className="invitations-page">
      <h1 id="invitations-title">{t("invitations.title")}</h1>
      <FormErrors errors={actionData?.errors} />
      <p>{t("invitations.intro")}</p>
      {optedIn ? null : (
        <p className="card">
          {t("invitations.optedOut")} <Link to="/me/profile">{t("invitations.profileLink")}</Link>
        </p>
      )}
      {invitations.length === 0 ? (
        <p className="card">{t("invitations.none")}</p>
      ) : (
        <ul className="plain-list invitation-list">
          {invitations.map((i) => (
            <li key={i.id} className="card invitation" data-testid="invitation">
              <h2 className="invitation__title">
                <Link to={`/opportunities/${i.opportunityId}`}>{i.title}</Link>
              </h2>
              <p className="muted small">{t("invitations.from", { org: i.orgName, date: i.date })}</p>
              <p>
                <strong>{i.answerable || i.status !== "pending" ? t(`invitations.status.${i.status}`) : t("invitations.status.closed")}</strong>
              </p>
              {i.answerable ? (
                <Form method="post" className="invitation__actions">
                  <input type="hidden" name="invitationId" value={i.id} />
                  <button type="submit" name="intent" value="accept" className="button" aria-label={t("invitations.acceptLabel", { title: i.title })}>
                    {t("invitations.accept")}
                  </button>
                  <button type="submit" name="intent" value="decline" className="button button--ghost" aria-label={t("invitations.declineLabel", { title: i.title })}>
                    {t("invitations.decline")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
