/**
 * Back to the same form (issue 10, item 2): an anonymous visitor follows the sign-up box's links — "Jetzt
 * registrieren" through the verification email to the login and on to the opportunity's sign-up form, and
 * "Anmelden" straight back to it. The sign-up limit is per IP and the suite shares one IP: one sign-up here only.
 */
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, UI, logIn, open, readLatestMail, uniqueEmail } from "./helpers";

const expect = baseExpect.configure({ timeout: 30_000 });
const TITLE = "Velofahren lernen für Frauen";

/** Opens the demo opportunity through search (anonymous: the cached page) and returns its path. */
async function openOpportunity(page: Page) {
  await open(page, "/opportunities?q=Velofahren");
  await page.getByRole("main").getByRole("link", { name: TITLE }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  return new URL(page.url()).pathname;
}

test("sign up from the opportunity's sign-up box → verify by email → log in → back on the sign-up form, and sign up", async ({ page }) => {
  test.setTimeout(180_000);
  const ui = UI.de;
  const email = uniqueEmail("back");
  const password = "Zurueck-zum-Formular-2026";
  const opportunityPath = await openOpportunity(page);
  const formPath = `${opportunityPath}/signup`;
  const box = page.locator("[data-slot=signup]");
  await box.getByRole("link", { name: "Jetzt registrieren" }).click();
  await expect(page).toHaveURL(`/signup?${new URLSearchParams({ redirectTo: formPath })}`);

  const main = page.getByRole("main");
  await main.getByLabel(ui.name, { exact: true }).fill("Rahel Rückweg");
  await main.getByLabel(ui.email, { exact: true }).fill(email);
  await main.getByLabel(ui.password, { exact: true }).fill(password);
  await main.getByRole("checkbox", { name: ui.consent }).check();
  await main.getByRole("button", { name: ui.signupSubmit }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ui.checkInbox);

  const mail = await readLatestMail(page, email, "/verify-email?token=");
  expect(new URL(mail.link).searchParams.get("redirectTo")).toBe(formPath);
  await open(page, mail.link);
  await page.getByRole("main").getByRole("button", { name: ui.confirmEmail }).click();
  await expect(page.getByRole("status").filter({ hasText: ui.emailConfirmed })).toBeVisible();
  await expect(page).toHaveURL(`/login?${new URLSearchParams({ redirectTo: formPath })}`);

  await logIn(page, email, password);
  await expect(page).toHaveURL(formPath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Anmeldung: ${TITLE}`);
  const form = page.getByRole("main");
  await form.getByRole("group", { name: "Termine wählen" }).getByRole("checkbox").first().check();
  await form.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL(/\/me\/signups\/\d+$/);
  await expect(page.getByRole("main").getByText(TITLE).first()).toBeVisible();
});

test("log in from the opportunity's sign-up box → back on the sign-up form; a foreign redirectTo lands on the home page", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "de-CH" });
  const page = await context.newPage();
  const opportunityPath = await openOpportunity(page);
  await page.locator("[data-slot=signup]").getByRole("link", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL(`/login?${new URLSearchParams({ redirectTo: `${opportunityPath}/signup` })}`);
  await logIn(page, "freiwillig3@mitenand.example", DEMO_PASSWORD);
  await expect(page).toHaveURL(`${opportunityPath}/signup`);
  await context.close();

  const other = await browser.newContext({ baseURL, locale: "de-CH" });
  const visitor = await other.newPage();
  await open(visitor, `/login?${new URLSearchParams({ redirectTo: "//evil.example/" })}`);
  await logIn(visitor, "freiwillig3@mitenand.example", DEMO_PASSWORD);
  await expect(visitor).toHaveURL("/");
  await other.close();
});
