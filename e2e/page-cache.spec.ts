/**
 * The page cache for anonymous visitors (app/server/page-cache.server.ts): a second visit of a public page is
 * served from the cache, yet each answer's scripts carry that answer's own CSP nonce; signed-in visitors get
 * their own rendering; and a change is on the public page at once, not after a time-to-live.
 */
import { expect as baseExpect, test, type APIResponse } from "@playwright/test";
import { logIn, open } from "./helpers";

const expect = baseExpect.configure({ timeout: 30_000 });

const DEMO_OWNER = "bibliothek-menziken@mitenand.example";
const DEMO_SLUG = "bibliothek-menziken";
const DEMO_PASSWORD = "Mitenand-Demo-2026";

async function nonces(response: APIResponse) {
  const header = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
  const inBody = [...(await response.text()).matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((m) => m[1]);
  return { header, inBody };
}

test("a second anonymous visit is a cache hit whose scripts carry the answer's own nonce", async ({ request }) => {
  const url = `/opportunities?q=deutsch&radius=${5 + Math.floor(Math.random() * 40)}&near=5000`;
  const first = await request.get(url, { headers: { "Accept-Language": "de-CH" } });
  const second = await request.get(url, { headers: { "Accept-Language": "de-CH" } });
  expect(first.status()).toBe(200);
  expect(first.headers()["x-page-cache"]).toBe("miss");
  expect(second.headers()["x-page-cache"]).toBe("hit");
  const [a, b] = [await nonces(first), await nonces(second)];
  expect(a.inBody.length).toBeGreaterThan(0);
  expect(new Set(a.inBody)).toEqual(new Set([a.header]));
  expect(new Set(b.inBody)).toEqual(new Set([b.header]));
  expect(a.header).not.toBe(b.header);
  // English is another page
  const english = await request.get(url, { headers: { "Accept-Language": "en" } });
  expect(english.headers()["x-page-cache"]).toBe("miss");
  expect(await english.text()).toContain('lang="en"');
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
