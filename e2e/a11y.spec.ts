/** Accessibility: axe (WCAG 2.1 A/AA) finds nothing serious on the public pages in both languages; the skip link works. */
import { AxeBuilder } from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const PAGES = ["/", "/about", "/does-not-exist"];
const LOCALES = [
  { lang: "de", locale: "de-CH" },
  { lang: "en", locale: "en-GB" },
];

for (const { lang, locale } of LOCALES) {
  for (const path of PAGES) {
    test(`axe: no serious or critical violations on ${path} (${lang})`, async ({ browser, baseURL }) => {
      const context = await browser.newContext({ baseURL, locale });
      const page = await context.newPage();
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      const report = serious
        .map(
          (v) =>
            `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n` +
            v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.replace(/\n/g, " ")}`).join("\n"),
        )
        .join("\n");
      expect(serious.map((v) => v.id), `axe violations on ${path} (${lang}):\n${report}`).toEqual([]);
      await context.close();
    });
  }
}

test("the first Tab reaches the skip link, Enter moves focus to the main content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skipLink = page.getByRole("link", { name: "Zum Inhalt springen" });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeVisible();

  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  await expect(page).toHaveURL(/#main$/);
});
