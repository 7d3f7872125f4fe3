/** A sign-up's status as a badge ("Bestätigt", "Warteliste: Platz 3"), the same on every page. */
import { useTranslation } from "~/i18n/react";
import type { SignupStatus } from "~/domain/signups/status";

export function SignupStatusBadge({ status, position }: { status: SignupStatus; position?: number | null }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge signup-status signup-status--${status}`}>
      {status === "waitlisted" && position ? t("signups.status.waitlistedPosition", { position }) : t(`signups.status.${status}`)}
    </span>
  );
}
