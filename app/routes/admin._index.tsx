/** /admin: the canton's overview for admins — what waits, how the regions cover the Gemeinden — and links. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireAdmin } from "~/domain/auth/permissions.server";
import { adminOverview } from "~/domain/moderation/regions.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const locale = await getLocale(request);
  return { title: getFixedT(locale)("moderation.admin.title"), counts: await adminOverview() };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Admin"} – Mitenand` }];

export default function AdminHome() {
  const { counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const figures = [
    ["submitted", counts.submitted],
    ["revisions", counts.revisions],
    ["published", counts.published],
    ["regions", counts.regions],
    ["gemeindenWithoutRegion", counts.gemeindenWithoutRegion],
    ["coordinators", counts.coordinators],
    ["admins", counts.admins],
  ] as const;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t("moderation.admin.title")}</h1>
      <dl className="facts card" data-testid="admin-counts">
        {figures.map(([key, value]) => (
          <div key={key}>
            <dt>{t(`moderation.admin.counts.${key}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ul className="plain-list">
        <li>
          <Link to="/coordinator">{t("moderation.admin.queueLink")}</Link>
        </li>
        <li>
          <Link to="/admin/regions">{t("moderation.admin.regionsLink")}</Link>
        </li>
        <li>
          <Link to="/admin/users">{t("adminUsers.link")}</Link>
        </li>
        <li>
          <Link to="/admin/audit">{t("audit.link")}</Link>
        </li>
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
