/**
 * The shifts a weekly rule gives, as a pure function: the hourly job (schedule.server.ts) stores them, and the
 * demo seed writes the same shifts with its rules, so a freshly seeded recurring opportunity is exactly what
 * the job would have made of it.
 */
import { addDays, onOrAfterWeekday, zurichToUtc } from "~/utils/zurich-time";

/** how far ahead a recurring opportunity's shifts are kept generated */
export const DEFAULT_SCHEDULE_WEEKS = 12;

export interface ScheduleRule {
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number;
  /** "HH:MM:SS" or "HH:MM", Zurich wall clock */
  start_time: string;
  end_time: string;
  /** "YYYY-MM-DD" */
  first_date: string;
  last_date: string | null;
  places: number;
}

export interface PlannedShift {
  /** the Zurich calendar date, "YYYY-MM-DD" */
  date: string;
  starts_at: Date;
  ends_at: Date;
  places: number;
}

/**
 * The shifts a rule gives from max(first_date, `today`) for `weeks` weeks, never after last_date.
 * Pure; `today` is a Zurich calendar date.
 */
export function planShifts(rule: ScheduleRule, { today, weeks }: { today: string; weeks: number }): PlannedShift[] {
  const windowStart = rule.first_date > today ? rule.first_date : today;
  let windowEnd = addDays(windowStart, weeks * 7 - 1);
  if (rule.last_date && rule.last_date < windowEnd) windowEnd = rule.last_date;
  const planned: PlannedShift[] = [];
  for (let date = onOrAfterWeekday(windowStart, rule.weekday); date <= windowEnd; date = addDays(date, 7)) {
    planned.push({
      date,
      starts_at: zurichToUtc(date, rule.start_time),
      ends_at: zurichToUtc(date, rule.end_time),
      places: rule.places,
    });
  }
  return planned;
}
