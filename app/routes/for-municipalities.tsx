/**
 * /for-municipalities ("Für Gemeinden und Fachstellen"): what a Gemeinde or an integration office can take from
 * Mitenand onto its own website — the calendar feed, the open API and the embeddable list — with a small
 * generator: choose a Gemeinde and a category, get the iframe code and the feed and API URLs. A GET form, so it
 * works without JavaScript; the URLs come from APP_URL (appOrigin), never from the request.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { CATEGORIES } from "~db/data/categories";
import { getGemeindeNames } from "~/domain/geo/map.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { appOrigin } from "~/utils/request.server";
import type { I18nHandle } from "~/i18n/namespaces";

// the texts this page needs in the browser (app/i18n/namespaces.ts)
export const handle: I18nHandle = { i18n: ["walkthrough.municipalities"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const t = getFixedT(locale);
  const names = getGemeindeNames();
  const url = new URL(request.url);
  // unknown values are ignored (the generator then shows the whole canton), never echoed
  const bfsNr = Number(url.searchParams.get("gemeinde"));
  const gemeinde = names.has(bfsNr) ? bfsNr : null;
  const category = CATEGORIES.some((c) => c.id === url.searchParams.get("category")) ? url.searchParams.get("category") : null;
  const query = new URLSearchParams();
  if (gemeinde) query.set("gemeinde", String(gemeinde));
  if (category) query.set("category", category);
  const search = query.size > 0 ? `?${query}` : "";
  const origin = appOrigin();
  const place = gemeinde ? names.get(gemeinde)! : t("walkthrough.municipalities.wholeCanton");
  return {
    title: t("walkthrough.municipalities.title"),
    gemeinde,
    category,
    gemeinden: [...names].map(([value, name]) => ({ value, name })).sort((a, b) => a.name.localeCompare(b.name, "de")),
    categories: CATEGORIES.map((c) => ({ id: c.id, label: locale === "de" ? c.label_de : c.label_en })),
    embedUrl: `${origin}/embed/opportunities${search}`,
    feedUrl: `${origin}/feeds/opportunities.ics${search}`,
    apiUrl: `${origin}/api/opportunities${search}`,
    openApiUrl: `${origin}/api/openapi.json`,
    iframeTitle: t("walkthrough.municipalities.iframeTitle", { place }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Mitenand"} – Mitenand` }];

export default function ForMunicipalities() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const iframe = `<iframe src="${data.embedUrl}" title="${data.iframeTitle}" width="100%" height="480" loading="lazy"></iframe>`;
  return (
    <article className="prose municipalities">
      <h1>{t("walkthrough.municipalities.title")}</h1>
      <p>{t("walkthrough.municipalities.intro")}</p>

      <section aria-labelledby="generator-title" className="card">
        <h2 id="generator-title">{t("walkthrough.municipalities.generatorTitle")}</h2>
        <Form method="get" className="form" preventScrollReset>
          <div className="field">
            <label htmlFor="gen-gemeinde">{t("walkthrough.municipalities.gemeinde")}</label>
            <select id="gen-gemeinde" name="gemeinde" defaultValue={data.gemeinde ?? ""}>
              <option value="">{t("walkthrough.municipalities.wholeCanton")}</option>
              {data.gemeinden.map((g) => (
                <option key={g.value} value={g.value}>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="gen-category">{t("walkthrough.municipalities.category")}</label>
            <select id="gen-category" name="category" defaultValue={data.category ?? ""}>
              <option value="">{t("walkthrough.municipalities.allCategories")}</option>
              {data.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" className="button">
              {t("walkthrough.municipalities.generate")}
            </button>
          </div>
        </Form>

        <div className="field">
          <label htmlFor="gen-iframe">{t("walkthrough.municipalities.embedCode")}</label>
          <p className="field__hint" id="gen-iframe-hint">
            {t("walkthrough.municipalities.embedHint")}
          </p>
          <textarea id="gen-iframe" readOnly rows={4} value={iframe} aria-describedby="gen-iframe-hint" data-testid="embed-code" />
        </div>
        <div className="field">
          <label htmlFor="gen-feed">{t("walkthrough.municipalities.feedUrl")}</label>
          <p className="field__hint" id="gen-feed-hint">
            {t("walkthrough.municipalities.feedHint")}
          </p>
          <input id="gen-feed" type="url" readOnly value={data.feedUrl} aria-describedby="gen-feed-hint" data-testid="feed-url" />
        </div>
        <div className="field">
          <label htmlFor="gen-api">{t("walkthrough.municipalities.apiUrl")}</label>
          <input id="gen-api" type="url" readOnly value={data.apiUrl} data-testid="api-url" />
        </div>
        <p>
          <a href={data.embedUrl}>{t("walkthrough.municipalities.previewEmbed")}</a> ·{" "}
          <a href={data.feedUrl}>{t("walkthrough.municipalities.downloadFeed")}</a>
        </p>
      </section>

      <h2>{t("walkthrough.municipalities.embedTitle")}</h2>
      <p>{t("walkthrough.municipalities.embedText")}</p>
      <h2>{t("walkthrough.municipalities.feedTitle")}</h2>
      <p>{t("walkthrough.municipalities.feedText")}</p>
      <h2>{t("walkthrough.municipalities.apiTitle")}</h2>
      <p>
        {t("walkthrough.municipalities.apiText")} <a href={data.openApiUrl}>{t("walkthrough.municipalities.openApiLink")}</a>
      </p>
    </article>
  );
}
