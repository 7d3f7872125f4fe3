/**
 * /orgs/:slug/manage/opportunities/:id/preview: the opportunity as volunteers will see it once it is published,
 * for its organisation only, in any status; with the next steps (edit, submit for review).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RowAction } from "~/components/organisations/fields";
import { ManageHeader } from "~/components/organisations/manage-header";
import { organisationMeta } from "~/components/organisations/meta";
import { Paragraphs } from "~/components/organisations/paragraphs";
import { ShiftTime } from "~/components/organisations/shift-time";
import { getOpportunityForEditing } from "~/domain/opportunities/editing.server";
import { loadFormReference } from "~/domain/opportunities/form-reference.server";
import { allowedActions } from "~/domain/opportunities/status";
import { idParam, requireOrganisationAccess } from "~/domain/organisations/access.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { notFound } from "~/utils/http";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, user, role } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const id = idParam(params.id);
  const found = await getOpportunityForEditing({ id, orgId: organisation.id, actor: user });
  if (!found) notFound();
  const locale = await getLocale(request);
  const { categories, gemeinden } = await loadFormReference(locale);
  const o = found.opportunity;
  return {
    title: `${getFixedT(locale)("opportunityForm.previewTitle")}: ${o.title}`,
    locale,
    role,
    organisation: { slug: organisation.slug, name: organisation.name },
    opportunity: {
      id,
      title: o.title,
      summary: o.summary,
      description: o.description,
      status: o.status,
      category: categories.find((c) => c.id === o.category_id)?.label ?? o.category_id,
      gemeinde: gemeinden.find((g) => g.bfsNr === o.bfs_nr)?.name ?? String(o.bfs_nr),
      address: o.address,
      addressPrivate: o.address_private,
      locationMode: o.location_mode,
      languagesHelpful: o.languages_helpful,
      languagesRequired: o.languages_required,
      germanLevel: o.german_level,
      tags: o.tags,
      targetGroups: o.target_groups,
      minAge: o.min_age,
      contactName: o.contact_name,
      contactEmail: o.contact_email,
      needsConfirmation: o.needs_confirmation,
      scheduleKind: o.schedule_kind,
      totalPlaces: o.total_places,
      actions: allowedActions(o.status),
    },
    shifts: found.shifts.filter((s) => s.endsAt > new Date()).slice(0, 30),
    schedule: found.schedule,
  };
}

export const meta: MetaFunction<typeof loader> = organisationMeta;

export default function OpportunityPreview() {
  const { organisation, role, opportunity: o, shifts, schedule, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/orgs/${organisation.slug}/manage`;
  const languages = (codes: string[]) => codes.map((code) => t(`opportunityForm.languageNames.${code}`)).join(", ");
  return (
    <section aria-labelledby="page-title">
      <ManageHeader organisation={organisation} role={role} title={t("opportunityForm.previewTitle")} />
      <div className="preview-bar card">
        <p>
          <span className={`status-badge status-badge--${o.status}`}>{t(`orgManage.status.${o.status}`)}</span> {t(`orgManage.statusHelp.${o.status}`)}
        </p>
        <div className="row-actions">
          {o.actions.includes("edit") ? (
            <Link to={`${base}/opportunities/${o.id}`} className="button button--ghost">
              {t("orgManage.actions.edit")}
            </Link>
          ) : null}
          {o.actions.includes("submit") ? (
            <RowAction intent="submit" idName="opportunityId" id={o.id} action={base} label={t("orgManage.actions.submit")} className="button" />
          ) : null}
          {o.status === "published" ? (
            <Link to={`${base}/opportunities/${o.id}/matches`} className="button button--ghost">
              {t("matching.matches.title")}
            </Link>
          ) : null}
          {o.actions.includes("withdraw") ? (
            <RowAction intent="withdraw" idName="opportunityId" id={o.id} action={base} label={t("orgManage.actions.withdraw")} className="button button--ghost" />
          ) : null}
        </div>
      </div>

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
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
