/**
 * The OpenAPI 3.1 description of Mitenand's open data (served at /api/openapi.json): the JSON list of published
 * opportunities and the iCal feed. Built from the same constants as the parser, so the documented categories,
 * sorts and limits cannot drift from what the API accepts (a test also checks every parser parameter is here).
 */
import { CATEGORIES } from "~db/data/categories";
import { LOCATION_MODES, SCHEDULE_KINDS } from "~db/schema";
import {
  MAX_PAGE,
  Q_MAX_LENGTH,
  RADIUS_DEFAULT_KM,
  RADIUS_MAX_KM,
  RADIUS_MIN_KM,
  SEARCH_SORTS,
  TIMES_OF_DAY,
} from "./search-params";

export const API_MAX_PAGE_SIZE = 100;
export const API_DEFAULT_PAGE_SIZE = 20;

const flag = { type: "string", enum: ["1", "true", "on"] } as const;
const isoDate = { type: "string", format: "date", examples: ["2027-03-09"] } as const;
const nullable = (schema: Record<string, unknown>) => ({ oneOf: [schema, { type: "null" }] });

function queryParameter(name: string, description: string, schema: Record<string, unknown>, repeatable = false) {
  return {
    name,
    in: "query",
    required: false,
    description,
    schema: repeatable ? { type: "array", items: schema } : schema,
    ...(repeatable ? { style: "form", explode: true } : {}),
  };
}

