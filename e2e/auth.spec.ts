/**
 * Accounts, as people use them: sign up, confirm the address from the mail, log in and out, reset a forgotten
 * password, delete the account; in German and English, with and without JavaScript. And what must not work:
 * bad sign-up input, redirects to other sites after login, guessing passwords, cross-site login forms.
 */
import { expect, test, type Page } from "@playwright/test";
import { UI, logIn, open, readLatestMail, signUpAndVerify, submitLogin, uniqueEmail } from "./helpers";

/** The delete page's words (app/routes/me.delete.tsx). */
const DELETE_UI = {
  de: { password: "Passwort", confirm: "Ich will mein Konto endgültig löschen.", submit: "Konto endgültig löschen", deleted: "Dein Konto wurde gelöscht." },
  en: { password: "Password", confirm: "I want to delete my account for good.", submit: "Delete account for good", deleted: "Your account has been deleted." },
} as const;

const VARIANTS = [
  { lang: "de", locale: "de-CH", javaScriptEnabled: true },
  { lang: "de", locale: "de-CH", javaScriptEnabled: false },
  { lang: "en", locale: "en-GB", javaScriptEnabled: true },
  { lang: "en", locale: "en-GB", javaScriptEnabled: false },
] as const;

function nextLoginResponse(page: Page) {
  return page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
}

for (const { lang, locale, javaScriptEnabled } of VARIANTS) {
  test(`account journey (${lang}, JavaScript ${javaScriptEnabled ? "on" : "off"}): sign up, confirm, log in and out, reset the password, delete the account`, async ({
    browser,
    baseURL,
  }) => {
    // one long journey instead of many short ones: each step needs the account the earlier ones made
    test.setTimeout(90_000);
    const context = await browser.newContext({ baseURL, locale, javaScriptEnabled });
    const page = await context.newPage();
    const ui = UI[lang];
    const main = page.getByRole("main");
    const header = page.getByRole("banner");
    const email = uniqueEmail(`e2e-${lang}-${javaScriptEnabled ? "js" : "nojs"}`);
    const password = "Apfel-Birne-Kirsche-7";
    const newPassword = "Zwetschge-Quitte-Mirabelle-8";

    // sign up, confirm the address from the mail, log in
    await signUpAndVerify(page, { name: "Erika Beispiel", email, password });
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await logIn(page, email, password);

    // log out with the header's button: the header offers the login again, and the account page needs one
    await header.getByRole("button", { name: ui.logout }).click();
    await expect(page.getByRole("status").filter({ hasText: ui.loggedOut })).toBeVisible();
    await expect(header.getByRole("link", { name: ui.login, exact: true })).toBeVisible();
    await expect(header.getByRole("link", { name: ui.myAccount })).toHaveCount(0);
    await open(page, "/me/account");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fme%2Faccount$/);

    // forgot the password: the mail's link sets a new one
    await main.getByRole("link", { name: ui.forgotLink }).click();
    // with JavaScript the login form stays until the new page is in: wait for it before typing
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ui.forgotTitle);
    await main.getByLabel(ui.email, { exact: true }).fill(email);
    await main.getByRole("button", { name: ui.forgotSubmit }).click();
    await expect(main.getByRole("status").filter({ hasText: ui.forgotSent })).toContainText(email);
    const mail = await readLatestMail(page, email, "/reset-password?token=");
    await open(page, mail.link);
    await main.getByLabel(ui.newPassword, { exact: true }).fill(newPassword);
    await main.getByLabel(ui.newPasswordConfirm, { exact: true }).fill(newPassword);
    await main.getByRole("button", { name: ui.resetSubmit }).click();
    await expect(page.getByRole("status").filter({ hasText: ui.passwordSaved })).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);

    // the old password no longer works, the new one does
    await submitLogin(page, email, password);
    await expect(main.getByRole("alert")).toHaveText(ui.wrongCredentials);
    await logIn(page, email, newPassword);

    // delete the account, confirmed with the password: logged out, and the login is gone for good
    const del = DELETE_UI[lang];
    await open(page, "/me/delete");
    await main.getByLabel(del.password, { exact: true }).fill(newPassword);
    await main.getByRole("checkbox", { name: del.confirm }).check();
    await main.getByRole("button", { name: del.submit }).click();
    await expect(page.getByRole("status").filter({ hasText: del.deleted })).toBeVisible();
    await expect(header.getByRole("link", { name: ui.login, exact: true })).toBeVisible();
    await submitLogin(page, email, newPassword);
    await expect(main.getByRole("alert")).toHaveText(ui.wrongCredentials);

    await context.close();
  });
}

