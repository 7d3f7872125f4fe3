/**
 * The open-data routes, called as Remix calls them: /api/opportunities, /api/openapi.json, /feeds/opportunities.ics,
 * /opportunities/:id/calendar.ics and /embed/opportunities. Each test makes its own opportunities with a unique
 * word in the title and searches for it, so rows of other test files never count.
 */
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase } from "~db/client.server";
import { unfold } from "~/domain/opportunities/ical";
import { searchParamSchemas } from "~/domain/opportunities/search-params.server";
import { securityHeaders } from "~/server/security.server";
import { createOpportunity, createOrganisation, createShift, uniqueSuffix } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { appOrigin } from "~/utils/request.server";
import { loader as openApiLoader } from "./api.openapi[.json]";
import { loader as apiLoader } from "./api.opportunities";
import { loader as embedLoader } from "./embed.opportunities";
import { loader as feedLoader } from "./feeds.opportunities[.ics]";
import { loader as calendarLoader } from "./opportunities.$id.calendar[.ics]";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

const context = { cspNonce: "test", clientIp: "127.0.0.1" } as AppLoadContext;
const DAY = 24 * 3600 * 1000;
const ORIGIN = appOrigin();

function call<T>(loader: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => T, path: string, init: RequestInit = {}, params: Record<string, string> = {}) {
  // the request names another host: links must come from the configured APP_URL all the same
  return loader({ request: new Request(new URL(path, "https://request-host.example"), init), params, context });
}

/** a word found by full-text search in nothing but this test's rows */
function uniqueWord() {
  return `zz${uniqueSuffix()}`;
}

async function scene(word: string) {
  const org = await createOrganisation({ name: `Open Data ${word}` });
  const inAarau = await createOpportunity({ organisation_id: org.id, title: `Treff ${word} Aarau`, bfs_nr: 4001, schedule_kind: "one_off", total_places: null });
  const inBaden = await createOpportunity({ organisation_id: org.id, title: `Treff ${word} Baden`, bfs_nr: 4021, schedule_kind: "one_off", total_places: null });
  const inBrugg = await createOpportunity({ organisation_id: org.id, title: `Treff ${word} Brugg`, bfs_nr: 4095 });
  const draft = await createOpportunity({ organisation_id: org.id, title: `Entwurf ${word}`, bfs_nr: 4001, status: "draft", published_at: null });
  const submitted = await createOpportunity({ organisation_id: org.id, title: `Eingereicht ${word}`, bfs_nr: 4001, status: "submitted", published_at: null });
  for (const o of [inAarau, inBaden, draft, submitted]) {
    await createShift({ opportunity_id: o.id, starts_at: new Date(Date.now() + 3 * DAY), ends_at: new Date(Date.now() + 3 * DAY + 7200_000) });
  }
  await createShift({ opportunity_id: inAarau.id, starts_at: new Date(Date.now() + 10 * DAY), ends_at: new Date(Date.now() + 10 * DAY + 3600_000) });
  await createShift({ opportunity_id: inAarau.id, starts_at: new Date(Date.now() - 2 * DAY), ends_at: new Date(Date.now() - 2 * DAY + 3600_000) });
  return { inAarau, inBaden, inBrugg, draft, submitted };
}

interface ApiBody {
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  items: { id: number; url: string; title: string; gemeinde: { bfsNr: number; name: string }; nextShift: { startsAt: string } | null }[];
  links: { self: string; next: string | null; prev: string | null };
}

