/**
 * The Aargau map: the 196 Gemeinden (AARGAU_MAP), optionally shaded by a count per Gemeinde with a legend, with one
 * Gemeinde highlighted (a detail page's location). With counts, the page gives the same numbers to screen readers and
 * keyboards: <AargauMapTable> as children (aargau-map-table.tsx), or its own control (the search page's picker). A picture:
 * with `onPick` a click on a Gemeinde calls it (JavaScript only; the page must offer an equivalent control, which
 * also serves keyboards and browsers without scripts). No tiles, no inline styles.
 *
 * The shapes are not in the page: each Gemeinde is a <use> of its <path> in the sprite (app/assets/map.svg,
 * a fingerprinted, immutably cached file, 44 kB once instead of in every page and in the script bundle). The
 * sprite's paths have no paint of their own: fill and stroke set on the <use> by the CSS inherit into them.
 *
 * Page weight: one <use> of the sprite's group of all Gemeinden draws the canton in the base shade ("none", or plain
 * without counts); only the Gemeinden that stand out (a count, the highlight) get a <use> of their own, grouped by
 * shade (<g class="aargau-map__area--N">): no class, no link. 196 links carrying the search's whole query made up half
 * of the search page's HTML, and 196 <use>s a detail page's DOM (issue 13). The first pointer over the map adds a
 * <use> with a <title> (the tooltip) for every Gemeinde, so each can be pointed at and clicked; a page loaded by
 * touch or keyboard never pays for them.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import aargauMapSprite from "~/assets/map.svg";
import { levelOf, mapLevels, SPRITE_ALL_ID, spriteId, type AargauMapData, type MapGemeinde } from "~/domain/geo/map-data";
import { intlLocale, isLocale } from "~/i18n/config";
import { numberFormat, pluralRules } from "~/utils/intl";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c]);

export type MapCounts = ReadonlyMap<number, number> | Readonly<Record<number, number>>;

export interface AargauMapProps {
  shapes: AargauMapData;
  /** opportunities (or anything) per BFS number; Gemeinden without an entry count 0 */
  counts?: MapCounts;
  /** BFS number of the Gemeinde to outline */
  highlight?: number | null;
  /** called with the BFS number of a clicked Gemeinde (a pointer shortcut: offer an equivalent control) */
  onPick?: (bfsNr: number) => void;
  /** under the legend, inside the figure: e.g. <AargauMapTable> with the same numbers for screen readers */
  children?: ReactNode;
  /** names the map (its <title> and visible caption) */
  caption: string;
  className?: string;
}

const shapeHref = (bfsNr: number) => `${aargauMapSprite}#${spriteId(bfsNr)}`;
const allHref = `${aargauMapSprite}#${SPRITE_ALL_ID}`;

export function countOf(counts: AargauMapProps["counts"], bfsNr: number) {
  if (!counts) return 0;
  if (counts instanceof Map) return counts.get(bfsNr) ?? 0;
  return (counts as Record<number, number>)[bfsNr] ?? 0;
}

/** the BFS number of a sprite reference ("…/aargau-map-X.svg#g4001" → 4001) */
export function bfsNrOfShapeHref(href: string | null | undefined) {
  const match = /#g(\d{4})$/.exec(href ?? "");
  return match ? Number(match[1]) : null;
}

export function AargauMap({ shapes, counts, highlight, onPick, children, caption, className }: AargauMapProps) {
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
  const figureRef = useRef<HTMLElement>(null);
  const pickable = Boolean(onPick);
  // every Gemeinde a <use> with its tooltip (a <title>), once a pointer comes over the map; until then, and without
  // JavaScript, the table or the page's own list has the names and numbers
  const [detailed, setDetailed] = useState(false);

  // One listener on the map: a click on a Gemeinde's <use> picks it.
  useEffect(() => {
    const figure = figureRef.current;
    if (!figure || !onPick) return;
    const pick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      // a first tap starts on the base shade and ends on the Gemeinde's own <use>, added meanwhile: the one there now
      const bfsNr =
        bfsNrOfShapeHref((event.target as Element).closest("use")?.getAttribute("href")) ??
        bfsNrOfShapeHref(document.elementsFromPoint(event.clientX, event.clientY).find((element) => element.matches("g>use"))?.getAttribute("href"));
      if (bfsNr === null) return;
      event.preventDefault();
      onPick(bfsNr);
    };
    figure.addEventListener("click", pick);
    return () => figure.removeEventListener("click", pick);
  }, [onPick]);

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

  const shapeMarkup = (shape: MapGemeinde) =>
    detailed
      ? `<use href="${shapeHref(shape.bfsNr)}"><title>${escapeHtml(label(shape.name, countOf(counts, shape.bfsNr)))}</title></use>`
      : `<use href="${shapeHref(shape.bfsNr)}"/>`;
  // one group per shade, in the legend's order; the highlighted Gemeinde in a group of its own. The base shade is
  // drawn by one <use> of the whole canton: its Gemeinden get a <use> of their own only once detailed.
  const baseClassName = withCounts ? "aargau-map__area--0" : "aargau-map__area--plain";
  const groupOf = (bfsNr: number) =>
    bfsNr === highlight ? "aargau-map__area--highlight" : withCounts ? `aargau-map__area--${level(countOf(counts, bfsNr))}` : "aargau-map__area--plain";
  const groups: { className: string; shapes: typeof shapes.shapes }[] = [];
  for (const shape of shapes.shapes) {
    const className = groupOf(shape.bfsNr);
    if (className === baseClassName && !detailed) continue;
    let group = groups.find((g) => g.className === className);
    if (!group) groups.push((group = { className, shapes: [] }));
    group.shapes.push(shape);
  }
  groups.sort((a, b) => a.className.localeCompare(b.className));

  return (
    <figure
      className={`aargau-map${className ? ` ${className}` : ""}`}
      ref={figureRef}
      onPointerOver={() => setDetailed(true)}
    >
      {/* first, not after the map: a figcaption must be the figure's first or last child (the legend and table follow) */}
      <figcaption className="aargau-map__caption">{caption}</figcaption>
      <svg
        className={`aargau-map__svg${pickable ? " aargau-map__svg--pickable" : ""}`}
        viewBox={shapes.viewBox}
        role="img"
        aria-labelledby={titleId}
        focusable="false"
      >
        <title id={titleId}>{caption}</title>
        <use href={allHref} className={`aargau-map__area ${baseClassName}`} />
        {groups.map((group) => (
          // markup of its own: React writes <use …></use>, the string <use …/> (5 bytes × 196 on a page)
          <g key={group.className} className={`aargau-map__area ${group.className}`} dangerouslySetInnerHTML={{ __html: group.shapes.map(shapeMarkup).join("") }} />
        ))}
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
          {children}
        </>
      ) : null}
    </figure>
  );
}
