/**
 * /orgs/:slug/manage: the organisation's dashboard (editors and owners). Its opportunities grouped by status,
 * with the steps each one allows as small POST forms (intent + opportunityId); also the target of the preview
 * page's "submit" button.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton, useFieldErrorText } from "~/components/forms";
import { ManageHeader } from "~/components/organisations/manage-header";
import { organisationMeta } from "~/components/organisations/meta";
import { ShiftTime } from "~/components/organisations/shift-time";
import {
  archiveOpportunity,
  duplicateOpportunity,
  countOrganisationOpportunities,
  listOrganisationOpportunities,
  NoUpcomingShiftsError,
  OpportunityStatusError,
  restoreToDraft,
  submitOpportunity,
  withdrawToDraft,
} from "~/domain/opportunities/editing.server";
import { isModerationNoteShown, ModerationNote, type ModerationNoteData } from "~/components/moderation/moderation-note";
import { listModerationNotes } from "~/domain/moderation/organisation.server";
import { allowedActions, DASHBOARD_STATUS_ORDER } from "~/domain/opportunities/status";
import { requireOrganisationAccess } from "~/domain/organisations/access.server";
import { parseFormWithKeys } from "~/domain/organisations/parse-form.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError } from "~/utils/form-fields";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

const DASHBOARD_PAGE_SIZE = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, user, role } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const locale = await getLocale(request);
  const searchParams = new URL(request.url).searchParams;
  // pages of DASHBOARD_PAGE_SIZE in the dashboard's order (status groups, newest change first)
  const requestedPage = Number(searchParams.get("page"));
  const page = Number.isInteger(requestedPage) && requestedPage >= 1 && requestedPage <= 10_000 ? requestedPage : 1;
  const [rows, counts] = await Promise.all([
    listOrganisationOpportunities({
      orgId: organisation.id,
      actor: user,
      page: { offset: (page - 1) * DASHBOARD_PAGE_SIZE, limit: DASHBOARD_PAGE_SIZE },
    }).then((list) => list ?? []),
    countOrganisationOpportunities({ orgId: organisation.id }),
  ]);
  // the notes of the page's rows only (not of every listing of the organisation)
  const notes = await listModerationNotes({ orgId: organisation.id, actor: user, opportunityIds: rows.map((row) => row.id) });
  const moderationNotes: Record<number, ModerationNoteData> = {};
  for (const row of rows) {
    const note = notes[row.id];
    if (isModerationNoteShown(note, row.status)) {
      const { decision, reason, onRevision, revisionStatus } = note;
      moderationNotes[row.id] = { decision, reason, onRevision, revisionStatus };
    }
  }
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const pages = Math.max(1, Math.ceil(total / DASHBOARD_PAGE_SIZE));
  if (page > pages) throw redirect(`/orgs/${organisation.slug}/manage${pages > 1 ? `?page=${pages}` : ""}`);
  // ?archive=<id>: the confirmation step of "archive" (a plain link, so it works without JavaScript)
  const archiveParam = Number(searchParams.get("archive"));
  const confirmArchive = rows.some((row) => row.id === archiveParam && row.status === "published") ? archiveParam : null;
  return {
    confirmArchive,
    title: getFixedT(locale)("orgManage.dashboard.title", { name: organisation.name }),
    locale,
    role,
    organisation: { slug: organisation.slug, name: organisation.name },
    groups: DASHBOARD_STATUS_ORDER.map((status) => ({
      status,
      count: counts[status] ?? 0,
      // only what the row shows: every field here is serialised into the page's data once more
      rows: rows
        .filter((row) => row.status === status)
        .map(({ id, title, scheduleKind, nextShiftAt, upcomingShifts }) => ({ id, title, scheduleKind, nextShiftAt, upcomingShifts, actions: allowedActions(status) })),
    })).filter((group) => group.rows.length > 0),
    total,
    page,
    pages,
    moderationNotes,
  };
}

export const meta: MetaFunction<typeof loader> = organisationMeta;

const schema = z.object({
  intent: z.enum(["submit", "withdraw", "archive", "restore", "duplicate"], "orgManage.errors.unknownAction"),
  /** archiving needs the second step's "yes" */
  confirmed: z.literal("yes").optional(),
  opportunityId: z
    .string("orgManage.errors.notFound")
    .regex(/^[1-9]\d{0,8}$/, "orgManage.errors.notFound")
    .transform(Number),
});

