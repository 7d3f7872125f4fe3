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
  const login = { to: loginUrl, label: t("invitation.login") };
  const signup = { to: signupUrl, label: t("invitation.signup") };
  if (coordinator) {
    return (
      <InvitationView
        title={t("coordinatorInvite.title")}
        lead={
          coordinator.inviterName
            ? t("coordinatorInvite.text", { inviter: coordinator.inviterName, region: coordinator.regionName })
            : t("coordinatorInvite.textNoInviter", { region: coordinator.regionName })
        }
        what={t("coordinatorInvite.what")}
        invitation={coordinator}
        locale={locale}
        error={actionData}
        user={user}
        matches={matches}
        // a coordinator-to-be usually has no account yet
        anonymous={{ intro: t("coordinatorInvite.signupFirst"), primary: signup, secondary: login }}
        acceptLabel={t("coordinatorInvite.accept", { region: coordinator.regionName })}
        offerLogout={false}
      />
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
    <InvitationView
      title={t("invitation.title")}
      lead={
        invitation.inviterName
          ? t("invitation.text", { inviter: invitation.inviterName, organisation: invitation.organisationName, role })
          : t("invitation.textNoInviter", { organisation: invitation.organisationName, role })
      }
      what={t(`orgManage.roleHelp.${invitation.role}`)}
      invitation={invitation}
      locale={locale}
      error={actionData}
      user={user}
      matches={matches}
      anonymous={{ intro: t("invitation.loginFirst"), primary: login, secondary: signup }}
      acceptLabel={t("invitation.accept", { organisation: invitation.organisationName })}
      offerLogout
    />
  );
}

/**
 * What an open invitation (to an organisation or to coordinate a region) shows: who invites to what, the address
 * and the deadline, then — by who is looking — how to log in or sign up, the accept button, or why this account
 * cannot accept it.
 */
function InvitationView({
  title,
  lead,
  what,
  invitation,
  locale,
  error,
  user,
  matches,
  anonymous,
  acceptLabel,
  offerLogout,
}: {
  title: string;
  lead: string;
  what: string;
  invitation: { email: string; expiresAt: Date };
  locale: Parameters<typeof formatDate>[1];
  error: { error: string; invitedEmail: string; currentEmail: string } | undefined;
  user: { email: string } | null;
  matches: boolean;
  anonymous: { intro: string; primary: { to: string; label: string }; secondary: { to: string; label: string } };
  acceptLabel: string;
  /** the wrong account is offered to log out (and back in with the invited address) */
  offerLogout: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section className="form-page" aria-labelledby="invitation-title">
      <h1 id="invitation-title">{title}</h1>
      <p className="lead">{lead}</p>
      <p className="muted">{what}</p>
      <p className="muted small">
        {t("invitation.sentTo", { email: invitation.email })} {t("invitation.validUntil", { date: formatDate(invitation.expiresAt, locale) })}
      </p>
      {error?.error ? (
        <p className="alert alert--error" role="alert">
          {t(error.error, { invited: error.invitedEmail, current: error.currentEmail })}
        </p>
      ) : null}
      {!user ? (
        <>
          <p>{anonymous.intro}</p>
          <p className="form-links">
            <Link to={anonymous.primary.to} className="button">
              {anonymous.primary.label}
            </Link>
            <Link to={anonymous.secondary.to}>{anonymous.secondary.label}</Link>
          </p>
        </>
      ) : matches ? (
        <Form method="post">
          <SubmitButton>{acceptLabel}</SubmitButton>
        </Form>
      ) : (
        <>
          <p className="alert alert--info" role="status">
            {t("invitation.wrongEmail", { invited: invitation.email, current: user.email })}
          </p>
          {offerLogout ? (
            <Form method="post" action="/logout">
              <button type="submit" className="button button--ghost">
                {t("auth.logout")}
              </button>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
