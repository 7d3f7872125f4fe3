/** /me/hours — the volunteer's confirmed hours (attended shifts) per organisation and year. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireUser } from "~/domain/auth/permissions.server";
import { hoursByOrganisationAndYear } from "~/domain/signups/volunteer.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const rows = await hoursByOrganisationAndYear({ userId: user.id });
  return { title: getFixedT(locale)("signups.hours.title"), rows, total: rows.reduce((sum, r) => sum + r.hours, 0) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Mitenand"} – Mitenand` }];

export default function MyHours() {
  const { title, rows, total } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "de-CH", { maximumFractionDigits: 2 });
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/me/signups">← {t("signups.mine.title")}</Link>
      </p>
      <h1 id="page-title">{title}</h1>
      <p className="muted">{t("signups.hours.intro")}</p>
      <p>
        <Link to="/me/certificate">{t("certificate.page.title")}</Link>
      </p>
      {rows.length === 0 ? (
        <p>{t("signups.hours.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("signups.hours.year")}</th>
                <th scope="col">{t("signups.hours.organisation")}</th>
                <th scope="col">{t("signups.hours.shifts")}</th>
                <th scope="col">{t("signups.hours.hours")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.year}-${r.organisation}`} data-testid="hours-row">
                  <td>{r.year}</td>
                  <td>{r.organisation}</td>
                  <td>{r.shifts}</td>
                  <td>{number.format(r.hours)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  {t("signups.hours.total")}
                </th>
                <td>{number.format(total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
