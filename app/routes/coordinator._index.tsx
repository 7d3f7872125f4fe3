/**
 * /coordinator: the RIF coordinator's queue (admins: every region and the canton-wide queue). Oldest first,
 * with waiting time, filters in the URL (region, kind, category: a plain GET form) and pages of 20.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { QueueTable, useQueueKindLabel } from "~/components/moderation/queue-table";
import { QUEUE_KINDS } from "~/domain/moderation/decisions";
import { parseQueueFilters } from "~/domain/moderation/filters.server";
import { listQueue } from "~/domain/moderation/queue.server";
import { requireModerator } from "~/domain/moderation/scope.server";
import { loadFormReference } from "~/domain/opportunities/form-reference.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireModerator(request);
  const locale = await getLocale(request);
  const { categories } = await loadFormReference(locale);
  const url = new URL(request.url);
  const filters = parseQueueFilters(url.searchParams, {
    regionSlugs: scope.regions.map((r) => r.slug),
    allowCantonWide: scope.isAdmin,
    categoryIds: new Set(categories.map((c) => c.id)),
  });
  const queue = await listQueue({ actor: scope, filters, locale });
  const now = Date.now();
  return {
    title: getFixedT(locale)("moderation.queue.title"),
    isAdmin: scope.isAdmin,
    regions: scope.regions.map(({ slug, name }) => ({ slug, name })),
    categories,
    filters: { region: filters.region ?? "", kind: filters.kind ?? "", category: filters.category ?? "" },
    page: queue.page,
    pageCount: queue.pageCount,
    total: queue.total,
    items: queue.items.map((item) => ({
      ...item,
      waitingHours: Math.max(0, Math.floor((now - new Date(item.waitingSince).getTime()) / 3_600_000)),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Moderation"} – Mitenand` }];

export default function CoordinatorQueue() {
  const { regions, categories, filters, items, page, pageCount, total, isAdmin } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const kindLabel = useQueueKindLabel();
  const pageLink = (target: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    if (target > 1) params.set("page", String(target));
    const query = params.toString();
    return query ? `?${query}` : ".";
  };
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t("moderation.queue.title")}</h1>
      <p>{isAdmin ? t("moderation.queue.introAdmin") : t("moderation.queue.intro", { regions: regions.map((r) => r.name).join(", ") })}</p>
      <p className="queue-links">
        <Link to="/coordinator/reports">{t("reports.nav")}</Link>
        <Link to="/coordinator/audit">{t("audit.link")}</Link>
        {isAdmin ? <Link to="/admin">{t("moderation.admin.title")}</Link> : null}
      </p>
      <Form method="get" className="filter-bar card" aria-labelledby="queue-filter-title">
        <h2 id="queue-filter-title" className="visually-hidden">
          {t("moderation.queue.filterTitle")}
        </h2>
        <div className="field">
          <label htmlFor="queue-region">{t("moderation.queue.region")}</label>
          <select id="queue-region" name="region" defaultValue={filters.region}>
            <option value="">{t("moderation.queue.allRegions")}</option>
            {regions.map((r) => (
              <option key={r.slug} value={r.slug}>
                {r.name}
              </option>
            ))}
            {isAdmin ? <option value="none">{t("moderation.queue.cantonWide")}</option> : null}
          </select>
        </div>
        <div className="field">
          <label htmlFor="queue-kind">{t("moderation.queue.kind")}</label>
          <select id="queue-kind" name="kind" defaultValue={filters.kind}>
            <option value="">{t("moderation.queue.allKinds")}</option>
            {QUEUE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="queue-category">{t("moderation.queue.category")}</label>
          <select id="queue-category" name="category" defaultValue={filters.category}>
            <option value="">{t("moderation.queue.allCategories")}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("moderation.queue.filter")}
        </button>
      </Form>
      <h2>{t("moderation.queue.count", { count: total })}</h2>
      {items.length === 0 ? <p>{t("moderation.queue.empty")}</p> : <QueueTable items={items} />}
      {pageCount > 1 ? (
        <nav aria-label={t("moderation.queue.pages")} className="pagination">
          {page > 1 ? <Link to={pageLink(page - 1)}>← {t("moderation.queue.previous")}</Link> : null}
          <span>{t("moderation.queue.pageOf", { page, pageCount })}</span>
          {page < pageCount ? <Link to={pageLink(page + 1)}>{t("moderation.queue.next")} →</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
