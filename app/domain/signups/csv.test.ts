import { expect, test } from "vitest";
import { csvCell, toCsv } from "./csv";

test("CSV: BOM, semicolons, CRLF, quoting and formula escaping", () => {
  const csv = toCsv([
    ["Name", "Nachricht"],
    ["Zoë Müller", 'Sagt "Hallo"; kommt'],
    ["=HYPERLINK(\"http://x\")", "+41 79"],
  ]);
  expect(csv.startsWith("\uFEFF")).toBe(true);
  expect(csv).toBe(`\uFEFFName;Nachricht\r\nZoë Müller;"Sagt ""Hallo""; kommt"\r\n"'=HYPERLINK(""http://x"")";'+41 79\r\n`);
  expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
  expect(csvCell("-5")).toBe("'-5");
  expect(csvCell("Zeile\neins")).toBe('"Zeile\neins"');
});