const TOASTS = {
  submit: "toast.opportunitySubmitted",
  withdraw: "toast.opportunityWithdrawn",
  archive: "toast.opportunityArchived",
  restore: "toast.opportunityRestored",
  duplicate: "toast.opportunityDuplicated",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const result = parseFormWithKeys(schema, await request.formData());
  if (!result.success) return data({ errors: result.errors }, { status: 400 });
  const { intent, opportunityId, confirmed } = result.data;
  const scope = { id: opportunityId, orgId: organisation.id, actor: user, ip: clientIp(context) };
  const base = `/orgs/${organisation.slug}/manage`;
  // an unconfirmed archive (an old page, a script) leads to the confirmation step, never straight to the change
  if (intent === "archive" && confirmed !== "yes") return redirect(`${base}?archive=${opportunityId}#opportunity-${opportunityId}`);
  try {
    if (intent === "duplicate") {
      const locale = await getLocale(request);
      const copy = await duplicateOpportunity({ ...scope, titleSuffix: getFixedT(locale)("orgManage.dashboard.copySuffix") });
      if (!copy) return data({ errors: fieldError("opportunityId", "orgManage.errors.notFound") }, { status: 404 });
      return redirectWithToast(`${base}/opportunities/${copy.id}`, { key: TOASTS.duplicate, type: "success" });
    }
    const step = { submit: submitOpportunity, withdraw: withdrawToDraft, archive: archiveOpportunity, restore: restoreToDraft }[intent];
    // another organisation's id (or none at all): the same answer, nothing is revealed or touched
    if (!(await step(scope))) return data({ errors: fieldError("opportunityId", "orgManage.errors.notFound") }, { status: 404 });
    return redirectWithToast(base, { key: TOASTS[intent], type: "success" });
  } catch (error) {
    if (error instanceof OpportunityStatusError) return data({ errors: fieldError("form", "orgManage.errors.status") }, { status: 409 });
    if (error instanceof NoUpcomingShiftsError) return data({ errors: fieldError("form", "orgManage.errors.noUpcomingShifts") }, { status: 400 });
    throw error;
  }
}

