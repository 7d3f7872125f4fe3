/**
 * /orgs/:slug/manage/opportunities/:id/matches: the volunteers who opted in to suggestions and fit this
 * published opportunity, best first — first name, Gemeinde and the reasons only (no email, no surname, no
 * age). For the organisation's editors and owners; any other opportunity (a draft, another organisation's) is
 * a 404. "Einladen" (a POST form per volunteer) invites one: opt-in, one per opportunity, three a week and the
 * rate limits are checked by inviteVolunteer, in its transaction; a refusal shows its reason (4xx).
 */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors } from "~/components/forms";
import { invitationStatesFor, inviteVolunteer } from "~/domain/matching/invitations.server";
import { fieldError } from "~/utils/form-fields";
import { parseForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ManageHeader } from "~/components/organisations/manage-header";
import { formatReasons } from "~/domain/matching/explain.server";
import { matchVolunteers } from "~/domain/matching/reverse.server";
import { idParam, requireOrganisationAccess } from "~/domain/organisations/access.server";
import { DEFAULT_LOCALE, resources, type Locale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { notFound } from "~/utils/http";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, role } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const id = idParam(params.id);
  const result = await matchVolunteers({ opportunityId: id, organisationId: organisation.id });
  if (!result) notFound();
  const locale = await getLocale(request);
  const invited = await invitationStatesFor({ opportunityId: id, volunteerIds: result.matches.map((m) => m.userId) });
  return {
    title: getFixedT(locale)("matching.matches.metaTitle", { title: result.title }),
    role,
    organisation: { slug: organisation.slug, name: organisation.name },
    opportunity: { id, title: result.title },
    matches: result.matches.map((m) => ({
      // the form needs to name the person; the id says nothing about them, and the action checks the opt-in again
      userId: m.userId,
      invitation: invited.get(m.userId) ?? null,
      firstName: m.firstName,
      gemeindeName: m.gemeindeName,
      onlineOnly: m.onlineOnly,
      score: m.score,
      reasons: formatReasons(m.reasons, locale, "organisation"),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  const locale = (matches[0]?.data as { locale?: Locale } | undefined)?.locale ?? DEFAULT_LOCALE;
  return [{ title: `${loaderData?.title ?? resources[locale].translation.matching.matches.title} – Mitenand` }];
};

const inviteSchema = z.object({
  intent: z.literal("invite"),
  volunteerId: z.string().regex(/^[1-9]\d{0,9}$/).transform(Number).pipe(z.number().int().max(2_147_483_647)),
});

const INVITE_STATUS = { notFound: 404, notOptedIn: 403, alreadyInvited: 409, weeklyLimit: 409, rateLimited: 429 } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const id = idParam(params.id);
  const parsed = parseForm(inviteSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors }, { status: 400 });
  const result = await inviteVolunteer({ opportunityId: id, organisationId: organisation.id, volunteerId: parsed.data.volunteerId, invitedBy: user.id });
  if (!result.ok) {
    const headers: HeadersInit = result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : {};
    return data({ errors: fieldError("form", `invitations.errors.${result.error}`) }, { status: INVITE_STATUS[result.error], headers });
  }
  return redirectWithToast(`/orgs/${organisation.slug}/manage/opportunities/${id}/matches`, { key: "toast.matchInvitationSent", type: "success" });
}

// people's data: never cached
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export default function OpportunityMatches() {
  const { organisation, role, opportunity, matches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title">
      <ManageHeader organisation={organisation} role={role} title={t("matching.matches.title")} />
      <FormErrors errors={actionData?.errors} />
      <p>{t("matching.matches.intro", { title: opportunity.title })}</p>
      <p className="muted small">{t("invitations.inviteHint")}</p>
      {matches.length === 0 ? (
        <p className="card">{t("matching.matches.none")}</p>
      ) : (
        <ol className="recommendation-list">
          {matches.map((m) => (
            <li key={m.userId} className="card recommendation" data-testid="volunteer-match">
              <h2 className="recommendation__title">{m.firstName}</h2>
              <p className="muted small">{m.gemeindeName ?? t("matching.matches.online")}</p>
              <p className="recommendation__score">
                <strong>{t("matching.matches.score", { score: m.score })}</strong>
              </p>
              {m.reasons.length > 0 ? (
                <ul className="reason-list" aria-label={t("matching.matches.reasonsLabel", { name: m.firstName })}>
                  {m.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              ) : null}
              {m.invitation ? (
                <p className="invite-state">
                  <strong>
                    {m.invitation === "accepted" ? t("invitations.stateAccepted") : m.invitation === "declined" ? t("invitations.stateDeclined") : t("invitations.invited")}
                  </strong>
                </p>
              ) : (
                <Form method="post">
                  <input type="hidden" name="volunteerId" value={m.userId} />
                  <button type="submit" name="intent" value="invite" className="button button--small" aria-label={t("invitations.inviteLabel", { name: m.firstName })}>
                    {t("invitations.invite")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ol>
      )}
      <p>
        <Link to={`/orgs/${organisation.slug}/manage/opportunities/${opportunity.id}/preview`}>{t("matching.matches.back")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
