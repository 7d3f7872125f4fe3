/** /admin/audit: every audit entry, newest first, with filters (actor, kind, region, period) and pages of 50. Admins only. */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { AuditView } from "~/components/audit/audit-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { loadAuditPage } from "~/domain/audit/audit-view.server";
import { requireAdmin } from "~/domain/auth/permissions.server";
import { getModeratorScope } from "~/domain/moderation/scope.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAdmin(request);
  const locale = await getLocale(request);
  const scope = await getModeratorScope(user);
  const page = await loadAuditPage({ url: new URL(request.url), viewer: { id: user.id, isAdmin: true }, regions: scope.regions.map(({ slug, name }) => ({ slug, name })) });
  return { title: getFixedT(locale)("audit.title"), locale, ...page };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Audit"} – Mitenand` }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export default function AdminAudit() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return <AuditView data={data} intro={t("audit.introAdmin")} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
