/**
 * Parses the Aargau open-data CSVs in db/data (copied from shared/data/aargau, see SOURCES.md) into rows.
 * Used by scripts/import-aargau-data.ts to write aargau.json, and by a test that keeps the two in step.
 */
export interface GemeindeRow {
  bfs_nr: number;
  name: string;
  district_nr: number;
  district_name: string;
  lat: number;
  lon: number;
}

export interface PostcodeRow {
  plz: number;
  locality: string;
  bfs_nr: number;
  is_main: boolean;
}

function lines(csv: string) {
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  return { header: header.split(","), rows: rows.map((r) => r.split(",")) };
}

export function parseGemeinden(csv: string): GemeindeRow[] {
  const { header, rows } = lines(csv);
  if (header.join(",") !== "bfs_nr,name,bezirk_nr,bezirk_name,lat,lon") throw new Error("unexpected gemeinden.csv header");
  return rows.map(([bfs, name, districtNr, districtName, lat, lon]) => ({
    bfs_nr: Number(bfs),
    name,
    district_nr: Number(districtNr),
    district_name: districtName,
    lat: Number(lat),
    lon: Number(lon),
  }));
}

/** The file is ordered by PLZ, locality, then address share: the first row of a PLZ + locality is its main Gemeinde. */
export function parsePostcodes(csv: string): PostcodeRow[] {
  const { header, rows } = lines(csv);
  if (header.join(",") !== "plz,ortschaft,bfs_nr") throw new Error("unexpected plz.csv header");
  const seen = new Set<string>();
  const out: PostcodeRow[] = [];
  for (const [plz, locality, bfs] of rows) {
    const key = `${plz}|${locality}`;
    const pair = `${key}|${bfs}`;
    if (seen.has(pair)) continue;
    out.push({ plz: Number(plz), locality, bfs_nr: Number(bfs), is_main: !seen.has(key) });
    seen.add(key);
    seen.add(pair);
  }
  return out;
}
