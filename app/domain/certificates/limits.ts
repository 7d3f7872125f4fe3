/**
 * Hours reports and certificates: statuses, limits and the verification code's shape, shared by the schema
 * types, the domain and the pages (no server code).
 */
export const HOURS_REPORT_STATUSES = ["reported", "confirmed", "rejected"] as const;
export type HoursReportStatus = (typeof HOURS_REPORT_STATUSES)[number];

export const CERTIFICATE_REVOKE_REASONS = ["volunteer", "organisation", "account_deleted"] as const;
export type CertificateRevokeReason = (typeof CERTIFICATE_REVOKE_REASONS)[number];

export const HOURS_REPORT_NOTE_MAX = 500;
/** one report is one day's work */
export const MAX_HOURS_PER_REPORT = 24;
/** how far back a report may go (days) */
export const HOURS_REPORT_MAX_AGE_DAYS = 400;
export const CERTIFICATE_TEXT_MAX = 2000;
/** the longest period one certificate covers (days) */
export const CERTIFICATE_MAX_PERIOD_DAYS = 366 * 10;

/** 20 characters of RFC 4648 base32 (A–Z, 2–7): 100 bits */
export const CERTIFICATE_CODE_LENGTH = 20;
const CODE = /^[A-Z2-7]{20}$/;

/** "ABCD-EFGH-…" for print: groups of four */
export function formatCertificateCode(code: string) {
  return code.replace(/(.{4})(?=.)/g, "$1-");
}

/** a typed or scanned code in its stored form, or null when it cannot be one (spaces, dashes, case ignored) */
export function normalizeCertificateCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "").toUpperCase();
  return CODE.test(code) ? code : null;
}

/** hours as the pages and the certificate print them ("12.5", at most two decimals) */
export function formatHours(hours: number, locale: string) {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "de-CH", { maximumFractionDigits: 2 }).format(hours);
}

/** a "YYYY-MM-DD" calendar date as the certificate prints it ("3. Dezember 2026", "3 December 2026") */
export function formatCalendarDate(date: string, locale: string) {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "de-CH", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}
