/**
 * Projects db/data/gemeinden.geojson once into SVG paths for the Aargau map and writes
 *  - db/data/aargau-map.json ({ viewBox, width, height, shapes: [{ bfsNr, name, d }] }), the whole map,
 *  - db/data/aargau-map-gemeinden.json, the same without path data: what pages and the browser bundle carry,
 *  - app/assets/map.svg, the path data as a sprite (<path id="g4001" d="…"/> per Gemeinde). Remix gives
 *    it a fingerprinted URL, so browsers cache it for good and the page draws each shape with <use href>.
 * The app then needs neither d3-geo nor the GeoJSON at run time. Run after the GeoJSON changes:
 *    npx tsx scripts/build-map-shapes.ts
 *
 * Mercator fitted to the canton (at 47.4° N and this extent indistinguishable from the Swiss LV95 projection),
 * coordinates rounded to 0.1 of an 800-unit-wide view box, every ring as one absolute move and relative lines.
 * d3-geo's spherical polygons want outer rings clockwise (holes counter-clockwise). SOURCES.md says the GeoJSON
 * has them so, but the file actually follows RFC 7946 (outer rings counter-clockwise, all 199 of them), and taken
 * as it is every Gemeinde becomes the whole globe minus itself. So every ring is wound explicitly here.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { geoMercator, geoPath, type GeoPermissibleObjects } from "d3-geo";
import { SPRITE_ALL_ID, spriteId, type AargauMapData, type AargauMapShapes } from "../app/domain/geo/map-data";

export type { AargauMapData, AargauMapShapes, MapShape } from "../app/domain/geo/map-data";

export const MAP_WIDTH = 800;
const PADDING = 4;

interface GemeindeFeature {
  type: "Feature";
  properties: { bfs_nr: number; name: string };
  geometry: { type: "Polygon" | "MultiPolygon"; coordinates: unknown };
}

interface GemeindeCollection {
  type: "FeatureCollection";
  features: GemeindeFeature[];
}

/** tenths of a unit, so rounding happens once and the relative steps add up exactly */
const tenths = (value: number) => Math.round(value * 10);

function formatTenths(value: number) {
  const text = (value / 10).toString();
  return text.replace(/^(-?)0\./, "$1.");
}

/** "1 -2.5 .3" → numbers joined by a space, except where a minus sign already separates them */
function joinNumbers(values: number[]) {
  let out = "";
  for (const value of values) {
    const text = formatTenths(value);
    out += out === "" || text.startsWith("-") ? text : ` ${text}`;
  }
  return out;
}

/** A d3-geo path context that writes compact SVG path data: "M x y l dx dy dx dy … z" per ring. */
class CompactPath {
  private parts: string[] = [];
  private ring: [number, number][] = [];

  moveTo(x: number, y: number) {
    this.flush();
    this.ring = [[tenths(x), tenths(y)]];
  }

  lineTo(x: number, y: number) {
    const point: [number, number] = [tenths(x), tenths(y)];
    const last = this.ring[this.ring.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) this.ring.push(point);
  }

  closePath() {
    this.flush();
  }

  arc() {
    // points are not drawn on this map
  }

  private flush() {
    const ring = this.ring;
    this.ring = [];
    const first = ring[0];
    // the closing vertex repeats the first one: "z" draws that line
    if (ring.length > 1 && ring[ring.length - 1][0] === first[0] && ring[ring.length - 1][1] === first[1]) ring.pop();
    if (ring.length < 3) return;
    const steps: number[] = [];
    for (let i = 1; i < ring.length; i++) steps.push(ring[i][0] - ring[i - 1][0], ring[i][1] - ring[i - 1][1]);
    this.parts.push(`M${joinNumbers(first)}l${joinNumbers(steps)}z`);
  }

  result() {
    this.flush();
    const d = this.parts.join("");
    this.parts = [];
    return d;
  }
}

type Ring = [number, number][];

