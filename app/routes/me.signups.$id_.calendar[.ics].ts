/** GET /me/signups/:id/calendar.ics — the shift of one's own sign-up as a calendar file, with the address once confirmed. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/domain/auth/permissions.server";
import { shiftEvent } from "~/domain/opportunities/calendar-events";
import { buildCalendar, ICAL_CONTENT_TYPE } from "~/domain/opportunities/ical";
import { idParam } from "~/domain/organisations/access.server";
import { getOwnSignup } from "~/domain/signups/volunteer.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { appOrigin } from "~/utils/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const user = await requireUser(request);
  const signup = await getOwnSignup({ id, userId: user.id });
  if (!signup?.shift) throw new Response("Not Found", { status: 404 });
  const locale = await getLocale(request);
  const t = getFixedT(locale);
  const event = shiftEvent({
    t,
    origin: appOrigin(),
    shift: signup.shift,
    opportunity: {
      id: signup.opportunity.id,
      title: signup.opportunity.title,
      summary: signup.opportunity.summary,
      organisationName: signup.organisation.name,
      gemeindeName: signup.gemeindeName,
      address: signup.address,
    },
  });
  return new Response(buildCalendar({ events: [{ ...event, url: `${appOrigin()}/me/signups/${signup.id}` }] }), {
    headers: {
      "Content-Type": ICAL_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="mitenand-signup-${signup.id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
