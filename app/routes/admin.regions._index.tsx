/** /admin/regions: the RIF regions with how many Gemeinden and coordinators each has; create a new one. */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, SubmitButton } from "~/components/forms";
import { requireAdmin } from "~/domain/auth/permissions.server";
import { createRegionSchema } from "~/domain/moderation/admin-forms.server";
import { createRegion, listRegions, RegionNameTakenError, regionSlug } from "~/domain/moderation/regions.server";
import { parseFormWithKeys } from "~/domain/organisations/parse-form.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError } from "~/utils/form-fields";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const locale = await getLocale(request);
  return { title: getFixedT(locale)("moderation.regions.title"), regions: await listRegions() };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Regions"} – Mitenand` }];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const result = parseFormWithKeys(createRegionSchema, await request.formData());
  if (!result.success) return data({ errors: result.errors }, { status: 400 });
  if (!regionSlug(result.data.name)) return data({ errors: fieldError("name", "moderation.errors.regionName") }, { status: 400 });
  try {
    const region = await createRegion({ actor: user, name: result.data.name, ip: clientIp(context) });
    return redirectWithToast(`/admin/regions/${region.slug}`, { key: "toast.saved", type: "success" });
  } catch (error) {
    if (error instanceof RegionNameTakenError) return data({ errors: fieldError("name", "moderation.errors.regionTaken") }, { status: 409 });
    throw error;
  }
}

export default function Regions() {
  const { regions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/admin">← {t("moderation.admin.title")}</Link>
      </p>
      <h1 id="page-title">{t("moderation.regions.title")}</h1>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t("moderation.regions.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("moderation.regions.name")}</th>
              <th scope="col">{t("moderation.regions.gemeinden")}</th>
              <th scope="col">{t("moderation.regions.coordinators")}</th>
            </tr>
          </thead>
          <tbody>
            {regions.map((r) => (
              <tr key={r.id} data-testid="region-row">
                <td>
                  <Link to={`/admin/regions/${r.slug}`}>{r.name}</Link>
                </td>
                <td>{r.gemeinden}</td>
                <td>{r.coordinators}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form method="post" className="card" aria-labelledby="create-title" noValidate>
        <h2 id="create-title">{t("moderation.regions.create")}</h2>
        <FormErrors errors={actionData?.errors} />
        <Field name="name" label={t("moderation.regions.name")} errors={actionData?.errors?.name} required maxLength={120} />
        <SubmitButton>{t("moderation.regions.createSubmit")}</SubmitButton>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
