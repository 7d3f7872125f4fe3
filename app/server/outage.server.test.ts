import type { ServerBuild } from "@remix-run/node";
import { expect, test } from "vitest";
import { createDatabase, isDatabaseUnavailable } from "~db/client.server";
import { OUTAGE_NOT_SAVED, OUTAGE_UNAVAILABLE } from "~/components/outage";
import { withOutageHandling } from "./outage.server";

function buildWith(handler: () => unknown) {
  const module = { loader: handler, action: handler, default: () => null };
  return { routes: { "routes/x": { id: "routes/x", path: "x", module } } } as unknown as ServerBuild;
}

async function thrownBy(build: ServerBuild, kind: "loader" | "action", method: string) {
  const fn = build.routes["routes/x"]!.module[kind] as (args: { request: Request }) => Promise<unknown>;
  try {
    await fn({ request: new Request("http://localhost/x", { method }) });
  } catch (error) {
    return error;
  }
  return null;
}

test("a database outage in a loader or action becomes a 503 with Retry-After; the POST says it was not saved", async () => {
  const build = withOutageHandling(
    buildWith(() => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    }),
  ) as ServerBuild;
  const get = (await thrownBy(build, "loader", "GET")) as Response;
  expect(get).toBeInstanceOf(Response);
  expect(get.status).toBe(503);
  expect(get.headers.get("retry-after")).toBe("10");
  expect(await get.text()).toBe(OUTAGE_UNAVAILABLE);
  const post = (await thrownBy(build, "action", "POST")) as Response;
  expect(post.status).toBe(503);
  expect(await post.text()).toBe(OUTAGE_NOT_SAVED);
});

test("other errors and thrown responses pass through unchanged", async () => {
  const bug = new TypeError("x is undefined");
  expect(await thrownBy(withOutageHandling(buildWith(() => { throw bug; })) as ServerBuild, "loader", "GET")).toBe(bug);
  const notFound = new Response("Not Found", { status: 404 });
  expect(await thrownBy(withOutageHandling(buildWith(() => { throw notFound; })) as ServerBuild, "loader", "GET")).toBe(notFound);
});

test("what counts as the database being unavailable", () => {
  const codes = ["CONNECTION_CLOSED", "CONNECT_TIMEOUT", "ECONNREFUSED", "ECONNRESET", "57P01", "57P03", "08006", "DATABASE_DEADLINE"];
  expect(codes.filter((code) => !isDatabaseUnavailable(Object.assign(new Error(code), { code })))).toEqual([]);
  expect(isDatabaseUnavailable(new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) }))).toBe(true);
  // a constraint violation or a bug is not an outage
  expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
  expect(isDatabaseUnavailable(new TypeError("x"))).toBe(false);
});

test("a query against a database that is not there fails within the connect timeout, as unavailable", async () => {
  const { db: absent } = createDatabase({ databaseUrl: "postgres://nobody@127.0.0.1:1/none", poolSize: 2 });
  const started = Date.now();
  try {
    const error = await absent.selectFrom("outbox").select("id").execute().then(() => null, (e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(3500);
  } finally {
    await absent.destroy().catch(() => {});
  }
});
