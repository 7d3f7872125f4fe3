/**
 * "Passt das zu dir?" on an opportunity's page: for a signed-in volunteer with a profile, the match in percent
 * and the reasons for it, or what rules it out. The page's loader fills `fit` only for signed-in requests,
 * which the page cache never stores (they carry a session cookie), so this never reaches anonymous visitors.
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

export interface MatchExplanationData {
  opportunityId: number;
  score: number;
  reasons: string[];
  ruledOut: string[];
  dismissed: boolean;
}

export function MatchExplanation({ fit }: { fit: MatchExplanationData }) {
  const { t } = useTranslation();
  const back = `/opportunities/${fit.opportunityId}`;
  return (
    <section aria-labelledby="fit-title" className="card match-explanation" data-testid="match-explanation">
      <h2 id="fit-title">{t("matching.fit.title")}</h2>
      {fit.ruledOut.length > 0 ? (
        <>
          <p>{t("matching.fit.ruledOut")}</p>
          <ul className="reason-list reason-list--against">
            {fit.ruledOut.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p>
            <strong>{t("matching.fit.score", { score: fit.score })}</strong>
          </p>
          {fit.reasons.length > 0 ? (
            <>
              <p>{t("matching.fit.reasons")}</p>
              <ul className="reason-list">
                {fit.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t("matching.fit.noReasons")}</p>
          )}
        </>
      )}
      {fit.dismissed ? (
        <Form method="post" action="/me/recommendations" className="form-actions">
          <p className="muted small">{t("matching.fit.dismissed")}</p>
          <input type="hidden" name="opportunityId" value={fit.opportunityId} />
          <input type="hidden" name="back" value={back} />
          <button type="submit" name="intent" value="undo" className="button button--ghost button--small">
            {t("matching.recommendations.undo")}
          </button>
        </Form>
      ) : fit.ruledOut.length === 0 ? (
        <Form method="post" action="/me/recommendations" className="form-actions">
          <input type="hidden" name="opportunityId" value={fit.opportunityId} />
          <input type="hidden" name="back" value={back} />
          <button type="submit" name="intent" value="dismiss" className="button button--ghost button--small">
            {t("matching.recommendations.dismiss")}
          </button>
        </Form>
      ) : null}
      <p className="small">
        <Link to="/me/profile">{t("matching.fit.editProfile")}</Link>
      </p>
    </section>
  );
}
