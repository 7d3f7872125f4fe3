/**
 * /coordinator/opportunities/:id: one item of the queue as the public will see it, what changed (a pending
 * revision against the public version, a resubmission against the last reviewed one), the organisation's
 * history, and the decision form (POST: intent approve | request_changes | reject | unpublish, with a reason).
 * Unknown ids and drafts are 404; another region's opportunity is 403.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DecisionForm } from "~/components/moderation/decision-form";
import { DecisionList } from "~/components/moderation/decision-list";
import { DiffTable } from "~/components/moderation/diff-table";
import { FlagList } from "~/components/moderation/flag-list";
import { OpportunityPreviewArticle } from "~/components/organisations/opportunity-preview";
import { availableDecisions } from "~/domain/moderation/decisions";
import { decisionFormSchema } from "~/domain/moderation/decision-form.server";
import { diffRows } from "~/domain/moderation/diff.server";
import { resolveFlagFormSchema } from "~/domain/moderation/flag-form.server";
import { listOpenFlags, listResolvedFlags, resolveFlag } from "~/domain/moderation/flags.server";
import { decide, DecisionConflictError, DecisionNotAllowedError, getReviewItem } from "~/domain/moderation/review.server";
import { requireModerator, type ModeratorActor } from "~/domain/moderation/scope.server";
import { loadFormReference } from "~/domain/opportunities/form-reference.server";
import { toPreview } from "~/domain/opportunities/preview";
import { idParam } from "~/domain/organisations/access.server";
import { parseFormWithKeys } from "~/domain/organisations/parse-form.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError } from "~/utils/form-fields";
import { forbidden, notFound } from "~/utils/http";
import { appOrigin, clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

async function loadItem(request: Request, params: { id?: string }) {
  const { scope } = await requireModerator(request);
  const id = idParam(params.id);
  const item = await getReviewItem({ id, actor: scope });
  if (item === "missing") notFound();
  if (item === "forbidden") forbidden();
  return { scope, id, item };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { item, scope, id } = await loadItem(request, params);
  const locale = await getLocale(request);
  const [reference, openFlags, resolvedFlags] = await Promise.all([
    loadFormReference(locale),
    listOpenFlags({ opportunityId: id, actor: scope }),
    listResolvedFlags({ opportunityId: id, actor: scope }),
  ]);
  const o = item.opportunity;
  // a pending revision is what the coordinator decides about: show it as the public would see it
  const shown = item.pendingRevision ? { ...o, ...item.diff!.after } : o;
  return {
    title: `${getFixedT(locale)("moderation.review.title")}: ${o.title}`,
    locale,
    opportunity: toPreview(shown, reference),
    status: o.status,
    publicUrl: o.status === "published" ? `/opportunities/${o.id}` : null,
    organisation: item.organisation,
    regionName: item.regionName,
    revisionStatus: item.revision?.status ?? null,
    onRevision: item.pendingRevision !== null,
    diff: item.diff ? { against: item.diff.against, rows: diffRows(item.diff, { locale, ...reference }) } : null,
    decisions: item.decisions.map(({ snapshot: _snapshot, ...d }) => d),
    organisationHistory: item.organisationHistory,
    decisionsAvailable: availableDecisions(o.status, item.pendingRevision !== null),
    seen: item.seen,
    shifts: item.shifts,
    schedule: item.schedule,
    openFlags,
    resolvedFlags,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Moderation"} – Mitenand` }];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { scope, id } = await loadItem(request, params);
  const formData = await request.formData();
  if (formData.get("intent") === "resolveFlag") return resolveFlagAction({ id, scope, formData, ip: clientIp(context) });
  const result = parseFormWithKeys(decisionFormSchema, formData);
  const values = { intent: String(formData.get("intent") ?? ""), reason: String(formData.get("reason") ?? "").slice(0, 10_000) };
  if (!result.success) return data({ errors: result.errors, values }, { status: 400 });
  const { intent, reason, expectedStatus, expectedVersion, expectedRevision } = result.data;
  try {
    const decided = await decide({
      id,
      actor: scope,
      decision: intent,
      reason: intent === "approve" && !reason ? null : reason,
      seen: { status: expectedStatus, version: expectedVersion, revisionId: expectedRevision === "" ? null : expectedRevision },
      origin: appOrigin(),
      ip: clientIp(context),
    });
    if (!decided) notFound();
  } catch (error) {
    if (error instanceof DecisionConflictError) return data({ errors: fieldError("form", "moderation.errors.conflict"), values }, { status: 409 });
    if (error instanceof DecisionNotAllowedError) return data({ errors: fieldError("intent", "moderation.errors.notAllowed"), values }, { status: 409 });
    throw error;
  }
  return redirectWithToast("/coordinator", { key: "toast.moderationDecided", type: "success" });
}

async function resolveFlagAction({ id, scope, formData, ip }: { id: number; scope: ModeratorActor; formData: FormData; ip: string }) {
  const flagId = Number(/^[1-9]\d{0,9}$/.test(String(formData.get("flagId"))) ? formData.get("flagId") : 0) || null;
  const values = { intent: "resolveFlag", reason: "" };
  const result = parseFormWithKeys(resolveFlagFormSchema, formData);
  if (!result.success) return data({ errors: result.errors, values, flagId }, { status: 400 });
  const { flagId: target, outcome, note } = result.data;
  const resolved = await resolveFlag({ flagId: target, opportunityId: id, actor: scope, outcome, note: note || null, origin: appOrigin(), ip });
  if (!resolved.ok && resolved.reason === "not_found") return data({ errors: fieldError("flagId", "flags.errors.flag"), values, flagId }, { status: 404 });
  if (!resolved.ok && resolved.reason === "reason_required") return data({ errors: fieldError("note", "flags.errors.reasonRequired"), values, flagId }, { status: 400 });
  if (!resolved.ok) return data({ errors: fieldError("form", "flags.errors.alreadyResolved"), values, flagId }, { status: 409 });
  return redirectWithToast(`/coordinator/opportunities/${id}`, { key: "toast.flagResolved", type: "success" });
}

export default function ReviewOpportunity() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title" className="review-page">
      <p>
        <Link to="/coordinator">← {t("moderation.review.back")}</Link>
      </p>
      <h1 id="page-title">{t("moderation.review.title")}</h1>
      <dl className="facts card">
        <div>
          <dt>{t("moderation.review.status")}</dt>
          <dd>
            <span className={`status-badge status-badge--${d.status}`}>{t(`orgManage.status.${d.status}`)}</span>
            {d.onRevision ? ` · ${t("moderation.kinds.revision")}` : null}
            {d.publicUrl ? (
              <>
                {" · "}
                <Link to={d.publicUrl}>{t("moderation.review.publicPage")}</Link>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("moderation.review.organisation")}</dt>
          <dd>
            <Link to={`/coordinator/organisations/${d.organisation.slug}`}>{d.organisation.name}</Link> ·{" "}
            {d.organisation.verified ? t("moderation.verified") : t("moderation.unverified")}
          </dd>
        </div>
        <div>
          <dt>{t("moderation.review.region")}</dt>
          <dd>{d.regionName ?? t("moderation.queue.cantonWide")}</dd>
        </div>
      </dl>

      {d.decisionsAvailable.length > 0 ? (
        <DecisionForm
          decisions={d.decisionsAvailable}
          seen={d.seen}
          onRevision={d.onRevision}
          errors={actionData && !("flagId" in actionData) ? actionData.errors : undefined}
          values={actionData && !("flagId" in actionData) ? actionData.values : undefined}
        />
      ) : (
        <p className="alert alert--info" role="status">
          {t("moderation.review.nothingToDecide")}
        </p>
      )}

      {d.openFlags.length || d.resolvedFlags.length ? (
        <FlagList
          open={d.openFlags}
          resolved={d.resolvedFlags}
          locale={d.locale}
          errors={actionData && "flagId" in actionData ? actionData.errors : null}
          failedFlagId={actionData && "flagId" in actionData ? (actionData.flagId as number | null) : null}
        />
      ) : null}

      {d.diff ? <DiffTable rows={d.diff.rows} against={d.diff.against} /> : null}

      <section aria-labelledby="listing-title" className="review-listing">
        <h2 id="listing-title">{t(d.onRevision ? "moderation.review.listingRevision" : "moderation.review.listing")}</h2>
        <OpportunityPreviewArticle opportunity={d.opportunity} organisationName={d.organisation.name} shifts={d.shifts} schedule={d.schedule} locale={d.locale} />
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("moderation.review.history")}</h2>
        <DecisionList items={d.decisions} locale={d.locale} emptyText={t("moderation.review.noDecisions")} />
        <h3>{t("moderation.review.organisationHistory")}</h3>
        <DecisionList items={d.organisationHistory} locale={d.locale} emptyText={t("moderation.review.noDecisions")} />
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
