/**
 * /embed/opportunities?gemeinde=4001&… — a compact list of published opportunities for other sites' iframes
 * (a Gemeinde's website shows its own). No site header, footer or scripts (handle.bare, read by root's Layout);
 * links open the full page in a new tab. Only /embed/* may be framed (security.server.ts). Same filters as the
 * list page; invalid ones give a 400 with the problems named.
 */
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { gemeindeNames, parseOpenDataQuery } from "~/domain/opportunities/open-data.server";
import { toSearchString } from "~/domain/opportunities/search-params";
import { searchOpportunities } from "~/domain/opportunities/search.server";
import { formatShiftDayShort, formatTime } from "~/domain/opportunities/shift-format";
import { getFixedT, getLocale } from "~/i18n/i18n.server";

const EMBED_PAGE_SIZE = 20;

export const handle = { bare: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const t = getFixedT(locale);
  const query = await parseOpenDataQuery(new URL(request.url), { locale });
  if (!query.ok) {
    return data(
      {
        title: t("embed.title"),
        invalid: Object.entries(query.problems).map(([param, message]) => `${param}: ${message}`),
        items: [],
        total: 0,
        moreHref: "/opportunities",
      },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  const filters = { ...query.filters, page: 1 };
  const [result, places] = await Promise.all([
    searchOpportunities({ filters, locale, pageSize: EMBED_PAGE_SIZE }),
    gemeindeNames(filters.gemeinden),
  ]);
  return data({
      title: places.length > 0 ? t("embed.titleIn", { gemeinde: places.join(", ") }) : t("embed.title"),
      invalid: null,
      total: result.total,
      moreHref: `/opportunities${toSearchString(filters)}`,
      items: result.items.map((item) => ({
        id: item.id,
        title: item.title,
        organisationName: item.organisationName,
        gemeindeName: item.gemeindeName,
        categoryLabel: item.categoryLabel,
        when: item.nextStart
          ? t("embed.next", { date: `${formatShiftDayShort(item.nextStart, locale)}, ${formatTime(item.nextStart, locale)}` })
          : item.scheduleKind === "flexible"
            ? t("embed.flexible")
            : null,
      })),
    },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.title ?? "Mitenand"} – Mitenand` },
];

export default function EmbedOpportunities() {
  const { title, invalid, items, total, moreHref } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="embed" aria-labelledby="embed-title">
      <h1 id="embed-title">{title}</h1>
      {invalid ? (
        <div className="alert alert--error" role="alert">
          <p>{t("embed.invalid")}</p>
          <ul>
            {invalid.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : items.length === 0 ? (
        <p>{t("embed.empty")}</p>
      ) : (
        <ul className="embed-list">
          {items.map((item) => (
            <li key={item.id}>
              <a href={`/opportunities/${item.id}`} target="_blank" rel="noopener">
                {item.title}
                <span className="visually-hidden"> {t("embed.newTab")}</span>
              </a>
              <p className="small">
                {item.organisationName} · {item.gemeindeName} · {item.categoryLabel}
              </p>
              {item.when ? <p className="small muted">{item.when}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <p className="embed__footer">
        <a href={moreHref} target="_blank" rel="noopener">
          {t("embed.more", { count: total })}
          <span className="visually-hidden"> {t("embed.newTab")}</span>
        </a>
        <br />
        {t("embed.poweredBy")}
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
