/**
 * /me/signups/:id — one of the volunteer's sign-ups: status, the shift, the address once confirmed, a calendar
 * file, and the forms to cancel (until the start, with an optional reason) or to accept or decline an offered
 * place. Someone else's sign-up is a 404.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { HoursReportSection } from "~/components/certificates/hours-reports";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SubmitButton, useFieldErrorText } from "~/components/forms";
import { SignupStatusBadge } from "~/components/signups/status-badge";
import { requireUser } from "~/domain/auth/permissions.server";
import { parseCertificateForm, reportHoursSchema } from "~/domain/certificates/forms.server";
import { listOwnHoursReports, reportHours } from "~/domain/certificates/hours-reports.server";
import { formatShiftDay, formatTime } from "~/domain/opportunities/shift-format";
import { idParam } from "~/domain/organisations/access.server";
import { formatShiftRange } from "~/domain/signups/emails.server";
import { ownSignupActionSchema, parseSignupForm } from "~/domain/signups/forms.server";
import { cancelOwnSignup, respondToOffer } from "~/domain/signups/signups.server";
import { isActive } from "~/domain/signups/status";
import { getOwnSignup } from "~/domain/signups/volunteer.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError, type FieldErrors } from "~/utils/form-fields";
import { notFound } from "~/utils/http";
import { redirectWithToast } from "~/utils/toast.server";
import { utcToZurichParts } from "~/utils/zurich-time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const signup = await getOwnSignup({ id, userId: user.id });
  if (!signup) notFound();
  const t = getFixedT(locale);
  const now = new Date();
  const started = signup.shift ? signup.shift.startsAt <= now : false;
  return {
    title: t("signups.detail.title", { title: signup.opportunity.title }),
    signup: {
      id: signup.id,
      status: signup.status,
      waitlistPosition: signup.waitlistPosition,
      message: signup.message,
      cancelReason: signup.cancelReason,
      cancelledByRole: signup.cancelledByRole,
      declineReason: signup.declineReason,
      hours: signup.hours,
      offerExpires: signup.offerExpiresAt ? `${formatShiftDay(signup.offerExpiresAt, locale)}, ${formatTime(signup.offerExpiresAt, locale)}` : null,
      opportunity: signup.opportunity,
      organisation: signup.organisation,
      contactName: signup.contactName,
      contactEmail: signup.contactEmail ?? signup.organisation.contactEmail,
      gemeindeName: signup.gemeindeName,
      address: signup.address,
      when: signup.shift ? formatShiftRange(signup.shift.startsAt, signup.shift.endsAt, locale) : t("signups.flexible"),
      startsAt: signup.shift?.startsAt.toISOString() ?? null,
      shiftCancelled: signup.shift?.cancelled ?? false,
    },
    canCancel: isActive(signup.status) && !started,
    // flexible engagements: the volunteer reports hours once confirmed
    hoursReports: signup.shift === null && (signup.status === "confirmed" || signup.status === "attended") ? await listOwnHoursReports({ signupId: id, userId: user.id }) : null,
    today: utcToZurichParts(now).date,
    hasCalendar: signup.shift !== null && (signup.status === "confirmed" || signup.status === "pending"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Mitenand"} – Mitenand` }];

function failure(errors: FieldErrors, status: number) {
  return data({ errors }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const signupId = idParam(params.id);
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "report-hours") return reportHoursAction(formData, { signupId, user });
  const parsed = parseSignupForm(ownSignupActionSchema, formData);
  if (!parsed.success) return failure(parsed.errors, 400);
  const input = parsed.data;
  const result =
    input.intent === "cancel"
      ? await cancelOwnSignup({ signupId, volunteer: user, reason: input.reason })
      : await respondToOffer({ signupId, volunteer: user, accept: input.intent === "accept" });
  if (!result.ok) {
    if (result.reason === "not_found") notFound();
    const key = result.reason === "started" ? "signups.errors.started" : result.reason === "offer_expired" ? "signups.errors.offerExpired" : "signups.errors.notAllowed";
    return failure(fieldError("form", key), 409);
  }
  const toast = input.intent === "cancel" ? "toast.signupCancelled" : input.intent === "accept" ? "toast.offerAccepted" : "toast.offerDeclined";
  return redirectWithToast(`/me/signups/${signupId}`, { key: toast, type: "success" });
}

/** hours for a flexible engagement (certificate issue) */
async function reportHoursAction(formData: FormData, { signupId, user }: { signupId: number; user: { id: number } }) {
  const parsed = parseCertificateForm(reportHoursSchema, formData);
  if (!parsed.success) return failure(parsed.errors, 400);
  const result = await reportHours({ signupId, volunteer: user, workedOn: parsed.data.workedOn, hours: parsed.data.hours, note: parsed.data.note });
  if (!result.ok) {
    if (result.reason === "not_found") notFound();
    const [field, key] =
      result.reason === "future_date"
        ? ["workedOn", "hoursReports.errors.futureDate"]
        : result.reason === "too_old"
          ? ["workedOn", "hoursReports.errors.tooOld"]
          : ["form", result.reason === "not_flexible" ? "hoursReports.errors.notFlexible" : "hoursReports.errors.notConfirmed"];
    return failure(fieldError(field, key), result.reason === "future_date" || result.reason === "too_old" ? 400 : 409);
  }
  return redirectWithToast(`/me/signups/${signupId}`, { key: "toast.hoursReported", type: "success" });
}

