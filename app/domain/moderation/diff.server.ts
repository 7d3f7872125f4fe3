/** A review diff as readable text per field, in the reviewer's language (names for categories, Gemeinden …). */
import { getFixedT } from "~/i18n/i18n.server";
import type { Locale } from "~/i18n/config";
import type { ReviewedField } from "./decisions";
import type { ReviewedContent } from "./review.server";

export function diffRows(
  diff: { fields: ReviewedField[]; before: Partial<ReviewedContent>; after: ReviewedContent },
  { locale, categories, gemeinden }: { locale: Locale; categories: { id: string; label: string }[]; gemeinden: { bfsNr: number; name: string }[] },
) {
  const t = getFixedT(locale);
  const show = (field: ReviewedField, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "";
    if (field === "category_id") return categories.find((c) => c.id === value)?.label ?? String(value);
    if (field === "bfs_nr") return gemeinden.find((g) => g.bfsNr === value)?.name ?? String(value);
    if (field === "languages_helpful" || field === "languages_required") {
      return (value as string[]).map((code) => t(`opportunityForm.languageNames.${code}`, { defaultValue: code })).join(", ");
    }
    if (field === "target_groups") return (value as string[]).map((g) => t(`opportunityForm.targetGroupNames.${g}`, { defaultValue: g })).join(", ");
    if (field === "location_mode") return t(`opportunityForm.locationModes.${String(value)}`);
    if (Array.isArray(value)) return value.join(", ");
    if (typeof value === "boolean") return t(value ? "moderation.yes" : "moderation.no");
    return String(value);
  };
  return diff.fields.map((field) => ({ field, before: show(field, diff.before[field]), after: show(field, diff.after[field]) }));
}
