/** Shows the one-time message of the last action; a live region so screen readers announce it. */
import { useTranslation } from "react-i18next";

export function Toaster({ toast }: { toast: { key: string; type: "success" | "info" | "error" } | null }) {
  const { t } = useTranslation();
  return (
    <div className="toaster" role="status" aria-live="polite">
      {toast ? <p className={`alert alert--${toast.type}`}>{t(toast.key)}</p> : null}
    </div>
  );
}