test("GET /api/opportunities lists only published opportunities, with CORS, caching and absolute URLs", async () => {
  const word = uniqueWord();
  const { inAarau, inBaden, inBrugg } = await scene(word);
  const response = await call(apiLoader, `/api/opportunities?q=${word}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  const body = (await response.json()) as ApiBody;
  expect(body.total).toBe(3);
  expect(body.items.map((i) => i.id).sort()).toEqual([inAarau.id, inBaden.id, inBrugg.id].sort());
  const aarau = body.items.find((i) => i.id === inAarau.id)!;
  expect(aarau).toMatchObject({ url: `${ORIGIN}/opportunities/${inAarau.id}`, gemeinde: { bfsNr: 4001, name: "Aarau" } });
  expect(new Date(aarau.nextShift!.startsAt).getTime()).toBeGreaterThan(Date.now());
  expect(body.links).toEqual({ self: `${ORIGIN}/api/opportunities?q=${word}`, next: null, prev: null });
});

test("the API's filters work: Gemeinde, several Gemeinden, category", async () => {
  const word = uniqueWord();
  const { inAarau, inBaden } = await scene(word);
  const ids = async (query: string) =>
    ((await (await call(apiLoader, `/api/opportunities?q=${word}&${query}`)).json()) as ApiBody).items.map((i) => i.id).sort();
  expect(await ids("gemeinde=4001")).toEqual([inAarau.id]);
  expect(await ids("gemeinde=4001&gemeinde=4021")).toEqual([inAarau.id, inBaden.id].sort());
  expect(await ids("category=atelier")).toEqual([]);
});

test("the API pages with page and pageSize and links to the next and previous pages", async () => {
  const word = uniqueWord();
  await scene(word);
  const first = (await (await call(apiLoader, `/api/opportunities?q=${word}&pageSize=2`)).json()) as ApiBody;
  expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2, pageCount: 2 });
  expect(first.items).toHaveLength(2);
  expect(first.links.prev).toBeNull();
  expect(first.links.next).toBe(`${ORIGIN}/api/opportunities?q=${word}&page=2&pageSize=2`);

  const second = (await (await call(apiLoader, first.links.next!)).json()) as ApiBody;
  expect(second).toMatchObject({ page: 2, pageCount: 2 });
  expect(second.items).toHaveLength(1);
  expect(second.links).toMatchObject({ next: null, prev: `${ORIGIN}/api/opportunities?q=${word}&pageSize=2` });
  expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(3);
});

test("bad API parameters are a 400 with a problem per parameter, in the requested language", async () => {
  const response = await call(apiLoader, "/api/opportunities?gemeinde=abc&from=2027-02-30&pageSize=101&page=x&category=nope", {
    headers: { "Accept-Language": "en" },
  });
  expect(response.status).toBe(400);
  expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  const body = (await response.json()) as { error: string; message: string; problems: Record<string, string> };
  expect(body.error).toBe("invalid_parameters");
  expect(body.message).toBe("Invalid parameters");
  expect(Object.keys(body.problems).sort()).toEqual(["category", "from", "gemeinde", "page", "pageSize"]);
  expect(body.problems.pageSize).toBe("pageSize must be a whole number from 1 to 100.");
  for (const query of ["pageSize=0", "pageSize=-1", "region=nirgendwo", "gemeinde=9999"]) {
    expect((await call(apiLoader, `/api/opportunities?${query}`)).status).toBe(400);
  }
});

test("a CORS preflight (OPTIONS) is answered with 204 and the allowed methods", async () => {
  const response = await call(apiLoader, "/api/opportunities", {
    method: "OPTIONS",
    headers: { Origin: "https://gemeinde.example", "Access-Control-Request-Method": "GET" },
  });
  expect(response.status).toBe(204);
  expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  expect(response.headers.get("Access-Control-Allow-Methods")).toContain("GET");
});

test("/api/openapi.json is an OpenAPI 3.1 document describing every parameter and the response schema", async () => {
  const response = call(openApiLoader, "/api/openapi.json");
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  const doc = JSON.parse(await response.text());
  expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
  expect(doc.servers).toEqual([{ url: ORIGIN }]);
  const get = doc.paths["/api/opportunities"].get;
  const names = get.parameters.map((p: { name: string }) => p.name);
  // every parameter the parser understands is documented, plus pagination
  expect(names.sort()).toEqual([...Object.keys(searchParamSchemas), "pageSize"].sort());
  for (const p of get.parameters) expect(p).toMatchObject({ in: "query", schema: expect.any(Object) });
  expect(get.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/OpportunityList" });
  expect(get.responses["400"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
  expect(doc.paths["/feeds/opportunities.ics"].get.responses["200"].content).toHaveProperty("text/calendar");

  // every $ref points at a schema that exists, and the list schema names what the API returns
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/g)].map((m) => m[1]);
  expect(refs.length).toBeGreaterThan(3);
  expect(refs.filter((name) => !(name in doc.components.schemas))).toEqual([]);
  expect(doc.components.schemas.OpportunityList.required).toEqual(["total", "page", "pageSize", "pageCount", "items", "links"]);
  const word = uniqueWord();
  await scene(word);
  const body = (await (await call(apiLoader, `/api/opportunities?q=${word}`)).json()) as ApiBody;
  expect(Object.keys(body.items[0]).sort()).toEqual([...doc.components.schemas.Opportunity.required].sort());
});

test("the iCal feed has the upcoming shifts of matching published opportunities, CRLF lines of at most 75 octets", async () => {
  const word = uniqueWord();
  const { inAarau, draft } = await scene(word);
  const response = await call(feedLoader, `/feeds/opportunities.ics?q=${word}&gemeinde=4001`);
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
  const ics = await response.text();
  expect(ics.endsWith("\r\n")).toBe(true);
  expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  expect(Math.max(...ics.split("\r\n").map((l) => new TextEncoder().encode(l).length))).toBeLessThanOrEqual(75);
  const lines = unfold(ics).split("\r\n");
  const begins = lines.filter((l) => l.startsWith("BEGIN:")).map((l) => l.slice(6));
  const ends = lines.filter((l) => l.startsWith("END:")).map((l) => l.slice(4));
  expect(begins.sort()).toEqual(ends.sort());
  expect(lines[0]).toBe("BEGIN:VCALENDAR");
  // two upcoming shifts in Aarau; the past one and the draft's are not there
  expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);
  expect(lines.filter((l) => l.startsWith("URL:"))).toEqual([
    `URL:${ORIGIN}/opportunities/${inAarau.id}`,
    `URL:${ORIGIN}/opportunities/${inAarau.id}`,
  ]);
  expect(ics).not.toContain(`opportunities/${draft.id}`);
  expect(lines.filter((l) => l.startsWith("DTSTART;TZID=Europe/Zurich:"))).toHaveLength(2);

  const bad = await call(feedLoader, "/feeds/opportunities.ics?gemeinde=abc");
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("gemeinde");
});

test("an opportunity's calendar file: attachment with every upcoming shift, 404 unless published", async () => {
  const word = uniqueWord();
  const { inAarau, draft } = await scene(word);
  const response = await call(calendarLoader, `/opportunities/${inAarau.id}/calendar.ics`, {}, { id: String(inAarau.id) });
  expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
  expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="mitenand-${inAarau.id}.ics"`);
  const ics = unfold(await response.text());
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  expect(ics).toContain(`SUMMARY:Treff ${word} Aarau`);
  expect(ics).toContain("LOCATION:Aarau");

  for (const id of [String(draft.id), "abc", "0", "99999999999"]) {
    const thrown = await Promise.resolve(call(calendarLoader, `/opportunities/${id}/calendar.ics`, {}, { id })).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  }
});

