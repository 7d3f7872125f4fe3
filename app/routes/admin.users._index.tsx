/** /admin/users: find a person by email or name (a plain GET form; at least two characters), admins only. */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireAdmin } from "~/domain/auth/permissions.server";
import { searchUsers } from "~/domain/moderation/users.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const locale = await getLocale(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  return { title: getFixedT(locale)("adminUsers.title"), q, results: q.trim().length >= 2 ? await searchUsers({ q }) : null };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Admin"} – Mitenand` }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export default function AdminUsers() {
  const { q, results } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/admin">← {t("moderation.admin.title")}</Link>
      </p>
      <h1 id="page-title">{t("adminUsers.title")}</h1>
      <Form method="get" className="filter-bar card" role="search" aria-label={t("adminUsers.searchLabel")}>
        <div className="field">
          <label htmlFor="user-q">{t("adminUsers.query")}</label>
          <input id="user-q" name="q" type="search" defaultValue={q} minLength={2} maxLength={100} />
        </div>
        <button type="submit" className="button">
          {t("adminUsers.search")}
        </button>
      </Form>
      {results === null ? (
        <p>{t("adminUsers.hint")}</p>
      ) : results.length === 0 ? (
        <p>{t("adminUsers.none")}</p>
      ) : (
        <ul className="plain-list user-results" data-testid="user-results">
          {results.map((u) => (
            <li key={u.id}>
              <Link to={`/admin/users/${u.id}`}>{u.displayName}</Link> <span className="muted small">{u.email}</span>
              <br />
              <span className="small">
                {[u.isAdmin ? t("adminUsers.admin") : null, u.regionCount ? t("adminUsers.coordinatorOf", { count: u.regionCount }) : null, u.organisationCount ? t("adminUsers.memberOf", { count: u.organisationCount }) : null]
                  .filter(Boolean)
                  .join(" · ")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
