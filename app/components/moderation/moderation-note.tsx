/**
 * On the organisation's dashboard and pages: the RIF's latest decision about a listing with its reason, and
 * whether an edit of the published listing waits for review.
 */
import { useTranslation } from "~/i18n/react";
import type { Decision, RevisionStatus } from "~/domain/moderation/decisions";
import type { OpportunityStatus } from "~db/schema";

export interface ModerationNoteData {
  decision: Decision | null;
  reason: string | null;
  onRevision: boolean;
  revisionStatus: RevisionStatus | null;
}

export function ModerationNote({ note, status }: { note: ModerationNoteData | undefined; status: OpportunityStatus }) {
  const { t } = useTranslation();
  if (!note) return null;
  if (note.revisionStatus === "pending") {
    return <p className="moderation-note muted small" data-testid="moderation-note">{t("moderation.note.revisionPending")}</p>;
  }
  const relevant =
    (note.revisionStatus === "changes_requested" && note.onRevision) ||
    ((status === "changes_requested" || status === "rejected") && note.decision && note.decision !== "approve");
  if (!relevant || !note.decision) return null;
  return (
    <div className="moderation-note alert alert--info" data-testid="moderation-note">
      <p>
        <strong>{t(note.revisionStatus === "changes_requested" ? "moderation.note.revisionChangesRequested" : `moderation.note.${note.decision}`)}</strong>
      </p>
      {note.reason ? (
        <p>
          {t("moderation.note.reason")}: {note.reason}
        </p>
      ) : null}
    </div>
  );
}
