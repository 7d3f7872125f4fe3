/**
 * The Aargau map's Gemeinde shapes, projected once at build time (scripts/build-map-shapes.ts, written to
 * db/data/aargau-map.json): 196 paths, about 47 kB (18 kB gzipped), for server code that needs the geometry.
 * Pages don't: <AargauMap> takes AARGAU_MAP from ./aargau-map (no path data) and draws the shapes from the sprite.
 */
import mapJson from "~db/data/aargau-map.json";
import { AARGAU_MAP } from "./aargau-map";
import type { AargauMapShapes } from "./map-data";

export type { AargauMapData, AargauMapShapes, MapGemeinde, MapShape } from "./map-data";

export function getMapShapes(): AargauMapShapes {
  return mapJson;
}

/** the Gemeinde names by BFS number, as the map shows them */
export function getGemeindeNames(): Map<number, string> {
  return new Map(AARGAU_MAP.shapes.map((s) => [s.bfsNr, s.name]));
}
