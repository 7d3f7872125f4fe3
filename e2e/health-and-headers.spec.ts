/** What the server promises on every response: health check, security headers, same-origin POSTs, a real 404. */
import { expect, test } from "@playwright/test";

test("/healthz answers 200 with status ok", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok" });
});

test("documents carry the security headers", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  const headers = await response!.allHeaders();

  const csp = headers["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  // a public page an anonymous visitor may get from the page cache allows its own inline scripts by hash …
  expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBeTruthy();
  // … every other page by a nonce of its own
  const login = await page.goto("/login");
  expect((await login!.allHeaders())["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+';/);
});

test("a cross-origin POST is refused with 403", async ({ request }) => {
  const response = await request.post("/language", {
    headers: { Origin: "https://evil.example" },
    form: { lng: "en", redirectTo: "/" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

test("a same-origin POST is accepted and redirects", async ({ request, baseURL }) => {
  const response = await request.post("/language", {
    headers: { Origin: new URL(baseURL!).origin },
    form: { lng: "en", redirectTo: "/about" },
    maxRedirects: 0,
  });
  expect([302, 303]).toContain(response.status());
  expect(response.headers()["location"]).toBe("/about");
  expect(response.headers()["set-cookie"]).toMatch(/^lng=/);
});

test("an unknown path shows the German 404 page with a link home and no stack trace", async ({ page }) => {
  const response = await page.goto("/does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Seite nicht gefunden");

  const home = page.getByRole("main").getByRole("link", { name: "Zur Startseite" });
  await expect(home).toHaveAttribute("href", "/");

  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/\bat .+:\d+:\d+|node_modules|Error:/);

  await home.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gemeinsam ankommen – in deiner Gemeinde");
});

test("the landing page logs no console errors or CSP violations, also after client-side navigation", async ({
  page,
}) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });

  await page.goto("/");
  // hydrated: Remix's router exists and has loaded the initial route
  await page.waitForFunction(() => (window as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized);

  // a client-side navigation (route module + single-fetch data) must pass the CSP as well; the marker
  // survives only if the document was not reloaded
  await page.evaluate(() => Object.assign(window, { __e2eMarker: true }));
  await page.getByRole("navigation").getByRole("link", { name: "Über Mitenand" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Über Mitenand");
  expect(await page.evaluate(() => "__e2eMarker" in window)).toBe(true);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gemeinsam ankommen – in deiner Gemeinde");

  expect(problems, problems.join("\n")).toEqual([]);
});
