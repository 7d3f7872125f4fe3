/**
 * The page cache for anonymous visitors (app/server/page-cache.server.ts): a second visit of a public page is
 * served from the cache, with its own inline scripts allowed by hash instead of a nonce (and the page hydrates
 * under that CSP); signed-in visitors get their own rendering; and a change is on the public page at once.
 */
import { createHash } from "node:crypto";
import { expect as baseExpect, test, type APIResponse } from "@playwright/test";
import { logIn, open } from "./helpers";

const expect = baseExpect.configure({ timeout: 30_000 });

const DEMO_OWNER = "bibliothek-menziken@mitenand.example";
const DEMO_SLUG = "bibliothek-menziken";
const DEMO_PASSWORD = "Mitenand-Demo-2026";

/** every inline script of the page is allowed by its hash in the answer's CSP, and no nonce is left */
async function expectScriptsByHash(response: APIResponse) {
  const csp = response.headers()["content-security-policy"] ?? "";
  const html = await response.text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(inline.length).toBeGreaterThan(0);
  expect(html).not.toMatch(/<script[^>]* nonce=/);
  expect(csp).not.toContain("'nonce-");
  for (const script of inline) expect(csp).toContain(`'sha256-${createHash("sha256").update(script).digest("base64")}'`);
}

test("a second anonymous visit is a cache hit, compressed, with the page's scripts allowed by hash; it hydrates", async ({ request, browser, baseURL }) => {
  const url = `/opportunities?q=deutsch&radius=${5 + Math.floor(Math.random() * 40)}&near=5000`;
  const first = await request.get(url, { headers: { "Accept-Language": "de-CH" } });
  const second = await request.get(url, { headers: { "Accept-Language": "de-CH", "Accept-Encoding": "gzip, br" } });
  expect(first.status()).toBe(200);
  expect(first.headers()["x-page-cache"]).toBe("miss");
  expect(second.headers()["x-page-cache"]).toBe("hit");
  expect(second.headers()["content-encoding"]).toBe("br");
  expect(await second.text()).toBe(await first.text());
  await expectScriptsByHash(first);
  await expectScriptsByHash(second);
  // English is another page
  const english = await request.get(url, { headers: { "Accept-Language": "en" } });
  expect(english.headers()["x-page-cache"]).toBe("miss");
  expect(await english.text()).toContain('lang="en"');

  // a browser gets the cached page and its scripts run under the hash-based CSP: the page hydrates
  const context = await browser.newContext({ baseURL, locale: "de-CH" });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  // open() waits until React has hydrated, which needs every inline script to have run
  const response = await open(page, url);
  expect(response?.headers()["x-page-cache"]).toBe("hit");
  expect(violations).toEqual([]);
  await context.close();
});

test("a signed-in member's change to the organisation profile is on the anonymous public page at once", async ({ browser, baseURL }) => {
  const visitor = await browser.newContext({ baseURL, locale: "de-CH" });
  const anonymous = await visitor.newPage();
  const before = await anonymous.goto(`/orgs/${DEMO_SLUG}`);
  expect(before?.status()).toBe(200);
  const cached = await anonymous.goto(`/orgs/${DEMO_SLUG}`);
  expect(cached?.headers()["x-page-cache"]).toBe("hit");

  const member = await browser.newContext({ baseURL, locale: "de-CH" });
  const page = await member.newPage();
  await logIn(page, DEMO_OWNER, DEMO_PASSWORD);
  // signed in, the public page is rendered for this visitor, not taken from the cache
  const own = await page.goto(`/orgs/${DEMO_SLUG}`);
  expect(own?.headers()["x-page-cache"]).toBeUndefined();

  const token = `Neu im Dezember ${Date.now()}`;
  await open(page, `/orgs/${DEMO_SLUG}/manage/profile`);
  const description = page.getByRole("main").getByLabel("Beschreibung");
  await description.fill(`${await description.inputValue()}\n\n${token}`.slice(-4000));
  await page.getByRole("main").getByRole("button", { name: "Profil speichern" }).click();
  await expect(page.getByRole("status").filter({ hasText: "gespeichert" })).toBeVisible();

  const after = await anonymous.goto(`/orgs/${DEMO_SLUG}`);
  expect(after?.headers()["x-page-cache"]).toBe("miss");
  await expect(anonymous.getByRole("main")).toContainText(token);
  await visitor.close();
  await member.close();
});
