/**
 * What the browser loads: only the page's language texts (each locale is its own chunk), no zod, and the page
 * still hydrates (a link click is a client-side navigation, not a new document).
 */
import { expect, test, type Page } from "@playwright/test";

async function scriptsOf(page: Page, action: () => Promise<unknown>) {
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/build/") && response.url().endsWith(".js")) bodies.push(response.text().catch(() => ""));
  });
  await action();
  await page.waitForLoadState("networkidle");
  return (await Promise.all(bodies)).join("\n");
}

for (const { lang, locale, own, other, link, heading } of [
  { lang: "de", locale: "de-CH", own: "Gemeinsam ankommen", other: "Arriving together", link: "Einsätze", heading: "Einsätze finden" },
  { lang: "en", locale: "en-GB", own: "Arriving together", other: "Gemeinsam ankommen", link: "Opportunities", heading: "Find opportunities" },
]) {
  test(`${lang}: the browser gets only the ${lang} texts, no zod, and the page hydrates`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale });
    const page = await context.newPage();
    const scripts = await scriptsOf(page, () => page.goto("/about"));
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    expect(scripts).toContain(own);
    expect(scripts).not.toContain(other);
    // zod v4's error messages would be in the bundle if a shared module imported it
    expect(scripts).not.toContain("Invalid input: expected");

    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await page.getByRole("navigation").first().getByRole("link", { name: link, exact: true }).click();
    await expect(page).toHaveURL(/\/opportunities$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await context.close();
  });
}
