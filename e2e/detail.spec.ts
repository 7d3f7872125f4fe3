/**
 * An opportunity's page and the open data: from the list to a seeded opportunity's details with its shifts,
 * the calendar download, schema.org data, accessibility in both languages, the page without JavaScript, a 404 for
 * what is not published; the JSON API and its OpenAPI description; the embeddable list, which may be framed.
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { seriousAxeViolations } from "./checks";

const TITLE = "Deutsch im Alltag – Konversationsgruppe am Abend";

// the list page (map, search) and axe on long pages are slow on a busy 2-core machine
test.describe.configure({ timeout: 120_000 });

async function openFromList(page: Page, { javaScript = true } = {}) {
  await page.goto(`/opportunities?q=${encodeURIComponent("Deutsch im Alltag")}&gemeinde=4001`);
  if (javaScript) {
    // a click while the list page hydrates can be lost: wait until Remix's router runs and the page is quiet
    await page.waitForFunction(() => (window as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized);
    await page.waitForLoadState("networkidle");
  }
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
}

/** the opportunity's path, found through the API (for tests that are not about the way there) */
async function detailPath(request: APIRequestContext) {
  const body = await (await request.get(`/api/opportunities?q=${encodeURIComponent("Deutsch im Alltag")}&gemeinde=4001`)).json();
  const item = body.items.find((i: { title: string }) => i.title === TITLE);
  return new URL(item.url).pathname;
}

test("from the list to an opportunity: its shifts with places, the organisation, the Gemeinde and the sign-up slot", async ({ page }) => {
  await openFromList(page);
  await expect(page).toHaveURL(/\/opportunities\/\d+$/);
  await expect(page).toHaveTitle(`${TITLE} – Mitenand`);

  const dates = page.getByRole("region", { name: "Termine" });
  // more than six dates are folded into a <details>: open it
  await dates.getByText(/^Alle \d+ Termine$/).click();
  const shifts = dates.getByRole("row").filter({ has: page.locator("td") });
  expect(await shifts.count()).toBeGreaterThan(2);
  await expect(shifts.first()).toContainText(/^Di\., \d{1,2}\. \w+/);
  await expect(shifts.first()).toContainText("18:30–20:00 Uhr");
  await expect(shifts.first()).toContainText(/\d+ Pl(atz|ätze) frei \(von \d+\)/);

  await expect(page.getByRole("region", { name: "Organisation" })).toContainText("Verein Treffpunkt Welt Aarau");
  await expect(page.getByRole("region", { name: "Ort" })).toContainText("Aarau");
  await expect(page.getByRole("region", { name: "Ort" }).getByRole("img", { name: "Aarau auf der Karte des Kantons Aargau" })).toBeVisible();
  const signup = page.getByRole("region", { name: "Mitmachen" });
  await expect(signup.getByRole("group", { name: "Termine wählen" }).getByRole("checkbox")).toHaveCount(await shifts.count());
  await expect(signup.getByRole("button", { name: "Anmelden" })).toBeVisible();

  const share = page.getByRole("region", { name: "Teilen" });
  await expect(share.getByRole("link", { name: /\/opportunities\/\d+$/ })).toHaveAttribute("href", page.url());
  await expect(share.getByRole("link", { name: "Per E-Mail weitersagen" })).toHaveAttribute("href", /^mailto:\?subject=/);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", page.url());
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", TITLE);
});

test("“Zum Kalender hinzufügen” downloads a text/calendar file with the shifts", async ({ page, request }) => {
  await openFromList(page);
  const link = page.getByRole("link", { name: "Zum Kalender hinzufügen" });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/opportunities\/\d+\/calendar\.ics$/);

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^mitenand-\d+\.ics$/);

  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="mitenand-\d+\.ics"$/);
  const ics = await response.text();
  expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(ics).toContain("DTSTART;TZID=Europe/Zurich:");
  expect(ics).toMatch(/T183000\r\n/);
  expect((ics.match(/BEGIN:VEVENT/g) ?? []).length).toBeGreaterThan(2);
});

