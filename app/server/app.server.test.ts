/**
 * The HTTP layer (createApp) over real sockets, with the real login and forgot-password actions mounted as
 * resource routes of a tiny Remix build: what the request headers and bodies can and cannot do.
 * This file runs with APP_URL=https://mitenand.example and TRUST_PROXY=1 (one reverse proxy in front).
 */
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { createUser, uniqueEmail } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";

// set before the app reads its configuration (once, on the first getEnv()); given back after this file, since
// the worker process may run other test files next
const previousEnv = { APP_URL: process.env.APP_URL, TRUST_PROXY: process.env.TRUST_PROXY };
process.env.APP_URL = "https://mitenand.example";
process.env.TRUST_PROXY = "1";

const { createApp } = await import("./app.server");
const login = await import("~/routes/login");
const forgotPassword = await import("~/routes/forgot-password");

/** a page action as a resource route: `data(…, { status })` becomes a Response with that status */
function asResource(action: (args: never) => Promise<unknown>) {
  return async (args: never) => {
    const result = (await action(args)) as { type?: string; data?: unknown; init?: ResponseInit };
    if (result instanceof Response) return result;
    return result?.type === "DataWithResponseInit" ? Response.json(result.data, result.init) : Response.json(result);
  };
}

/** the smallest build Remix serves: a root and resource routes (no component, so no document rendering) */
function testBuild(): ServerBuild {
  const route = (id: string, path: string, module: Record<string, unknown>) => ({ id, parentId: "root", path, index: undefined, caseSensitive: undefined, module });
  return {
    mode: "production",
    entry: { module: { default: () => new Response("no documents here", { status: 500 }) } },
    routes: {
      root: { id: "root", parentId: undefined, path: "", index: undefined, caseSensitive: undefined, module: {} },
      "routes/whoami": route("routes/whoami", "whoami", {
        loader: ({ context }: { context: { clientIp: string } }) => Response.json({ ip: context.clientIp }),
      }),
      "routes/echo": route("routes/echo", "echo", {
        action: async ({ request }: { request: Request }) => {
          const form = await request.formData();
          return Response.json({ url: request.url, text: String(form.get("text") ?? "").length });
        },
      }),
      "routes/login": route("routes/login", "login", { action: asResource(login.action) }),
      "routes/forgot-password": route("routes/forgot-password", "forgot-password", { action: asResource(forgotPassword.action) }),
    },
    assets: { entry: { module: "/build/entry.js", imports: [] }, routes: {}, url: "/build/manifest.js", version: "test" },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_routeConfig: false, v3_singleFetch: true, v3_lazyRouteDiscovery: true, unstable_optimizeDeps: false },
    isSpaMode: false,
    basename: undefined,
    serverBundles: undefined,
  } as unknown as ServerBuild;
}

let server: Server;
let port: number;

beforeAll(async () => {
  await prepareTestDatabase();
  server = createApp({ build: testBuild() }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await closeDatabase();
  for (const [name, value] of Object.entries(previousEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: any Host header, any body, chunked when `chunks` is given. */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[] }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let responded = false;
    const req = httpRequest({ host: "127.0.0.1", port, method: options.method ?? "GET", path: options.path, headers: options.headers, agent: false }, (res) => {
      responded = true;
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString("utf8") }));
    });
    req.on("error", reject);
    if (options.chunks) {
      let i = 0;
      // a chunk every few milliseconds, as a slow upload: once the server has answered (413), stop sending
      const writeNext = () => {
        if (i === options.chunks!.length || responded || req.destroyed) return req.end();
        req.write(options.chunks![i++]);
        setTimeout(writeNext, 5);
      };
      writeNext();
    } else req.end(options.body);
  });
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

async function latestResetMail(to: string) {
  return db.selectFrom("outbox").selectAll().where("recipient", "=", to).where("template", "=", "reset_password").orderBy("id", "desc").executeTakeFirst();
}

test("a reset link takes its host from APP_URL, whatever Host or X-Forwarded-Host the request names", async () => {
  const user = await createUser({ email: uniqueEmail() });
  const answer = await send({
    method: "POST",
    path: "/forgot-password",
    headers: { ...FORM, Host: "evil.example", "X-Forwarded-Host": "evil.example, mitenand.example", "X-Forwarded-For": "198.51.100.20" },
    body: form({ email: user.email }),
  });
  expect(answer.status).toBe(200);
  const mail = await latestResetMail(user.email);
  const text = JSON.stringify(mail);
  expect(text).toContain("https://mitenand.example/reset-password?token=");
  expect(text).not.toContain("evil.example");
});

