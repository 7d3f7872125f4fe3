/**
 * GET /api/opportunities — published opportunities as JSON, with the filters of the list page, paginated
 * (`page`, `pageSize` ≤ 100). Open to every origin (CORS *), cacheable for a minute, no cookies. Bad
 * parameters: 400 `{ error, message, problems: { param: message } }`. Described at /api/openapi.json.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18n/i18n.server";
import {
  listOpportunitiesForApi,
  OPEN_DATA_HEADERS,
  openDataLocale,
  parseOpenDataQuery,
  PREFLIGHT_HEADERS,
} from "~/domain/opportunities/open-data.server";
import { appOrigin } from "~/utils/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  // Remix hands OPTIONS to the loader; a browser's preflight gets the CORS answer and no body
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: PREFLIGHT_HEADERS });

  const locale = openDataLocale(request);
  const url = new URL(request.url);
  const query = await parseOpenDataQuery(url, { locale, withPageSize: true });
  if (!query.ok) {
    return Response.json(
      { error: "invalid_parameters", message: getFixedT(locale)("openData.invalidParameters"), problems: query.problems },
      { status: 400, headers: { ...OPEN_DATA_HEADERS, "Cache-Control": "no-store", "Content-Language": locale } },
    );
  }
  const body = await listOpportunitiesForApi({ filters: query.filters, pageSize: query.pageSize, locale, origin: appOrigin() });
  return Response.json(body, { headers: { ...OPEN_DATA_HEADERS, "Content-Language": locale } });
}
