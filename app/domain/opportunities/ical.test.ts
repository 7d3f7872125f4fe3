import { expect, test } from "vitest";
import { buildCalendar, escapeText, foldLine, unfold } from "./ical";

const octets = (s: string) => new TextEncoder().encode(s).length;
const NOW = new Date("2026-11-28T08:00:00Z");

const LONG_DESCRIPTION =
  "Wir üben gemeinsam Deutsch im Alltag: Einkaufen, Arzttermine, Gespräche mit der Gemeinde. Kaffee und Tee gibt’s gratis; " +
  "Kinder dürfen mitkommen, im Nebenraum spielen Freiwillige mit ihnen. Bitte meldet euch bis Freitag – wir freuen uns auf Euch! 😊 " +
  "Grüße aus Zürich, Aarau und Baden (Ä Ö Ü ä ö ü é è à).";

/** BEGIN:X … END:X properly nested */
function componentsBalanced(lines: string[]) {
  const stack: string[] = [];
  for (const line of lines) {
    if (line.startsWith("BEGIN:")) stack.push(line.slice(6));
    if (line.startsWith("END:") && stack.pop() !== line.slice(4)) return false;
  }
  return stack.length === 0;
}

function parseLines(ics: string) {
  return unfold(ics).split("\r\n").slice(0, -1);
}

test("escapeText escapes backslash, semicolon, comma and every kind of line break", () => {
  expect(escapeText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  expect(escapeText("Zürich: 18:30")).toBe("Zürich: 18:30");
});

test("foldLine keeps every line within 75 octets and never splits an umlaut or an emoji", () => {
  const line = `DESCRIPTION:${escapeText(LONG_DESCRIPTION)}`;
  const folded = foldLine(line);
  const physical = folded.split("\r\n");
  expect(physical.length).toBeGreaterThan(3);
  expect(Math.max(...physical.map(octets))).toBeLessThanOrEqual(75);
  expect(physical.slice(1).every((l) => l.startsWith(" "))).toBe(true);
  for (const l of physical) {
    // a split inside a UTF-8 sequence would leave a lone surrogate or U+FFFD after a round trip
    expect(new TextDecoder().decode(new TextEncoder().encode(l))).toBe(l);
    expect(l).not.toMatch(/[\uD800-\uDBFF]$|^[ ]?[\uDC00-\uDFFF]/);
  }
  expect(unfold(folded)).toBe(line);
  // two-byte characters only: "X:" + 36 of them make 74 octets (a 37th would need 76), then space + 37 = 75
  const umlauts = `X:${"ü".repeat(100)}`;
  expect(foldLine(umlauts).split("\r\n").map(octets)).toEqual([74, 75, 55]);
  expect(foldLine("SUMMARY:short")).toBe("SUMMARY:short");
});

test("a calendar has the required properties, CRLF line endings and balanced BEGIN/END pairs", () => {
  const ics = buildCalendar({
    now: NOW,
    name: "Mitenand, Aarau",
    events: [
      {
        uid: "shift-1@mitenand",
        start: new Date("2027-01-12T17:30:00Z"),
        end: new Date("2027-01-12T19:00:00Z"),
        summary: "Deutsch-Treff; Aarau, Dienstag",
        description: LONG_DESCRIPTION,
        location: "Aarau",
        url: "https://mitenand.example/opportunities/1",
      },
    ],
  });
  expect(ics.endsWith("\r\n")).toBe(true);
  expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const line of ics.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);

  const lines = parseLines(ics);
  expect(lines.slice(0, 5)).toEqual([
    "BEGIN:VCALENDAR",
    "PRODID:-//Mitenand//Freiwilligenarbeit Aargau//DE",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
  ]);
  expect(componentsBalanced(lines)).toBe(true);
  expect(lines).toContain("X-WR-CALNAME:Mitenand\\, Aarau");
  expect(lines).toContain("BEGIN:VTIMEZONE");
  expect(lines).toContain("TZID:Europe/Zurich");
  expect(lines).toContain("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
  expect(lines).toContain("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
  expect(lines).toContain("UID:shift-1@mitenand");
  expect(lines).toContain("DTSTAMP:20261128T080000Z");
  expect(lines).toContain("SUMMARY:Deutsch-Treff\\; Aarau\\, Dienstag");
  expect(lines).toContain(`DESCRIPTION:${escapeText(LONG_DESCRIPTION)}`);
  expect(lines).toContain("LOCATION:Aarau");
  expect(lines).toContain("URL:https://mitenand.example/opportunities/1");
});

test("a winter and a summer shift both show 18:30 local time with TZID=Europe/Zurich", () => {
  const ics = buildCalendar({
    now: NOW,
    events: [
      { uid: "shift-w@mitenand", start: new Date("2027-03-23T17:30:00Z"), end: new Date("2027-03-23T19:00:00Z"), summary: "Winter" },
      { uid: "shift-s@mitenand", start: new Date("2027-03-30T16:30:00Z"), end: new Date("2027-03-30T18:00:00Z"), summary: "Sommer" },
    ],
  });
  const lines = parseLines(ics);
  expect(lines).toContain("DTSTART;TZID=Europe/Zurich:20270323T183000");
  expect(lines).toContain("DTEND;TZID=Europe/Zurich:20270323T200000");
  expect(lines).toContain("DTSTART;TZID=Europe/Zurich:20270330T183000");
  expect(lines).toContain("DTEND;TZID=Europe/Zurich:20270330T200000");
  expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);
  expect(lines.some((l) => l.startsWith("DESCRIPTION"))).toBe(false);
});

test("the second 02:30 of the autumn overlap is written in UTC, because a local 02:30 means the first", () => {
  const ics = buildCalendar({
    now: NOW,
    events: [
      { uid: "a@mitenand", start: new Date("2026-10-25T00:30:00Z"), end: new Date("2026-10-25T01:15:00Z"), summary: "erste" },
      { uid: "b@mitenand", start: new Date("2026-10-25T01:30:00Z"), end: new Date("2026-10-25T02:30:00Z"), summary: "zweite" },
    ],
  });
  const lines = parseLines(ics);
  expect(lines).toContain("DTSTART;TZID=Europe/Zurich:20261025T023000");
  // 01:15 UTC is 02:15 winter time, the second 02:15 of the night
  expect(lines).toContain("DTEND:20261025T011500Z");
  expect(lines).toContain("DTSTART:20261025T013000Z");
  expect(lines).toContain("DTEND;TZID=Europe/Zurich:20261025T033000");
});