test("the request URL Remix sees is on APP_URL's origin", async () => {
  const answer = await send({ method: "POST", path: "/echo?x=1", headers: { ...FORM, Host: "evil.example" }, body: form({ text: "hi" }) });
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body).url).toBe("https://mitenand.example/echo?x=1");
});

test("the same-origin check accepts exactly APP_URL's origin", async () => {
  const post = (origin: string) => send({ method: "POST", path: "/echo", headers: { ...FORM, Origin: origin, Host: "evil.example" }, body: form({ text: "x" }) });
  expect((await post("https://mitenand.example")).status).toBe(200);
  // the request's own Host does not make an origin acceptable, nor does the same host on another scheme or port
  expect((await post("http://evil.example")).status).toBe(403);
  expect((await post("http://mitenand.example")).status).toBe(403);
  expect((await post("https://mitenand.example:8443")).status).toBe(403);
});

test("behind one proxy the client is the right-most X-Forwarded-For entry, not the one the client wrote", async () => {
  const answer = await send({ path: "/whoami", headers: { "X-Forwarded-For": "203.0.113.9, 192.0.2.10" } });
  expect(JSON.parse(answer.body).ip).toBe("192.0.2.10");
});

test("spoofed X-Forwarded-For entries do not escape the per-IP login limit", async () => {
  // 50 attempts per IP in 15 minutes (RATE_LIMITS.loginPerIp); every attempt names another address on the left
  const proxyAddress = `192.0.2.${Math.floor(Math.random() * 200) + 20}`;
  const statuses: number[] = [];
  for (let i = 0; i < 55; i++) {
    const answer = await send({
      method: "POST",
      path: "/login",
      headers: { ...FORM, "X-Forwarded-For": `203.0.113.${i}, ${proxyAddress}` },
      body: form({ email: uniqueEmail(), password: "wrong-password-123" }),
    });
    statuses.push(answer.status);
  }
  expect(statuses.slice(0, 50)).toEqual(Array(50).fill(400));
  expect(statuses.slice(50)).toEqual([429, 429, 429, 429, 429]);
  const keys = await db.selectFrom("rate_limit").select("key").where("key", "like", "login:ip:203.0.113.%").execute();
  expect(keys).toEqual([]);
}, 60_000);

test("a body over the limit is refused with 413 by Content-Length, before it is read", async () => {
  const answer = await send({ method: "POST", path: "/echo", headers: { ...FORM, "Content-Length": String(50 * 1024 * 1024) }, body: "" });
  expect(answer.status).toBe(413);
  expect(answer.body).toContain("Anfrage zu gross");
});

test("a chunked body is counted and refused once it passes the limit", async () => {
  const chunk = Buffer.alloc(16 * 1024, "a");
  const answer = await send({ method: "POST", path: "/echo", headers: { ...FORM, "Transfer-Encoding": "chunked" }, chunks: Array.from({ length: 40 }, () => chunk) });
  expect(answer.status).toBe(413);
});

test("a form within the limit passes; the opportunity form may be larger", async () => {
  const ok = await send({ method: "POST", path: "/echo", headers: FORM, body: form({ text: "a".repeat(60_000) }) });
  expect(ok.status).toBe(200);
  expect(JSON.parse(ok.body).text).toBe(60_000);
  const { bodyLimitFor } = await import("./request-body.server");
  expect(bodyLimitFor("/orgs/verein/manage/opportunities/new")).toBeGreaterThan(bodyLimitFor("/echo"));
  expect(bodyLimitFor("/orgs/verein/manage/opportunities/12.data")).toBeGreaterThan(bodyLimitFor("/login"));
});

test("malformed bodies are 400, not 500: JSON to a form route, broken multipart, no content type", async () => {
  const json = await send({ method: "POST", path: "/echo", headers: { "Content-Type": "application/json" }, body: '{"text":"x"}' });
  expect(json.status).toBe(400);
  const multipart = await send({
    method: "POST",
    path: "/echo",
    headers: { "Content-Type": "multipart/form-data; boundary=XYZ" },
    body: "--XYZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nunterminated",
  });
  expect(multipart.status).toBe(400);
  const untyped = await send({ method: "POST", path: "/echo", body: "text=x" });
  expect(untyped.status).toBe(400);
  // percent-encoding that decodes to nothing sensible is still a form; the action decides what it means
  const percent = await send({ method: "POST", path: "/echo", headers: FORM, body: "text=%E0%A4%A&x=%zz" });
  expect(percent.status).toBe(200);
});
