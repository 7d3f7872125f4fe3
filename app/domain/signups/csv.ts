/**
 * CSV for spreadsheets used in Switzerland: UTF-8 with a byte order mark (so Excel reads umlauts), ";" between
 * cells, CRLF lines, quotes where needed, and cells starting with = + - @ (or a tab / carriage return) prefixed with
 * an apostrophe so a name like "=HYPERLINK(…)" stays text instead of becoming a formula.
 */
export function csvCell(value: string) {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: string[][]) {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(";")).join("\r\n")}\r\n`;
}
