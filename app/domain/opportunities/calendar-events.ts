/** Shifts as iCalendar events: the same UID, title, text and place in the per-opportunity file and the feed. */
import type { TFunction } from "~/i18n/translate";
import type { IcalEvent } from "./ical";

export function shiftEvent({
  t,
  origin,
  shift,
  opportunity,
}: {
  t: TFunction;
  /** "https://mitenand.example", for the link back */
  origin: string;
  shift: { id: number; startsAt: Date; endsAt: Date };
  opportunity: {
    id: number;
    title: string;
    summary: string;
    organisationName: string;
    gemeindeName: string;
    /** null when private: a calendar file is public, the address is for confirmed volunteers */
    address: string | null;
  };
}): IcalEvent {
  const url = `${origin}/opportunities/${opportunity.id}`;
  return {
    uid: `shift-${shift.id}@mitenand`,
    start: shift.startsAt,
    end: shift.endsAt,
    summary: opportunity.title,
    description: t("opportunity.calendarDescription", {
      summary: opportunity.summary,
      organisation: opportunity.organisationName,
      url,
    }),
    location: eventLocation(opportunity.address, opportunity.gemeindeName),
    url,
  };
}

/** The Gemeinde, after the street address when that is public ("Bahnhofstrasse 3, 5000 Aarau" names it already). */
export function eventLocation(address: string | null, gemeindeName: string) {
  if (!address) return gemeindeName;
  const bareName = gemeindeName.replace(/\s*\(AG\)$/, "");
  return address.includes(bareName) ? address : `${address}, ${gemeindeName}`;
}
