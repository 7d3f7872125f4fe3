/** Field by field: the version the public sees (or the last reviewed one) beside the proposed one. */
import { useTranslation } from "~/i18n/react";

export interface DiffRow {
  field: string;
  before: string;
  after: string;
}

export function DiffTable({ rows, against }: { rows: DiffRow[]; against: "published" | "lastDecision" }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="diff-title" className="card">
      <h2 id="diff-title">{t(against === "published" ? "moderation.diff.titleRevision" : "moderation.diff.titleResubmission")}</h2>
      {rows.length === 0 ? (
        <p>{t("moderation.diff.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table diff-table" data-testid="diff">
            <caption className="visually-hidden">{t("moderation.diff.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("moderation.diff.field")}</th>
                <th scope="col">{t(against === "published" ? "moderation.diff.public" : "moderation.diff.before")}</th>
                <th scope="col">{t("moderation.diff.after")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.field}>
                  <th scope="row">{t(`moderation.fields.${row.field}`)}</th>
                  <td>
                    <del>{row.before || "–"}</del>
                  </td>
                  <td>
                    <ins>{row.after || "–"}</ins>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
