/**
 * /opportunities: find published opportunities. One GET form (works without JavaScript; the URL holds the whole
 * query, so the back button and shared links work), the results with pagination, and the Aargau map with the
 * counts per Gemeinde for the current filters. Bad parameters are dropped with a message at their field (400).
 */
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { lazy, Suspense, useId, useMemo, useState } from "react";
import { VerifiedBadge } from "~/components/organisations/verified-badge";
import { useTranslation } from "~/i18n/react";
import { CATEGORIES } from "~db/data/categories";
import { AargauMap } from "~/components/aargau-map";
import { GemeindePicker } from "~/components/search/gemeinde-picker";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AARGAU_MAP } from "~/domain/geo/aargau-map";
import {
  defaultSort,
  TIMES_OF_DAY,
  toSearchParams,
} from "~/domain/opportunities/search-params";
import { getSearchPageCached } from "~/domain/opportunities/search-page.server";
import { getLocale } from "~/i18n/i18n.server";
import type { I18nHandle } from "~/i18n/namespaces";

// the texts this page needs in the browser (app/i18n/namespaces.ts)
export const handle: I18nHandle = { i18n: [
    "search",
    "map",
    "walkthrough.map",
    "opportunity.verified",
    "org.profile.verified",
    "savedSearches.defaultName",
    "savedSearches.saveTitle",
    "savedSearches.name",
    "savedSearches.saveHint",
    "savedSearches.saveSubmit",
  ] };

const PATH = "/opportunities";
// only signed-in people see it: anonymous visitors (most of them, served from the page cache) don't download it
const SaveSearchForm = lazy(() => import("~/components/matching/save-search-form").then((m) => ({ default: m.SaveSearchForm })));
const RADIUS_CHOICES = [2, 5, 10, 15, 20, 30, 50, 100];
/** for the place field's suggestions: sorted when first needed, not when the page's script loads */
let gemeindeNames: string[] | undefined;
const sortedGemeindeNames = () => (gemeindeNames ??= AARGAU_MAP.shapes.map((s) => s.name).sort(new Intl.Collator("de").compare));

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locale = await getLocale(request);
  // nothing in the page's data depends on who asks: shared across requests per listing generation (signed-in
  // people never get the page cache); the layout's personal parts come from root's loader
  const page = await getSearchPageCached({ url, locale });
  return data(page.body, { status: page.status });
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => {
  if (!page) return [{ title: "Mitenand" }];
  return [
    { title: page.meta.title },
    { name: "description", content: page.meta.description },
    ...(page.meta.prev ? [{ tagName: "link", rel: "prev", href: page.meta.prev }] : []),
    ...(page.meta.next ? [{ tagName: "link", rel: "next", href: page.meta.next }] : []),
  ];
};

/** the loader's "4001:12,4002:3" back into counts per BFS number */
function parseCounts(text: string) {
  const counts: Record<number, number> = {};
  for (const pair of text ? text.split(",") : []) {
    const [bfsNr, count] = pair.split(":");
    counts[Number(bfsNr)] = Number(count);
  }
  return counts;
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** the problem message of a URL parameter, tied to its field */
function Problem({ id, problem }: { id: string; problem?: string }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <p id={id} className="field__error">
      {t(problem)}
    </p>
  );
}

