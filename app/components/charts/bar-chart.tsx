/**
 * A horizontal bar chart drawn as SVG on the server: readable without JavaScript, scales to the page width
 * (viewBox, no fixed size), named by its <title> and summarised in <desc> for assistive technology. Every value
 * is written next to its bar; the page shows the same numbers as a table beside it. No scripts, no inline styles.
 */
import { useId } from "react";

export interface BarDatum {
  label: string;
  value: number;
}

const WIDTH = 640;
const LABEL_WIDTH = 230;
const VALUE_WIDTH = 70;
const ROW = 26;
const BAR = 18;
const MAX_LABEL = 32;

export function BarChart({ title, data, format, className }: { title: string; data: BarDatum[]; format: (value: number) => string; className?: string }) {
  const id = useId();
  const max = Math.max(0, ...data.map((d) => d.value));
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(1, data.length) * ROW + 4;
  const description = data.map((d) => `${d.label}: ${format(d.value)}`).join("; ");
  return (
    <svg
      className={`bar-chart${className ? ` ${className}` : ""}`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      focusable="false"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {data.map((d, i) => {
        const y = i * ROW + 2;
        const width = max > 0 ? Math.max(d.value > 0 ? 2 : 0, Math.round((d.value / max) * barSpace)) : 0;
        const label = d.label.length > MAX_LABEL ? `${d.label.slice(0, MAX_LABEL - 1)}…` : d.label;
        return (
          <g key={`${i}-${d.label}`} className="bar-chart__row">
            <text x={LABEL_WIDTH - 8} y={y + BAR / 2} className="bar-chart__label" textAnchor="end" dominantBaseline="middle">
              {label}
            </text>
            <rect x={LABEL_WIDTH} y={y} width={width} height={BAR} className="bar-chart__bar" />
            <text x={LABEL_WIDTH + width + 6} y={y + BAR / 2} className="bar-chart__value" dominantBaseline="middle">
              {format(d.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
