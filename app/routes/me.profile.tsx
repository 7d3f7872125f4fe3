/**
 * /me/profile: the signed-in person's volunteer profile for matching (where, languages, interests, skills,
 * weekly availability, engagement, age, the opt-in for suggestions by organisations). Optional everywhere
 * else; saving it leads to the recommendations. Always the session's own profile: the form names no user.
 */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProfileForm } from "~/components/matching/profile-form";
import { requireUser } from "~/domain/auth/permissions.server";
import {
  PROFILE_LANGUAGES,
  getVolunteerProfile,
  parseProfileForm,
  profileToDraft,
  saveVolunteerProfile,
} from "~/domain/matching/profile.server";
import { loadFormReference } from "~/domain/opportunities/form-reference.server";
import { languageNames } from "~/domain/opportunities/shift-format";
import { DEFAULT_LOCALE, intlLocale, resources, type Locale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { redirectWithToast } from "~/utils/toast.server";
import { utcToZurichParts } from "~/utils/zurich-time";

function currentYear() {
  return Number(utcToZurichParts(new Date()).date.slice(0, 4));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const [profile, reference] = await Promise.all([getVolunteerProfile({ userId: user.id }), loadFormReference(locale)]);
  const names = languageNames([...PROFILE_LANGUAGES], locale);
  const collator = new Intl.Collator(intlLocale(locale));
  return {
    title: getFixedT(locale)("matching.profile.title"),
    hasProfile: profile !== null,
    values: profileToDraft(profile),
    reference: {
      gemeinden: reference.gemeinden,
      categories: reference.categories,
      languages: PROFILE_LANGUAGES.map((code, i) => ({ code, name: names[i]! })).sort((a, b) => collator.compare(a.name, b.name)),
      year: currentYear(),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  const locale = (matches[0]?.data as { locale?: Locale } | undefined)?.locale ?? DEFAULT_LOCALE;
  return [{ title: `${loaderData?.title ?? resources[locale].translation.matching.profile.title} – Mitenand` }];
};

// personal data: never cached
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const reference = await loadFormReference(user.locale);
  const parsed = parseProfileForm(formData, { bfsNumbers: reference.bfsNumbers, categoryIds: reference.categoryIds, year: currentYear() });
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.draft }, { status: 400 });
  const saved = await saveVolunteerProfile({ userId: user.id, profile: parsed.profile });
  if (!saved.ok) return data({ errors: saved.errors, values: profileToDraftFrom(formData, parsed.profile) }, { status: 400 });
  return redirectWithToast("/me/recommendations", { key: "toast.saved", type: "success" });
}

/** the values to show again when the postcode turned out unknown (everything else was valid) */
function profileToDraftFrom(formData: FormData, profile: Parameters<typeof saveVolunteerProfile>[0]["profile"]) {
  const draft = profileToDraft({ ...profile, bfsNr: profile.bfsNr });
  return { ...draft, postcode: String(formData.get("postcode") ?? "") };
}

export default function ProfilePage() {
  const { values, reference, hasProfile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="profile-page" aria-labelledby="profile-title">
      <h1 id="profile-title">{t("matching.profile.title")}</h1>
      <p>{t("matching.profile.intro")}</p>
      <p className="muted">{t("matching.profile.privacy")}</p>
      {hasProfile ? (
        <p>
          <Link to="/me/recommendations">{t("matching.profile.toRecommendations")}</Link>
        </p>
      ) : null}
      <ProfileForm values={actionData?.values ?? values} reference={reference} errors={actionData?.errors} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