test("the page carries one valid JSON-LD object", async ({ page, request }) => {
  await page.goto(await detailPath(request));
  const scripts = page.locator('script[type="application/ld+json"]');
  await expect(scripts).toHaveCount(1);
  const data = JSON.parse((await scripts.textContent()) ?? "");
  expect(data).toMatchObject({
    "@context": "https://schema.org",
    "@type": "JobPosting",
    title: TITLE,
    employmentType: "VOLUNTEER",
    url: page.url(),
    hiringOrganization: { "@type": "Organization", name: "Verein Treffpunkt Welt Aarau" },
    jobLocation: { address: { addressLocality: "Aarau", addressCountry: "CH" } },
  });
  // a data block is not executed, so the CSP does not apply to it; on a cached page it carries no nonce (the
  // page cache lists the page's inline scripts by hash instead)
});

for (const { lang, locale, heading } of [
  { lang: "de", locale: "de-CH", heading: "Termine" },
  { lang: "en", locale: "en-GB", heading: "Dates" },
]) {
  test(`axe: no serious or critical violations on an opportunity's page (${lang})`, async ({ browser, baseURL, request }) => {
    const context = await browser.newContext({ baseURL, locale });
    const page = await context.newPage();
    await page.goto(await detailPath(request));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });
}

test("without JavaScript: from the list to the details, with shifts and the calendar link", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, locale: "de-CH" });
  const page = await context.newPage();
  await openFromList(page, { javaScript: false });
  await page.getByRole("region", { name: "Termine" }).getByText(/^Alle \d+ Termine$/).click();
  await expect(page.getByRole("region", { name: "Termine" }).getByRole("row")).not.toHaveCount(0);
  await expect(page.getByRole("link", { name: "Zum Kalender hinzufügen" })).toBeVisible();
  await expect(page.getByRole("link", { name: "← Alle Einsätze" })).toHaveAttribute("href", "/opportunities");
  await context.close();
});

test("an opportunity that is not published, or an id that is not a number, is a 404", async ({ page, request }) => {
  // on the fresh demo database ids are dense: every id up to the highest published one that the API does not
  // list belongs to a draft or a submitted opportunity
  const api = await (await request.get("/api/opportunities?pageSize=100")).json();
  const published = new Set<number>(api.items.map((item: { id: number }) => item.id));
  const notPublished = Array.from({ length: Math.max(...published) }, (_, i) => i + 1).find((id) => !published.has(id));
  expect(notPublished).toBeDefined();

  for (const path of [`/opportunities/${notPublished}`, "/opportunities/abc", "/opportunities/12abc"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Seite nicht gefunden");
  }
  expect((await request.get(`/opportunities/${notPublished}/calendar.ics`)).status()).toBe(404);
});

test("/api/opportunities and /api/openapi.json answer JSON, open to other origins", async ({ request }) => {
  const list = await request.get("/api/opportunities?gemeinde=4001&pageSize=2");
  expect(list.status()).toBe(200);
  expect(list.headers()["content-type"]).toMatch(/^application\/json/);
  expect(list.headers()["access-control-allow-origin"]).toBe("*");
  const body = await list.json();
  expect(body).toMatchObject({ page: 1, pageSize: 2 });
  expect(body.total).toBeGreaterThan(0);
  expect(body.items.every((item: { gemeinde: { bfsNr: number } }) => item.gemeinde.bfsNr === 4001)).toBe(true);

  const bad = await request.get("/api/opportunities?gemeinde=nope");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).problems).toHaveProperty("gemeinde");

  const openapi = await request.get("/api/openapi.json");
  expect(openapi.headers()["content-type"]).toMatch(/^application\/json/);
  expect((await openapi.json()).openapi).toBe("3.1.0");
});

test("the embed can be framed by other sites, has no site header or footer, and opens details in a new tab", async ({ page, request }) => {
  const response = await page.goto("/embed/opportunities?gemeinde=4001");
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors *");
  expect(headers["x-frame-options"]).toBeUndefined();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Freiwilligeneinsätze in Aarau");
  await expect(page.getByRole("banner")).toHaveCount(0);
  await expect(page.getByRole("contentinfo")).toHaveCount(0);
  await expect(page.getByRole("navigation")).toHaveCount(0);
  const link = page.getByRole("link", { name: new RegExp(TITLE) });
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener");
  expect(await seriousAxeViolations(page)).toEqual([]);

  const landing = await request.get("/");
  expect(landing.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(landing.headers()["x-frame-options"]).toBe("DENY");
});
