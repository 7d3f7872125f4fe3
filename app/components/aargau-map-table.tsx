/**
 * The Aargau map's numbers as a table, folded under the map (<AargauMap> children): the Gemeinden with a count,
 * most first, for screen readers and keyboards. Its own module so pages that list the numbers otherwise (the
 * search page's Gemeinde picker) don't ship it.
 */
import { useTranslation } from "~/i18n/react";
import { countOf, type MapCounts } from "~/components/aargau-map";
import type { AargauMapData } from "~/domain/geo/map-data";
import { intlLocale, isLocale } from "~/i18n/config";
import { numberFormat } from "~/utils/intl";

// localeCompare(…, "de") would build a collator per comparison: a thousand of them per table
const collator = new Intl.Collator("de");

export function AargauMapTable({ shapes, counts, caption }: { shapes: AargauMapData; counts: MapCounts; caption: string }) {
  const { t, i18n } = useTranslation();
  const number = numberFormat(intlLocale(isLocale(i18n.language) ? i18n.language : "de"));
  const rows = shapes.shapes
    .map((s) => ({ ...s, count: countOf(counts, s.bfsNr) }))
    .filter((s) => s.count > 0)
    .sort((a, b) => b.count - a.count || collator.compare(a.name, b.name));
  return (
    <details className="aargau-map__table">
      <summary>{t("map.tableSummary")}</summary>
      {rows.length === 0 ? (
        <p>{t("map.tableEmpty")}</p>
      ) : (
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("map.tableGemeinde")}</th>
              <th scope="col">{t("map.tableCount")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.bfsNr}>
                <th scope="row">{row.name}</th>
                <td>{number.format(row.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > 0 ? <p className="muted small">{t("map.tableNote")}</p> : null}
    </details>
  );
}
