/**
 * The "verified organisation" badge (a RIF coordinator verified it): on the organisation page and, compact (a
 * checkmark and a short label), on search result cards.
 */
import { useTranslation } from "~/i18n/react";

export function VerifiedBadge({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={compact ? "verified-badge verified-badge--compact" : "verified-badge"}>
      {/* compact (20 cards on a search page): the checkmark comes from the CSS, not an inline SVG each */}
      {compact ? null : (
        <svg aria-hidden="true" width={18} height={18} viewBox="0 0 24 24">
          <path fill="currentColor" d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z" />
        </svg>
      )}
      {compact ? t("opportunity.verified") : t("org.profile.verified")}
    </span>
  );
}
