import { expect, test } from "vitest";
import { addDays, isIsoDate, isoWeekday, onOrAfterWeekday, utcToZurichParts, zurichToUtc } from "./zurich-time";

const iso = (date: string, time: string) => zurichToUtc(date, time).toISOString();

test("winter is UTC+1, summer UTC+2, on both sides of 29 March 2026", () => {
  expect(iso("2026-03-28", "18:30")).toBe("2026-03-28T17:30:00.000Z");
  expect(iso("2026-03-29", "01:59")).toBe("2026-03-29T00:59:00.000Z");
  expect(iso("2026-03-29", "03:00")).toBe("2026-03-29T01:00:00.000Z");
  expect(iso("2026-03-30", "18:30:00")).toBe("2026-03-30T16:30:00.000Z");
});

test("a time skipped on 29 March 2026 (02:00–02:59) is read with winter time: 02:30 becomes 03:30 summer time", () => {
  expect(iso("2026-03-29", "02:00")).toBe("2026-03-29T01:00:00.000Z");
  expect(iso("2026-03-29", "02:30")).toBe("2026-03-29T01:30:00.000Z");
  expect(utcToZurichParts(zurichToUtc("2026-03-29", "02:30")).time).toBe("03:30:00");
});

test("a time that happens twice on 25 October 2026 (02:00–02:59) is its first occurrence, in summer time", () => {
  expect(iso("2026-10-25", "01:59")).toBe("2026-10-24T23:59:00.000Z");
  expect(iso("2026-10-25", "02:00")).toBe("2026-10-25T00:00:00.000Z");
  expect(iso("2026-10-25", "02:30")).toBe("2026-10-25T00:30:00.000Z");
  expect(iso("2026-10-25", "03:00")).toBe("2026-10-25T02:00:00.000Z");
  // both occurrences read back as 02:30 on the clock
  expect(utcToZurichParts(new Date("2026-10-25T00:30:00Z")).time).toBe("02:30:00");
  expect(utcToZurichParts(new Date("2026-10-25T01:30:00Z")).time).toBe("02:30:00");
  expect(iso("2026-10-26", "18:30")).toBe("2026-10-26T17:30:00.000Z");
});

test("Tuesdays at 18:30 around 28 March 2027 keep their local time: 17:30 UTC before, 16:30 UTC after", () => {
  expect(iso("2027-03-23", "18:30")).toBe("2027-03-23T17:30:00.000Z");
  expect(iso("2027-03-30", "18:30")).toBe("2027-03-30T16:30:00.000Z");
  expect(iso("2027-03-28", "01:30")).toBe("2027-03-28T00:30:00.000Z");
  expect(iso("2027-03-28", "02:15")).toBe("2027-03-28T01:15:00.000Z");
  expect(iso("2027-03-28", "03:30")).toBe("2027-03-28T01:30:00.000Z");
  expect(utcToZurichParts(new Date("2027-03-30T16:30:00Z"))).toEqual({ date: "2027-03-30", time: "18:30:00", weekday: 2 });
});

test("utcToZurichParts gives the Zurich calendar day, not the UTC one", () => {
  // 23:30 UTC on Saturday is 00:30 on Sunday in Zurich (winter)
  expect(utcToZurichParts(new Date("2026-11-28T23:30:00Z"))).toEqual({ date: "2026-11-29", time: "00:30:00", weekday: 7 });
  // and 22:30 UTC in summer is already the next day
  expect(utcToZurichParts(new Date("2026-07-05T22:30:15Z"))).toEqual({ date: "2026-07-06", time: "00:30:15", weekday: 1 });
});

test("round trip: instants map to wall-clock time and back, except the second pass through the autumn overlap", () => {
  const QUARTER = 15 * 60 * 1000;
  const instants: number[] = [];
  // every quarter hour of the three days around each change, every three hours of 2026 and 2027
  for (const change of ["2026-03-29", "2026-10-25", "2027-03-28", "2027-10-31"]) {
    const start = Date.parse(`${change}T00:00:00Z`) - 36 * 3600 * 1000;
    for (let i = 0; i < 72 * 4; i++) instants.push(start + i * QUARTER);
  }
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 3 * 3600 * 1000) instants.push(t);
  const differences = instants
    .map((instant) => {
      const { date, time } = utcToZurichParts(new Date(instant));
      return { instant: new Date(instant).toISOString(), behind: instant - zurichToUtc(date, time).getTime() };
    })
    .filter((d) => d.behind !== 0);
  // the only exceptions: the second pass through 02:00–02:59 in autumn maps to the first one, an hour earlier
  expect(differences).toEqual(
    ["2026-10-25T01:00", "2026-10-25T01:15", "2026-10-25T01:30", "2026-10-25T01:45", "2027-10-31T01:00", "2027-10-31T01:15", "2027-10-31T01:30", "2027-10-31T01:45"].map(
      (t) => ({ instant: `${t}:00.000Z`, behind: 3600 * 1000 }),
    ),
  );
});

test("utcToZurichParts agrees with Intl's own Europe/Zurich clock, every 7 hours and 13 minutes from 2025 to 2028", () => {
  const intl = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Zurich",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  const mismatches: string[] = [];
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += (7 * 60 + 13) * 60 * 1000 + 17_000) {
    const { date, time } = utcToZurichParts(new Date(t));
    const expected = intl.format(new Date(t));
    if (`${date} ${time}` !== expected) mismatches.push(`${new Date(t).toISOString()}: ${date} ${time} ≠ ${expected}`);
  }
  expect(mismatches).toEqual([]);
});

test("addDays, isoWeekday and onOrAfterWeekday do calendar arithmetic across months, years and leap days", () => {
  expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
  expect(addDays("2027-03-23", 7)).toBe("2027-03-30");
  expect(isoWeekday("2027-03-09")).toBe(2);
  expect(isoWeekday("2026-11-29")).toBe(7);
  expect(onOrAfterWeekday("2027-03-09", 2)).toBe("2027-03-09");
  expect(onOrAfterWeekday("2027-03-09", 3)).toBe("2027-03-10");
  expect(onOrAfterWeekday("2027-03-09", 1)).toBe("2027-03-15");
});

test("malformed or impossible dates and times are refused", () => {
  expect(() => zurichToUtc("2027-02-30", "10:00")).toThrow(RangeError);
  expect(() => zurichToUtc("2027-3-9", "10:00")).toThrow(RangeError);
  expect(() => zurichToUtc("2027-03-09", "24:00")).toThrow(RangeError);
  expect(() => zurichToUtc("2027-03-09", "9:00")).toThrow(RangeError);
  expect(() => utcToZurichParts(new Date("nope"))).toThrow(RangeError);
  expect(isIsoDate("2028-02-29")).toBe(true);
  expect(isIsoDate("2027-02-29")).toBe(false);
});
