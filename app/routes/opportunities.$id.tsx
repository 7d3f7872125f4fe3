/**
 * /opportunities/:id — everything a volunteer needs to decide: what, who, where, when and how many places are
 * left, a calendar file, a share link and schema.org data. Published opportunities only; anything else is 404.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { AargauMap } from "~/components/aargau-map";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SignupBox } from "~/components/signups/signup-box";
import { signupBoxViewer } from "~/domain/signups/box.server";
import { MatchExplanation } from "~/components/matching/match-explanation";
import { AARGAU_MAP } from "~/domain/geo/aargau-map";
import { matchExplanationFor } from "~/domain/matching/explain.server";
import { opportunityParamsSchema } from "~/domain/opportunities/detail.server";
import { getOpportunityPageCached } from "~/domain/opportunities/detail-page.server";
import { getLocale } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE, isLocale, resources } from "~/i18n/config";
import { notFound } from "~/utils/http";
import { useNonce } from "~/utils/nonce";
import type { I18nHandle } from "~/i18n/namespaces";

// the texts this page needs in the browser (app/i18n/namespaces.ts)
export const handle: I18nHandle = { i18n: [
    "opportunity",
    "flags.link",
    "auth.login.title",
    "auth.login.signupLink",
    "map",
    "matching.fit",
    "matching.recommendations",
    "matching.reasons",
    "matching.ruledOut",
    "matching.slots",
    "matching.weekdays",
    "matching.dayParts",
    "matching.languageLevels",
    "matching.germanLevels",
    "signups.box",
    "signups.errors",
    "signups.flexible",
    "signups.status",
    "validation",
    "auth.honeypot",
    "walkthrough.detail",
  ] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = opportunityParamsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const locale = await getLocale(request);
  // the same for everyone in this language: shared across requests per listing generation
  const shared = await getOpportunityPageCached({ id: parsed.data.id, locale });
  if (!shared) notFound();
  const { page, match } = shared;

  // the visitor's own parts, per request: null for anonymous visitors, so the cached page holds nothing personal
  const [signup, fit] = await Promise.all([
    signupBoxViewer(request, page.opportunity.id, page.opportunity.minAge),
    // signed-in volunteers with a profile only (never in the anonymous page cache)
    matchExplanationFor({ request, opportunityId: page.opportunity.id, locale, opportunity: match }),
  ]);
  return { ...page, signup, fit };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => {
  if (!data) {
    // 404 and other errors: the page still needs a <title> (WCAG 2.4.2), in the root loader's language
    const rootData = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
    const locale = isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE;
    const errors = resources[locale].translation.errors;
    return [{ title: `${isRouteErrorResponse(error) && error.status === 404 ? errors.notFoundTitle : errors.title} – Mitenand` }];
  }
  return [
    { title: data.meta.title },
    { name: "description", content: data.meta.description },
    { tagName: "link", rel: "canonical", href: data.url },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "Mitenand" },
    { property: "og:title", content: data.opportunity.title },
    { property: "og:description", content: data.meta.description },
    { property: "og:url", content: data.url },
    { property: "og:locale", content: data.meta.ogLocale },
    { name: "twitter:card", content: "summary" },
  ];
};

/** up to this many dates show at once; more are folded into a <details> */
const OPEN_DATES_MAX = 6;

