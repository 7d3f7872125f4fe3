/** Regenerates db/data/aargau.json from the CSVs in db/data. Run after replacing them with a newer edition. */
import { readFileSync, writeFileSync } from "node:fs";
import { parseGemeinden, parsePostcodes } from "../db/data/aargau-csv";

const gemeinden = parseGemeinden(readFileSync("db/data/gemeinden.csv", "utf8"));
const postcodes = parsePostcodes(readFileSync("db/data/plz.csv", "utf8"));
writeFileSync("db/data/aargau.json", JSON.stringify({ gemeinden, postcodes }) + "\n");
console.log(`wrote db/data/aargau.json: ${gemeinden.length} Gemeinden, ${postcodes.length} postcodes`);
