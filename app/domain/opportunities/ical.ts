/**
 * An iCalendar (RFC 5545) writer for shifts: one VCALENDAR with the Europe/Zurich VTIMEZONE and one VEVENT per
 * shift, in local Zurich time so calendar apps show 18:30 whatever their own zone. Pure: the routes
 * (/opportunities/:id/calendar.ics, /feeds/opportunities.ics) turn shifts into IcalEvents and serve the text.
 * Text is escaped (\ ; , newline), lines end in CRLF and are folded at 75 octets without splitting a UTF-8
 * character.
 */
import { utcToZurichParts, ZURICH_TIME_ZONE, zurichToUtc } from "~/utils/zurich-time";

export const ICAL_CONTENT_TYPE = "text/calendar; charset=utf-8";
const CRLF = "\r\n";
const MAX_OCTETS = 75;

export interface IcalEvent {
  /** globally unique and stable, e.g. "shift-42@mitenand" */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  /** absolute URL of the page about the event */
  url?: string;
}

export interface IcalCalendar {
  events: IcalEvent[];
  /** X-WR-CALNAME: what calendar apps call a subscribed feed */
  name?: string;
  /** DTSTAMP of every event: when this file was made */
  now?: Date;
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** UTF-8 length of one code point */
function utf8Length(codePoint: number) {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

function octets(s: string) {
  let n = 0;
  for (const char of s) n += utf8Length(char.codePointAt(0)!);
  return n;
}

/**
 * Folds one content line into chunks of at most 75 octets (RFC 5545 §3.1): continuation lines begin with a
 * space, which counts. Splits between characters (code points), never inside a multi-byte UTF-8 sequence.
 */
export function foldLine(line: string): string {
  if (octets(line) <= MAX_OCTETS) return line;
  const chunks: string[] = [];
  let current = "";
  let size = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const n = utf8Length(char.codePointAt(0)!);
    if (size + n > limit) {
      chunks.push(current);
      current = "";
      size = 0;
      limit = MAX_OCTETS - 1; // the leading space of the continuation
    }
    current += char;
    size += n;
  }
  chunks.push(current);
  return chunks.join(`${CRLF} `);
}

/** Undoes folding: a CRLF followed by one space or tab disappears (for readers and tests). */
export function unfold(text: string): string {
  return text.replace(/\r\n[ \t]/g, "");
}

/** A UTC DATE-TIME: 20270309T173000Z. */
export function formatUtc(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/**
 * DTSTART/DTEND as Zurich local time with TZID. A time in the autumn overlap that is its second occurrence
 * cannot be written that way (RFC 5545 reads an ambiguous local time as the first), so it is written in UTC.
 */
function dateTimeProperty(name: "DTSTART" | "DTEND", d: Date): string {
  const { date, time } = utcToZurichParts(d);
  if (zurichToUtc(date, time).getTime() !== Math.floor(d.getTime() / 1000) * 1000) return `${name}:${formatUtc(d)}`;
  return `${name};TZID=${ZURICH_TIME_ZONE}:${date.replace(/-/g, "")}T${time.replace(/:/g, "")}`;
}

/** Central European Time as a VTIMEZONE: summer time from the last Sunday of March to the last of October (EU rule since 1996). */
const ZURICH_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  `TZID:${ZURICH_TIME_ZONE}`,
  `X-LIC-LOCATION:${ZURICH_TIME_ZONE}`,
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19810329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19961027T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

/** A URI value is not TEXT (no escaping), but must stay on its logical line. */
function uriValue(url: string) {
  return url.replace(/[\r\n]/g, "");
}

/** The whole calendar file, CRLF line endings, folded. */
export function buildCalendar({ events, name, now = new Date() }: IcalCalendar): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "PRODID:-//Mitenand//Freiwilligenarbeit Aargau//DE",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
  ];
  if (name) lines.push(`X-WR-CALNAME:${escapeText(name)}`, `X-WR-TIMEZONE:${ZURICH_TIME_ZONE}`);
  lines.push(...ZURICH_VTIMEZONE);
  const stamp = formatUtc(now);
  for (const event of events) {
    lines.push("BEGIN:VEVENT", `UID:${escapeText(event.uid)}`, `DTSTAMP:${stamp}`);
    lines.push(dateTimeProperty("DTSTART", event.start), dateTimeProperty("DTEND", event.end));
    lines.push(`SUMMARY:${escapeText(event.summary)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.url) lines.push(`URL:${uriValue(event.url)}`);
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}