export default function Dashboard() {
  const { organisation, role, groups, total, page, pages, locale, confirmArchive, moderationNotes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errorText = useFieldErrorText();
  const base = `/orgs/${organisation.slug}/manage`;
  const errors = actionData?.errors ? Object.values(actionData.errors).flat() : [];
  // the step being sent (its button shows a spinner and is disabled meanwhile)
  const navigation = useNavigation();
  const pendingIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const pendingId = navigation.state === "submitting" ? Number(navigation.formData?.get("opportunityId")) : null;
  const actionLabel = (a: string) => (a === "restore" ? t("walkthrough.archive.restore") : t(`orgManage.actions.${a}`));
  return (
    <section aria-labelledby="page-title">
      <ManageHeader organisation={organisation} role={role} />
      {errors.length > 0 ? (
        <div className="alert alert--error" role="alert">
          {errors.map((error) => (
            <p key={error.key}>{errorText(error)}</p>
          ))}
        </div>
      ) : null}
      <div className="section-head">
        <h2>{t("orgManage.dashboard.opportunities", { count: total })}</h2>
        <Link to={`${base}/opportunities/new`} className="button">
          {t("orgManage.dashboard.new")}
        </Link>
      </div>
      {groups.length === 0 ? <p>{t("orgManage.dashboard.empty")}</p> : null}
      {groups.map((group) => (
        <section key={group.status} className="status-group" aria-labelledby={`group-${group.status}`} data-testid={`group-${group.status}`}>
          <h3 id={`group-${group.status}`}>
            <span className={`status-badge status-badge--${group.status}`}>{t(`orgManage.status.${group.status}`)}</span>{" "}
            <span className="muted">({group.count})</span>
          </h3>
          <p className="muted small">{t(`orgManage.statusHelp.${group.status}`)}</p>
          <ul className="dashboard-list">
            {group.rows.map((row) => (
              <li key={row.id} id={`opportunity-${row.id}`} className="card dashboard-row" data-testid="dashboard-row">
                <div className="dashboard-row__main">
                  <h4 className="dashboard-row__title">
                    <Link to={`${base}/opportunities/${row.id}/preview`}>{row.title}</Link>
                  </h4>
                  <p className="muted small">
                    {row.scheduleKind === "flexible" ? (
                      t("orgManage.dashboard.flexible")
                    ) : row.nextShiftAt ? (
                      <>
                        {t("orgManage.dashboard.nextShift")} <ShiftTime startsAt={row.nextShiftAt} locale={locale} />
                        {" · "}
                        {t("orgManage.dashboard.upcomingShifts", { count: row.upcomingShifts })}
                      </>
                    ) : (
                      t("orgManage.dashboard.noUpcomingShifts")
                    )}
                  </p>
                  <ModerationNote note={moderationNotes[row.id]} status={group.status} />
                </div>
                <div className="dashboard-row__actions">
                  {group.status === "published" || group.status === "archived" ? (
                    <Link to={`${base}/opportunities/${row.id}/signups`} className="button button--ghost button--small-ghost" aria-label={`${t("signups.manage.link")}: ${row.title}`}>
                      {t("signups.manage.link")}
                    </Link>
                  ) : null}
                  {group.status === "published" || group.status === "archived" ? (
                    <Link to={`${base}/opportunities/${row.id}/hours`} className="button button--ghost button--small-ghost" aria-label={`${t("hoursReports.manageLink")}: ${row.title}`}>
                      {t("hoursReports.manageLink")}
                    </Link>
                  ) : null}
                  {row.actions.includes("edit") ? (
                    <Link to={`${base}/opportunities/${row.id}`} className="button button--ghost button--small-ghost" aria-label={`${t("orgManage.actions.edit")}: ${row.title}`}>
                      {t("orgManage.actions.edit")}
                    </Link>
                  ) : null}
                  {/* the row's POST steps in one form, told apart by the pressed button's intent */}
                  {row.actions.some((a) => a !== "edit" && a !== "archive") ? (
                    <Form method="post" className="row-actions">
                      <input type="hidden" name="opportunityId" value={row.id} />
                      {row.actions
                        .filter((a) => a !== "edit" && a !== "archive")
                        .map((a) => {
                          const pending = pendingId === row.id && pendingIntent === a;
                          return (
                            <button
                              key={a}
                              type="submit"
                              name="intent"
                              value={a}
                              className={a === "submit" ? "button button--small" : "button button--ghost button--small-ghost"}
                              aria-label={`${actionLabel(a)}: ${row.title}`}
                              disabled={pending}
                              aria-disabled={pending || undefined}
                            >
                              {actionLabel(a)}
                              {pending ? <span className="spinner" aria-hidden="true" /> : null}
                            </button>
                          );
                        })}
                    </Form>
                  ) : null}
                  {row.actions.includes("archive") ? (
                    <Link
                      to={`${base}?${page > 1 ? `page=${page}&` : ""}archive=${row.id}#opportunity-${row.id}`}
                      preventScrollReset
                      className="button button--ghost button--small-ghost"
                      aria-label={`${t("orgManage.actions.archive")}: ${row.title}`}
                    >
                      {t("orgManage.actions.archive")}
                    </Link>
                  ) : null}
                </div>
                {confirmArchive === row.id ? <ArchiveConfirmation id={row.id} title={row.title} cancelTo={base} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("search.pagination")}>
          {page > 1 ? <Link to={page === 2 ? base : `${base}?page=${page - 1}`}>{t("search.prevPage")}</Link> : null}
          <span>{t("search.pageOf", { page, pages })}</span>
          {page < pages ? <Link to={`${base}?page=${page + 1}`}>{t("search.nextPage")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

/** The second step of "archive": says what happens and how to undo it; a real POST only from here. */
function ArchiveConfirmation({ id, title, cancelTo }: { id: number; title: string; cancelTo: string }) {
  const { t } = useTranslation();
  const headingId = `archive-confirm-${id}`;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="confirm-box" role="group" aria-labelledby={headingId} data-testid="archive-confirmation">
      <h5 id={headingId} ref={heading} tabIndex={-1}>
        {t("walkthrough.archive.confirmTitle", { title })}
      </h5>
      <p>{t("walkthrough.archive.confirmText")}</p>
      <Form method="post" className="form-actions">
        <input type="hidden" name="intent" value="archive" />
        <input type="hidden" name="opportunityId" value={id} />
        <input type="hidden" name="confirmed" value="yes" />
        <SubmitButton className="button button--danger">{t("walkthrough.archive.confirm")}</SubmitButton>
        <Link to={cancelTo} className="button button--ghost">
          {t("walkthrough.archive.cancel")}
        </Link>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