export default function OpportunityDetail() {
  const { opportunity: o, shifts, weekly, url, jsonLd, share, signup, fit } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const nonce = useNonce();
  const hasRequirements =
    o.languagesRequired.length > 0 || o.languagesHelpful.length > 0 || o.germanLevel !== null || o.minAge !== null;

  return (
    <article className="opportunity-detail" aria-labelledby="opportunity-title">
      <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: jsonLd }} />
      <p className="opportunity-detail__back">
        <Link to="/opportunities">← {t("opportunity.backToList")}</Link>
      </p>
      <header className="opportunity-detail__head">
        <p className="tag">{o.category.label}</p>
        <h1 id="opportunity-title">{o.title}</h1>
        <p className="opportunity-detail__lead">{o.summary}</p>
        <p className="muted">
          {t("opportunity.byOrganisation", { organisation: o.organisation.name, gemeinde: o.gemeinde.name })}
        </p>
      </header>

      <div className="opportunity-detail__layout">
        <div className="opportunity-detail__main">
          {fit ? <MatchExplanation fit={fit} /> : null}
          <section aria-labelledby="about-title">
            <h2 id="about-title">{t("opportunity.aboutTitle")}</h2>
            <div className="opportunity-detail__description">{o.description}</div>
          </section>

          <section aria-labelledby="requirements-title">
            <h2 id="requirements-title">{t("opportunity.requirementsTitle")}</h2>
            <dl className="facts facts--wide">
              {o.languagesRequired.length > 0 ? (
                <div>
                  <dt>{t("opportunity.languagesRequired")}</dt>
                  <dd>{o.languagesRequiredNames.join(", ")}</dd>
                </div>
              ) : null}
              {o.languagesHelpful.length > 0 ? (
                <div>
                  <dt>{t("opportunity.languagesHelpful")}</dt>
                  <dd>{o.languagesHelpfulNames.join(", ")}</dd>
                </div>
              ) : null}
              {o.germanLevel ? (
                <div>
                  <dt>{t("opportunity.germanLevel")}</dt>
                  <dd>{t("opportunity.germanLevelValue", { level: o.germanLevel })}</dd>
                </div>
              ) : null}
              {o.minAge !== null ? (
                <div>
                  <dt>{t("opportunity.minAge")}</dt>
                  <dd>{t("opportunity.minAgeValue", { age: o.minAge })}</dd>
                </div>
              ) : null}
              {o.targetGroups.length > 0 ? (
                <div>
                  <dt>{t("opportunity.targetGroups")}</dt>
                  <dd>{o.targetGroups.map((g) => t(`opportunity.targetGroupLabels.${g}`, { defaultValue: g })).join(", ")}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t("opportunity.locationMode")}</dt>
                <dd>{t(`opportunity.locationModes.${o.locationMode}`)}</dd>
              </div>
              {o.tags.length > 0 ? (
                <div>
                  <dt>{t("opportunity.tags")}</dt>
                  <dd>
                    <ul className="tag-list">
                      {o.tags.map((tag) => (
                        <li key={tag} className="tag">
                          {tag}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </div>
              ) : null}
            </dl>
            {hasRequirements ? null : <p>{t("opportunity.noRequirements")}</p>}
          </section>

          {/* The sign-ups issue puts the sign-up button here. */}
          <section aria-labelledby="signup-title" className="card signup-slot" data-slot="signup">
            <h2 id="signup-title">{t("opportunity.signupTitle")}</h2>
            <SignupBox opportunity={o} shifts={shifts} mine={signup.mine} verified={signup.verified} askBirthYear={signup.askBirthYear} />
            {o.contactEmail || o.organisation.contactEmail || o.organisation.contactPhone ? (
              <>
                <p>
                  {o.contactName
                    ? t("opportunity.signupContact", { name: o.contactName })
                    : t("opportunity.signupContactOrganisation")}
                </p>
                <ul className="plain-list">
                  {o.contactEmail || o.organisation.contactEmail ? (
                    <li>
                      <a href={`mailto:${o.contactEmail ?? o.organisation.contactEmail}`}>
                        {o.contactEmail ?? o.organisation.contactEmail}
                      </a>
                    </li>
                  ) : null}
                  {o.organisation.contactPhone ? (
                    <li>
                      <a href={`tel:${o.organisation.contactPhone.replace(/[^+\d]/g, "")}`}>{o.organisation.contactPhone}</a>
                    </li>
                  ) : null}
                </ul>
              </>
            ) : null}
          </section>

          <section aria-labelledby="dates-title">
            <h2 id="dates-title">{t("opportunity.datesTitle")}</h2>
            {weekly ? (
              <p className="opportunity-detail__weekly">
                {weekly.text}
                {weekly.until ? ` (${weekly.until})` : null}
              </p>
            ) : null}
            {o.scheduleKind === "flexible" ? (
              <>
                <p>{t("opportunity.flexible")}</p>
                {o.flexiblePlaces ? (
                  <p className="places">
                    {t("opportunity.flexiblePlaces", { count: o.flexiblePlaces.left, total: o.flexiblePlaces.total })}
                  </p>
                ) : null}
              </>
            ) : null}
            {shifts.length > 0 ? (
              <>
                {/* many dates fold away (open when few), so the page stays short on a phone */}
                <details className="shift-dates" open={shifts.length <= OPEN_DATES_MAX}>
                  <summary>{t("walkthrough.detail.showDates", { count: shifts.length })}</summary>
                  <table className="shift-table">
                    <thead>
                      <tr>
                        <th scope="col">{t("opportunity.shiftDate")}</th>
                        <th scope="col">{t("opportunity.shiftTime")}</th>
                        <th scope="col">{t("opportunity.shiftPlaces")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shifts.map((s) => (
                        <tr key={s.id} data-testid="shift">
                          <td>
                            <time dateTime={s.startsAt}>{s.day}</time>
                          </td>
                          <td>{s.time}</td>
                          <td className={s.placesLeft === 0 ? "places places--full" : "places"}>
                            {s.placesLeft === 0
                              ? t("opportunity.full")
                              : t("opportunity.placesLeft", { count: s.placesLeft, total: s.places })}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
                <p>
                  <a className="button button--ghost" href={`/opportunities/${o.id}/calendar.ics`} download>
                    {t("opportunity.addToCalendar")}
                  </a>
                </p>
                <p className="muted small">{t("opportunity.addToCalendarHint")}</p>
              </>
            ) : o.scheduleKind !== "flexible" ? (
              <p>{t("opportunity.noShifts")}</p>
            ) : null}
          </section>
        </div>

        <aside className="opportunity-detail__aside">
          <section aria-labelledby="where-title" className="card">
            <h2 id="where-title">{t("opportunity.whereTitle")}</h2>
            <p>
              <strong>{o.gemeinde.name}</strong>
              <br />
              <span className="muted small">{o.gemeinde.districtName}</span>
            </p>
            {o.locationMode === "remote" ? <p>{t("opportunity.remoteOnly")}</p> : null}
            <AargauMap
              shapes={AARGAU_MAP}
              highlight={o.gemeinde.bfsNr}
              caption={t("opportunity.mapLabel", { gemeinde: o.gemeinde.name })}
              className="opportunity-detail__map"
            />
            {o.address ? (
              <p>
                <span className="visually-hidden">{t("opportunity.address")}: </span>
                {o.address}
              </p>
            ) : o.addressPrivate ? (
              <p className="muted small">{t("opportunity.addressPrivate")}</p>
            ) : null}
          </section>

          <section aria-labelledby="organisation-title" className="card">
            <h2 id="organisation-title">{t("opportunity.organisationTitle")}</h2>
            <p>
              <strong>
                <Link to={`/orgs/${o.organisation.slug}`}>{o.organisation.name}</Link>
              </strong>
              <br />
              <span className="muted small">
                {t(`opportunity.orgKinds.${o.organisation.kind}`)}
                {o.organisation.verified ? ` · ${t("opportunity.verified")}` : null}
              </span>
            </p>
            <dl className="facts">
              {o.organisation.website ? (
                <div>
                  <dt>{t("opportunity.website")}</dt>
                  <dd>
                    <a href={o.organisation.website} rel="noopener noreferrer" target="_blank">
                      {o.organisation.website.replace(/^https?:\/\//, "")}
                    </a>
                  </dd>
                </div>
              ) : null}
              {o.organisation.contactEmail ? (
                <div>
                  <dt>{t("opportunity.email")}</dt>
                  <dd>
                    <a href={`mailto:${o.organisation.contactEmail}`}>{o.organisation.contactEmail}</a>
                  </dd>
                </div>
              ) : null}
              {o.organisation.contactPhone ? (
                <div>
                  <dt>{t("opportunity.phone")}</dt>
                  <dd>{o.organisation.contactPhone}</dd>
                </div>
              ) : null}
            </dl>
          </section>

          <section aria-labelledby="share-title" className="card">
            <h2 id="share-title">{t("opportunity.shareTitle")}</h2>
            <p className="small">
              {t("opportunity.shareLink")}:
              <br />
              <a href={url} className="share-url">
                {url}
              </a>
            </p>
            <p>
              <a href={share.mailto}>{t("opportunity.shareMail")}</a>
            </p>
          </section>
          <p className="muted small">{t("opportunity.published", { date: o.publishedLabel })}</p>
          <p className="small">
            <Link to={`/opportunities/${o.id}/flag`} rel="nofollow">
              {t("flags.link")}
            </Link>
          </p>
        </aside>
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
