/**
 * What the browser loads: no texts in the scripts and no zod; the page's texts come as one JSON file in the
 * page's language (app/i18n/namespaces.ts), and the page still hydrates (a link click is a client-side
 * navigation, not a new document).
 */
import { expect, test, type Page } from "@playwright/test";

async function downloadsOf(page: Page, action: () => Promise<unknown>) {
  const scripts: Promise<string>[] = [];
  const texts: Promise<string>[] = [];
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith("/build/") && path.endsWith(".js")) scripts.push(response.text().catch(() => ""));
    if (path.startsWith("/i18n/")) texts.push(response.text().catch(() => ""));
  });
  await action();
  await page.waitForLoadState("networkidle");
  return { scripts: (await Promise.all(scripts)).join("\n"), texts: (await Promise.all(texts)).join("\n") };
}

for (const { lang, locale, own, other, link, heading } of [
  { lang: "de", locale: "de-CH", own: "Mitenand ist die Plattform", other: "Mitenand is the platform", link: "Einsätze", heading: "Einsätze finden" },
  { lang: "en", locale: "en-GB", own: "Mitenand is the platform", other: "Mitenand ist die Plattform", link: "Opportunities", heading: "Find opportunities" },
]) {
  test(`${lang}: the browser gets only the page's ${lang} texts, no zod, and the page hydrates`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale });
    const page = await context.newPage();
    const { scripts, texts } = await downloadsOf(page, () => page.goto("/about"));
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    expect(texts).toContain(own);
    expect(texts).not.toContain(other);
    // only the namespaces /about and the layout need: not the privacy statement, not the search page
    expect(texts).not.toContain('"privacy":{"title"');
    expect(texts).not.toContain('"search":{');
    expect(scripts).not.toContain(own);
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
