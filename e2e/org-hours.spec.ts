/**
 * The organisation's side of hours and certificates (issue 10), with the demo accounts, with JavaScript on and
 * off: freiwillig1 reports hours for the flexible engagement of the demo scene; the organisation's owner corrects
 * and confirms them on /orgs/:slug/manage/opportunities/:id/hours (the volunteer then sees the corrected hours);
 * freiwillig1 issues a certificate, the owner revokes it on /orgs/:slug/manage/certificates, and /verify says
 * "revoked". axe (no serious or critical violations) and no horizontal scroll at 390 px on both pages, before and
 * after the change (in the JavaScript-on run: without JavaScript the server sends the same HTML).
 */
import { expect as baseExpect, test, type Browser } from "@playwright/test";
import { DEMO_PASSWORD, logIn, open } from "./helpers";
import { expectAxeClean, expectNoHorizontalScroll } from "./checks";

const expect = baseExpect.configure({ timeout: 30_000 });
const VOLUNTEER = "freiwillig1@mitenand.example";

// both journeys change freiwillig1's reports and certificates: one after the other
test.describe.configure({ mode: "serial" });

async function signedIn(browser: Browser, baseURL: string | undefined, email: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ baseURL, locale: "de-CH", javaScriptEnabled });
  const page = await context.newPage();
  await logIn(page, email, DEMO_PASSWORD);
  return { context, page };
}

for (const javaScriptEnabled of [true, false]) {
  test(`the organisation corrects and confirms reported hours and revokes a certificate (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser, baseURL }) => {
    // two people, four page changes and (with JavaScript) four axe runs on 2 shared cores
    test.setTimeout(240_000);
    const note = `E2E ${javaScriptEnabled ? "mit" : "ohne"} JS ${Math.random().toString(36).slice(2, 8)}`;

    // freiwillig1 reports 2,5 hours on the flexible engagement of the demo scene
    const volunteer = await signedIn(browser, baseURL, VOLUNTEER, javaScriptEnabled);
    const v = volunteer.page;
    await open(v, "/me/signups");
    await v.getByTestId("my-signup").filter({ hasText: "flexibel, nach Absprache" }).first().getByRole("link").click();
    await expect(v.getByRole("heading", { name: "Stunden melden", level: 2 })).toBeVisible();
    const signupPath = new URL(v.url()).pathname;
    const report = v.getByRole("region", { name: "Stunden melden" });
    await report.getByLabel("Stunden", { exact: true }).fill("2,5");
    await report.getByLabel("Notiz (freiwillig)").fill(note);
    await report.getByRole("button", { name: "Stunden melden" }).click();
    await expect(v.getByRole("status").filter({ hasText: "Deine Stunden sind gemeldet." })).toBeVisible();
    await expect(v.getByTestId("hours-report").filter({ hasText: note })).toContainText("offen");

    // which opportunity and organisation: from the sign-up's link to the listing, and the listing's to the organisation
    const opportunityHref = (await v.getByRole("main").locator('dd a[href^="/opportunities/"]').first().getAttribute("href"))!;
    const opportunityId = /^\/opportunities\/(\d+)$/.exec(opportunityHref)![1];
    await open(v, opportunityHref);
    const slug = /^\/orgs\/([a-z0-9-]+)$/.exec((await v.getByRole("main").locator('a[href^="/orgs/"]').first().getAttribute("href"))!)![1];

    // the owner corrects the hours to 2 and confirms
    const owner = await signedIn(browser, baseURL, `${slug}@mitenand.example`, javaScriptEnabled);
    const o = owner.page;
    const hoursPage = `/orgs/${slug}/manage/opportunities/${opportunityId}/hours`;
    const response = await open(o, hoursPage);
    expect(response?.status()).toBe(200);
    await expect(o.getByRole("heading", { level: 1 })).toContainText("Gemeldete Stunden");
    const row = o.getByTestId("hours-report").filter({ hasText: note });
    // Swiss German writes 2.5
    await expect(row).toContainText("2.5");
    if (javaScriptEnabled) await expectAxeClean(o, hoursPage);
    if (javaScriptEnabled) await expectNoHorizontalScroll(o, hoursPage);
    await row.getByRole("textbox", { name: /^Bestätigte Stunden für / }).fill("2");
    await row.getByRole("button", { name: "Bestätigen" }).click();
    await expect(o.getByRole("status").filter({ hasText: "Die Stunden sind bestätigt." })).toBeVisible();
    await expect(row).toContainText("bestätigt (bestätigt: 2)");
    await expect(row.getByRole("button")).toHaveCount(0);
    if (javaScriptEnabled) await expectAxeClean(o, `${hoursPage} (after confirming)`);

    // the volunteer sees the corrected hours
    await open(v, signupPath);
    await expect(v.getByTestId("hours-report").filter({ hasText: note })).toContainText("bestätigt (bestätigt: 2)");

    // freiwillig1 issues a certificate; it names the organisation, whose owner revokes it
    await open(v, "/me/certificate");
    await v.getByRole("main").getByRole("button", { name: "Nachweis erstellen" }).click();
    await expect(v.getByRole("status").filter({ hasText: "Dein Einsatznachweis ist erstellt." })).toBeVisible();
    const code = (await v.getByTestId("certificate").first().getByTestId("certificate-code").textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){4}$/);

    const certificatesPage = `/orgs/${slug}/manage/certificates`;
    expect((await open(o, certificatesPage))?.status()).toBe(200);
    await expect(o.getByRole("heading", { level: 1 })).toContainText("Einsatznachweise");
    const certificate = o.getByTestId("org-certificate").filter({ hasText: code });
    await expect(certificate).toHaveCount(1);
    if (javaScriptEnabled) await expectAxeClean(o, certificatesPage);
    if (javaScriptEnabled) await expectNoHorizontalScroll(o, certificatesPage);
    await certificate.getByRole("button", { name: `Nachweis ${code} widerrufen` }).click();
    await expect(o.getByRole("status").filter({ hasText: "Der Einsatznachweis ist widerrufen." })).toBeVisible();
    await expect(certificate).toContainText("widerrufen");
    await expect(certificate.getByRole("button")).toHaveCount(0);
    if (javaScriptEnabled) await expectAxeClean(o, `${certificatesPage} (after revoking)`);

    const verify = await open(v, `/verify/${code.replace(/-/g, "")}`);
    expect(verify?.status()).toBe(410);
    await expect(v.getByTestId("verify-result")).toHaveAttribute("data-state", "revoked");

    await owner.context.close();
    await volunteer.context.close();
  });
}
