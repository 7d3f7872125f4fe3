/**
 * Loader data for the sign-up box: the shifts as the box lists them, and the signed-in volunteer's own
 * sign-ups for the opportunity (null for anonymous visitors, whose page may be cached and shared).
 */
import type { PublicShift } from "~/domain/opportunities/detail.server";
import { getUser } from "~/domain/auth/permissions.server";
import { formatShiftDay, formatTime } from "~/domain/opportunities/shift-format";
import { getFixedT } from "~/i18n/i18n.server";
import type { Locale } from "~/i18n/config";
import { checkMinimumAge } from "./signups.server";
import { listOwnSignupsForOpportunity } from "./volunteer.server";

export function boxShifts(shifts: PublicShift[], locale: Locale) {
  const t = getFixedT(locale);
  return shifts.map((s) => ({
    id: s.id,
    day: formatShiftDay(s.startsAt, locale),
    time: t("opportunity.timeRange", { start: formatTime(s.startsAt, locale), end: formatTime(s.endsAt, locale) }),
    places: s.places,
    placesLeft: s.placesLeft,
  }));
}

export async function signupBoxViewer(request: Request, opportunityId: number, minAge: number | null = null) {
  const user = await getUser(request);
  if (!user) return { mine: null, verified: true, askBirthYear: true };
  const [mine, age] = await Promise.all([
    listOwnSignupsForOpportunity({ opportunityId, userId: user.id }),
    checkMinimumAge({ userId: user.id, minAge }),
  ]);
  return {
    mine: mine.map((m) => ({ id: m.id, shiftId: m.shiftId, status: m.status, waitlistPosition: m.waitlistPosition })),
    verified: user.emailVerified,
    /** the profile does not settle the minimum age: the form asks for the year of birth */
    askBirthYear: age === "needed",
  };
}
