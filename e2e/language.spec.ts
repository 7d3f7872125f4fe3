/** The language switch: a plain form that works with and without JavaScript and returns to the same page. */
import { expect, test, type Page } from "@playwright/test";

async function switchToEnglishAndBack(page: Page) {
  await page.goto("/about");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Über Mitenand");

  const toEnglish = page.getByRole("button", { name: "English" });
  await expect(toEnglish).toHaveText("EN");
  await toEnglish.click();

  await expect(page).toHaveURL(/\/about$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("About Mitenand");
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();

  // the choice sticks on the next page
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Home" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Arriving together – in your municipality");

  const toGerman = page.getByRole("button", { name: "Deutsch" });
  await expect(toGerman).toHaveText("DE");
  await toGerman.click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gemeinsam ankommen – in deiner Gemeinde");
}

test("EN switches to English on the same page and DE back, with JavaScript", async ({ page }) => {
  await switchToEnglishAndBack(page);
});

test("EN switches to English on the same page and DE back, without JavaScript", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "de-CH", javaScriptEnabled: false });
  const page = await context.newPage();
  await switchToEnglishAndBack(page);
  await context.close();
});

test("a browser that prefers English gets English without a cookie", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "en-GB" });
  const page = await context.newPage();
  await page.goto("/about");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("About Mitenand");
  expect(await context.cookies()).toEqual([]);
  await context.close();
});
