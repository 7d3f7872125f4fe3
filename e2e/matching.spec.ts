/**
 * Matching journeys: a volunteer fills in the profile by keyboard with JavaScript off and sees ranked
 * recommendations with their reasons, hides one ("not for me") and brings it back; the opportunity page tells
 * a signed-in volunteer why it fits; the matching pages pass axe and fit a 390 px wide screen.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectAxeClean, expectNoHorizontalScroll } from "./checks";

const DEMO_PASSWORD = "Mitenand-Demo-2026";

async function logInWithoutHelpers(page: Page, email: string, redirectTo: string, lang: "de" | "en" = "de") {
  const words =
    lang === "de"
      ? { email: "E-Mail-Adresse", password: "Passwort", submit: "Anmelden", done: "Du bist angemeldet." }
      : { email: "Email address", password: "Password", submit: "Log in", done: "You are logged in." };
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  const main = page.getByRole("main");
  await main.getByLabel(words.email, { exact: true }).fill(email);
  await main.getByLabel(words.password, { exact: true }).fill(DEMO_PASSWORD);
  await main.getByRole("button", { name: words.submit, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: words.done })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${redirectTo.replace(/[/?]/g, "\\$&")}$`));
}

test("a volunteer fills in the profile by keyboard without JavaScript and gets ranked recommendations with reasons", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, locale: "de-CH" });
  const page = await context.newPage();
  await logInWithoutHelpers(page, "freiwillig3@mitenand.example", "/me/profile");
  const main = page.getByRole("main");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mein Profil für Vorschläge");

  // Gemeinde by type-ahead in the closed select, radius by typing
  const gemeinde = main.getByLabel("Wohngemeinde");
  await gemeinde.focus();
  await page.keyboard.type("Aarau");
  await expect(gemeinde).toHaveValue("4001");
  const radius = main.getByLabel("So weit würde ich fahren (km)");
  await radius.focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("12");

  // Tigrinya as first language: the select of that language, then "Muttersprache" by type-ahead
  const tigrinya = main.getByLabel("Tigrinya", { exact: true });
  await tigrinya.focus();
  await page.keyboard.type("Mutter");
  await expect(tigrinya).toHaveValue("ti:native");

  // an interest and two free evenings: Space ticks a focused checkbox
  const treffpunkt = main.getByRole("checkbox", { name: "Treffpunkt", exact: true });
  if (!(await treffpunkt.isChecked())) {
    await treffpunkt.focus();
    await page.keyboard.press("Space");
  }
  await expect(treffpunkt).toBeChecked();
  for (const slot of ["Dienstagabend", "Donnerstagabend"]) {
    const box = main.getByRole("checkbox", { name: slot, exact: true });
    if (!(await box.isChecked())) {
      await box.focus();
      await page.keyboard.press("Space");
    }
    await expect(box).toBeChecked();
  }

  // a bad radius first: a field message, nothing lost
  await radius.focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("10000");
  await main.getByRole("button", { name: "Profil speichern" }).focus();
  await page.keyboard.press("Enter");
  await expect(main.getByRole("alert")).toContainText("Bitte korrigiere 1 Feld.");
  await expect(main.getByText("Der Wert darf höchstens 100 sein.")).toBeVisible();
  await expect(main.getByLabel("Tigrinya", { exact: true })).toHaveValue("ti:native");
  await expect(main.getByRole("checkbox", { name: "Dienstagabend", exact: true })).toBeChecked();

  const radiusAgain = main.getByLabel("So weit würde ich fahren (km)");
  await radiusAgain.focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("12");
  await main.getByRole("button", { name: "Profil speichern" }).focus();
  await page.keyboard.press("Enter");

  // the recommendations: ranked, with the match in percent and the reasons
  await expect(page).toHaveURL(/\/me\/recommendations$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Für dich");
  const cards = main.getByTestId("recommendation");
  await expect(cards.first()).toBeVisible();
  const scores = (await cards.locator(".recommendation__score").allTextContents()).map((text) => Number(/(\d+) %/.exec(text)![1]));
  expect(scores.length).toBeGreaterThan(1);
  expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  const firstReasons = cards.first().getByRole("list", { name: "Warum dieser Einsatz passt" });
  await expect(firstReasons).toBeVisible();
  await expect(main.getByText("Du sprichst Tigrinya").first()).toBeVisible();
  await expect(main.getByText("Interessiert dich: Treffpunkt").first()).toBeVisible();

  // "not for me" hides the first one, undo brings it back (plain forms)
  const firstTitle = (await cards.first().getByRole("heading").textContent())!.trim();
  await cards.first().getByRole("button", { name: `Passt nicht für mich: ${firstTitle}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ausgeblendet" })).toBeVisible();
  await expect(cards.getByRole("link", { name: firstTitle, exact: true })).toHaveCount(0);
  const hidden = main.getByRole("region", { name: "Ausgeblendet" });
  await hidden.getByRole("button", { name: `Wieder vorschlagen: ${firstTitle}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "wieder vor" })).toBeVisible();
  await expect(cards.getByRole("link", { name: firstTitle, exact: true })).toHaveCount(1);

  // the opportunity page says why it fits
  await cards.first().getByRole("link", { name: firstTitle, exact: true }).click();
  const fit = main.getByTestId("match-explanation");
  await expect(fit.getByRole("heading", { name: "Passt das zu dir?" })).toBeVisible();
  await expect(fit).toContainText("Du sprichst Tigrinya");
  await context.close();
});

test("the overview shows the top 5 and links to the profile; anonymous visitors of an opportunity see no explanation", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "de-CH" });
  const page = await context.newPage();
  await logInWithoutHelpers(page, "freiwillig1@mitenand.example", "/me");
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { name: "Für dich vorgeschlagen" })).toBeVisible();
  const cards = main.getByTestId("recommendation");
  expect(await cards.count()).toBeGreaterThan(0);
  expect(await cards.count()).toBeLessThanOrEqual(5);
  await expect(main.getByRole("link", { name: "Mein Profil für Vorschläge" })).toBeVisible();
  const href = await cards.first().getByRole("link").first().getAttribute("href");

  const anonymous = await browser.newContext({ baseURL, locale: "de-CH" });
  const anonymousPage = await anonymous.newPage();
  await anonymousPage.goto(href!);
  await expect(anonymousPage.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(anonymousPage.getByTestId("match-explanation")).toHaveCount(0);
  await anonymous.close();
  await context.close();
});

for (const { lang, locale, user } of [
  { lang: "de" as const, locale: "de-CH", user: "freiwillig2@mitenand.example" },
  { lang: "en" as const, locale: "en-GB", user: "freiwillig6@mitenand.example" },
]) {
  test(`axe and 390 px: the matching pages (${lang})`, async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ baseURL, locale, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await logInWithoutHelpers(page, user, "/me", lang);
    const first = await page.getByTestId("recommendation").first().getByRole("link").first().getAttribute("href");
    for (const path of ["/me", "/me/profile", "/me/recommendations", first!]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAxeClean(page, `${path} (${lang})`);
      await expectNoHorizontalScroll(page, path);
    }
    await context.close();
  });
}

test("an organisation sees opted-in volunteers who fit, with first name and reasons only; volunteers without opt-in never", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL, locale: "de-CH" });
  const page = await context.newPage();
  const main = page.getByRole("main");

  await logInWithoutHelpers(page, "verein-treffpunkt-welt-aarau@mitenand.example", "/orgs/verein-treffpunkt-welt-aarau/manage");
  await main.getByRole("link", { name: "Gastgeberin oder Gastgeber im Café International", exact: true }).click();
  await main.getByRole("link", { name: "Passende Freiwillige" }).click();
  await expect(page).toHaveURL(/\/matches$/);
  // Edith Michel (freiwillig1): Suhr, Tigrinya, interested in meeting points, opted in
  const edith = main.getByTestId("volunteer-match").filter({ has: page.getByRole("heading", { name: "Edith", exact: true }) });
  await expect(edith).toBeVisible();
  await expect(edith).toContainText("Suhr");
  await expect(edith).toContainText("Spricht Tigrinya");
  await expect(main).not.toContainText("Michel");
  await expect(main).not.toContainText("@");
  await expectAxeClean(page, "matches page");
  await context.close();

  // Jean-Jacques Steffen (freiwillig5) fits the childcare in Zofingen but has not opted in
  const other = await browser.newContext({ baseURL, locale: "de-CH" });
  const orgPage = await other.newPage();
  await logInWithoutHelpers(orgPage, "verein-interkultureller-frauentreff-zofingen@mitenand.example", "/orgs/verein-interkultureller-frauentreff-zofingen/manage");
  await orgPage.getByRole("main").getByRole("link", { name: "Kinderhüte während des Frauentreffs", exact: true }).click();
  await orgPage.getByRole("main").getByRole("link", { name: "Passende Freiwillige" }).click();
  await expect(orgPage.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(orgPage.getByRole("main")).not.toContainText("Jean-Jacques");
  await other.close();
});
