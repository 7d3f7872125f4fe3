/**
 * The Aargau map's Gemeinde shapes, projected once at build time (scripts/build-map-shapes.ts, written to
 * db/data/aargau-map.json): 196 paths, about 47 kB (18 kB gzipped), for loaders that need them. A route that
 * renders <AargauMap> can also import AARGAU_MAP from ./aargau-map in its component, which keeps the shapes
 * out of the loader data (the list page does).
 */
import { AARGAU_MAP } from "./aargau-map";
import type { AargauMapData } from "./map-data";

export type { AargauMapData, MapShape } from "./map-data";

export function getMapShapes(): AargauMapData {
  return AARGAU_MAP;
}

/** the Gemeinde names by BFS number, as the map shows them */
export function getGemeindeNames(): Map<number, string> {
  return new Map(AARGAU_MAP.shapes.map((s) => [s.bfsNr, s.name]));
}
