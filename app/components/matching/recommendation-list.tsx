/**
 * Recommended opportunities as cards: title, organisation and Gemeinde, the match in percent, the reasons, the
 * next date and a "not for me" button (a POST form to /me/recommendations that works without JavaScript and
 * comes back to `back`). Shared by /me/recommendations and the /me dashboard; the no-profile prompt too.
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

export interface RecommendationCardData {
  id: number;
  title: string;
  summary: string;
  organisationName: string;
  gemeindeName: string;
  score: number;
  reasons: string[];
  when: string;
  firstStart: string | null;
}

export function RecommendationList({ items, back, headingLevel = 2 }: { items: RecommendationCardData[]; back: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ol className="recommendation-list">
      {items.map((item) => (
        <li key={item.id} className="card recommendation" data-testid="recommendation">
          <Heading className="recommendation__title">
            <Link to={`/opportunities/${item.id}`}>{item.title}</Link>
          </Heading>
          <p className="muted small">
            {item.organisationName} · {item.gemeindeName}
          </p>
          <p className="recommendation__score">
            <strong>{t("matching.recommendations.score", { score: item.score })}</strong>
          </p>
          {item.reasons.length > 0 ? (
            <ul className="reason-list" aria-label={t("matching.recommendations.reasonsLabel")}>
              {item.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ) : null}
          <p className="small">{item.firstStart ? <time dateTime={item.firstStart}>{item.when}</time> : item.when}</p>
          <Form method="post" action="/me/recommendations" className="recommendation__dismiss">
            <input type="hidden" name="opportunityId" value={item.id} />
            <input type="hidden" name="back" value={back} />
            <button type="submit" name="intent" value="dismiss" className="button button--ghost button--small" aria-label={t("matching.recommendations.dismissLabel", { title: item.title })}>
              {t("matching.recommendations.dismiss")}
            </button>
          </Form>
        </li>
      ))}
    </ol>
  );
}

export function NoProfilePrompt() {
  const { t } = useTranslation();
  return (
    <div className="card profile-prompt">
      <h2>{t("matching.recommendations.noProfileTitle")}</h2>
      <p>{t("matching.recommendations.noProfile")}</p>
      <p className="form-actions">
        <Link to="/me/profile" className="button">
          {t("matching.recommendations.createProfile")}
        </Link>
        <Link to="/opportunities">{t("matching.recommendations.browseAll")}</Link>
      </p>
    </div>
  );
}
