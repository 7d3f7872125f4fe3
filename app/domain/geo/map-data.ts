/**
 * The shape of the Aargau map data and how counts become the map's five shades. Pure: the map component uses it
 * in the browser too. scripts/build-map-shapes.ts makes three files from the GeoJSON: db/data/aargau-map.json
 * (everything, with path data), db/data/aargau-map-gemeinden.json (the same without path data, for pages) and
 * app/assets/map.svg (the path data as a sprite that the browser caches, one <path id="g<bfsNr>"> each).
 */

/** a Gemeinde on the map: what the page needs (its shape comes from the sprite) */
export interface MapGemeinde {
  bfsNr: number;
  name: string;
}

export interface MapShape extends MapGemeinde {
  /** SVG path data in the map's view box */
  d: string;
}

/** the map as the component draws it: view box and Gemeinden, the shapes in the sprite */
export interface AargauMapData {
  viewBox: string;
  width: number;
  height: number;
  shapes: MapGemeinde[];
}

/** the map with its path data (db/data/aargau-map.json) */
export interface AargauMapShapes extends AargauMapData {
  shapes: MapShape[];
}

/** the id of a Gemeinde's <path> in the sprite */
export function spriteId(bfsNr: number) {
  return `g${bfsNr}`;
}

/**
 * the id of the sprite's group of all 196 paths: one <use> of it draws the whole canton in one shade, so a page
 * needs a <use> of its own only for the Gemeinden that stand out (issue 13: page weight and DOM size)
 */
export const SPRITE_ALL_ID = "all";

/** one shade of the map: counts from `min` to `max` (inclusive) get `level` (0 = none, 4 = most) */
export interface MapLevel {
  level: 0 | 1 | 2 | 3 | 4;
  min: number;
  max: number;
}

/**
 * The shades for counts up to `max`: 0 on its own, then up to four ranges. Up to 4 every count has its own shade;
 * above, the ranges grow geometrically (1, 2–3, 4–10, 11–31 for 31), so a few busy towns don't wash out the rest.
 */
export function mapLevels(max: number): MapLevel[] {
  const top = Math.max(0, Math.floor(max));
  const levels: MapLevel[] = [{ level: 0, min: 0, max: 0 }];
  if (top === 0) return levels;
  if (top <= 4) {
    for (let n = 1; n <= top; n++) levels.push({ level: n as MapLevel["level"], min: n, max: n });
    return levels;
  }
  let previous = 0;
  for (let k = 1; k <= 4; k++) {
    const upper = k === 4 ? top : Math.max(previous + 1, Math.round(top ** (k / 4)));
    levels.push({ level: k as MapLevel["level"], min: previous + 1, max: upper });
    previous = upper;
  }
  return levels;
}

export function levelOf(count: number, levels: MapLevel[]): MapLevel["level"] {
  return (levels.find((l) => count >= l.min && count <= l.max) ?? levels[levels.length - 1]).level;
}
