/**
 * /invitations/:token: the link from an invitation email. Shows which organisation invites with which role (or,
 * for a coordinator invitation, which region); a person logged in with the invited address accepts it (POST),
 * anybody else learns what to do instead.
 */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms";
import { organisationMeta } from "~/components/organisations/meta";
import { getUser, requireUser } from "~/domain/auth/permissions.server";
import { acceptCoordinatorInvitation, peekCoordinatorInvitation } from "~/domain/moderation/coordinator-invitations.server";
import { acceptInvitation, peekInvitation } from "~/domain/organisations/members.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formatDate } from "~/utils/format";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const title = getFixedT(locale)("invitation.title");
  const token = params.token ?? "";
  const [invitation, coordinatorInvitation, user] = await Promise.all([peekInvitation({ token }), peekCoordinatorInvitation({ token }), getUser(request)]);
  const here = `/invitations/${token}`;
  const loginUrl = `/login?${new URLSearchParams({ redirectTo: here })}`;
  // sign-up → verification email → login → back here to accept
  const signupUrl = `/signup?${new URLSearchParams({ redirectTo: here })}`;
  if (!invitation && coordinatorInvitation) {
    return {
      title,
      locale,
      invitation: null,
      coordinator: {
        regionName: coordinatorInvitation.regionName,
        email: coordinatorInvitation.email,
        inviterName: coordinatorInvitation.inviterName,
        expiresAt: coordinatorInvitation.expiresAt,
      },
      user: user ? { email: user.email } : null,
      matches: user?.email === coordinatorInvitation.email,
      loginUrl,
      signupUrl,
    };
  }
  if (!invitation) return data({ title, locale, invitation: null, coordinator: null, user: null, matches: false, loginUrl: "", signupUrl: "" }, { status: 404 });
  return {
    title,
    locale,
    coordinator: null,
    signupUrl,
    invitation: {
      organisationName: invitation.organisationName,
      organisationSlug: invitation.organisationSlug,
      email: invitation.email,
      role: invitation.role,
      inviterName: invitation.inviterName,
      expiresAt: invitation.expiresAt,
    },
    user: user ? { email: user.email } : null,
    matches: user?.email === invitation.email,
    loginUrl,
  };
}

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

export const meta: MetaFunction<typeof loader> = organisationMeta;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const token = params.token ?? "";
  if (await peekCoordinatorInvitation({ token })) {
    const accepted = await acceptCoordinatorInvitation({ token, user, ip: clientIp(context) });
    if (accepted.ok) return redirectWithToast("/coordinator", { key: "toast.coordinatorInvitationAccepted", type: "success" });
    if (accepted.reason === "wrong_email") {
      return data({ error: "invitation.wrongEmail", invitedEmail: accepted.invitedEmail, currentEmail: user.email }, { status: 403 });
    }
    return data({ error: "invitation.invalid", invitedEmail: "", currentEmail: user.email }, { status: 404 });
  }
  const result = await acceptInvitation({ token, user, ip: clientIp(context) });
  if (result.ok) {
    return redirectWithToast(`/orgs/${result.organisation.slug}/manage`, { key: "toast.invitationAccepted", type: "success" });
  }
  if (result.reason === "wrong_email") {
    return data({ error: "invitation.wrongEmail", invitedEmail: result.invitedEmail, currentEmail: user.email }, { status: 403 });
  }
  return data({ error: "invitation.invalid", invitedEmail: "", currentEmail: user.email }, { status: 404 });
}

export default function Invitation() {
  const { invitation, coordinator, user, matches, loginUrl, signupUrl, locale } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  if (coordinator) {
    return (
      <section className="form-page" aria-labelledby="invitation-title">
        <h1 id="invitation-title">{t("coordinatorInvite.title")}</h1>
        <p className="lead">
          {coordinator.inviterName
            ? t("coordinatorInvite.text", { inviter: coordinator.inviterName, region: coordinator.regionName })
            : t("coordinatorInvite.textNoInviter", { region: coordinator.regionName })}
        </p>
        <p className="muted">{t("coordinatorInvite.what")}</p>
        <p className="muted small">
          {t("invitation.sentTo", { email: coordinator.email })} {t("invitation.validUntil", { date: formatDate(coordinator.expiresAt, locale) })}
        </p>
        {actionData?.error ? (
          <p className="alert alert--error" role="alert">
            {t(actionData.error, { invited: actionData.invitedEmail, current: actionData.currentEmail })}
          </p>
        ) : null}
        {!user ? (
          <>
            <p>{t("coordinatorInvite.signupFirst")}</p>
            <p className="form-links">
              <Link to={signupUrl} className="button">
                {t("invitation.signup")}
              </Link>
              <Link to={loginUrl}>{t("invitation.login")}</Link>
            </p>
          </>
        ) : matches ? (
          <Form method="post">
            <SubmitButton>{t("coordinatorInvite.accept", { region: coordinator.regionName })}</SubmitButton>
          </Form>
        ) : (
          <p className="alert alert--info" role="status">
            {t("invitation.wrongEmail", { invited: coordinator.email, current: user.email })}
          </p>
        )}
      </section>
    );
  }
  if (!invitation) {
    return (
      <section className="form-page" aria-labelledby="invitation-title">
        <h1 id="invitation-title">{t("invitation.title")}</h1>
        <p className="alert alert--error" role="alert">
          {t("invitation.invalid")}
        </p>
      </section>
    );
  }
  const role = t(`orgManage.roles.${invitation.role}`);
  return (
    <section className="form-page" aria-labelledby="invitation-title">
      <h1 id="invitation-title">{t("invitation.title")}</h1>
      <p className="lead">
        {invitation.inviterName
          ? t("invitation.text", { inviter: invitation.inviterName, organisation: invitation.organisationName, role })
          : t("invitation.textNoInviter", { organisation: invitation.organisationName, role })}
      </p>
      <p className="muted">{t(`orgManage.roleHelp.${invitation.role}`)}</p>
      <p className="muted small">
        {t("invitation.sentTo", { email: invitation.email })} {t("invitation.validUntil", { date: formatDate(invitation.expiresAt, locale) })}
      </p>
      {actionData?.error ? (
        <p className="alert alert--error" role="alert">
          {t(actionData.error, { invited: actionData.invitedEmail, current: actionData.currentEmail })}
        </p>
      ) : null}
      {!user ? (
        <>
          <p>{t("invitation.loginFirst")}</p>
          <p className="form-links">
            <Link to={loginUrl} className="button">
              {t("invitation.login")}
            </Link>
            <Link to={signupUrl}>{t("invitation.signup")}</Link>
          </p>
        </>
      ) : matches ? (
        <Form method="post">
          <SubmitButton>{t("invitation.accept", { organisation: invitation.organisationName })}</SubmitButton>
        </Form>
      ) : (
        <>
          <p className="alert alert--info" role="status">
            {t("invitation.wrongEmail", { invited: invitation.email, current: user.email })}
          </p>
          <Form method="post" action="/logout">
            <button type="submit" className="button button--ghost">
              {t("auth.logout")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
