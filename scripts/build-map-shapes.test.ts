import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import aargau from "../db/data/aargau.json";
import { levelOf, mapLevels } from "../app/domain/geo/map-data";
import { buildMapFiles, GEOJSON_PATH, MAP_GEMEINDEN_PATH, MAP_JSON_PATH, MAP_SPRITE_PATH } from "./build-map-shapes";

const committed = readFileSync(MAP_JSON_PATH, "utf8");
const map = JSON.parse(committed) as { viewBox: string; width: number; height: number; shapes: { bfsNr: number; name: string; d: string }[] };
const sprite = readFileSync(MAP_SPRITE_PATH, "utf8");

test("the map files are what the generator makes from the GeoJSON (run scripts/build-map-shapes.ts after changing it)", () => {
  const files = buildMapFiles(readFileSync(GEOJSON_PATH, "utf8"));
  expect(files.json).toBe(committed);
  expect(files.gemeinden).toBe(readFileSync(MAP_GEMEINDEN_PATH, "utf8"));
  expect(files.sprite).toBe(sprite);
});

test("the pages' map data is db/data/aargau-map.json without the path data", () => {
  const gemeinden = JSON.parse(readFileSync(MAP_GEMEINDEN_PATH, "utf8")) as unknown;
  expect(gemeinden).toEqual({ ...map, shapes: map.shapes.map(({ bfsNr, name }) => ({ bfsNr, name })) });
});

test("the sprite has a path per Gemeinde, id g<bfsNr>, with the data's path and no paint of its own", () => {
  // nothing but the <svg>, a comment and the paths in one group (the whole canton for one <use>)
  const tags = sprite.match(/<[^>]*>/g) ?? [];
  expect(tags[0]).toBe(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${map.viewBox}">`);
  expect(tags.at(-1)).toBe("</svg>");
  const inner = tags.slice(1, -1).filter((tag) => !tag.startsWith("<!--"));
  expect(inner[0]).toBe('<g id="all">');
  expect(inner.at(-1)).toBe("</g>");
  const middle = inner.slice(1, -1);
  expect(middle).toHaveLength(196);
  const paths = middle.map((tag) => {
    expect(tag).toMatch(/^<path( [a-z]+="[^"]*")+\/>$/);
    return Object.fromEntries([...tag.matchAll(/([a-z]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  });
  // exactly id and d: a fill, stroke, style or class would beat the CSS that the page sets on each <use>
  expect(paths.map((attributes) => Object.keys(attributes))).toEqual(map.shapes.map(() => ["id", "d"]));
  expect(paths).toEqual(map.shapes.map((shape) => ({ id: `g${shape.bfsNr}`, d: shape.d })));
});

test("the map has the 196 Gemeinden, named and numbered as in the reference data, and stays light", () => {
  expect(map.shapes).toHaveLength(196);
  expect(map.shapes.map((s) => [s.bfsNr, s.name])).toEqual(
    [...aargau.gemeinden].sort((a, b) => a.bfs_nr - b.bfs_nr).map((g) => [g.bfs_nr, g.name]),
  );
  expect(committed.length).toBeLessThan(60_000);
});

test("every Gemeinde is a small closed shape inside the view box (not the globe minus itself: ring winding)", () => {
  expect(map.viewBox).toBe(`0 0 ${map.width} ${map.height}`);
  for (const shape of map.shapes) {
    expect(shape.d).toMatch(/^(M[-.\d ]+l[-.\d ]+z)+$/);
    // walk the path: absolute move, relative lines
    const xs: number[] = [];
    const ys: number[] = [];
    for (const ring of shape.d.split("z").filter(Boolean)) {
      const [move, lines] = ring.slice(1).split("l");
      const numbers = (text: string) => (text.match(/-?(\d+\.?\d*|\.\d+)/g) ?? []).map(Number);
      let [x, y] = numbers(move);
      xs.push(x);
      ys.push(y);
      const steps = numbers(lines);
      for (let i = 0; i < steps.length; i += 2) {
        x += steps[i];
        y += steps[i + 1];
        xs.push(x);
        ys.push(y);
      }
    }
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(map.width);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(map.height);
    // the biggest Gemeinde is a small part of the canton
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(map.width / 4);
  }
});

test("the five shades: every count up to 4 has its own, above the ranges grow geometrically", () => {
  expect(mapLevels(0)).toEqual([{ level: 0, min: 0, max: 0 }]);
  expect(mapLevels(3).map((l) => [l.min, l.max])).toEqual([[0, 0], [1, 1], [2, 2], [3, 3]]);
  expect(mapLevels(100).map((l) => [l.min, l.max])).toEqual([[0, 0], [1, 3], [4, 10], [11, 32], [33, 100]]);
  expect(mapLevels(5).map((l) => [l.min, l.max])).toEqual([[0, 0], [1, 1], [2, 2], [3, 3], [4, 5]]);
  const levels = mapLevels(100);
  expect([0, 1, 3, 4, 10, 11, 99, 100].map((n) => levelOf(n, levels))).toEqual([0, 1, 1, 2, 2, 3, 4, 4]);
});