function SearchForm({ loaderData, searching }: { loaderData: LoaderData; searching: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const { filters, problems } = loaderData;
  const err = (name: string) => (problems[name] ? `${id}-${name}-error` : undefined);
  const invalid = (name: string) => (problems[name] ? true : undefined);
  const advancedCount =
    filters.categories.length +
    (filters.region ? 1 : 0) +
    (filters.from ? 1 : 0) +
    (filters.to ? 1 : 0) +
    filters.weekdays.length +
    (filters.time ? 1 : 0) +
    filters.languages.length +
    (filters.remote ? 1 : 0) +
    (filters.free ? 1 : 0);
  const advancedProblem = ["category", "region", "from", "to", "weekday", "time", "lang", "remote", "free"].some((k) => problems[k]);
  // the place suggestions (196 names, ≈ 7 kB of HTML) only with JavaScript, and only once the field is focused:
  // 197 more elements at hydration made the page's longest task longer for everyone (issue 13, Lighthouse);
  // typed names and postcodes work without
  const [suggest, setSuggest] = useState(false);
  const radiusChoices = RADIUS_CHOICES.includes(filters.radius) ? RADIUS_CHOICES : [...RADIUS_CHOICES, filters.radius].sort((a, b) => a - b);

  return (
    // role="search" rather than the <search> element, which older browsers don't map to a landmark
    // oxlint-disable-next-line jsx-a11y/prefer-tag-over-role
    <Form method="get" action={PATH} className="search-form" role="search" aria-label={t("search.formLabel")}>
      {/* a Gemeinde picked on the map stays picked when the form is sent again; its chip removes it */}
      {filters.gemeinden.map((bfsNr) => (
        <input key={bfsNr} type="hidden" name="gemeinde" value={bfsNr} />
      ))}
      <div className={`field${problems.q ? " field--invalid" : ""}`}>
        <label htmlFor={`${id}-q`}>{t("search.q")}</label>
        <input
          id={`${id}-q`}
          type="search"
          name="q"
          defaultValue={filters.q ?? ""}
          maxLength={200}
          placeholder={t("search.qPlaceholder")}
          aria-invalid={invalid("q")}
          aria-describedby={err("q")}
        />
        <Problem id={`${id}-q-error`} problem={problems.q} />
      </div>

      <div className="search-form__near">
        <div className={`field${problems.near ? " field--invalid" : ""}`}>
          <label htmlFor={`${id}-near`}>{t("search.near")}</label>
          <input
            id={`${id}-near`}
            type="text"
            name="near"
            list={suggest ? `${id}-gemeinden` : undefined}
            onFocus={() => setSuggest(true)}
            defaultValue={filters.near ?? ""}
            maxLength={60}
            autoComplete="off"
            aria-invalid={invalid("near")}
            aria-describedby={[`${id}-near-hint`, err("near")].filter(Boolean).join(" ")}
          />
          <p id={`${id}-near-hint`} className="field__hint">
            {t("search.nearHint")}
          </p>
          <Problem id={`${id}-near-error`} problem={problems.near} />
          {suggest ? (
            <datalist id={`${id}-gemeinden`}>
              {sortedGemeindeNames().map((name) => (
                // a datalist suggestion shows its value: no text content needed
                // oxlint-disable-next-line jsx-a11y/control-has-associated-label
                <option key={name} value={name} />
              ))}
            </datalist>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-radius`}>{t("search.radius")}</label>
          <select id={`${id}-radius`} name="radius" defaultValue={String(filters.radius)}>
            {radiusChoices.map((km) => (
              <option key={km} value={km}>
                {t("search.radiusOption", { km })}
              </option>
            ))}
          </select>
        </div>
      </div>

      <details className="search-form__more" open={advancedCount > 0 || advancedProblem}>
        <summary>{advancedCount > 0 ? t("search.moreFiltersActive", { count: advancedCount }) : t("search.moreFilters")}</summary>

        <fieldset className={`search-form__group${problems.category ? " field--invalid" : ""}`} aria-describedby={err("category")}>
          <legend>{t("search.category")}</legend>
          <Problem id={`${id}-category-error`} problem={problems.category} />
          <div className="search-form__options">
            {/* the labels come with the bundle (db/data/categories.ts), not in the page's data */}
            {CATEGORIES.map((c) => (
              <label key={c.id} className="check">
                <input type="checkbox" name="category" value={c.id} defaultChecked={filters.categories.includes(c.id)} />
                {loaderData.locale === "de" ? c.label_de : c.label_en}
              </label>
            ))}
          </div>
        </fieldset>

        <div className={`field${problems.region ? " field--invalid" : ""}`}>
          <label htmlFor={`${id}-region`}>{t("search.region")}</label>
          <select id={`${id}-region`} name="region" defaultValue={filters.region ?? ""} aria-invalid={invalid("region")} aria-describedby={err("region")}>
            <option value="">{t("search.regionAll")}</option>
            {loaderData.regions.map((r) => (
              <option key={r.slug} value={r.slug}>
                {r.name}
              </option>
            ))}
          </select>
          <Problem id={`${id}-region-error`} problem={problems.region} />
        </div>

        <div className="search-form__dates">
          <div className={`field${problems.from ? " field--invalid" : ""}`}>
            <label htmlFor={`${id}-from`}>{t("search.from")}</label>
            <input id={`${id}-from`} type="date" name="from" defaultValue={filters.from ?? ""} aria-invalid={invalid("from")} aria-describedby={err("from")} />
            <Problem id={`${id}-from-error`} problem={problems.from} />
          </div>
          <div className={`field${problems.to ? " field--invalid" : ""}`}>
            <label htmlFor={`${id}-to`}>{t("search.to")}</label>
            <input id={`${id}-to`} type="date" name="to" defaultValue={filters.to ?? ""} aria-invalid={invalid("to")} aria-describedby={err("to")} />
            <Problem id={`${id}-to-error`} problem={problems.to} />
          </div>
        </div>

        <fieldset className={`search-form__group${problems.weekday ? " field--invalid" : ""}`} aria-describedby={err("weekday")}>
          <legend>{t("search.weekday")}</legend>
          <Problem id={`${id}-weekday-error`} problem={problems.weekday} />
          <div className="search-form__options search-form__options--days">
            {loaderData.weekdays.map((w) => (
              <label key={w.weekday} className="check">
                <input type="checkbox" name="weekday" value={w.weekday} defaultChecked={filters.weekdays.includes(w.weekday)} />
                {w.name}
              </label>
            ))}
          </div>
        </fieldset>

        <div className={`field${problems.time ? " field--invalid" : ""}`}>
          <label htmlFor={`${id}-time`}>{t("search.time")}</label>
          <select id={`${id}-time`} name="time" defaultValue={filters.time ?? ""} aria-invalid={invalid("time")} aria-describedby={err("time")}>
            <option value="">{t("search.timeAny")}</option>
            {TIMES_OF_DAY.map((time) => (
              <option key={time} value={time}>
                {t(`search.times.${time}`)}
              </option>
            ))}
          </select>
          <Problem id={`${id}-time-error`} problem={problems.time} />
        </div>

        <fieldset className={`search-form__group${problems.lang ? " field--invalid" : ""}`} aria-describedby={err("lang")}>
          <legend>{t("search.language")}</legend>
          <p className="field__hint">{t("search.languageHint")}</p>
          <Problem id={`${id}-lang-error`} problem={problems.lang} />
          <div className="search-form__options search-form__options--languages">
            {loaderData.languages.map((l) => (
              <label key={l.code} className="check">
                <input type="checkbox" name="lang" value={l.code} defaultChecked={filters.languages.includes(l.code)} />
                {l.name}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset className="search-form__group">
          <legend>{t("search.more")}</legend>
          <div className="field field--checkbox">
            <input type="checkbox" id={`${id}-remote`} name="remote" value="1" defaultChecked={filters.remote} aria-describedby={err("remote")} />
            <label htmlFor={`${id}-remote`}>{t("search.remote")}</label>
          </div>
          <Problem id={`${id}-remote-error`} problem={problems.remote} />
          <div className="field field--checkbox">
            <input type="checkbox" id={`${id}-free`} name="free" value="1" defaultChecked={filters.free} aria-describedby={err("free")} />
            <label htmlFor={`${id}-free`}>{t("search.free")}</label>
          </div>
          <Problem id={`${id}-free-error`} problem={problems.free} />
        </fieldset>
      </details>

      <div className={`field${problems.sort ? " field--invalid" : ""}`}>
        <label htmlFor={`${id}-sort`}>{t("search.sort")}</label>
        {/* the default follows the text (best match with one, next date without), so a new search text gets its
            best matches first unless another order was chosen */}
        <select
          id={`${id}-sort`}
          name="sort"
          defaultValue={filters.sort === defaultSort(filters.q) ? "" : filters.sort}
          aria-invalid={invalid("sort")}
          aria-describedby={err("sort")}
        >
          <option value="">{t("search.sorts.auto")}</option>
          <option value="relevance">{t("search.sorts.relevance")}</option>
          <option value="soonest">{t("search.sorts.soonest")}</option>
          <option value="newest">{t("search.sorts.newest")}</option>
          <option value="nearest">{t("search.sorts.nearest")}</option>
        </select>
        <Problem id={`${id}-sort-error`} problem={problems.sort} />
      </div>

      <div className="search-form__actions">
        <button type="submit" className="button" aria-disabled={searching || undefined}>
          {t("search.submit")}
          {searching ? <span className="spinner" aria-hidden="true" /> : null}
        </button>
        <Link to={PATH} className="button button--ghost">
          {t("search.reset")}
        </Link>
      </div>
    </Form>
  );
}

export default function Opportunities() {
  const loaderData = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const searching = navigation.state !== "idle" && navigation.location?.pathname === PATH;
  const { filters, items, chips, total } = loaderData;
  const counts = useMemo(() => parseCounts(loaderData.counts), [loaderData.counts]);
  const hasFilters = chips.length > 0;
  // signed in: the page is rendered for this person (the page cache only keeps anonymous visitors' pages)
  const signedIn = Boolean((useRouteLoaderData("root") as { user?: unknown } | undefined)?.user);
  const navigate = useNavigate();
  // the query with a stand-in Gemeinde: its place among the parameters is where the picker's select goes, so the
  // form's URL is canonical ("=" inside values is encoded, so "gemeinde=NaN" can only be the parameter itself)
  const mapParams = [...toSearchParams({ ...filters, gemeinden: [Number.NaN], page: 1 })];
  const gemeindeAt = mapParams.findIndex(([name]) => name === "gemeinde");
  const mapTemplate = `?${new URLSearchParams(mapParams).toString()}`;
  // "#results": after choosing on the map the visitor lands on the filtered results, not at the map
  const pickGemeinde = (bfsNr: number) =>
    navigate(`${PATH}${mapTemplate.replace("gemeinde=NaN", `gemeinde=${bfsNr}`)}#results`, { preventScrollReset: false });
  // the same words on every card: translated once
  const labels = {
    organisation: t("search.organisation"),
    gemeinde: t("search.gemeinde"),
    nextDate: t("search.nextDate"),
    flexible: t("search.flexible"),
    noDates: t("search.noDates"),
    places: t("search.placesLabel"),
  };

  return (
    <div className="search-page">
      <h1 className="search-page__title">{t("search.title")}</h1>
      <div className="search-page__filters">
        <SearchForm loaderData={loaderData} searching={searching} />
        {signedIn ? (
          <Suspense fallback={null}>
            <SaveSearchForm
              query={toSearchParams({ ...filters, page: 1 }).toString()}
              defaultName={chips.map((chip) => chip.label).join(", ") || t("savedSearches.defaultName")}
            />
          </Suspense>
        ) : null}
      </div>

      <section id="results" tabIndex={-1} className={`search-page__results${searching ? " is-pending" : ""}`} aria-labelledby="results-title" aria-busy={searching || undefined}>
        <h2 id="results-title" className="visually-hidden">
          {t("search.resultsTitle")}
        </h2>
        <output className="search-page__count" data-testid="result-count">
          {t("search.resultCount", { count: total, formatted: loaderData.totalText })}
          {loaderData.pageCount > 1 ? (
            <span className="muted"> · {t("search.pageOf", { page: loaderData.page, pages: loaderData.pageCount })}</span>
          ) : null}
        </output>

        {hasFilters ? (
          <ul className="chips" aria-label={t("search.activeFilters")}>
            {chips.map((chip) => (
              <li key={chip.key}>
                <Link to={chip.href} className="chip" aria-label={t("search.removeFilter", { filter: chip.label })}>
                  {chip.label}
                  <span aria-hidden="true">×</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : null}

        {items.length === 0 ? (
          <div className="search-empty">
            <h3>{t("search.emptyTitle")}</h3>
            {total > 0 ? (
              <p>
                {t("search.pastLastPage")} <Link to={loaderData.firstHref}>{t("search.firstPage")}</Link>
              </p>
            ) : hasFilters ? (
              <>
                <p>{t("search.emptyText")}</p>
                <ul>
                  {chips.map((chip) => (
                    <li key={chip.key}>
                      <Link to={chip.href}>{t("search.emptyWithout", { filter: chip.label })}</Link>
                    </li>
                  ))}
                  <li>
                    <Link to={PATH}>{t("search.emptyAll")}</Link>
                  </li>
                </ul>
              </>
            ) : (
              <p>{t("search.emptyNothingPublished")}</p>
            )}
          </div>
        ) : (
          <ul className="opportunity-list search-results">
            {items.map((o) => (
              <li key={o.id} className="card opportunity-card">
                <p className="tag">{o.categoryLabel}</p>
                <h3 className="opportunity-card__title">
                  <Link to={`${PATH}/${o.id}`}>{o.title}</Link>
                </h3>
                <p>{o.summary}</p>
                <dl className="facts facts--pairs">
                  <dt>{labels.organisation}</dt>
                  <dd>
                    {o.organisationName}
                    {o.organisationVerified ? <VerifiedBadge compact /> : null}
                  </dd>
                  <dt>{labels.gemeinde}</dt>
                  <dd>
                    {o.gemeindeName}
                    {o.distanceText ? <span className="muted">{` (${o.distanceText})`}</span> : null}
                  </dd>
                  <dt>{labels.nextDate}</dt>
                  <dd>{o.next ? <time dateTime={o.next.iso}>{o.next.text}</time> : o.flexible ? labels.flexible : labels.noDates}</dd>
                  {o.placesText ? (
                    <>
                      <dt>{labels.places}</dt>
                      <dd>{o.placesText}</dd>
                    </>
                  ) : null}
                </dl>
                {o.locationMode !== "on_site" ? <p className="badge">{t(`search.locationModes.${o.locationMode}`)}</p> : null}
              </li>
            ))}
          </ul>
        )}

        {loaderData.pageCount > 1 ? (
          <nav className="pagination" aria-label={t("search.pagination")}>
            {loaderData.prevHref ? (
              <Link to={loaderData.prevHref} rel="prev" className="button button--ghost">
                {t("search.prevPage")}
              </Link>
            ) : (
              <span />
            )}
            <span className="pagination__status">{t("search.pageOf", { page: loaderData.page, pages: loaderData.pageCount })}</span>
            {loaderData.nextHref ? (
              <Link to={loaderData.nextHref} rel="next" className="button button--ghost">
                {t("search.nextPage")}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>

      <section className="search-page__map" aria-labelledby="map-title">
        <h2 id="map-title">{t("map.title")}</h2>
        {/* folded on small screens (no JavaScript needed), always open beside the results on wide ones (CSS) */}
        <details className="map-toggle">
          <summary>{t("walkthrough.map.show")}</summary>
          <p className="muted small">{hasFilters ? t("map.introFiltered") : t("map.intro")}</p>
          <AargauMap
            shapes={AARGAU_MAP}
            counts={counts}
            onPick={pickGemeinde}
            caption={t("map.caption")}
            highlight={filters.gemeinden.length === 1 ? filters.gemeinden[0] : null}
          />
          <GemeindePicker
            gemeinden={AARGAU_MAP.shapes}
            counts={counts}
            params={mapParams.filter(([name]) => name !== "gemeinde")}
            at={gemeindeAt}
            selected={filters.gemeinden.length === 1 ? filters.gemeinden[0] : null}
            action={`${PATH}#results`}
            onPick={pickGemeinde}
          />
        </details>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
