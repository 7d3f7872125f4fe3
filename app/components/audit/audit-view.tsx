/**
 * The audit views' page body, shared by /admin/audit and /coordinator/audit: the filter form (a plain GET form),
 * the entries as a table (when, who, what, about what, where, before → after and the reason) and the pages.
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { auditActionKey, type AuditKind } from "~/domain/audit/kinds";
import type { Locale } from "~/i18n/config";
import { TIME_ZONE } from "~/utils/format";
import { intlLocale } from "~/i18n/config";
import { dateTimeFormat } from "~/utils/intl";

export interface AuditEntryView {
  id: number;
  occurredAt: string | Date;
  action: string;
  actorName: string | null;
  actorEmail: string | null;
  subjectType: string | null;
  subjectId: string | null;
  subjectLabel: string | null;
  regionName: string | null;
  change: string | null;
  reason: string | null;
}

export interface AuditPageData {
  kinds: readonly AuditKind[];
  regions: { slug: string; name: string }[];
  allowNoRegion: boolean;
  filters: { actor: string; kind: string; region: string; from: string; to: string };
  items: AuditEntryView[];
  page: number;
  pageCount: number;
  total: number;
  locale: Locale;
}

function when(value: string | Date, locale: Locale) {
  return dateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE }).format(new Date(value));
}

export function AuditView({ data, intro }: { data: AuditPageData; intro: string }) {
  const { t } = useTranslation();
  const { filters, items, page, pageCount, total, regions, kinds, allowNoRegion, locale } = data;
  const pageLink = (target: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    if (target > 1) params.set("page", String(target));
    const query = params.toString();
    return query ? `?${query}` : ".";
  };
  return (
    <section aria-labelledby="page-title" className="audit-page">
      <h1 id="page-title">{t("audit.title")}</h1>
      <p>{intro}</p>
      <Form method="get" className="filter-bar card" aria-labelledby="audit-filter-title">
        <h2 id="audit-filter-title" className="visually-hidden">
          {t("audit.filterTitle")}
        </h2>
        <div className="field">
          <label htmlFor="audit-actor">{t("audit.actor")}</label>
          <input id="audit-actor" name="actor" type="search" defaultValue={filters.actor} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="audit-kind">{t("audit.kind")}</label>
          <select id="audit-kind" name="kind" defaultValue={filters.kind}>
            <option value="">{t("audit.allKinds")}</option>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`audit.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-region">{t("audit.region")}</label>
          <select id="audit-region" name="region" defaultValue={filters.region}>
            <option value="">{t("audit.allRegions")}</option>
            {regions.map((r) => (
              <option key={r.slug} value={r.slug}>
                {r.name}
              </option>
            ))}
            {allowNoRegion ? <option value="none">{t("audit.noRegion")}</option> : null}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to} />
        </div>
        <button type="submit" className="button">
          {t("audit.filter")}
        </button>
      </Form>
      <h2>{t("audit.count", { count: total })}</h2>
      {items.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="audit">
            <caption className="visually-hidden">{t("audit.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.change")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} data-testid="audit-entry">
                  <td>{when(item.occurredAt, locale)}</td>
                  <td>
                    {item.actorName ?? t("audit.system")}
                    {item.actorEmail ? (
                      <>
                        <br />
                        <span className="muted small">{item.actorEmail}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {t(auditActionKey(item.action), { defaultValue: item.action })}
                    {item.subjectType ? (
                      <>
                        <br />
                        <span className="muted small">
                          {item.subjectType === "opportunity" && item.subjectId ? (
                            <Link to={`/coordinator/opportunities/${item.subjectId}`}>{item.subjectLabel ?? `#${item.subjectId}`}</Link>
                          ) : (
                            (item.subjectLabel ?? `${item.subjectType} #${item.subjectId ?? ""}`)
                          )}
                          {item.regionName ? ` · ${item.regionName}` : ""}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td className="audit-change">
                    {item.change ? <code>{item.change}</code> : null}
                    {item.reason ? <p className="small">{item.reason}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav aria-label={t("audit.pages")} className="pagination">
          {page > 1 ? <Link to={pageLink(page - 1)}>← {t("audit.previous")}</Link> : null}
          <span>{t("audit.pageOf", { page, pageCount })}</span>
          {page < pageCount ? <Link to={pageLink(page + 1)}>{t("audit.next")} →</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