export default function MySignup() {
  const { title, signup: s, canCancel, hasCalendar, hoursReports, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errorText = useFieldErrorText();
  return (
    <section aria-labelledby="page-title" className="form-page form-page--wide">
      <p>
        <Link to="/me/signups">← {t("signups.mine.title")}</Link>
      </p>
      <h1 id="page-title">{title}</h1>
      <FormErrors errors={actionData?.errors} />
      <p>
        <SignupStatusBadge status={s.status} position={s.waitlistPosition} />
      </p>
      {s.status === "waitlisted" ? <p>{t("signups.detail.waitlistExplained", { position: s.waitlistPosition })}</p> : null}
      {s.status === "pending" ? <p>{t("signups.detail.pendingExplained")}</p> : null}
      {s.shiftCancelled ? <p className="alert alert--error">{t("signups.detail.shiftCancelled")}</p> : null}
      {s.cancelReason ? <p>{t("signups.detail.cancelReason", { reason: s.cancelReason })}</p> : null}
      {s.declineReason ? <p>{t("signups.detail.declineReason", { reason: s.declineReason })}</p> : null}

      <dl className="facts facts--wide">
        <div>
          <dt>{t("signups.detail.opportunity")}</dt>
          <dd>{s.opportunity.published ? <Link to={`/opportunities/${s.opportunity.id}`}>{s.opportunity.title}</Link> : s.opportunity.title}</dd>
        </div>
        <div>
          <dt>{t("signups.detail.organisation")}</dt>
          <dd>{s.organisation.name}</dd>
        </div>
        <div>
          <dt>{t("signups.detail.when")}</dt>
          <dd>{s.startsAt ? <time dateTime={s.startsAt}>{s.when}</time> : s.when}</dd>
        </div>
        <div>
          <dt>{t("signups.detail.where")}</dt>
          <dd>
            {s.address ? `${s.address} (${s.gemeindeName})` : s.gemeindeName}
            {!s.address && s.status !== "confirmed" && s.status !== "attended" ? (
              <span className="muted small"> · {t("signups.detail.addressLater")}</span>
            ) : null}
          </dd>
        </div>
        {s.contactEmail ? (
          <div>
            <dt>{t("signups.detail.contact")}</dt>
            <dd>
              {s.contactName ? `${s.contactName}, ` : null}
              <a href={`mailto:${s.contactEmail}`}>{s.contactEmail}</a>
            </dd>
          </div>
        ) : null}
        {s.message ? (
          <div>
            <dt>{t("signups.detail.yourMessage")}</dt>
            <dd>{s.message}</dd>
          </div>
        ) : null}
        {s.hours ? (
          <div>
            <dt>{t("signups.detail.hours")}</dt>
            <dd>{t("signups.hoursValue", { hours: Number(s.hours) })}</dd>
          </div>
        ) : null}
      </dl>

      {hasCalendar ? (
        <p>
          <a className="button button--ghost" href={`/me/signups/${s.id}/calendar.ics`} download>
            {t("signups.detail.calendar")}
          </a>
        </p>
      ) : null}

      {hoursReports ? <HoursReportSection reports={hoursReports} errors={actionData?.errors} today={today} /> : null}

      {s.status === "offered" ? (
        <section aria-labelledby="offer-title" className="card">
          <h2 id="offer-title">{t("signups.detail.offerTitle")}</h2>
          <p>{t("signups.detail.offerExplained", { expires: s.offerExpires })}</p>
          <Form method="post" className="form">
            <div className="button-row">
              <SubmitButton name="intent" value="accept">
                {t("signups.detail.accept")}
              </SubmitButton>
              <SubmitButton name="intent" value="decline" className="button button--ghost">
                {t("signups.detail.declineOffer")}
              </SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}

      {canCancel ? (
        <section aria-labelledby="cancel-title" className="card">
          <h2 id="cancel-title">{t("signups.detail.cancelTitle")}</h2>
          <p>{t("signups.detail.cancelExplained")}</p>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="cancel" />
            <div className={`field${actionData?.errors?.reason ? " field--invalid" : ""}`}>
              <label htmlFor="cancel-reason">{t("signups.detail.cancelReasonLabel")}</label>
              <textarea id="cancel-reason" name="reason" rows={2} maxLength={1000} aria-describedby={actionData?.errors?.reason ? "cancel-reason-error" : undefined} />
              {actionData?.errors?.reason ? (
                <p id="cancel-reason-error" className="field__error">
                  {actionData.errors.reason.map(errorText).join(" ")}
                </p>
              ) : null}
            </div>
            <SubmitButton className="button button--danger">{t("signups.detail.cancel")}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
