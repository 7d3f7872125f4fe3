/**
 * An opportunity as volunteers will see it once it is published: the organisation's preview page and the
 * coordinator's review page show the same article.
 */
import { useTranslation } from "~/i18n/react";
import type { OpportunityPreviewData } from "~/domain/opportunities/preview";
import type { Locale } from "~/i18n/config";
import { Paragraphs } from "./paragraphs";
import { ShiftTime } from "./shift-time";

export function OpportunityPreviewArticle({
  opportunity: o,
  organisationName,
  shifts,
  schedule,
  locale,
}: {
  opportunity: OpportunityPreviewData;
  organisationName: string;
  shifts: { id: number; startsAt: Date | string; endsAt: Date | string; places: number }[];
  schedule: { weekday: number; start: string; end: string; places: number } | null;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const organisation = { name: organisationName };
  const languages = (codes: string[]) => codes.map((code) => t(`opportunityForm.languageNames.${code}`)).join(", ");
  return (
    <article className="opportunity-preview" aria-labelledby="preview-title">
      <p className="tag">{o.category}</p>
      <h2 id="preview-title" className="opportunity-preview__title">
        {o.title}
      </h2>
      <p className="lead">{o.summary}</p>
      <div className="org-profile__body">
        <div className="prose">
          <Paragraphs text={o.description} />
          {o.tags.length > 0 ? (
            <ul className="tag-list" aria-label={t("opportunityForm.tags")}>
              {o.tags.map((tag) => (
                <li key={tag} className="tag">
                  {tag}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <aside className="card" aria-labelledby="preview-facts">
          <h3 id="preview-facts">{t("opportunityForm.previewFacts")}</h3>
          <dl className="facts facts--stacked">
            <div>
              <dt>{t("landing.by")}</dt>
              <dd>{organisation.name}</dd>
            </div>
            <div>
              <dt>{t("opportunityForm.gemeinde")}</dt>
              <dd>
                {o.gemeinde} · {t(`opportunityForm.locationModes.${o.locationMode}`)}
              </dd>
            </div>
            {o.address ? (
              <div>
                <dt>{t("opportunityForm.address")}</dt>
                <dd>
                  {o.address}
                  {o.addressPrivate ? <span className="muted small"> ({t("opportunityForm.addressPrivateNote")})</span> : null}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t("opportunityForm.germanLevel")}</dt>
              <dd>{o.germanLevel ?? t("opportunityForm.germanLevelNone")}</dd>
            </div>
            {o.languagesRequired.length > 0 ? (
              <div>
                <dt>{t("opportunityForm.languagesRequired")}</dt>
                <dd>{languages(o.languagesRequired)}</dd>
              </div>
            ) : null}
            {o.languagesHelpful.length > 0 ? (
              <div>
                <dt>{t("opportunityForm.languagesHelpful")}</dt>
                <dd>{languages(o.languagesHelpful)}</dd>
              </div>
            ) : null}
            {o.targetGroups.length > 0 ? (
              <div>
                <dt>{t("opportunityForm.targetGroups")}</dt>
                <dd>{o.targetGroups.map((g) => t(`opportunityForm.targetGroupNames.${g}`)).join(", ")}</dd>
              </div>
            ) : null}
            {o.minAge !== null ? (
              <div>
                <dt>{t("opportunityForm.minAge")}</dt>
                <dd>{t("opportunityForm.minAgeValue", { age: o.minAge })}</dd>
              </div>
            ) : null}
            {o.contactName || o.contactEmail ? (
              <div>
                <dt>{t("opportunityForm.sections.contact")}</dt>
                <dd>{[o.contactName, o.contactEmail].filter(Boolean).join(", ")}</dd>
              </div>
            ) : null}
            {o.needsConfirmation ? (
              <div>
                <dt>{t("opportunityForm.signup")}</dt>
                <dd>{t("opportunityForm.needsConfirmationNote")}</dd>
              </div>
            ) : null}
          </dl>
        </aside>
      </div>

      <section aria-labelledby="preview-when">
        <h3 id="preview-when">{t("opportunityForm.sections.when")}</h3>
        {o.scheduleKind === "recurring" && schedule ? (
          <p>
            {t("opportunityForm.recurring.summary", {
              weekday: t(`opportunityForm.weekdays.${schedule.weekday}`),
              start: schedule.start,
              end: schedule.end,
              places: schedule.places,
            })}
          </p>
        ) : null}
        {o.scheduleKind === "flexible" ? (
          <p>{o.totalPlaces ? t("opportunityForm.flexible.summaryPlaces", { count: o.totalPlaces }) : t("opportunityForm.flexible.summary")}</p>
        ) : shifts.length === 0 ? (
          <p className="muted">{t("orgManage.dashboard.noUpcomingShifts")}</p>
        ) : (
          <ul className="shift-list">
            {shifts.map((shift) => (
              <li key={shift.id}>
                <ShiftTime startsAt={shift.startsAt} endsAt={shift.endsAt} locale={locale} /> · {t("opportunityForm.placesCount", { count: shift.places })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