/** The filters shared by the JSON API and the iCal feed. */
const FILTER_PARAMETERS = [
  queryParameter("q", "Full-text search (German, umlauts folded: «Zürich» finds «Zuerich»).", { type: "string", maxLength: Q_MAX_LENGTH }),
  queryParameter("category", "Category id; repeat for several.", { type: "string", enum: CATEGORIES.map((c) => c.id) }, true),
  queryParameter("gemeinde", "BFS number of an Aargau Gemeinde (4001–4399); repeat for several.", { type: "integer", minimum: 4001, maximum: 4399 }, true),
  queryParameter("region", "Slug of a regional integration office (RIF) region.", { type: "string", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$" }),
  queryParameter("near", "Postcode, BFS number or place name the radius is measured from.", { type: "string", maxLength: 60 }),
  queryParameter("radius", "Radius around `near` in km.", { type: "number", minimum: RADIUS_MIN_KM, maximum: RADIUS_MAX_KM, default: RADIUS_DEFAULT_KM }),
  queryParameter("from", "Only opportunities with a shift on or after this day (Europe/Zurich).", isoDate),
  queryParameter("to", "Only opportunities with a shift on or before this day (Europe/Zurich).", isoDate),
  queryParameter("weekday", "ISO weekday of a shift, 1 = Monday … 7 = Sunday; repeat for several.", { type: "integer", minimum: 1, maximum: 7 }, true),
  queryParameter("time", "Time of day of a shift: morning (before 12:00), afternoon (12–17), evening (from 17:00).", { type: "string", enum: [...TIMES_OF_DAY] }),
  queryParameter("lang", "ISO 639 code of a language that is helpful or required; repeat for several.", { type: "string", pattern: "^[a-z]{2,3}$" }, true),
  queryParameter("remote", "Only opportunities that can be done online.", flag),
  queryParameter("free", "Only opportunities with free places.", flag),
  queryParameter("sort", "Order; default `relevance` with `q`, else `soonest`. `nearest` needs `near`.", { type: "string", enum: [...SEARCH_SORTS] }),
];

export function buildOpenApiDocument(origin: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Mitenand open data",
      version: "1.0.0",
      description:
        "Published volunteer opportunities for integration work in the canton of Aargau (Switzerland). Read-only, no " +
        "authentication, CORS open to every origin. Texts are in German or English after `Accept-Language`; times are " +
        "UTC instants (ISO 8601), the opportunities happen in Europe/Zurich.",
    },
    servers: [{ url: origin }],
    paths: {
      "/api/opportunities": {
        get: {
          operationId: "listOpportunities",
          summary: "Published opportunities, filtered and paginated",
          parameters: [
            ...FILTER_PARAMETERS,
            queryParameter("page", "Page number, from 1.", { type: "integer", minimum: 1, maximum: MAX_PAGE, default: 1 }),
            queryParameter("pageSize", "Items per page.", { type: "integer", minimum: 1, maximum: API_MAX_PAGE_SIZE, default: API_DEFAULT_PAGE_SIZE }),
          ],
          responses: {
            "200": {
              description: "A page of opportunities.",
              headers: {
                "Access-Control-Allow-Origin": { schema: { type: "string", const: "*" } },
                "Cache-Control": { schema: { type: "string", examples: ["public, max-age=60"] } },
              },
              content: { "application/json": { schema: { $ref: "#/components/schemas/OpportunityList" } } },
            },
            "400": {
              description: "A parameter is invalid; `problems` names each one.",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
            },
          },
        },
      },
      "/feeds/opportunities.ics": {
        get: {
          operationId: "opportunitiesCalendar",
          summary: "Upcoming shifts of the matching opportunities as an iCalendar feed (at most 500 events)",
          parameters: FILTER_PARAMETERS,
          responses: {
            "200": { description: "An RFC 5545 calendar.", content: { "text/calendar": { schema: { type: "string" } } } },
            "400": { description: "A parameter is invalid.", content: { "text/plain": { schema: { type: "string" } } } },
          },
        },
      },
      "/opportunities/{id}/calendar.ics": {
        get: {
          operationId: "opportunityCalendar",
          summary: "All upcoming shifts of one published opportunity as an iCalendar file",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
          responses: {
            "200": { description: "An RFC 5545 calendar.", content: { "text/calendar": { schema: { type: "string" } } } },
            "404": { description: "No published opportunity with this id." },
          },
        },
      },
    },
    components: {
      schemas: {
        OpportunityList: {
          type: "object",
          required: ["total", "page", "pageSize", "pageCount", "items", "links"],
          properties: {
            total: { type: "integer", minimum: 0, description: "Matching opportunities on all pages." },
            page: { type: "integer", minimum: 1 },
            pageSize: { type: "integer", minimum: 1, maximum: API_MAX_PAGE_SIZE },
            pageCount: { type: "integer", minimum: 1 },
            items: { type: "array", items: { $ref: "#/components/schemas/Opportunity" } },
            links: { $ref: "#/components/schemas/Links" },
          },
        },
        Opportunity: {
          type: "object",
          required: [
            "id",
            "url",
            "calendarUrl",
            "title",
            "summary",
            "category",
            "organisation",
            "gemeinde",
            "locationMode",
            "scheduleKind",
            "publishedAt",
            "nextShift",
            "places",
            "distanceKm",
          ],
          properties: {
            id: { type: "integer" },
            url: { type: "string", format: "uri", description: "The opportunity's page." },
            calendarUrl: { type: "string", format: "uri" },
            title: { type: "string" },
            summary: { type: "string" },
            category: {
              type: "object",
              required: ["id", "label"],
              properties: { id: { type: "string", enum: CATEGORIES.map((c) => c.id) }, label: { type: "string" } },
            },
            organisation: {
              type: "object",
              required: ["name", "slug"],
              properties: { name: { type: "string" }, slug: { type: "string" } },
            },
            gemeinde: {
              type: "object",
              required: ["bfsNr", "name"],
              properties: { bfsNr: { type: "integer", minimum: 4001, maximum: 4399 }, name: { type: "string" } },
            },
            locationMode: { type: "string", enum: [...LOCATION_MODES] },
            scheduleKind: { type: "string", enum: [...SCHEDULE_KINDS] },
            publishedAt: { type: "string", format: "date-time" },
            nextShift: nullable({
              type: "object",
              required: ["startsAt", "endsAt"],
              properties: { startsAt: { type: "string", format: "date-time" }, endsAt: { type: "string", format: "date-time" } },
              description: "The next shift matching the date filters; null for flexible opportunities.",
            }),
            places: nullable({
              type: "object",
              required: ["total", "free"],
              properties: { total: { type: "integer", minimum: 0 }, free: { type: "integer", minimum: 0 } },
            }),
            distanceKm: nullable({ type: "number", minimum: 0, description: "Distance from `near`, when given." }),
          },
        },
        Links: {
          type: "object",
          required: ["self", "next", "prev"],
          properties: {
            self: { type: "string", format: "uri" },
            next: nullable({ type: "string", format: "uri" }),
            prev: nullable({ type: "string", format: "uri" }),
          },
        },
        Error: {
          type: "object",
          required: ["error", "message", "problems"],
          properties: {
            error: { type: "string", const: "invalid_parameters" },
            message: { type: "string" },
            problems: {
              type: "object",
              additionalProperties: { type: "string" },
              description: "Message per invalid parameter.",
            },
          },
        },
      },
    },
  };
}
