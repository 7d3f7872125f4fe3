/**
 * /orgs/:slug/manage/opportunities/:id/signups — the organisation's sign-up list, per shift: confirm, decline
 * with a reason, move up from the waitlist, message the confirmed volunteers (logged on the page), call a shift
 * off (everyone is told), and after the start attendance and hours; a CSV per shift. Next to each volunteer
 * with a profile, the matching reasons.
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
import { formatShiftDay, formatTime } from "~/domain/opportunities/shift-format";
import { formatShiftRange } from "~/domain/signups/emails.server";
import { attendanceEntries, manageSignupsActionSchema, parseSignupForm } from "~/domain/signups/forms.server";
import {
  cancelShift,
  confirmSignup,
  declineSignup,
  listShiftMessages,
  listSignupsForOrganisation,
  messageShiftVolunteers,
  moveUpSignup,
  recordAttendance,
} from "~/domain/signups/organisation.server";
import { reasonsForSignedUp } from "~/domain/signups/reasons.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError, type FieldErrors } from "~/utils/form-fields";
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
  const volunteers = new Map<number, { userId: number; shifts: { startsAt: Date; endsAt: Date }[] }>();
  for (const shift of listed.shifts) {
    for (const x of shift.signups) {
      const entry = volunteers.get(x.userId) ?? { userId: x.userId, shifts: [] };
      if (shift.startsAt && shift.endsAt) entry.shifts.push({ startsAt: shift.startsAt, endsAt: shift.endsAt });
      volunteers.set(x.userId, entry);
    }
  }
  const [reasons, messages] = await Promise.all([
    reasonsForSignedUp({ opportunityId, volunteers: [...volunteers.values()], locale }),
    listShiftMessages({ orgId: organisation.id, opportunityId }),
  ]);
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
    signups: s.signups.map((x) => ({
      id: x.id,
      status: x.status,
      waitlistPosition: x.waitlistPosition,
      name: x.name,
      email: x.email,
      message: x.message,
      hours: x.hours,
      reasons: reasons.get(x.userId) ?? [],
    })),
    messages: messages
      .filter((m) => m.shiftId === s.id)
      .map((m) => ({ id: m.id, sender: m.sender, body: m.body, recipients: m.recipients, createdAt: m.createdAt.toISOString(), at: `${formatShiftDay(m.createdAt, locale)}, ${formatTime(m.createdAt, locale)}` })),
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
  return data({ errors, values: null as { shiftId: number; body: string } | null }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, { slug: params.slug, role: "editor" });
  const opportunityId = idParam(params.id);
  const formData = await request.formData();
  const parsed = parseSignupForm(manageSignupsActionSchema, formData);
  if (!parsed.success) {
    // the message form's errors belong to its own shift's field
    const shiftId = String(formData.get("shiftId") ?? "");
    if (formData.get("intent") === "message" && parsed.errors.body && /^[1-9]\d{0,8}$/.test(shiftId)) {
      const { body, ...rest } = parsed.errors;
      return data({ errors: { ...rest, [`body-${shiftId}`]: body }, values: { shiftId: Number(shiftId), body: String(formData.get("body") ?? "").slice(0, 4000) } }, { status: 400 });
    }
    return failure(parsed.errors, 400);
  }
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
  } else if (input.intent === "move-up") {
    const moved = await moveUpSignup({ ...scope, signupId: input.signupId });
    result = moved;
    toast = moved.ok && moved.outcome === "confirmed" ? "toast.signupMovedUpConfirmed" : "toast.signupMovedUpFirst";
  } else if (input.intent === "message") {
    const sent = await messageShiftVolunteers({ ...scope, shiftId: input.shiftId, body: input.body });
    if (!sent.ok && sent.reason === "rate_limited") {
      return data({ errors: fieldError(`body-${input.shiftId}`, "signupsOrg.errors.rateLimited", { minutes: Math.ceil(sent.retryAfterSeconds / 60) }), values: { shiftId: input.shiftId, body: input.body } }, { status: 429 });
    }
    if (!sent.ok && sent.reason === "no_recipients") {
      return data({ errors: fieldError(`body-${input.shiftId}`, "signupsOrg.errors.noRecipients"), values: { shiftId: input.shiftId, body: input.body } }, { status: 409 });
    }
    result = sent;
    toast = "toast.shiftMessageSent";
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
      {shifts.length === 0 ? (
        <p>{t("signups.manage.noShifts")}</p>
      ) : (
        shifts.map((s) => (
          <ManageShift
            key={s.id ?? "flexible"}
            shift={s}
            messageErrors={s.id !== null ? actionData?.errors?.[`body-${s.id}`] : undefined}
            messageDraft={actionData?.values && actionData.values.shiftId === s.id ? actionData.values.body : undefined}
          />
        ))
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
