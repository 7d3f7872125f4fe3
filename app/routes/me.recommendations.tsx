/**
 * /me/recommendations ("Für dich"): the published opportunities that fit the volunteer's profile, best first,
 * with the match in percent and the reasons, 20 per page; "not for me" hides one (undoable, listed below).
 * Without a profile: a friendly prompt to fill one in.
 */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NoProfilePrompt, RecommendationList } from "~/components/matching/recommendation-list";
import { requireUser } from "~/domain/auth/permissions.server";
import { recommendationViews } from "~/domain/matching/explain.server";
import { dismissRecommendation, listDismissed, recommendOpportunities, undoDismissal } from "~/domain/matching/recommendations.server";
import { DEFAULT_LOCALE, resources, type Locale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { parseForm } from "~/utils/forms.server";
import { notFound, safeRedirect } from "~/utils/http";
import { redirectWithToast } from "~/utils/toast.server";

const MAX_PAGE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const t = getFixedT(locale);
  const pageParam = new URL(request.url).searchParams.get("page");
  const page = pageParam && /^[1-9]\d{0,2}$/.test(pageParam) ? Math.min(Number(pageParam), MAX_PAGE) : 1;
  const [result, dismissed] = await Promise.all([
    recommendOpportunities({ userId: user.id, page, locale }),
    listDismissed({ userId: user.id }),
  ]);
  const title = page > 1 ? t("matching.recommendations.metaTitlePage", { page }) : t("matching.recommendations.title");
  if (!result.hasProfile) return { title, hasProfile: false as const, dismissed };
  return {
    title,
    hasProfile: true as const,
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    items: recommendationViews(result.items, locale),
    dismissed,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  const locale = (matches[0]?.data as { locale?: Locale } | undefined)?.locale ?? DEFAULT_LOCALE;
  return [{ title: `${loaderData?.title ?? resources[locale].translation.matching.recommendations.title} – Mitenand` }];
};

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const schema = z.object({
  intent: z.enum(["dismiss", "undo"]),
  opportunityId: z.string().regex(/^[1-9]\d{0,9}$/).transform(Number).pipe(z.number().int().max(2_147_483_647)),
  back: z.string().max(300).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = parseForm(schema, await request.formData());
  if (!result.success) return data({ errors: result.errors }, { status: 400 });
  const { intent, opportunityId, back } = result.data;
  const to = safeRedirect(back, "/me/recommendations");
  if (intent === "dismiss") {
    if (!(await dismissRecommendation({ userId: user.id, opportunityId }))) notFound();
    return redirectWithToast(to, { key: "toast.recommendationDismissed", type: "info" });
  }
  await undoDismissal({ userId: user.id, opportunityId });
  return redirectWithToast(to, { key: "toast.recommendationRestored", type: "success" });
}

export default function Recommendations() {
  const loaderData = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="recommendations-page" aria-labelledby="recommendations-title">
      <h1 id="recommendations-title">{t("matching.recommendations.title")}</h1>
      {loaderData.hasProfile ? (
        <>
          <p>{t("matching.recommendations.intro")}</p>
          <p className="muted">
            {t("matching.recommendations.count", { count: loaderData.total })} ·{" "}
            <Link to="/me/profile">{t("matching.recommendations.editProfile")}</Link>
          </p>
          {loaderData.items.length > 0 ? (
            <RecommendationList items={loaderData.items} back={loaderData.page > 1 ? `/me/recommendations?page=${loaderData.page}` : "/me/recommendations"} />
          ) : (
            <p className="card">{t("matching.recommendations.empty")}</p>
          )}
          {loaderData.pageCount > 1 ? (
            <nav className="pagination" aria-label={t("matching.recommendations.pagination")}>
              {loaderData.page > 1 ? (
                <Link to={`/me/recommendations?page=${loaderData.page - 1}`} rel="prev" className="button button--ghost">
                  {t("matching.recommendations.prevPage")}
                </Link>
              ) : (
                <span />
              )}
              <span className="pagination__status">{t("matching.recommendations.pageOf", { page: loaderData.page, count: loaderData.pageCount })}</span>
              {loaderData.page < loaderData.pageCount ? (
                <Link to={`/me/recommendations?page=${loaderData.page + 1}`} rel="next" className="button button--ghost">
                  {t("matching.recommendations.nextPage")}
                </Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </>
      ) : (
        <NoProfilePrompt />
      )}
      {loaderData.dismissed.length > 0 ? (
        <section aria-labelledby="dismissed-title" className="dismissed">
          <h2 id="dismissed-title">{t("matching.recommendations.dismissedTitle")}</h2>
          <p className="muted small">{t("matching.recommendations.dismissedHint")}</p>
          <ul className="plain-list">
            {loaderData.dismissed.map((o) => (
              <li key={o.id} className="dismissed__item">
                <Link to={`/opportunities/${o.id}`}>{o.title}</Link>
                <Form method="post">
                  <input type="hidden" name="opportunityId" value={o.id} />
                  <button type="submit" name="intent" value="undo" className="button button--ghost button--small" aria-label={t("matching.recommendations.undoLabel", { title: o.title })}>
                    {t("matching.recommendations.undo")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
