/**
 * The built server under forged headers and oversized or malformed bodies, over raw HTTP (a browser would not
 * let us set Host): email links come from APP_URL, bodies are refused before they are buffered.
 */
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { readLatestMail } from "./helpers";

interface Answer {
  status: number;
  body: string;
}

function send(baseURL: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string; chunks?: Buffer[] }) {
  const url = new URL(baseURL);
  return new Promise<Answer>((resolve, reject) => {
    let responded = false;
    const req = httpRequest(
      { host: url.hostname, port: url.port, method: options.method ?? "GET", path: options.path, headers: options.headers, agent: false },
      (res) => {
        responded = true;
        const parts: Buffer[] = [];
        res.on("data", (part: Buffer) => parts.push(part));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8") }));
      },
    );
    req.on("error", reject);
    if (options.chunks) {
      const chunks = [...options.chunks];
      // a chunk every few milliseconds, as a slow upload: once the server has answered (413), stop sending
      const writeNext = () => {
        const chunk = chunks.shift();
        if (!chunk || responded || req.destroyed) return req.end();
        req.write(chunk);
        setTimeout(writeNext, 5);
      };
      writeNext();
    } else req.end(options.body);
  });
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

// a demo volunteer of the seed; the reset mails are never used, so the account stays as it is
const DEMO_USER = "freiwillig4@mitenand.example";

test("a password-reset link points at APP_URL, not at a forged Host or X-Forwarded-Host", async ({ baseURL, request }) => {
  const variants: Array<Record<string, string>> = [{ Host: "evil.example" }, { "X-Forwarded-Host": "evil.example" }];
  for (const headers of variants) {
    const answer = await send(baseURL!, {
      method: "POST",
      path: "/forgot-password",
      headers: { ...FORM, ...headers },
      body: new URLSearchParams({ email: DEMO_USER }).toString(),
    });
    expect(answer.status, JSON.stringify(headers)).toBe(200);
    const mail = await readLatestMail(request, DEMO_USER, "/reset-password?token=");
    expect(mail.text).not.toContain("evil.example");
    expect(new URL(mail.link).origin).toBe(new URL(baseURL!).origin);
  }
});

test("a body above the limit is refused with 413 and a localized page, by Content-Length and when chunked", async ({ baseURL }) => {
  const declared = await send(baseURL!, { method: "POST", path: "/language", headers: { ...FORM, "Content-Length": String(50 * 1024 * 1024) } });
  expect(declared.status).toBe(413);
  expect(declared.body).toContain("Anfrage zu gross");
  const chunk = Buffer.alloc(16 * 1024, "a");
  const chunked = await send(baseURL!, {
    method: "POST",
    path: "/language",
    headers: { ...FORM, "Transfer-Encoding": "chunked", "Accept-Language": "en" },
    chunks: Array.from({ length: 16 }, () => chunk),
  });
  expect(chunked.status).toBe(413);
  expect(chunked.body).toContain("Request too large");
  // the server is fine afterwards
  expect((await send(baseURL!, { path: "/healthz" })).status).toBe(200);
});

test("malformed bodies are a 400, not a 500", async ({ baseURL }) => {
  const json = await send(baseURL!, { method: "POST", path: "/language", headers: { "Content-Type": "application/json" }, body: '{"locale":"en"}' });
  expect(json.status).toBe(400);
  const multipart = await send(baseURL!, {
    method: "POST",
    path: "/login",
    headers: { "Content-Type": "multipart/form-data; boundary=XYZ" },
    body: '--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nno end',
  });
  expect(multipart.status).toBe(400);
});
