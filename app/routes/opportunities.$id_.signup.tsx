/**
 * /opportunities/:id/signup — POST signs the volunteer up (shiftId repeated for several shifts, none for a
 * flexible engagement, optional message). GET shows the same form on its own page: where a failed submission
 * lands (with JS off too) and where the login brings people back to.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SignupBox } from "~/components/signups/signup-box";
import { requireUser } from "~/domain/auth/permissions.server";
import { getPublicOpportunity } from "~/domain/opportunities/detail.server";
import { idParam } from "~/domain/organisations/access.server";
import { boxShifts, signupBoxViewer } from "~/domain/signups/box.server";
import { refusalErrors, signupFormSchema, parseSignupForm } from "~/domain/signups/forms.server";
import { signUp } from "~/domain/signups/signups.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { fieldError, type FieldErrors } from "~/utils/form-fields";
import { notFound } from "~/utils/http";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  await requireUser(request);
  const locale = await getLocale(request);
  const opportunity = await getPublicOpportunity({ id, locale });
  if (!opportunity) notFound();
  const viewer = await signupBoxViewer(request, id, opportunity.minAge);
  return {
    title: getFixedT(locale)("signups.page.title", { title: opportunity.title }),
    opportunity: {
      id: opportunity.id,
      title: opportunity.title,
      scheduleKind: opportunity.scheduleKind,
      needsConfirmation: opportunity.needsConfirmation,
      minAge: opportunity.minAge,
      flexiblePlaces: opportunity.flexiblePlaces,
    },
    shifts: boxShifts(opportunity.shifts, locale),
    ...viewer,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – Mitenand` : "Mitenand" }];

function failure(errors: FieldErrors, status: number, values: Record<string, string | string[]> = {}) {
  return data({ errors, values }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const opportunityId = idParam(params.id);
  const user = await requireUser(request);
  const formData = await request.formData();
  const values = {
    shiftId: formData.getAll("shiftId").map(String).slice(0, 100),
    message: String(formData.get("message") ?? "").slice(0, 2000),
    birthYear: String(formData.get("birthYear") ?? "").slice(0, 10),
  };
  if (!user.emailVerified) return failure(fieldError("form", "signups.errors.verifyEmail"), 403, values);
  const parsed = parseSignupForm(signupFormSchema, formData);
  if (!parsed.success) return failure(parsed.errors, 400, values);

  const result = await signUp({
    opportunityId,
    shiftIds: parsed.data.shiftId,
    volunteer: user,
    message: parsed.data.message,
    birthYear: parsed.data.birthYear,
  });
  if (!result.ok) {
    if (result.reason === "unpublished") notFound();
    const opportunity = result.reason === "min_age" || result.reason === "age_needed" ? await getPublicOpportunity({ id: opportunityId, locale: user.locale }) : null;
    const refused = refusalErrors(result.reason, opportunity?.minAge ?? null);
    return failure(refused.errors, refused.status, values);
  }
  const outcomes = result.outcomes;
  const target = outcomes.length === 1 ? `/me/signups/${outcomes[0].signupId}` : "/me/signups";
  const statuses = new Set(outcomes.map((o) => o.status));
  const key =
    outcomes.every((o) => o.already)
      ? "toast.signupAlready"
      : statuses.has("waitlisted") && statuses.size === 1
        ? "toast.signupWaitlisted"
        : statuses.has("pending")
          ? "toast.signupPending"
          : statuses.has("waitlisted")
            ? "toast.signupPartlyWaitlisted"
            : "toast.signupConfirmed";
  return redirectWithToast(target, { key, type: "success" });
}

export default function SignupPage() {
  const { opportunity, shifts, mine, verified, askBirthYear, title } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title" className="form-page">
      <p>
        <Link to={`/opportunities/${opportunity.id}`}>← {opportunity.title}</Link>
      </p>
      <h1 id="page-title">{title}</h1>
      <p className="muted">{t("signups.page.intro")}</p>
      <SignupBox opportunity={opportunity} shifts={shifts} mine={mine} verified={verified} askBirthYear={askBirthYear} errors={actionData?.errors} values={actionData?.values} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