test("sign-up with bad input answers 400 and shows a German message at each field, without JavaScript", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "de-CH", javaScriptEnabled: false });
  const page = await context.newPage();
  await open(page, "/signup");
  const main = page.getByRole("main");

  // no name, an address without @, the most common password, no consent
  await main.getByLabel("E-Mail-Adresse", { exact: true }).fill("keine-adresse.example.org");
  await main.getByLabel("Passwort", { exact: true }).fill("password");
  const response = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/signup");
  await main.getByRole("button", { name: "Konto erstellen" }).click();
  expect((await response).status()).toBe(400);

  await expect(main.getByRole("alert")).toHaveText("Bitte korrigiere 4 Felder.");
  const name = main.getByLabel("Name", { exact: true });
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/Bitte ausfüllen\.$/);
  const email = main.getByLabel("E-Mail-Adresse", { exact: true });
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription("Bitte gib eine gültige E-Mail-Adresse ein.");
  await expect(email).toHaveValue("keine-adresse.example.org");
  const password = main.getByLabel("Passwort", { exact: true });
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(/Dieses Passwort ist zu verbreitet und leicht zu erraten\./);
  // a password is never sent back into the page
  await expect(password).toHaveValue("");
  const consent = main.getByRole("checkbox", { name: UI.de.consent });
  await expect(consent).toHaveAttribute("aria-invalid", "true");
  await expect(consent).toHaveAccessibleDescription("Bitte bestätige, dass du die Datenschutzerklärung gelesen hast.");
  await expect(consent).not.toBeChecked();
  await context.close();
});

test("a login link whose redirectTo points to another site ends on this site", async ({ page, request, baseURL }) => {
  test.setTimeout(60_000);
  const origin = new URL(baseURL!).origin;
  const email = uniqueEmail();
  const password = "Rhein-Aare-Limmat-2026";
  await signUpAndVerify(page, { name: "Rolf Umleitung", email, password });

  await open(page, `/login?redirectTo=${encodeURIComponent("https://evil.example/steal")}`);
  await logIn(page, email, password);
  await expect(page).toHaveURL(`${origin}/`);

  // a hand-made form (no page in between to clean the field up) is sent home as well
  const response = await request.post("/login", {
    headers: { Origin: origin },
    form: { email, password, redirectTo: "//evil.example" },
    maxRedirects: 0,
  });
  expect([302, 303]).toContain(response.status());
  expect(response.headers()["location"]).toBe("/");
});

test("after 10 wrong passwords for one account the 11th attempt gets 'Zu viele Versuche' (429), even with the right password", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(60_000);
  // without JavaScript, so that the last attempt is a document request whose status the test can read
  const context = await browser.newContext({ baseURL, locale: "de-CH", javaScriptEnabled: false });
  const page = await context.newPage();
  const email = uniqueEmail();
  const password = "Hasel-Buche-Eiche-Linde";
  await signUpAndVerify(page, { name: "Rita Riegel", email, password });

  // ten wrong guesses straight to the server (as a script would send them), each an ordinary refusal
  for (let attempt = 1; attempt <= 10; attempt++) {
    const guess = await page.request.post("/login", {
      headers: { Origin: new URL(baseURL!).origin },
      form: { email, password: `falsch-geraten-${attempt}` },
      maxRedirects: 0,
    });
    expect(guess.status(), `attempt ${attempt}`).toBe(400);
    expect(await guess.text()).toContain(UI.de.wrongCredentials);
  }

  // the eleventh, through the form and with the right password, gets the "too many attempts" page
  const response = nextLoginResponse(page);
  await submitLogin(page, email, password);
  expect((await response).status()).toBe(429);
  expect(Number((await response).headers()["retry-after"])).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(UI.de.tooMany);
  await expect(page.getByRole("banner").getByRole("link", { name: UI.de.login, exact: true })).toBeVisible();
  await context.close();
});

test("a login POST from another site is refused with 403 before it is looked at", async ({ request }) => {
  const response = await request.post("/login", {
    headers: { Origin: "https://evil.example" },
    form: { email: uniqueEmail(), password: "irgendein-passwort" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"]).toBeUndefined();
  expect(await response.text()).toContain("Diese Anfrage kam nicht von Mitenand selbst");
});
