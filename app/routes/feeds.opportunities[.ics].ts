/**
 * GET /feeds/opportunities.ics?gemeinde=4001&… — a calendar to subscribe to: the upcoming shifts of the published
 * opportunities that match the list page's filters (at most 500 events). Bad parameters: 400 in plain text.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { shiftEvent } from "~/domain/opportunities/calendar-events";
import { buildCalendar, ICAL_CONTENT_TYPE } from "~/domain/opportunities/ical";
import { gemeindeNames, listFeedShifts, OPEN_DATA_HEADERS, openDataLocale, parseOpenDataQuery } from "~/domain/opportunities/open-data.server";
import { getFixedT } from "~/i18n/i18n.server";
import { appOrigin } from "~/utils/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = openDataLocale(request);
  const t = getFixedT(locale);
  const query = await parseOpenDataQuery(new URL(request.url), { locale });
  if (!query.ok) {
    const lines = Object.entries(query.problems).map(([param, message]) => `${param}: ${message}`);
    return new Response(`${t("openData.invalidParameters")}\n${lines.join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" },
    });
  }
  const origin = appOrigin();
  const [shifts, places] = await Promise.all([listFeedShifts({ filters: query.filters, locale }), gemeindeNames(query.filters.gemeinden)]);
  const name = places.length > 0 ? `${t("openData.feedName")}: ${places.join(", ")}` : t("openData.feedName");
  const body = buildCalendar({
    name,
    events: shifts.map((s) =>
      shiftEvent({
        t,
        origin,
        shift: { id: s.shiftId, startsAt: s.startsAt, endsAt: s.endsAt },
        opportunity: {
          id: s.opportunityId,
          title: s.title,
          summary: s.summary,
          organisationName: s.organisationName,
          gemeindeName: s.gemeindeName,
          address: s.address,
        },
      }),
    ),
  });
  return new Response(body, {
    headers: {
      ...OPEN_DATA_HEADERS,
      "Cache-Control": "public, max-age=300",
      "Content-Type": ICAL_CONTENT_TYPE,
      "Content-Disposition": 'inline; filename="mitenand.ics"',
    },
  });
}
