/**
 * /admin/users/:id: one person's roles and organisations. POST forms told apart by `intent`: grant or revoke
 * admin (never the last admin), add or remove as coordinator of a region, make them owner of an organisation
 * that has no owner. Admins only; unknown ids are 404. Every change is audited.
 */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SubmitButton } from "~/components/forms";
import { requireAdmin } from "~/domain/auth/permissions.server";
import { userActionSchema } from "~/domain/moderation/user-forms.server";
import { assignOwner, getUserForAdmin, setAdminRole, setCoordinatorRole } from "~/domain/moderation/users.server";
import { idParam } from "~/domain/organisations/access.server";
import { parseFormWithKeys } from "~/domain/organisations/parse-form.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError } from "~/utils/form-fields";
import { notFound } from "~/utils/http";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

async function load(request: Request, idValue: string | undefined) {
  const admin = await requireAdmin(request);
  const id = idParam(idValue);
  const found = await getUserForAdmin({ id });
  if (!found) notFound();
  return { admin, id, found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found, admin } = await load(request, params.id);
  const locale = await getLocale(request);
  return { title: `${getFixedT(locale)("adminUsers.title")}: ${found.user.displayName}`, self: admin.id === found.user.id, ...found };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Admin"} – Mitenand` }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { admin, id } = await load(request, params.id);
  const result = parseFormWithKeys(userActionSchema, await request.formData());
  if (!result.success) return data({ errors: result.errors }, { status: 400 });
  const input = result.data;
  const ip = clientIp(context);
  const back = `/admin/users/${id}`;
  const done = () => redirectWithToast(back, { key: "toast.saved", type: "success" });
  switch (input.intent) {
    case "grantAdmin":
    case "revokeAdmin": {
      const changed = await setAdminRole({ actor: admin, userId: id, admin: input.intent === "grantAdmin", ip });
      if (!changed.ok && changed.reason === "last_admin") return data({ errors: fieldError("form", "adminUsers.errors.lastAdmin") }, { status: 409 });
      if (!changed.ok) notFound();
      return done();
    }
    case "addCoordinator":
    case "removeCoordinator": {
      const changed = await setCoordinatorRole({ actor: admin, userId: id, regionId: input.regionId, coordinator: input.intent === "addCoordinator", ip });
      if (!changed.ok) return data({ errors: fieldError("regionId", "adminUsers.errors.region") }, { status: 404 });
      return done();
    }
    case "assignOwner": {
      const assigned = await assignOwner({ actor: admin, userId: id, orgId: input.organisationId, ip });
      if (!assigned.ok && assigned.reason === "has_owner") return data({ errors: fieldError("organisationId", "adminUsers.errors.hasOwner") }, { status: 409 });
      if (!assigned.ok) return data({ errors: fieldError("organisationId", "adminUsers.errors.organisation") }, { status: 404 });
      return done();
    }
  }
}

export default function AdminUser() {
  const { user, regions, allRegions, organisations, ownerless, self } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const coordinated = new Set(regions.map((r) => r.id));
  const others = allRegions.filter((r) => !coordinated.has(r.id));
  return (
    <section aria-labelledby="page-title" className="admin-user">
      <p>
        <Link to="/admin/users">← {t("adminUsers.title")}</Link>
      </p>
      <h1 id="page-title">{user.displayName}</h1>
      <p className="muted">{user.email}</p>
      <FormErrors errors={actionData?.errors} />

      <section aria-labelledby="admin-role-title" className="card">
        <h2 id="admin-role-title">{t("adminUsers.adminRole")}</h2>
        <p>{user.isAdmin ? t("adminUsers.isAdmin") : t("adminUsers.notAdmin")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value={user.isAdmin ? "revokeAdmin" : "grantAdmin"} />
          <SubmitButton className={user.isAdmin ? "button button--ghost" : undefined}>
            {user.isAdmin ? t(self ? "adminUsers.revokeSelf" : "adminUsers.revoke") : t("adminUsers.grant")}
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="coordinator-role-title" className="card">
        <h2 id="coordinator-role-title">{t("adminUsers.coordinatorRole")}</h2>
        {regions.length === 0 ? <p>{t("adminUsers.noRegions")}</p> : null}
        <ul className="plain-list" data-testid="user-regions">
          {regions.map((r) => (
            <li key={r.id}>
              <Form method="post" className="inline-form">
                <Link to={`/admin/regions/${r.slug}`}>{r.name}</Link> <input type="hidden" name="intent" value="removeCoordinator" />
                <input type="hidden" name="regionId" value={r.id} />
                <button type="submit" className="button button--ghost button--small" aria-label={t("adminUsers.removeFrom", { region: r.name })}>
                  {t("adminUsers.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        {others.length ? (
          <ChooseAndSubmit intent="addCoordinator" id="add-region" name="regionId" label={t("adminUsers.addRegion")} options={others} submitLabel={t("adminUsers.add")} />
        ) : null}
      </section>

      <section aria-labelledby="organisations-title" className="card">
        <h2 id="organisations-title">{t("adminUsers.organisations")}</h2>
        {organisations.length === 0 ? <p>{t("adminUsers.noOrganisations")}</p> : null}
        <ul className="plain-list" data-testid="user-organisations">
          {organisations.map((o) => (
            <li key={o.id}>
              <Link to={`/orgs/${o.slug}`}>{o.name}</Link> · {t(`orgManage.roles.${o.role}`)}
              {o.archivedAt ? ` · ${t("adminUsers.archived")}` : ""}
            </li>
          ))}
        </ul>
        {ownerless.length ? (
          <ChooseAndSubmit
            intent="assignOwner"
            id="assign-owner"
            name="organisationId"
            label={t("adminUsers.assignOwner")}
            options={ownerless}
            submitLabel={t("adminUsers.makeOwner")}
          />
        ) : (
          <p className="muted small">{t("adminUsers.noOwnerless")}</p>
        )}
      </section>
    </section>
  );
}

/** A role to give: one form with the intent, a labelled choice (a region, an organisation) and its button. */
function ChooseAndSubmit({
  intent,
  id,
  name,
  label,
  options,
  submitLabel,
}: {
  intent: string;
  id: string;
  name: string;
  label: string;
  options: readonly { id: number; name: string }[];
  submitLabel: string;
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select id={id} name={name}>
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
