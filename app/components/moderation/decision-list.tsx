/** Earlier decisions: on this listing (review page) or on the organisation's other listings. */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { Decision } from "~/domain/moderation/decisions";
import { formatDate } from "~/utils/format";
import type { Locale } from "~/i18n/config";

export interface DecisionListItem {
  id: number;
  decision: Decision;
  reason: string | null;
  decidedAt: string | Date;
  decidedBy?: string | null;
  revisionId?: number | null;
  opportunityId?: number;
  title?: string;
}

export function DecisionList({ items, locale, emptyText }: { items: DecisionListItem[]; locale: Locale; emptyText: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <ul className="plain-list decision-list">
      {items.map((item) => (
        <li key={item.id}>
          <strong>{t(`moderation.decisions.${item.decision}${item.revisionId && item.decision !== "unpublish" ? "Revision" : ""}`)}</strong>
          {item.title && item.opportunityId ? (
            <>
              {" · "}
              <Link to={`/coordinator/opportunities/${item.opportunityId}`}>{item.title}</Link>
            </>
          ) : null}
          <span className="muted small">
            {" · "}
            {formatDate(new Date(item.decidedAt), locale)}
            {item.decidedBy ? ` · ${item.decidedBy}` : ""}
          </span>
          {item.reason ? <p className="small">{item.reason}</p> : null}
        </li>
      ))}
    </ul>
  );
}
