/**
 * Sign-ups, with the demo accounts: a volunteer signs up for a shift the organisation confirms, the organisation
 * confirms on its sign-up page, the confirmation email (with the calendar link) arrives; a full shift puts the
 * next volunteer on the waitlist and a cancellation promotes the first in line (without JavaScript). axe on the
 * new pages (in the journey with JavaScript: axe runs as a script in the page).
 */
import { expect as baseExpect, test, type Browser } from "@playwright/test";
import { logIn, open, readLatestMail } from "./helpers";
import { expectAxeClean } from "./checks";

const expect = baseExpect.configure({ timeout: 30_000 });
const DEMO_PASSWORD = "Mitenand-Demo-2026";

// both journeys change the demo sign-ups: one after the other
test.describe.configure({ mode: "serial" });

async function asUser(browser: Browser, baseURL: string | undefined, email: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ baseURL, locale: "de-CH", javaScriptEnabled });
  const page = await context.newPage();
  await logIn(page, email, DEMO_PASSWORD);
  return { context, page };
}

test("a volunteer signs up, the organisation confirms, the confirmation email arrives", async ({ browser, baseURL }) => {
  // two accounts, four axe runs and the mailbox: ≈ 35 s on a quiet machine, over 90 s at load 20
  test.setTimeout(180_000);
  const volunteer = await asUser(browser, baseURL, "freiwillig4@mitenand.example");
  const page = volunteer.page;
  await open(page, "/opportunities?q=Velofahren");
  await page.getByRole("main").getByRole("link", { name: "Velofahren lernen für Frauen" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Velofahren lernen für Frauen");
  const opportunityUrl = page.url();
  await expectAxeClean(page, "opportunity page with the sign-up box");

  const box = page.locator("[data-slot=signup]");
  await box.getByRole("group", { name: "Termine wählen" }).getByRole("checkbox").first().check();
  await box.getByLabel("Nachricht an die Organisation (freiwillig)").fill("Ich fahre selbst gern Velo.");
  await box.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Deine Anmeldung ist eingegangen" })).toBeVisible();
  await expect(page).toHaveURL(/\/me\/signups\/\d+$/);
  await expect(page.getByRole("main").getByText("Wartet auf Bestätigung")).toBeVisible();
  await expectAxeClean(page, "/me/signups/:id");
  const signupUrl = page.url();

  // the opportunity page now shows the volunteer's own status (a fresh rendering: signed in)
  await open(page, opportunityUrl);
  await expect(page.locator("[data-slot=signup]").getByText("Du bist angemeldet:")).toBeVisible();

  const owner = await asUser(browser, baseURL, "verein-familientreff-windisch@mitenand.example");
  await open(owner.page, "/orgs/verein-familientreff-windisch/manage");
  await owner.page.getByRole("link", { name: "Anmeldungen: Velofahren lernen für Frauen" }).click();
  await expect(owner.page.getByRole("heading", { level: 1 })).toHaveText("Anmeldungen: Velofahren lernen für Frauen");
  await expectAxeClean(owner.page, "organisation sign-up page");
  const row = owner.page.getByTestId("manage-signup").filter({ hasText: "Ich fahre selbst gern Velo." });
  await row.getByRole("button", { name: /^Bestätigen/ }).click();
  await expect(owner.page.getByRole("status").filter({ hasText: "Die Anmeldung ist bestätigt." })).toBeVisible();
  await expect(owner.page.getByTestId("manage-signup").filter({ hasText: "Ich fahre selbst gern Velo." }).getByText("freiwillig4@mitenand.example")).toBeVisible();

  const mail = await readLatestMail(page.request, "freiwillig4@mitenand.example", "/calendar.ics");
  expect(mail.subject).toBe("Bestätigt: Velofahren lernen für Frauen");
  expect(mail.text).toContain(new URL(signupUrl).pathname);
  await open(page, signupUrl);
  await expect(page.getByRole("main").getByText("Bestätigt", { exact: true })).toBeVisible();
  await open(page, "/me/signups");
  await expect(page.getByTestId("my-signup").filter({ hasText: "Velofahren lernen für Frauen" })).toBeVisible();
  await expectAxeClean(page, "/me/signups");
  const ics = await page.request.get(`${new URL(signupUrl).pathname}/calendar.ics`);
  expect(ics.status()).toBe(200);
  expect(await ics.text()).toContain("BEGIN:VEVENT");
  await volunteer.context.close();
  await owner.context.close();
});

test("without JavaScript: a full shift waitlists the next volunteer, a cancellation promotes the first in line", async ({ browser, baseURL }) => {
  // freiwillig5 holds one place of the demo's full shift (freiwillig2 and freiwillig1 wait on positions 1 and 2)
  const holder = await asUser(browser, baseURL, "freiwillig5@mitenand.example", false);
  await open(holder.page, "/me/signups");
  await holder.page.getByTestId("my-signup").first().getByRole("link").click();
  await expect(holder.page.getByRole("main").getByText("Bestätigt", { exact: true })).toBeVisible();
  const opportunityPath = await holder.page.getByRole("main").locator("dd a[href^='/opportunities/']").getAttribute("href");
  expect(opportunityPath).toMatch(/^\/opportunities\/\d+$/);

  const next = await asUser(browser, baseURL, "freiwillig6@mitenand.example", false);
  await open(next.page, opportunityPath!);
  const box = next.page.locator("[data-slot=signup]");
  // freiwillig6 reads Mitenand in English
  await box.getByRole("checkbox", { name: /full – waitlist/ }).first().check();
  await box.getByRole("button", { name: "Sign up" }).click();
  await expect(next.page.getByRole("status").filter({ hasText: "All places are taken: you are on the waitlist." })).toBeVisible();
  await expect(next.page.getByRole("main").getByText("Waitlist: position 3")).toBeVisible();
  const nextSignup = next.page.url();

  await holder.page.getByLabel("Grund (freiwillig, die Organisation sieht ihn)").fill("Ich bin leider krank.");
  await holder.page.getByRole("main").getByRole("button", { name: "Abmelden" }).click();
  await expect(holder.page.getByRole("status").filter({ hasText: "Du bist abgemeldet." })).toBeVisible();
  await expect(holder.page.getByRole("main").getByText("Abgesagt", { exact: true })).toBeVisible();

  // position 1 (freiwillig2) has the place now and was told; freiwillig6 moved up to position 2
  const promoted = await readLatestMail(holder.page.request, "freiwillig2@mitenand.example", "/me/signups/");
  expect(promoted.subject).toMatch(/^Ein Platz ist frei geworden: /);
  await open(next.page, nextSignup);
  await expect(next.page.getByRole("main").getByText("Waitlist: position 2")).toBeVisible();
  await holder.context.close();
  await next.context.close();
});

/**
 * The organisation of the demo's full shift (found through freiwillig1, who waits on it): its owner's account is
 * the organisation's slug at the demo mail domain.
 */
async function fullShiftOrganisation(browser: Browser, baseURL: string | undefined) {
  const waiting = await asUser(browser, baseURL, "freiwillig1@mitenand.example", false);
  await open(waiting.page, "/me/signups");
  await waiting.page.getByTestId("my-signup").filter({ hasText: "Warteliste" }).first().getByRole("link").first().click();
  const opportunityPath = await waiting.page.getByRole("main").locator("dd a[href^='/opportunities/']").getAttribute("href");
  await open(waiting.page, opportunityPath!);
  const orgPath = await waiting.page.getByRole("main").locator("a[href^='/orgs/']").first().getAttribute("href");
  await waiting.context.close();
  const slug = orgPath!.split("/")[2]!;
  return { slug, signupsPath: `/orgs/${slug}/manage${opportunityPath}/signups`, ownerEmail: `${slug}@mitenand.example` };
}

for (const javaScriptEnabled of [true, false]) {
  test(`the organisation moves a waitlisted volunteer up and messages the confirmed volunteers (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser, baseURL }) => {
    const { signupsPath, ownerEmail } = await fullShiftOrganisation(browser, baseURL);
    const owner = await asUser(browser, baseURL, ownerEmail, javaScriptEnabled);
    const page = owner.page;
    await open(page, signupsPath);
    const card = page.getByTestId("manage-shift").filter({ has: page.getByRole("button", { name: /^Nachrücken/ }) }).first();
    await expect(card).toBeVisible();

    // the last in line moves to position 1
    const waitlisted = card.getByTestId("manage-signup").filter({ hasText: /Warteliste: Platz \d+/ });
    const count = await waitlisted.count();
    expect(count).toBeGreaterThanOrEqual(2);
    const last = waitlisted.nth(count - 1);
    const name = (await last.locator("td").first().innerText()).split("\n")[0]!.trim();
    await last.getByRole("button", { name: /^Nachrücken/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "Die Person steht jetzt zuoberst auf der Warteliste." })).toBeVisible();
    const movedCard = page.getByTestId("manage-shift").filter({ has: page.getByRole("button", { name: /^Nachrücken/ }) }).first();
    await expect(movedCard.getByTestId("manage-signup").filter({ hasText: name }).getByText("Warteliste: Platz 1")).toBeVisible();

    // an empty message is a field message, a real one goes to every confirmed volunteer and is logged
    const text = `Treffpunkt beim Haupteingang (${javaScriptEnabled ? "mit" : "ohne"} JavaScript).`;
    await movedCard.locator("summary").filter({ hasText: /^Nachricht an/ }).click();
    await movedCard.getByRole("button", { name: "Nachricht senden" }).click();
    const again = page.getByTestId("manage-shift").filter({ has: page.getByRole("button", { name: /^Nachrücken/ }) }).first();
    await expect(again.getByText("Bitte schreib eine Nachricht.")).toBeVisible();
    await again.getByLabel("Nachricht", { exact: true }).fill(text);
    await again.getByRole("button", { name: "Nachricht senden" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Die Nachricht ist unterwegs" })).toBeVisible();
    await expect(page.getByTestId("shift-message").filter({ hasText: text })).toBeVisible();
    // axe runs as a script in the page: with JavaScript on
    if (javaScriptEnabled) await expectAxeClean(page, "organisation sign-up page with move-up, messages and their log");

    // freiwillig3 is confirmed on the full shift: the message arrives, in German, with a link to the sign-up
    const mail = await readLatestMail(page.request, "freiwillig3@mitenand.example", "/me/signups/");
    expect(mail.subject).toMatch(/^Nachricht von /);
    expect(mail.text).toContain(text);
    await owner.context.close();
  });
}
