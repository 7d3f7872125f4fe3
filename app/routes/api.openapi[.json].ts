/** GET /api/openapi.json — the OpenAPI 3.1 description of the open-data endpoints. */
import { buildOpenApiDocument } from "~/domain/opportunities/openapi";
import { appOrigin } from "~/utils/request.server";

export function loader() {
  return Response.json(buildOpenApiDocument(appOrigin()), {
    headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=3600" },
  });
}
