/**
 * Accessibility: axe (WCAG 2.1 A/AA) finds nothing serious on the public pages, the account forms and the
 * account page in both languages; the skip link works.
 */
import { existsSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectAxeClean } from "./checks";

const PAGES = [
  "/",
  "/about",
  "/does-not-exist",
  "/signup",
  "/login",
  "/forgot-password",
  "/reset-password?token=invalid",
  "/verify-email",
  ...(existsSync(new URL("../app/routes/privacy.tsx", import.meta.url)) ? ["/privacy"] : []),
  "/me/account",
];
// Pages under /me/ need a login: a demo volunteer of the seed (password: README, "Demo accounts") whose
// language is the one under test, since logging in switches the interface to the account's language.
const LOCALES = [
  {
    lang: "de",
    locale: "de-CH",
    demoUser: "freiwillig1@mitenand.example",
    login: { email: "E-Mail-Adresse", password: "Passwort", submit: "Anmelden", done: "Du bist angemeldet." },
  },
  {
    lang: "en",
    locale: "en-GB",
    demoUser: "freiwillig6@mitenand.example",
    login: { email: "Email address", password: "Password", submit: "Log in", done: "You are logged in." },
  },
];
const DEMO_PASSWORD = "Mitenand-Demo-2026";

for (const { lang, locale, demoUser, login } of LOCALES) {
  for (const path of PAGES) {
    test(`axe: no serious or critical violations on ${path} (${lang})`, async ({ browser, baseURL }) => {
      const context = await browser.newContext({ baseURL, locale });
      const page = await context.newPage();
      if (path.startsWith("/me/")) {
        // a login first: more than the other pages need
        test.setTimeout(60_000);
        await page.goto(`/login?redirectTo=${encodeURIComponent(path)}`);
        const main = page.getByRole("main");
        await main.getByLabel(login.email, { exact: true }).fill(demoUser);
        await main.getByLabel(login.password, { exact: true }).fill(DEMO_PASSWORD);
        await main.getByRole("button", { name: login.submit, exact: true }).click();
        await expect(page.getByRole("status").filter({ hasText: login.done })).toBeVisible();
        await expect(page).toHaveURL(new RegExp(`${path}$`));
      } else {
        await page.goto(path);
      }
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

      await expectAxeClean(page, `${path} (${lang})`);
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
