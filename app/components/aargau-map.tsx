/**
 * The Aargau map: the 196 Gemeinden (AARGAU_MAP), optionally shaded by a count per Gemeinde with a legend, each
 * linking somewhere (hrefFor), with one Gemeinde highlighted (a detail page's location), and, with counts, the same
 * numbers as a table for screen readers and keyboards. No tiles, no scripts, no inline styles.
 *
 * The shapes are not in the page: each Gemeinde is a <use> of its <path> in the sprite (app/assets/aargau-map.svg,
 * a fingerprinted, immutably cached file, 44 kB once instead of in every page and in the script bundle). The
 * sprite's paths have no paint of their own: fill and stroke set on the <use> by the CSS inherit into them.
 *
 * With links the SVG is a named group, not role="img": an image's children are presentational, so links inside
 * it would be hidden from assistive technology (axe: nested-interactive). Each link is named by its <title>.
 */
import { useNavigate } from "@remix-run/react";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "~/i18n/react";
import aargauMapSprite from "~/assets/aargau-map.svg";
import { levelOf, mapLevels, spriteId, type AargauMapData } from "~/domain/geo/map-data";
import { intlLocale, isLocale } from "~/i18n/config";
import { numberFormat, pluralRules } from "~/utils/intl";

export interface AargauMapProps {
  shapes: AargauMapData;
  /** opportunities (or anything) per BFS number; Gemeinden without an entry count 0 */
  counts?: ReadonlyMap<number, number> | Readonly<Record<number, number>>;
  /** BFS number of the Gemeinde to outline */
  highlight?: number | null;
  /** where a Gemeinde links to; without it the map is a plain image */
  hrefFor?: (bfsNr: number) => string;
  /** names the map (its <title> and visible caption) */
  caption: string;
  className?: string;
}

const shapeHref = (bfsNr: number) => `${aargauMapSprite}#${spriteId(bfsNr)}`;

// localeCompare(…, "de") would build a collator per comparison: a thousand of them per table
const collator = new Intl.Collator("de");

function countOf(counts: AargauMapProps["counts"], bfsNr: number) {
  if (!counts) return 0;
  if (counts instanceof Map) return counts.get(bfsNr) ?? 0;
  return (counts as Record<number, number>)[bfsNr] ?? 0;
}

export function AargauMap({ shapes, counts, highlight, hrefFor, caption, className }: AargauMapProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const titleId = `${id}-title`;
  const locale = isLocale(i18n.language) ? i18n.language : "de";
  const number = numberFormat(intlLocale(locale));
  const withCounts = counts !== undefined;
  const max = withCounts ? Math.max(0, ...shapes.shapes.map((s) => countOf(counts, s.bfsNr))) : 0;
  const levels = mapLevels(max);
  const levelCache = new Map<number, number>();
  const level = (count: number) => {
    let cached = levelCache.get(count);
    if (cached === undefined) levelCache.set(count, (cached = levelOf(count, levels)));
    return cached;
  };
  const highlighted = highlight ? shapes.shapes.find((s) => s.bfsNr === highlight) : undefined;
  const navigate = useNavigate();
  const figureRef = useRef<HTMLElement>(null);
  const linked = Boolean(hrefFor);

  // The map's and the table's links (up to 196 each) are plain <a>: a <Link> each costs the server noticeably
  // more to render. One listener on the figure gives them client-side navigation (clicks and Enter alike).
  // Without JavaScript they are ordinary links.
  useEffect(() => {
    const figure = figureRef.current;
    if (!figure || !linked) return;
    const followLink = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const href = (event.target as Element).closest("a")?.getAttribute("href");
      // site-relative ("/…") and query-relative ("?…", the search page's) links
      if (!href || !(href.startsWith("/") || href.startsWith("?")) || href.startsWith("//")) return;
      event.preventDefault();
      // a link with an anchor (the search page's "#results") lands there; others keep the scroll position
      navigate(href, { preventScrollReset: !href.includes("#") });
    };
    figure.addEventListener("click", followLink);
    return () => figure.removeEventListener("click", followLink);
  }, [linked, navigate]);

  // 196 labels, but only one or two plural forms: translate once per form ("one", "other"), then fill in the
  // name and the number (a t() call per Gemeinde made up most of the server's time for this page)
  const NAME = "\u0000name\u0000";
  const COUNT = "\u0000count\u0000";
  const plural = pluralRules(intlLocale(locale));
  const templates = new Map<string, string>();
  const label = (name: string, count: number) => {
    if (!withCounts) return name;
    const form = plural.select(count);
    let template = templates.get(form);
    if (template === undefined) {
      template = t("map.gemeindeCount", { name: NAME, count, formatted: COUNT });
      templates.set(form, template);
    }
    return template.split(NAME).join(name).split(COUNT).join(number.format(count));
  };
  const rows = withCounts
    ? shapes.shapes
        .map((s) => ({ ...s, count: countOf(counts, s.bfsNr) }))
        .filter((s) => s.count > 0)
        .sort((a, b) => b.count - a.count || collator.compare(a.name, b.name))
    : [];

  return (
    <figure className={`aargau-map${className ? ` ${className}` : ""}`} ref={figureRef}>
      {/* first, not after the map: a figcaption must be the figure's first or last child (the legend and table follow) */}
      <figcaption className="aargau-map__caption">{caption}</figcaption>
      <svg
        className="aargau-map__svg"
        viewBox={shapes.viewBox}
        role={hrefFor ? "group" : "img"}
        aria-labelledby={titleId}
        focusable="false"
      >
        <title id={titleId}>{caption}</title>
        {shapes.shapes.map((shape) => {
          const count = countOf(counts, shape.bfsNr);
          const classes = [
            "aargau-map__area",
            withCounts ? `aargau-map__area--${level(count)}` : "aargau-map__area--plain",
            shape.bfsNr === highlight ? "aargau-map__area--highlight" : "",
          ]
            .filter(Boolean)
            .join(" ");
          const name = label(shape.name, count);
          const href = shapeHref(shape.bfsNr);
          return hrefFor ? (
            // no class: 196 of them; the CSS reaches them as .aargau-map__svg > a
            <a key={shape.bfsNr} href={hrefFor(shape.bfsNr)}>
              <title>{name}</title>
              <use href={href} className={classes} />
            </a>
          ) : (
            <use key={shape.bfsNr} href={href} className={classes}>
              <title>{name}</title>
            </use>
          );
        })}
        {highlighted ? <use href={shapeHref(highlighted.bfsNr)} className="aargau-map__outline" aria-hidden="true" /> : null}
      </svg>
      {withCounts ? (
        <>
          <ul className="aargau-map__legend" aria-label={t("map.legend")}>
            {levels.map((level) => (
              <li key={level.level}>
                <span className={`aargau-map__swatch aargau-map__area--${level.level}`} aria-hidden="true" />
                {level.min === level.max
                  ? t("map.legendExact", { count: level.min, formatted: number.format(level.min) })
                  : t("map.legendRange", { min: number.format(level.min), max: number.format(level.max) })}
              </li>
            ))}
            {highlighted ? (
              <li>
                <span className="aargau-map__swatch aargau-map__area--highlight" aria-hidden="true" />
                {t("map.legendHighlight", { name: highlighted.name })}
              </li>
            ) : null}
          </ul>
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
                      <th scope="row">{hrefFor ? <a href={hrefFor(row.bfsNr)}>{row.name}</a> : row.name}</th>
                      <td>{number.format(row.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {rows.length > 0 ? <p className="muted small">{t("map.tableNote")}</p> : null}
          </details>
        </>
      ) : null}
    </figure>
  );
}
