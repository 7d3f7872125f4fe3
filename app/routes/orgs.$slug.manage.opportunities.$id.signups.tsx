/**
 * /orgs/:slug/manage/opportunities/:id/signups — the organisation's sign-up list, per shift: confirm, decline
 * with a reason, call a shift off (everyone is told), and after the start attendance and hours; a CSV per shift.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { ManageHeader } from "~/components/organisations/manage-header";
import { organisationMeta } from "~/components/organisations/meta";
import { ManageShift, type ManageShiftView } from "~/components/signups/manage-shift";
import { idParam, requireOrganisationAccess } from "~/domain/organisations/access.server";
import { formatShiftRange } from "~/domain/signups/emails.server";
import { attendanceEntries, manageSignupsActionSchema, parseSignupForm } from "~/domain/signups/forms.server";
import { cancelShift, confirmSignup, declineSignup, listSignupsForOrganisation, recordAttendance } from "~/domain/signups/organisation.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError, type FieldErrors } from "~/utils/forms";
import { notFound } from "~/utils/http";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, user, role } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const opportunityId = idParam(params.id);
  const locale = await getLocale(request);
  const t = getFixedT(locale);
  const listed = await listSignupsForOrganisation({ orgId: organisation.id, opportunityId, actor: user });
  if (!listed) notFound();
  const now = Date.now();
  const base = `/orgs/${organisation.slug}/manage/opportunities/${opportunityId}`;
  const shifts: ManageShiftView[] = listed.shifts.map((s) => ({
    id: s.id,
    label: s.startsAt && s.endsAt ? formatShiftRange(s.startsAt, s.endsAt, locale) : t("signups.flexible"),
    startsAt: s.startsAt?.toISOString() ?? null,
    places: s.places,
    placesTaken: s.placesTaken,
    cancelled: s.cancelled,
    started: s.startsAt ? s.startsAt.getTime() <= now : false,
    defaultHours: s.startsAt && s.endsAt ? Math.round(((s.endsAt.getTime() - s.startsAt.getTime()) / 3600000) * 100) / 100 : null,
    csvUrl: s.id !== null ? `${base}/signups.csv?shift=${s.id}` : `${base}/signups.csv`,
    signups: s.signups.map((x) => ({ id: x.id, status: x.status, waitlistPosition: x.waitlistPosition, name: x.name, email: x.email, message: x.message, hours: x.hours })),
  }));
  return {
    title: t("signups.manage.title", { title: listed.opportunity.title }),
    organisation: { slug: organisation.slug, name: organisation.name },
    role,
    opportunity: listed.opportunity,
    shifts,
  };
}

export const meta: MetaFunction<typeof loader> = organisationMeta;

function failure(errors: FieldErrors, status: number) {
  return data({ errors }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const opportunityId = idParam(params.id);
  const formData = await request.formData();
  const parsed = parseSignupForm(manageSignupsActionSchema, formData);
  if (!parsed.success) return failure(parsed.errors, 400);
  const input = parsed.data;
  const scope = { orgId: organisation.id, opportunityId, actor: user };
  let result;
  let toast: string;
  if (input.intent === "confirm") {
    result = await confirmSignup({ ...scope, signupId: input.signupId });
    toast = "toast.signupConfirmedByOrganisation";
  } else if (input.intent === "decline") {
    result = await declineSignup({ ...scope, signupId: input.signupId, reason: input.reason });
    toast = "toast.signupDeclined";
  } else if (input.intent === "cancel-shift") {
    result = await cancelShift({ ...scope, shiftId: input.shiftId, reason: input.reason });
    toast = "toast.shiftCancelled";
  } else {
    const entries = attendanceEntries(formData);
    if (!entries.ok) return failure({ ...entries.errors, form: [{ key: "signups.errors.hours" }] }, 400);
    result = await recordAttendance({ ...scope, shiftId: input.shiftId, entries: entries.entries });
    toast = "toast.attendanceSaved";
  }
  if (!result.ok) {
    if (result.reason === "not_found") notFound();
    const key = result.reason === "started" ? "signups.errors.started" : result.reason === "not_started" ? "signups.errors.notStarted" : "signups.errors.notAllowed";
    return failure(fieldError("form", key), 409);
  }
  return redirectWithToast(`/orgs/${organisation.slug}/manage/opportunities/${opportunityId}/signups`, { key: toast, type: "success" });
}

export default function ManageSignups() {
  const { organisation, role, title, shifts, opportunity } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title">
      <ManageHeader organisation={organisation} role={role} title={title} />
      <FormErrors errors={actionData?.errors} />
      <p>
        <Link to={`/orgs/${organisation.slug}/manage/opportunities/${opportunity.id}/hours`}>
          {t("hoursReports.manageLink")}
        </Link>
      </p>
      {shifts.length === 0 ? <p>{t("signups.manage.noShifts")}</p> : shifts.map((s) => <ManageShift key={s.id ?? "flexible"} shift={s} />)}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
