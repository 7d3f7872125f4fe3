/**
 * The reports' URL parameters, checked with zod. The page (a GET form) falls back to defaults for choices it
 * does not know and answers a bad custom range with field messages (400); the CSV route is strict: an unknown
 * table or a range out of bounds is a 400, never a 5xx. Region slugs are resolved against the actor's scope
 * elsewhere (./scope.server.ts: foreign 403, unknown 404).
 */
import { z } from "zod";
import type { FieldErrors } from "~/utils/forms";
import { utcToZurichParts } from "~/utils/zurich-time";
import { PERIOD_KINDS, checkRange, resolvePeriod, type PeriodError, type PeriodInput, type ReportPeriod } from "./period";
import { REPORT_TABLES, type ReportTable } from "./tables";

const ERROR_KEYS: Record<PeriodError, string> = {
  invalidDate: "reports.errors.invalidDate",
  order: "reports.errors.order",
  tooLong: "reports.errors.tooLong",
  outOfRange: "reports.errors.outOfRange",
};

const region = z.string().max(80).regex(/^[a-z0-9-]*$/).catch("");

export function today() {
  return utcToZurichParts(new Date()).date;
}

export interface PageParams {
  /** what the form shows again */
  input: PeriodInput & { from: string; to: string };
  region: string;
  period: ReportPeriod | null;
  errors: FieldErrors | null;
}

export function parsePageParams(params: URLSearchParams, now = today()): PageParams {
  const year = Number(now.slice(0, 4));
  const month = Number(now.slice(5, 7));
  const schema = z.object({
    period: z.enum(PERIOD_KINDS).catch("year"),
    year: z.coerce.number().int().catch(year),
    month: z.coerce.number().int().min(1).max(12).catch(month),
    quarter: z.coerce.number().int().min(1).max(4).catch(Math.ceil(month / 3)),
    from: z.string().max(10).catch(""),
    to: z.string().max(10).catch(""),
    region,
  });
  const raw = schema.parse({
    period: params.get("period") ?? undefined,
    year: params.get("year") ?? undefined,
    month: params.get("month") ?? undefined,
    quarter: params.get("quarter") ?? undefined,
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
    region: params.get("region") ?? "",
  });
  const input = { kind: raw.period, year: raw.year, month: raw.month, quarter: raw.quarter, from: raw.from, to: raw.to };
  const resolved = resolvePeriod(input, now);
  if ("error" in resolved) {
    const field = raw.period === "custom" ? (resolved.error === "order" || resolved.error === "tooLong" ? "to" : "from") : "year";
    return { input, region: raw.region, period: null, errors: { [field]: [{ key: ERROR_KEYS[resolved.error] }] } };
  }
  return { input, region: raw.region, period: resolved, errors: null };
}

export type CsvParams = { table: ReportTable; period: ReportPeriod; region: string };

const csvSchema = z.object({
  table: z.enum(REPORT_TABLES),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  region: z.string().max(80).regex(/^[a-z0-9-]*$/).default(""),
});

/** The CSV's parameters, or null (→ 400) when any is missing, unknown or out of range. */
export function parseCsvParams(params: URLSearchParams, now = today()): CsvParams | null {
  const parsed = csvSchema.safeParse({
    table: params.get("table") ?? undefined,
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    region: params.get("region") ?? undefined,
  });
  if (!parsed.success) return null;
  const { table, from, to, region: slug } = parsed.data;
  if (checkRange(from, to, now)) return null;
  return { table, period: { kind: "custom", from, to }, region: slug };
}
