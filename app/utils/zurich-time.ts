/**
 * Wall-clock time in Europe/Zurich and the instants it stands for. Shifts are stored as instants (timestamptz)
 * but planned as "Tuesdays 18:30" in Zurich; these pure functions convert between the two, correctly across the
 * changes to and from summer time, with nothing but Intl (no time-zone library, same code in browser and server).
 *
 * Times that do not exist or exist twice are resolved as RFC 5545 (§3.3.5) resolves a DTSTART with a TZID, so
 * the calendar files we write and the shifts we store always agree (it is also Temporal's "compatible"):
 * - spring-forward gap (e.g. 2027-03-28 02:30, skipped): read with the offset in force before the gap, so it
 *   becomes 03:30 summer time, one hour after 01:30 winter time;
 * - autumn-back overlap (e.g. 2026-10-25 02:30, which happens twice): the first occurrence (summer time,
 *   00:30 UTC), never the second.
 */

export const ZURICH_TIME_ZONE = "Europe/Zurich";

const DAY_MS = 24 * 60 * 60 * 1000;

// made on first use, not when the module loads: a formatter with a time zone costs ≈ 20 ms of a phone's CPU
// (ICU's zone data), and the browser loads this module on pages that never convert a time (issue 13)
let wallClockFormat: Intl.DateTimeFormat | undefined;
const wallClockFormatter = () =>
  (wallClockFormat ??= new Intl.DateTimeFormat("en-US", {
    timeZone: ZURICH_TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }));

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(epochMs: number): WallClock {
  const parts: Record<string, string> = {};
  for (const part of wallClockFormatter().formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const HOUR_MS = 60 * 60 * 1000;
const offsetByHour = new Map<number, number>();

/**
 * How far Zurich's clocks are ahead of UTC at an instant, in ms: one hour in winter, two in summer. Zurich
 * changes its clocks on the full UTC hour, so the offset is looked up once per UTC hour and remembered: Intl is
 * slow, and a calendar feed converts a thousand times per request.
 */
function offsetAt(epochMs: number) {
  const hour = Math.floor(epochMs / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const w = wallClockAt(hour * HOUR_MS);
    offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - hour * HOUR_MS;
    if (offsetByHour.size >= 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

function parseDate(date: string) {
  const m = DATE_PATTERN.exec(date);
  if (!m) throw new RangeError(`expected a date as YYYY-MM-DD, got "${date}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`no such date: "${date}"`);
  }
  return { year, month, day };
}

function parseTime(time: string) {
  const m = TIME_PATTERN.exec(time);
  if (!m) throw new RangeError(`expected a time as HH:MM or HH:MM:SS, got "${time}"`);
  const [hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) throw new RangeError(`no such time: "${time}"`);
  return { hour, minute, second };
}

/** True for "2027-03-09"-style dates that exist in the calendar. */
export function isIsoDate(value: string) {
  try {
    parseDate(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant at which clocks in Zurich show `date` and `time`. A time skipped in spring comes out an hour
 * later on the clock (03:30 for 02:30); a time that occurs twice in autumn is its first occurrence (see above).
 */
export function zurichToUtc(date: string, time: string): Date {
  const d = parseDate(date);
  const t = parseTime(time);
  const wall = Date.UTC(d.year, d.month - 1, d.day, t.hour, t.minute, t.second);
  // Zurich changes its offset at most once in any two days, so the offsets a day either side of the wall
  // time are the only candidates; a candidate is right when the instant it gives really has that offset.
  const before = offsetAt(wall - DAY_MS);
  const after = offsetAt(wall + DAY_MS);
  // no change within a day either side (nearly always): that offset it is
  if (before === after) return new Date(wall - before);
  const valid = [...new Set([before, after])].filter((offset) => offsetAt(wall - offset) === offset);
  if (valid.length === 0) return new Date(wall - before); // the gap: offset before the change
  // one candidate, or two in the overlap: the earlier instant (the larger offset) is the first occurrence
  return new Date(wall - Math.max(...valid));
}

export interface ZurichParts {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM:SS" (as PostgreSQL prints a `time`) */
  time: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number;
}

/** What clocks and calendars in Zurich show at an instant. */
export function utcToZurichParts(d: Date): ZurichParts {
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new RangeError("invalid date");
  // the wall clock is the instant moved by the offset, read as if it were UTC
  const w = new Date(Math.floor(ms / 1000) * 1000 + offsetAt(ms));
  const date = `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;
  const day = w.getUTCDay();
  return {
    date,
    time: `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`,
    weekday: day === 0 ? 7 : day,
  };
}

/** Calendar arithmetic on "YYYY-MM-DD" dates (no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = parseDate(date);
  return new Date(Date.UTC(d.year, d.month - 1, d.day + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = parseDate(date);
  const day = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The first date on or after `date` that falls on the ISO `weekday`. */
export function onOrAfterWeekday(date: string, weekday: number): string {
  return addDays(date, (weekday - isoWeekday(date) + 7) % 7);
}
