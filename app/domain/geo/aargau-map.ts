/**
 * The Aargau map for route components that render <AargauMap>: view box and the 196 Gemeinden (BFS number, name),
 * about 7 kB. The shapes themselves are not here but in the cacheable sprite app/assets/map.svg, which the
 * component references with <use href>; so neither the page nor this bundle carries the 47 kB of path data.
 */
import mapJson from "~db/data/aargau-map-gemeinden.json";
import type { AargauMapData } from "./map-data";

export const AARGAU_MAP: AargauMapData = mapJson;
