/**
 * /admin/regions/:slug: rename a region, choose its Gemeinden (by district), add coordinators by email and
 * remove them, or retire the region (its Gemeinden fall to the canton-wide queue). Admins only; POST forms told
 * apart by `intent`.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxField, Field, FormErrors, SubmitButton } from "~/components/forms";
import { RegionGemeindenForm } from "~/components/moderation/region-gemeinden";
import { requireAdmin } from "~/domain/auth/permissions.server";
import { regionActionSchema } from "~/domain/moderation/admin-forms.server";
import { inviteCoordinator, listCoordinatorInvitations } from "~/domain/moderation/coordinator-invitations.server";
import {
  addCoordinator,
  getRegionForEditing,
  NoSuchAccountError,
  RegionNameTakenError,
  removeCoordinator,
  renameRegion,
  retireRegion,
  setRegionGemeinden,
} from "~/domain/moderation/regions.server";
import { parseFormWithKeys } from "~/domain/organisations/parse-form.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formatDate } from "~/utils/format";
import { fieldError } from "~/utils/form-fields";
import { notFound } from "~/utils/http";
import { appOrigin, clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

async function load(request: Request, slug: string | undefined) {
  const user = await requireAdmin(request);
  const found = slug && /^[a-z0-9-]{1,80}$/.test(slug) ? await getRegionForEditing({ slug }) : null;
  if (!found) notFound();
  return { user, found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await load(request, params.slug);
  const locale = await getLocale(request);
  const invitations = await listCoordinatorInvitations({ regionId: found.region.id });
  return { title: `${getFixedT(locale)("moderation.regions.title")}: ${found.region.name}`, ...found, invitations, locale };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Region"} – Mitenand` }];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, found } = await load(request, params.slug);
  const result = parseFormWithKeys(regionActionSchema, await request.formData());
  if (!result.success) return data({ errors: result.errors }, { status: 400 });
  const id = found.region.id;
  const ip = clientIp(context);
  const back = `/admin/regions/${found.region.slug}`;
  const input = result.data;
  try {
    switch (input.intent) {
      case "rename":
        await renameRegion({ actor: user, id, name: input.name, ip });
        return redirectWithToast(back, { key: "toast.saved", type: "success" });
      case "gemeinden": {
        const inDistricts = found.districts.filter((d) => input.district.includes(d.districtNr)).flatMap((d) => d.gemeinden.map((g) => g.bfsNr));
        const known = new Set(found.districts.flatMap((d) => d.gemeinden.map((g) => g.bfsNr)));
        const bfsNrs = [...input.bfsNr, ...inDistricts];
        if (bfsNrs.some((n) => !known.has(n))) return data({ errors: fieldError("bfsNr", "moderation.errors.gemeinde") }, { status: 400 });
        await setRegionGemeinden({ actor: user, id, bfsNrs, ip });
        return redirectWithToast(back, { key: "toast.saved", type: "success" });
      }
      case "addCoordinator":
        try {
          await addCoordinator({ actor: user, id, email: input.email, ip });
        } catch (error) {
          if (!(error instanceof NoSuchAccountError)) throw error;
          // no account with that address: invite it (the person becomes coordinator on accepting)
          const invited = await inviteCoordinator({ regionId: id, actor: user, email: input.email, origin: appOrigin(), ip });
          if (!invited.ok && invited.reason === "rate_limited") {
            return data({ errors: fieldError("email", "coordinatorInvite.errors.rateLimited") }, { status: 429, headers: { "Retry-After": String(invited.retryAfterSeconds) } });
          }
          if (!invited.ok) notFound();
          return redirectWithToast(back, { key: "toast.coordinatorInvited", type: "success" });
        }
        return redirectWithToast(back, { key: "toast.saved", type: "success" });
      case "removeCoordinator":
        if (!(await removeCoordinator({ actor: user, id, userId: input.userId, ip }))) notFound();
        return redirectWithToast(back, { key: "toast.saved", type: "success" });
      case "retire":
        await retireRegion({ actor: user, id, ip });
        return redirectWithToast("/admin/regions", { key: "toast.saved", type: "success" });
    }
  } catch (error) {
    if (error instanceof RegionNameTakenError) return data({ errors: fieldError("name", "moderation.errors.regionTaken") }, { status: 409 });
    if (error instanceof NoSuchAccountError) return data({ errors: fieldError("email", "moderation.errors.noAccount") }, { status: 400 });
    throw error;
  }
}

export default function RegionPage() {
  const { region, districts, coordinators, invitations, locale } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = actionData?.errors;
  return (
    <section aria-labelledby="page-title" className="review-page">
      <p>
        <Link to="/admin/regions">← {t("moderation.regions.title")}</Link>
      </p>
      <h1 id="page-title">{region.name}</h1>
      <FormErrors errors={errors} />
      <Form method="post" className="card" aria-labelledby="rename-title" noValidate>
        <h2 id="rename-title">{t("moderation.regions.rename")}</h2>
        <input type="hidden" name="intent" value="rename" />
        <Field name="name" label={t("moderation.regions.name")} defaultValue={region.name} errors={errors?.name} required maxLength={120} />
        <SubmitButton>{t("moderation.regions.renameSubmit")}</SubmitButton>
      </Form>

      <section className="card" aria-labelledby="coordinators-title">
        <h2 id="coordinators-title">{t("moderation.regions.coordinators")}</h2>
        {coordinators.length === 0 ? <p>{t("moderation.regions.noCoordinators")}</p> : null}
        <ul className="plain-list">
          {coordinators.map((c) => (
            <li key={c.id} data-testid="coordinator-row">
              {c.displayName} ({c.email}){" "}
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="removeCoordinator" />
                <input type="hidden" name="userId" value={c.id} />
                <button type="submit" className="link-button" aria-label={`${t("moderation.regions.removeCoordinator")}: ${c.displayName}`}>
                  {t("moderation.regions.removeCoordinator")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        {invitations.length ? (
          <>
            <h3>{t("coordinatorInvite.open")}</h3>
            <ul className="plain-list" data-testid="coordinator-invitations">
              {invitations.map((i) => (
                <li key={i.id}>{t("coordinatorInvite.openItem", { email: i.email, date: formatDate(i.expiresAt, locale) })}</li>
              ))}
            </ul>
          </>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="addCoordinator" />
          <Field name="email" type="email" label={t("moderation.regions.coordinatorEmail")} hint={t("moderation.regions.coordinatorHint")} errors={errors?.email} required />
          <SubmitButton>{t("moderation.regions.addCoordinator")}</SubmitButton>
        </Form>
      </section>

      <RegionGemeindenForm regionId={region.id} districts={districts} />

      <Form method="post" className="card" aria-labelledby="retire-title" noValidate>
        <h2 id="retire-title">{t("moderation.regions.retire")}</h2>
        <p>{t("moderation.regions.retireHint")}</p>
        <input type="hidden" name="intent" value="retire" />
        <CheckboxField name="confirm" value="yes" label={t("moderation.regions.retireConfirm", { name: region.name })} errors={errors?.confirm} />
        <SubmitButton className="button button--danger">{t("moderation.regions.retireSubmit")}</SubmitButton>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
