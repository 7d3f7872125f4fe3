/** The queue as a table: what, whose, where, what kind of item, and how long it has been waiting. */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { QueueKind } from "~/domain/moderation/decisions";

export interface QueueRow {
  opportunityId: number;
  revisionId: number | null;
  kind: QueueKind;
  title: string;
  organisationName: string;
  organisationVerified: boolean;
  gemeindeName: string;
  regionName: string | null;
  categoryLabel: string;
  waitingHours: number;
}

/** The label of a kind of queue item (flags have their own i18n section). */
export function useQueueKindLabel() {
  const { t } = useTranslation();
  return (kind: QueueKind) => (kind === "flag" ? t("flags.queueKind") : t(`moderation.kinds.${kind}`));
}

export function WaitingTime({ hours }: { hours: number }) {
  const { t } = useTranslation();
  return <>{hours < 48 ? t("moderation.queue.waitingHours", { count: hours }) : t("moderation.queue.waitingDays", { count: Math.floor(hours / 24) })}</>;
}

export function QueueTable({ items }: { items: QueueRow[] }) {
  const { t } = useTranslation();
  const kindLabel = useQueueKindLabel();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="queue">
        <caption className="visually-hidden">{t("moderation.queue.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("moderation.queue.item")}</th>
            <th scope="col">{t("moderation.queue.kind")}</th>
            <th scope="col">{t("moderation.queue.where")}</th>
            <th scope="col">{t("moderation.queue.waiting")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.kind}-${item.opportunityId}-${item.revisionId ?? 0}`} data-testid="queue-item">
              <td>
                <Link to={`/coordinator/opportunities/${item.opportunityId}`}>{item.title}</Link>
                <br />
                <span className="muted small">
                  {item.organisationName}
                  {item.organisationVerified ? ` · ${t("moderation.verified")}` : ""} · {item.categoryLabel}
                </span>
              </td>
              <td>
                <span className={`status-badge status-badge--${item.kind === "revision" ? "published" : item.kind === "flag" ? "rejected" : "submitted"}`}>{kindLabel(item.kind)}</span>
              </td>
              <td>
                {item.gemeindeName}
                <br />
                <span className="muted small">{item.regionName ?? t("moderation.queue.cantonWide")}</span>
              </td>
              <td>
                <WaitingTime hours={item.waitingHours} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
