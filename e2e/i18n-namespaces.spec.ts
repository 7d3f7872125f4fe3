/**
 * The browser loads only the texts the page's routes declare (app/i18n/namespaces.ts). These journeys would
 * catch a route that forgets a namespace: with JavaScript on, after hydration and after client-side navigations,
 * no text may be missing (the translator collects missing keys in window.__i18nMissing) and the pages show their
 * words, in German and English.
 */
import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./helpers";

type I18nWindow = { __i18nMissing?: string[]; __remixRouter?: unknown; sameDocument?: boolean };

async function hydrated(page: Page) {
  await page.waitForFunction(() => Boolean((window as unknown as I18nWindow).__remixRouter));
  await page.waitForLoadState("networkidle");
}

const missingKeys = (page: Page) => page.evaluate(() => (window as unknown as I18nWindow).__i18nMissing ?? []);

const WORDS = {
  de: { locale: "de-CH", nav: "Einsätze", search: "Einsätze finden", about: "Über", login: "Anmelden", map: "Karte anzeigen" },
  en: { locale: "en-GB", nav: "Opportunities", search: "Find opportunities", about: "About", login: "Log in", map: "Show map" },
} as const;

for (const lang of ["de", "en"] as const) {
  const words = WORDS[lang];

  test(`${lang}: public pages hydrate with every text they show, also after client-side navigation`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: words.locale });
    const page = await context.newPage();
    const textRequests: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/i18n/")) textRequests.push(new URL(request.url()).pathname);
    });

    await page.goto("/");
    await hydrated(page);
    expect(await missingKeys(page)).toEqual([]);
    // the first page's texts: one file with its namespaces, not every text
    expect(textRequests).toHaveLength(1);
    expect(textRequests[0]).toMatch(new RegExp(`^/i18n/${lang}/[\\w.+]+\\.[0-9a-f]{10}\\.json$`));
    expect(textRequests[0]).toContain("landing");
    expect(textRequests[0]).not.toContain("/all.");

    // client-side: the search page's texts are fetched before it renders
    await page.evaluate(() => ((window as unknown as I18nWindow).sameDocument = true));
    await page.getByRole("navigation").first().getByRole("link", { name: words.nav, exact: true }).click();
    await expect(page).toHaveURL(/\/opportunities$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(words.search);
    await expect(page.getByText(words.map).first()).toBeAttached();
    await page.waitForLoadState("networkidle");
    expect(await missingKeys(page)).toEqual([]);
    expect(textRequests.some((path) => path.includes("search"))).toBe(true);

    // an opportunity page (client-side) and /about (client-side)
    await page.locator("#results").getByRole("link").first().click();
    await expect(page).toHaveURL(/\/opportunities\/[^/]+$/);
    await page.waitForLoadState("networkidle");
    expect(await missingKeys(page)).toEqual([]);
    await page.getByRole("contentinfo").getByRole("link", { name: words.about }).first().click();
    await expect(page).toHaveURL(/\/about$/);
    await page.waitForLoadState("networkidle");
    expect(await missingKeys(page)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as I18nWindow).sameDocument)).toBe(true);

    // a document load of the search page itself, of /login and of an error page (the error texts are fetched too)
    for (const path of ["/opportunities?q=deutsch", "/does-not-exist", "/login"]) {
      await page.goto(path);
      await hydrated(page);
      expect(await missingKeys(page), path).toEqual([]);
    }
    await expect(page.getByRole("main").getByRole("button", { name: words.login, exact: true })).toBeVisible();
    await context.close();
  });
}

test("signed in: the volunteer's pages (declared or not) show no missing text", async ({ page }) => {
  await logIn(page, "freiwillig1@mitenand.example", "Mitenand-Demo-2026");
  for (const path of ["/me", "/me/recommendations", "/me/profile", "/opportunities"]) {
    await page.goto(path);
    await hydrated(page);
    expect(await missingKeys(page), path).toEqual([]);
  }
  // an opportunity page with "Passt das zu dir?" (the volunteer has a profile), reached client-side
  await page.locator("#results").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/opportunities\/[^/]+$/);
  await page.waitForLoadState("networkidle");
  expect(await missingKeys(page)).toEqual([]);
});

test("the texts file: cached for a year when current, 404 for a made-up name", async ({ request }) => {
  const html = await (await request.get("/about")).text();
  const href = /<link rel="preload" as="fetch"[^>]*href="([^"]+)"/.exec(html)?.[1];
  expect(href).toMatch(/^\/i18n\/de\/.*about.*\.json$/);
  const response = await request.get(href!);
  expect(response.headers()["cache-control"]).toContain("immutable");
  const texts = await response.json();
  expect(Object.keys(texts)).toContain("about");
  expect(Object.keys(texts)).not.toContain("privacy");
  expect((await request.get("/i18n/de/nonsense")).status()).toBe(404);
  expect((await request.get("/i18n/xx/about.0123456789.json")).status()).toBe(404);
});
