/**
 * Certificates with the demo accounts: freiwillig1 (who has confirmed hours in the demo scene) issues a
 * certificate, downloads the PDF (read back with pdf-parse: it names the hours and the code), and
 * /verify/<code> confirms it; without JavaScript the form refuses a bad period with a field message, issues,
 * and a revoked certificate verifies as revoked. axe on the new pages.
 */
import { readFile } from "node:fs/promises";
import { expect as baseExpect, test, type Browser } from "@playwright/test";
import pdfParse from "pdf-parse/lib/pdf-parse.js";
import { logIn, open } from "./helpers";
import { expectAxeClean, expectNoHorizontalScroll } from "./checks";

const expect = baseExpect.configure({ timeout: 30_000 });
const DEMO_PASSWORD = "Mitenand-Demo-2026";
const VOLUNTEER = "freiwillig1@mitenand.example";

// both journeys issue certificates for the same volunteer: one after the other
test.describe.configure({ mode: "serial" });

async function asVolunteer(browser: Browser, baseURL: string | undefined, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ baseURL, locale: "de-CH", javaScriptEnabled, acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, VOLUNTEER, DEMO_PASSWORD);
  return { context, page };
}

test("freiwillig1 issues a certificate, the PDF names the hours and the code, and /verify confirms it", async ({ browser, baseURL }) => {
  const { context, page } = await asVolunteer(browser, baseURL, true);
  await open(page, "/me/certificate");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Einsatznachweis");
  await expectAxeClean(page, "/me/certificate");
  const before = await page.getByTestId("certificate").count();

  await page.getByRole("button", { name: "Nachweis erstellen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Dein Einsatznachweis ist erstellt." })).toBeVisible();
  await expect(page.getByTestId("certificate")).toHaveCount(before + 1);
  await expectNoHorizontalScroll(page, "/me/certificate");
  const newest = page.getByTestId("certificate").first();
  const code = (await newest.getByTestId("certificate-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){4}$/);
  const hours = (await newest.locator("dt", { hasText: "Stunden" }).locator("xpath=following-sibling::dd").textContent())!.trim();
  expect(Number(hours)).toBeGreaterThan(0);

  const [download] = await Promise.all([page.waitForEvent("download"), newest.getByRole("link", { name: `Nachweis ${code} als PDF herunterladen` }).click()]);
  expect(download.suggestedFilename()).toMatch(/^mitenand-einsatznachweis-[A-Z2-7]{20}\.pdf$/);
  const { text } = await pdfParse(await readFile((await download.path())!));
  expect(text).toContain("Einsatznachweis");
  expect(text).toContain(`Bestätigte Stunden insgesamt: ${hours}`);
  expect(text).toContain(`Prüfcode: ${code}`);
  const plain = code.replace(/-/g, "");
  expect(text).toContain(`/verify/${plain}`);

  const response = await open(page, `/verify/${plain}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["cache-control"]).toBe("no-store");
  const result = page.getByTestId("verify-result");
  await expect(result).toHaveAttribute("data-state", "valid");
  await expect(result).toContainText("Dieser Einsatznachweis ist echt.");
  await expect(page.getByTestId("verify-hours")).toHaveText(hours);
  await expectAxeClean(page, "/verify (valid)");
  await expectNoHorizontalScroll(page, "/verify");

  // an unknown code is a 404 that says so
  const unknown = await open(page, "/verify/AAAAAAAAAAAAAAAAAAAA");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByTestId("verify-result")).toContainText("Diesen Prüfcode kennen wir nicht.");
  await context.close();
});

test("without JavaScript: a bad period gets a field message, a certificate is issued, and once revoked it verifies as revoked", async ({ browser, baseURL }) => {
  const { context, page } = await asVolunteer(browser, baseURL, false);
  await open(page, "/me/certificate");
  const before = await page.getByTestId("certificate").count();
  const main = page.getByRole("main");
  await main.getByLabel("Von").fill("2026-06-01");
  await main.getByLabel("Bis").fill("2026-01-01");
  await main.getByRole("button", { name: "Nachweis erstellen" }).click();
  await expect(main.getByText("Das Enddatum darf nicht vor dem Anfangsdatum liegen.")).toBeVisible();
  await expect(page.getByTestId("certificate")).toHaveCount(before);

  // a period without confirmed hours: a message, no certificate
  await main.getByLabel("Von").fill("2001-01-01");
  await main.getByLabel("Bis").fill("2001-12-31");
  await main.getByRole("button", { name: "Nachweis erstellen" }).click();
  await expect(main.getByText("In diesem Zeitraum gibt es bei den gewählten Organisationen keine bestätigten Stunden.")).toBeVisible();
  await expect(page.getByTestId("certificate")).toHaveCount(before);

  await open(page, "/me/certificate");
  await main.getByRole("button", { name: "Nachweis erstellen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Dein Einsatznachweis ist erstellt." })).toBeVisible();
  await expect(page.getByTestId("certificate")).toHaveCount(before + 1);
  const newest = page.getByTestId("certificate").first();
  const code = (await newest.getByTestId("certificate-code").textContent())!.trim();
  await newest.getByRole("button", { name: `Nachweis ${code} widerrufen` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Der Einsatznachweis ist widerrufen." })).toBeVisible();

  const response = await open(page, `/verify/${code}`);
  expect(response?.status()).toBe(410);
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-state", "revoked");
  await expect(page.getByTestId("verify-result")).toContainText("Dieser Einsatznachweis wurde widerrufen.");
  // nothing of the certificate itself (name, organisations, hours)
  await expect(page.getByTestId("verify-result").locator("dd")).toHaveCount(0);
  await context.close();
});
