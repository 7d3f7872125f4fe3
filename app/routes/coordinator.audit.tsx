/**
 * /coordinator/audit: the audit entries of the coordinator's regions (decisions, verifications, flag
 * resolutions, role and region changes about their opportunities, organisations and regions), with the same
 * filters as /admin/audit. Admins see every entry.
 */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { AuditView } from "~/components/audit/audit-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { loadAuditPage } from "~/domain/audit/audit-view.server";
import { requireModerator } from "~/domain/moderation/scope.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireModerator(request);
  const locale = await getLocale(request);
  const page = await loadAuditPage({
    url: new URL(request.url),
    viewer: { id: scope.id, isAdmin: scope.isAdmin },
    regions: scope.regions.map(({ slug, name }) => ({ slug, name })),
  });
  return { title: getFixedT(locale)("audit.title"), locale, regionNames: scope.regions.map((r) => r.name).join(", "), isAdmin: scope.isAdmin, ...page };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Audit"} – Mitenand` }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export default function CoordinatorAudit() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return <AuditView data={data} intro={data.isAdmin ? t("audit.introAdmin") : t("audit.intro", { regions: data.regionNames })} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
