/**
 * One table of the KIP reports as the page shows it (numbers formatted for the reader's locale), with the link
 * that downloads the same rows as CSV.
 */
import { useTranslation } from "~/i18n/react";
import type { TableData } from "~/domain/reports/tables";

export function ReportTableView({ caption, table, format }: { caption: string; table: TableData; format: (value: number) => string }) {
  return (
    <div className="report-table">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={`${i}-${row[0]}`}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j}>{typeof cell === "number" ? format(cell) : cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CsvLink({ href, name }: { href: string; name: string }) {
  const { t } = useTranslation();
  return (
    <p className="report-csv">
      <a href={href} download>
        {t("reports.csv", { name })}
      </a>
    </p>
  );
}
