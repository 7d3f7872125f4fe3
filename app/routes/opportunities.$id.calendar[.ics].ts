/** GET /opportunities/:id/calendar.ics — every upcoming shift of a published opportunity as an iCalendar file. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getPublicOpportunity, MAX_CALENDAR_SHIFTS } from "~/domain/opportunities/detail.server";
import { buildCalendar, ICAL_CONTENT_TYPE } from "~/domain/opportunities/ical";
import { shiftEvent } from "~/domain/opportunities/calendar-events";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { appOrigin } from "~/utils/request.server";

const paramsSchema = z.object({ id: z.string().regex(/^[1-9]\d{0,9}$/).transform(Number).pipe(z.number().int().max(2_147_483_647)) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not Found", { status: 404 });
  const locale = await getLocale(request);
  const opportunity = await getPublicOpportunity({ id: parsed.data.id, locale, maxShifts: MAX_CALENDAR_SHIFTS });
  if (!opportunity) throw new Response("Not Found", { status: 404 });

  const t = getFixedT(locale);
  const origin = appOrigin();
  const body = buildCalendar({
    name: t("opportunity.calendarName", { title: opportunity.title }),
    events: opportunity.shifts.map((shift) =>
      shiftEvent({
        t,
        origin,
        shift: { id: shift.id, startsAt: shift.startsAt, endsAt: shift.endsAt },
        opportunity: {
          id: opportunity.id,
          title: opportunity.title,
          summary: opportunity.summary,
          organisationName: opportunity.organisation.name,
          gemeindeName: opportunity.gemeinde.name,
          address: opportunity.address,
        },
      }),
    ),
  });
  return new Response(body, {
    headers: {
      "Content-Type": ICAL_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="mitenand-${opportunity.id}.ics"`,
      "Cache-Control": "public, max-age=300",
      // the language comes from the language cookie or Accept-Language: a shared cache must keep them apart
      Vary: "Accept-Language, Cookie",
    },
  });
}
