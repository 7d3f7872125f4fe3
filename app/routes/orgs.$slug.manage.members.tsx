/**
 * /orgs/:slug/manage/members: owners see the members and open invitations, invite by email, change roles and
 * remove members. The last owner stays (the domain refuses, the page says why).
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { ORGANISATION_ROLES } from "~db/schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, SubmitButton, useFieldErrorText } from "~/components/forms";
import { ChoiceGroup, RowAction } from "~/components/organisations/fields";
import { ManageHeader } from "~/components/organisations/manage-header";
import { organisationMeta } from "~/components/organisations/meta";
import { requireOrganisationAccess } from "~/domain/organisations/access.server";
import { changeMemberRole, inviteMember, listMembers, removeMember, revokeInvitation } from "~/domain/organisations/members.server";
import { parseFormWithKeys } from "~/domain/organisations/parse-form.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formatDate } from "~/utils/format";
import { fieldError, type FieldErrors } from "~/utils/form-fields";
import { emailField } from "~/utils/forms.server";
import { forbidden } from "~/utils/http";
import { clientIp, appOrigin } from "~/utils/request.server";
import { redirectWithToast, toastHeader } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, user, role } = await requireOrganisationAccess(request, { slug: params.slug, role: "owner" });
  const locale = await getLocale(request);
  const listed = await listMembers({ orgId: organisation.id, actor: user });
  if (!listed) forbidden();
  return {
    title: `${getFixedT(locale)("orgManage.members.title")}: ${organisation.name}`,
    locale,
    role,
    me: user.id,
    organisation: { slug: organisation.slug, name: organisation.name },
    members: listed.members,
    invitations: listed.invitations,
    ownerCount: listed.members.filter((m) => m.role === "owner").length,
  };
}

export const meta: MetaFunction<typeof loader> = organisationMeta;

const id = (message: string) => z.string(message).regex(/^[1-9]\d{0,8}$/, message).transform(Number);
const role = z.enum(ORGANISATION_ROLES, "validation.invalidChoice");

const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("invite"), email: emailField, role }),
    z.object({ intent: z.literal("change-role"), userId: id("orgManage.errors.memberNotFound"), role }),
    z.object({ intent: z.literal("remove"), userId: id("orgManage.errors.memberNotFound") }),
    z.object({ intent: z.literal("revoke"), invitationId: id("orgManage.errors.invitationNotFound") }),
  ],
  { error: "orgManage.errors.unknownAction" },
);

function failure(errors: FieldErrors, status: number, values: Record<string, string> = {}) {
  return data({ errors, values }, { status });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, { slug: params.slug, role: "owner" });
  const result = parseFormWithKeys(schema, await request.formData());
  if (!result.success) return failure(result.errors, 400, result.values);
  const input = result.data;
  const ip = clientIp(context);
  const here = `/orgs/${organisation.slug}/manage/members`;
  const scope = { orgId: organisation.id, actor: user, ip };

  if (input.intent === "invite") {
    const invited = await inviteMember({ ...scope, email: input.email, role: input.role, origin: appOrigin() });
    if (!invited) forbidden();
    if (!invited.ok) {
      const values = { email: input.email, role: input.role };
      if (invited.reason === "already_member") return failure(fieldError("email", "orgManage.errors.alreadyMember"), 400, values);
      const key = { recipient: "inviteLimitRecipient", organisation: "inviteLimitOrganisation", sender: "inviteLimitSender" }[invited.scope];
      return failure(fieldError("email", `orgManage.errors.${key}`, { limit: invited.limit }), 429, values);
    }
    return redirectWithToast(here, { key: "toast.memberInvited", type: "success" });
  }
  if (input.intent === "revoke") {
    if (!(await revokeInvitation({ ...scope, invitationId: input.invitationId }))) {
      return failure(fieldError("invitationId", "orgManage.errors.invitationNotFound"), 404);
    }
    return redirectWithToast(here, { key: "toast.invitationRevoked", type: "success" });
  }
  const changed =
    input.intent === "remove"
      ? await removeMember({ ...scope, userId: input.userId })
      : await changeMemberRole({ ...scope, userId: input.userId, role: input.role });
  if (!changed) forbidden();
  if (!changed.ok) {
    return changed.reason === "last_owner"
      ? failure(fieldError("form", "orgManage.errors.lastOwner"), 409)
      : failure(fieldError("userId", "orgManage.errors.memberNotFound"), 404);
  }
  const toast = { key: input.intent === "remove" ? "toast.memberRemoved" : "toast.memberRoleChanged", type: "success" } as const;
  // whoever gave up their own ownership (or left) may no longer be on this page
  if (input.userId === user.id) {
    return redirect(input.intent === "remove" ? "/orgs" : `/orgs/${organisation.slug}/manage`, { headers: { "Set-Cookie": await toastHeader(toast) } });
  }
  return redirectWithToast(here, toast);
}

function RoleSelect({ memberName, current }: { memberName: string; current: string }) {
  const { t } = useTranslation();
  const selectId = `role-${useId()}`;
  return (
    <>
      <label htmlFor={selectId} className="visually-hidden">
        {t("orgManage.members.roleFor", { name: memberName })}
      </label>
      <select id={selectId} name="role" defaultValue={current} className="inline-select">
        {ORGANISATION_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`orgManage.roles.${r}`)}
          </option>
        ))}
      </select>
    </>
  );
}

export default function Members() {
  const { organisation, role, members, invitations, ownerCount, me, locale } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errorText = useFieldErrorText();
  const errors = actionData?.errors;
  const rowErrors = errors ? [...(errors.form ?? []), ...(errors.userId ?? []), ...(errors.invitationId ?? []), ...(errors.intent ?? [])] : [];
  const inviteErrors = errors && (errors.email || errors.role) ? errors : undefined;
  return (
    <section aria-labelledby="page-title">
      <ManageHeader organisation={organisation} role={role} />
      {rowErrors.length > 0 ? (
        <div className="alert alert--error" role="alert">
          {rowErrors.map((error) => (
            <p key={error.key}>{errorText(error)}</p>
          ))}
        </div>
      ) : null}

      <section aria-labelledby="members-title">
        <h2 id="members-title">{t("orgManage.members.title")}</h2>
        <p className="muted">{t("orgManage.members.rolesExplained")}</p>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("orgManage.members.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("orgManage.members.name")}</th>
                <th scope="col">{t("orgManage.members.email")}</th>
                <th scope="col">{t("orgManage.members.role")}</th>
                <th scope="col">{t("orgManage.members.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => {
                const lastOwner = member.role === "owner" && ownerCount <= 1;
                const name = member.displayName + (member.userId === me ? ` (${t("orgManage.members.you")})` : "");
                return (
                  <tr key={member.userId} data-testid="member-row">
                    <td>{name}</td>
                    <td>{member.email}</td>
                    <td>{t(`orgManage.roles.${member.role}`)}</td>
                    <td>
                      {lastOwner ? (
                        <span className="muted small">{t("orgManage.members.lastOwner")}</span>
                      ) : (
                        <div className="row-actions">
                          <RowAction intent="change-role" idName="userId" id={member.userId} label={t("orgManage.members.changeRole")} accessibleLabel={`${t("orgManage.members.changeRole")}: ${member.displayName}`}>
                            <RoleSelect memberName={member.displayName} current={member.role} />
                          </RowAction>
                          <RowAction intent="remove" idName="userId" id={member.userId} label={t("orgManage.members.remove")} accessibleLabel={`${t("orgManage.members.remove")}: ${member.displayName}`} className="button button--danger button--small-ghost" />
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="invite-title" className="card invite-card">
        <h2 id="invite-title">{t("orgManage.members.inviteTitle")}</h2>
        <p>{t("orgManage.members.inviteIntro")}</p>
        <Form method="post" className="form" noValidate>
          <FormErrors errors={inviteErrors} />
          <Field name="email" type="email" label={t("orgManage.members.inviteEmail")} required autoComplete="off" defaultValue={actionData?.values?.email} errors={inviteErrors?.email} />
          <ChoiceGroup
            name="role"
            type="radio"
            legend={t("orgManage.members.inviteRole")}
            options={ORGANISATION_ROLES.map((r) => ({ value: r, label: `${t(`orgManage.roles.${r}`)} – ${t(`orgManage.roleHelp.${r}`)}` }))}
            selected={[actionData?.values?.role || "editor"]}
            errors={inviteErrors?.role}
          />
          <div>
            <SubmitButton name="intent" value="invite">
              {t("orgManage.members.inviteSubmit")}
            </SubmitButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="invitations-title">
        <h2 id="invitations-title">{t("orgManage.members.openInvitations")}</h2>
        {invitations.length === 0 ? (
          <p className="muted">{t("orgManage.members.noInvitations")}</p>
        ) : (
          <ul className="plain-list">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="invitation-row" data-testid="invitation-row">
                <span>
                  {invitation.email} · {t(`orgManage.roles.${invitation.role}`)} ·{" "}
                  <span className="muted">{t("orgManage.members.validUntil", { date: formatDate(invitation.expiresAt, locale) })}</span>
                </span>
                <RowAction intent="revoke" idName="invitationId" id={invitation.id} label={t("orgManage.members.revoke")} accessibleLabel={`${t("orgManage.members.revoke")}: ${invitation.email}`} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