/** twice the signed area in lon/lat with north up: positive = counter-clockwise */
function signedArea(ring: Ring) {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

function wind(ring: Ring, clockwise: boolean) {
  return signedArea(ring) < 0 === clockwise ? ring : [...ring].reverse();
}

/**
 * Winds outer rings clockwise and holes counter-clockwise, drops degenerate rings (the GeoJSON has a single-point
 * ring in Islisberg) and polygons left without an outline.
 */
function cleanFeature(feature: GemeindeFeature): GemeindeFeature {
  const polygons = (feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates) as Ring[][];
  const cleaned = polygons
    .filter((rings) => rings.length > 0 && rings[0].length >= 4)
    .map((rings) => rings.filter((ring) => ring.length >= 4).map((ring, i) => wind(ring, i === 0)));
  return { ...feature, geometry: { type: "MultiPolygon", coordinates: cleaned } };
}

export function buildMapShapes(input: GemeindeCollection): AargauMapShapes {
  const collection: GemeindeCollection = { ...input, features: input.features.map(cleanFeature) };
  const geo = collection as unknown as GeoPermissibleObjects;
  const projection = geoMercator().fitWidth(MAP_WIDTH - 2 * PADDING, geo);
  const [tx, ty] = projection.translate();
  projection.translate([tx + PADDING, ty + PADDING]);
  const bounds = geoPath(projection).bounds(geo);
  const height = Math.ceil(bounds[1][1] + PADDING);

  const context = new CompactPath();
  const path = geoPath(projection, context as unknown as CanvasRenderingContext2D);
  const shapes = [...collection.features]
    .sort((a, b) => a.properties.bfs_nr - b.properties.bfs_nr)
    .map((feature) => {
      path(feature as unknown as GeoPermissibleObjects);
      return { bfsNr: feature.properties.bfs_nr, name: feature.properties.name, d: context.result() };
    });
  return { viewBox: `0 0 ${MAP_WIDTH} ${height}`, width: MAP_WIDTH, height, shapes };
}

/** one shape per line, so a changed Gemeinde shows up as a one-line diff */
export function serializeMapShapes(data: AargauMapData) {
  const head = JSON.stringify({ viewBox: data.viewBox, width: data.width, height: data.height }).slice(0, -1);
  return `${head},"shapes":[\n${data.shapes.map((shape) => JSON.stringify(shape)).join(",\n")}\n]}\n`;
}

/** the map without path data, one Gemeinde per line */
export function serializeMapGemeinden(data: AargauMapShapes) {
  return serializeMapShapes({ ...data, shapes: data.shapes.map(({ bfsNr, name }) => ({ bfsNr, name })) });
}

/**
 * The sprite: the paths in one group (id SPRITE_ALL_ID), no fill, stroke or style of its own, so the fill and stroke that the page's CSS sets on each <use>
 * inherit into its shadow copy (shading, hover, focus, outline).
 */
export function serializeMapSprite(data: AargauMapShapes) {
  const paths = data.shapes.map((shape) => `<path id="${spriteId(shape.bfsNr)}" d="${shape.d}"/>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${data.viewBox}">`,
    "<!-- made by scripts/build-map-shapes.ts from db/data/gemeinden.geojson -->",
    // the whole canton as one group: a page draws it with one <use> and adds one only where a Gemeinde differs
    `<g id="${SPRITE_ALL_ID}">`,
    ...paths,
    "</g>",
    "</svg>",
    "",
  ].join("\n");
}

/** the three files' contents, from the GeoJSON */
export function buildMapFiles(geojsonText: string) {
  const data = buildMapShapes(JSON.parse(geojsonText) as GemeindeCollection);
  return { json: serializeMapShapes(data), gemeinden: serializeMapGemeinden(data), sprite: serializeMapSprite(data) };
}

export const GEOJSON_PATH = fileURLToPath(new URL("../db/data/gemeinden.geojson", import.meta.url));
export const MAP_JSON_PATH = fileURLToPath(new URL("../db/data/aargau-map.json", import.meta.url));
export const MAP_GEMEINDEN_PATH = fileURLToPath(new URL("../db/data/aargau-map-gemeinden.json", import.meta.url));
export const MAP_SPRITE_PATH = fileURLToPath(new URL("../app/assets/map.svg", import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = buildMapFiles(readFileSync(GEOJSON_PATH, "utf8"));
  for (const [path, text] of [
    [MAP_JSON_PATH, files.json],
    [MAP_GEMEINDEN_PATH, files.gemeinden],
    [MAP_SPRITE_PATH, files.sprite],
  ] as const) {
    writeFileSync(path, text);
    console.log(`wrote ${relative(process.cwd(), path)}: ${(text.length / 1024).toFixed(1)} kB`);
  }
}