test("the embed lists the matching published opportunities; bad parameters give a 400", async () => {
  const word = uniqueWord();
  const { inAarau, draft } = await scene(word);
  const result = await call(embedLoader, `/embed/opportunities?q=${word}&gemeinde=4001`);
  expect(result.init?.status ?? 200).toBe(200);
  expect(result.data).toMatchObject({ title: "Freiwilligeneinsätze in Aarau", invalid: null, total: 1 });
  expect(result.data.items.map((i) => i.id)).toEqual([inAarau.id]);
  expect(result.data.items.map((i) => i.id)).not.toContain(draft.id);
  expect(result.data.moreHref).toBe(`/opportunities?q=${word}&gemeinde=4001`);

  const bad = await call(embedLoader, "/embed/opportunities?gemeinde=abc");
  expect(bad.init?.status).toBe(400);
  expect(bad.data.invalid).toEqual([expect.stringMatching(/^gemeinde: ./)]);
});

test("only /embed pages may be framed by other sites", () => {
  const embed = securityHeaders({ nonce: "n", https: true, path: "/embed/opportunities" });
  expect(embed["Content-Security-Policy"]).toContain("frame-ancestors *");
  expect(embed["X-Frame-Options"]).toBeUndefined();
  for (const path of ["/", "/opportunities/1", "/api/opportunities", "/embedded"]) {
    const headers = securityHeaders({ nonce: "n", https: true, path });
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["X-Frame-Options"]).toBe("DENY");
  }
});
