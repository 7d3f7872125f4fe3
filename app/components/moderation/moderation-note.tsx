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

/** Whether a listing with this status shows the note at all (pages leave the others out of their data). */
export function isModerationNoteShown(note: ModerationNoteData | undefined, status: OpportunityStatus): note is ModerationNoteData {
  if (!note) return false;
  if (note.revisionStatus === "pending") return true;
  const relevant =
    (note.revisionStatus === "changes_requested" && note.onRevision) ||
    ((status === "changes_requested" || status === "rejected") && note.decision && note.decision !== "approve");
  return Boolean(relevant && note.decision);
}

export function ModerationNote({ note, status }: { note: ModerationNoteData | undefined; status: OpportunityStatus }) {
  const { t } = useTranslation();
  if (!isModerationNoteShown(note, status)) return null;
  if (note.revisionStatus === "pending") {
    return <p className="moderation-note muted small" data-testid="moderation-note">{t("moderation.note.revisionPending")}</p>;
  }
  if (!note.decision) return null;
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
