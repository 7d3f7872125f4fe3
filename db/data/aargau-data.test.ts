import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { parseGemeinden, parsePostcodes } from "./aargau-csv";
import aargau from "./aargau.json";

const here = (file: string) => new URL(file, import.meta.url);

test("aargau.json is generated from the CSVs in db/data (run scripts/import-aargau-data.ts after changing them)", () => {
  expect(aargau.gemeinden).toEqual(parseGemeinden(readFileSync(here("./gemeinden.csv"), "utf8")));
  expect(aargau.postcodes).toEqual(parsePostcodes(readFileSync(here("./plz.csv"), "utf8")));
});

test("the open data covers the 196 Aargau Gemeinden of 2026 and their polygons", () => {
  expect(aargau.gemeinden).toHaveLength(196);
  expect(new Set(aargau.gemeinden.map((g) => g.bfs_nr)).size).toBe(196);
  const geo = JSON.parse(readFileSync(here("./gemeinden.geojson"), "utf8"));
  expect(geo.features.map((f: { properties: { bfs_nr: number } }) => f.properties.bfs_nr).sort()).toEqual(
    aargau.gemeinden.map((g) => g.bfs_nr).sort(),
  );
});

test("postcodes only point at Aargau Gemeinden", () => {
  const known = new Set(aargau.gemeinden.map((g) => g.bfs_nr));
  expect(aargau.postcodes.filter((p) => !known.has(p.bfs_nr))).toEqual([]);
});
