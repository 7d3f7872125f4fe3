/**
 * Reasons as sentences in the reader's language: the score's keys and plain values (language codes, category
 * ids, availability slots) become "Du sprichst Tigrinya", "Interessiert dich: Konversationsgruppe",
 * "Dienstagabend frei". Done on the server, so pages ship text, not the i18n logic.
 */
import { CATEGORIES } from "~db/data/categories";
import type { Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { formatShiftDay, formatTime, languageNames } from "~/domain/opportunities/shift-format";
import { getUser } from "~/domain/auth/permissions.server";
import { explainMatch, type Recommendation } from "./recommendations.server";
import type { MatchOpportunity, Reason } from "./score";

/** `organisation`: the raising reasons worded about the volunteer ("Spricht Tigrinya") instead of to them */
export function formatReasons(reasons: Reason[], locale: Locale, reader: "volunteer" | "organisation" = "volunteer"): string[] {
  const t = getFixedT(locale);
  return reasons.map(({ key: scoreKey, values = {} }) => {
    const key = reader === "organisation" ? scoreKey.replace(/^matching\.reasons\./, "matching.orgReasons.") : scoreKey;
    const shown: Record<string, string | number> = { ...values };
    if (typeof values.language === "string") shown.language = languageNames([values.language], locale)[0]!;
    if (typeof values.category === "string") {
      const category = CATEGORIES.find((c) => c.id === values.category);
      shown.category = category ? (locale === "de" ? category.label_de : category.label_en) : values.category;
    }
    if (typeof values.slot === "string") shown.slot = t(`matching.slots.${values.slot}`);
    return t(key, shown);
  });
}

/** A recommendation as the pages show it: texts formatted for the reader, dates as ISO strings. */
export interface RecommendationView {
  id: number;
  title: string;
  summary: string;
  organisationName: string;
  gemeindeName: string;
  score: number;
  reasons: string[];
  /** "Nächster Termin: Di., 9. März 2027", or "Zeit nach Absprache" */
  when: string;
  firstStart: string | null;
}

export function recommendationViews(items: Recommendation[], locale: Locale): RecommendationView[] {
  const t = getFixedT(locale);
  return items.map((item) => ({
    id: item.id,
    title: item.title,
    summary: item.summary,
    organisationName: item.organisationName,
    gemeindeName: item.gemeindeName,
    score: item.score,
    reasons: formatReasons(item.reasons, locale),
    when: item.firstStart
      ? t("matching.recommendations.next", { date: `${formatShiftDay(item.firstStart, locale)}, ${formatTime(item.firstStart, locale)}` })
      : t("matching.recommendations.flexible"),
    firstStart: item.firstStart?.toISOString() ?? null,
  }));
}

/**
 * "Why this fits you" for the opportunity page: null for anonymous visitors and people without a profile (the
 * page then looks as it always did, and anonymous pages stay cacheable).
 */
export async function matchExplanationFor({
  request,
  opportunityId,
  locale,
  opportunity,
}: {
  request: Request;
  opportunityId: number;
  locale: Locale;
  /** the opportunity as the score reads it, when the caller has it (see explainMatch) */
  opportunity?: MatchOpportunity | null;
}) {
  const user = await getUser(request);
  if (!user) return null;
  const match = await explainMatch({ userId: user.id, opportunityId, opportunity });
  if (!match) return null;
  return {
    opportunityId,
    score: match.score,
    reasons: formatReasons(match.reasons, locale),
    ruledOut: formatReasons(match.ruledOut, locale),
    dismissed: match.dismissed,
  };
}
