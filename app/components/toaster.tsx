/** Shows the one-time message of the last action; a live region so screen readers announce it. */
import { useTranslation } from "~/i18n/react";

/** `text` is the message as the root loader translated it (the browser does not load the toast texts) */
export function Toaster({ toast }: { toast: { key: string; text?: string; type: "success" | "info" | "error" } | null }) {
  const { t } = useTranslation();
  return (
    <div className="toaster" role="status" aria-live="polite">
      {toast ? <p className={`alert alert--${toast.type}`}>{toast.text ?? t(toast.key)}</p> : null}
    </div>
  );
}
