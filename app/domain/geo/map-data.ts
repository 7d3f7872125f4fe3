/**
 * The shape of the Aargau map data (db/data/aargau-map.json, made by scripts/build-map-shapes.ts) and how counts
 * become the map's five shades. Pure: the map component uses it in the browser too.
 */

export interface MapShape {
  bfsNr: number;
  name: string;
  /** SVG path data in the map's view box */
  d: string;
}

export interface AargauMapData {
  viewBox: string;
  width: number;
  height: number;
  shapes: MapShape[];
}

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
