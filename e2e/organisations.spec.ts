/**
 * Organisations: a new user creates an organisation, invites an editor who accepts by the mailed link, creates
 * a weekly conversation group and a one-off Atelier and submits both; drafts stay private; the editor sees them
 * on the dashboard. Creating an opportunity also works without JavaScript. axe checks the pages in de and en.
 */
import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_OWNER, logIn, readLatestMail, signedInAs, signUpAndVerify, uniqueEmail } from "./helpers";
import { expectAxeClean } from "./checks";

// the machine running the journeys is shared and slow at times: a save may take more than the default 10 s
const expect = baseExpect.configure({ timeout: 30_000 });

const PASSWORD = "Treffpunkt-Aarau-2026";
const DEMO_SLUG = DEMO_OWNER.slug;

/** The Zurich calendar date `days` from today, as a date input wants it. */
function zurichDate(days: number) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [y, m, d] = today.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

async function newUser(browser: Browser, baseURL: string | undefined, { javaScriptEnabled = true, label = "org" } = {}) {
  const context = await browser.newContext({ baseURL, locale: "de-CH", javaScriptEnabled });
  const page = await context.newPage();
  const email = uniqueEmail(label);
  await signUpAndVerify(page, { name: `Person ${label}`, email, password: PASSWORD });
  await logIn(page, email, PASSWORD);
  return { context, page, email };
}

/**
 * Through the landing page's "Für Organisationen" card and /orgs/new (a person without an organisation has no
 * "Meine Organisationen" in the menu); returns the new organisation's slug.
 */
async function createOrganisation(page: Page, name: string) {
  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Für Organisationen" }).click();
  const main = page.getByRole("main");
  await main.getByLabel("Name der Organisation").fill(name);
  await main.getByLabel("Art der Organisation").selectOption("verein");
  await main.getByLabel("Gemeinde").selectOption({ label: "Aarau" });
  await main.getByLabel("Beschreibung").fill("Wir bringen Menschen zusammen.\n\nJeden Dienstag im Quartierzentrum.");
  await main.getByLabel("Website").fill("www.zaeme-aarau.ch");
  await main.getByRole("button", { name: "Organisation erfassen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Die Organisation ist erfasst." })).toBeVisible();
  await expect(page).toHaveURL(/\/orgs\/[a-z0-9-]+\/manage$/);
  return /\/orgs\/([a-z0-9-]+)\/manage$/.exec(page.url())![1];
}

async function fillBasics(page: Page, { title, category }: { title: string; category: string }) {
  const main = page.getByRole("main");
  await main.getByLabel("Titel", { exact: true }).fill(title);
  await main.getByLabel("Kurzbeschreibung").fill("Gemeinsam Deutsch sprechen und einander kennenlernen.");
  await main.getByLabel("Beschreibung", { exact: true }).fill("Wir treffen uns in kleinen Gruppen.\n\nMehr auf https://example.org/info.");
  await main.getByLabel("Kategorie").selectOption({ label: category });
  await main.getByLabel("Stichwörter").fill("Deutsch, Begegnung");
}

async function saveDraft(page: Page) {
  await page.getByRole("main").getByRole("button", { name: "Entwurf speichern" }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "Der Entwurf ist gespeichert." })).toBeVisible();
  await expect(page).toHaveURL(/\/opportunities\/\d+\/preview$/);
  return Number(/\/opportunities\/(\d+)\/preview$/.exec(page.url())![1]);
}

async function submitFromPreview(page: Page) {
  await page.getByRole("main").getByRole("button", { name: "Zur Prüfung einreichen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Der Einsatz ist zur Prüfung eingereicht." })).toBeVisible();
  await expect(page).toHaveURL(/\/manage$/);
}

test("an organisation invites an editor, posts a weekly group and a one-off Atelier, and submits both", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  // the editor-to-be has an account already: the newest mail to them will be the invitation
  const editor = await newUser(browser, baseURL, { label: "editor" });
  const owner = await newUser(browser, baseURL, { label: "owner" });
  const page = owner.page;
  const orgName = `Verein Zäme ${Date.now().toString(36)}`;
  const slug = await createOrganisation(page, orgName);
  expect(slug).toMatch(/^verein-zaeme-/);

  // invite the editor
  await page.getByRole("navigation", { name: "Organisation verwalten" }).getByRole("link", { name: "Mitglieder" }).click();
  await page.getByRole("main").getByLabel("E-Mail-Adresse", { exact: true }).fill(editor.email);
  await expect(page.getByRole("radio", { name: /^Redaktion/ })).toBeChecked();
  await page.getByRole("button", { name: "Einladung senden" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Die Einladung ist verschickt." })).toBeVisible();
  await expect(page.getByTestId("invitation-row")).toContainText(editor.email);

  // a weekly conversation group, Tuesdays 18:30–20:00
  await page.getByRole("link", { name: "Übersicht" }).click();
  await page.getByRole("link", { name: "Neuer Einsatz" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Neuer Einsatz");
  await fillBasics(page, { title: "Konversationsgruppe am Dienstag", category: "Konversationsgruppe" });
  await page.getByRole("radio", { name: "Jede Woche am gleichen Tag" }).check();
  // with JavaScript only the chosen schedule section is shown
  await expect(page.getByTestId("schedule-one_off")).toBeHidden();
  const weekly = page.getByTestId("schedule-recurring");
  await weekly.getByLabel("Wochentag").selectOption({ label: "Dienstag" });
  await weekly.getByLabel("Beginn").fill("18:30");
  await weekly.getByLabel("Ende").fill("20:00");
  await weekly.getByLabel("Plätze").fill("8");
  await weekly.getByLabel("Erster Termin ab").fill(zurichDate(1));
  const groupId = await saveDraft(page);
  await expect(page.getByRole("main")).toContainText("Jeden Dienstag, 18:30–20:00 Uhr, 8 Plätze");
  const firstShift = page.locator(".shift-list li").first();
  await expect(firstShift).toContainText("Di.");
  await expect(firstShift).toContainText("18:30–20:00");
  await submitFromPreview(page);

  // a one-off Atelier with two dates
  await page.getByRole("link", { name: "Neuer Einsatz" }).click();
  await fillBasics(page, { title: "Nähatelier im Herbst", category: "Atelier" });
  const rows = page.getByTestId("shift-row");
  for (const [index, days] of [
    [0, 10],
    [1, 17],
  ]) {
    await rows.nth(index).getByLabel("Datum").fill(zurichDate(days));
    await rows.nth(index).getByLabel("Beginn").fill("14:00");
    await rows.nth(index).getByLabel("Ende").fill("17:00");
    await rows.nth(index).getByLabel("Plätze").fill("6");
  }
  const atelierId = await saveDraft(page);
  await expect(page.locator(".shift-list li")).toHaveCount(2);
  await submitFromPreview(page);
  const submitted = page.getByTestId("group-submitted");
  await expect(submitted.getByTestId("dashboard-row")).toHaveCount(2);

  // neither is public: an anonymous visitor gets a 404 for both
  const anonymous = await browser.newContext({ baseURL, locale: "de-CH" });
  for (const id of [groupId, atelierId]) {
    const response = await anonymous.request.get(`/opportunities/${id}`);
    expect(response.status(), `/opportunities/${id}`).toBe(404);
  }
  await anonymous.close();

  // the editor accepts through the link in the mail and sees both on the dashboard
  const mail = await readLatestMail(editor.page, editor.email, "/invitations/");
  expect(mail.subject).toContain(orgName);
  await editor.page.goto(mail.link);
  await expect(editor.page.getByRole("heading", { level: 1 })).toHaveText("Einladung");
  await expectAxeClean(editor.page, "/invitations/:token (de)");
  await editor.page.getByRole("button", { name: `Einladung von «${orgName}» annehmen` }).click();
  await expect(editor.page.getByRole("status").filter({ hasText: "Du gehörst jetzt zur Organisation." })).toBeVisible();
  await expect(editor.page).toHaveURL(new RegExp(`/orgs/${slug}/manage$`));
  const editorView = editor.page.getByTestId("group-submitted");
  await expect(editorView).toContainText("Konversationsgruppe am Dienstag");
  await expect(editorView).toContainText("Nähatelier im Herbst");
  // editors manage opportunities, not members
  await expect(editor.page.getByRole("navigation", { name: "Organisation verwalten" }).getByRole("link", { name: "Mitglieder" })).toHaveCount(0);
  expect((await editor.page.request.get(`/orgs/${slug}/manage/members`)).status()).toBe(403);

  // the owner sees the editor in the member list
  await page.getByRole("link", { name: "Mitglieder" }).click();
  await expect(page.getByTestId("member-row")).toHaveCount(2);

  await owner.context.close();
  await editor.context.close();
});

test("without JavaScript: all schedule sections are shown, a row can be added, errors come back per field", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const { context, page } = await newUser(browser, baseURL, { javaScriptEnabled: false, label: "nojs" });
  await createOrganisation(page, `Bibliothek Ohne Skript ${Date.now().toString(36)}`);
  await page.getByRole("link", { name: "Neuer Einsatz" }).click();
  for (const section of ["schedule-one_off", "schedule-recurring", "schedule-flexible"]) await expect(page.getByTestId(section)).toBeVisible();
  await expect(page.getByTestId("shift-row")).toHaveCount(3);

  await fillBasics(page, { title: "Aufgabenhilfe ohne Skript", category: "Lern- und Aufgabenhilfe" });
  await page.getByRole("button", { name: "Weitere Zeile" }).click();
  await expect(page.getByTestId("shift-row")).toHaveCount(4);
  await expect(page.getByRole("main").getByLabel("Titel", { exact: true })).toHaveValue("Aufgabenhilfe ohne Skript");

  const rows = page.getByTestId("shift-row");
  await rows.nth(0).getByLabel("Datum").fill(zurichDate(5));
  await rows.nth(0).getByLabel("Beginn").fill("16:00");
  await rows.nth(0).getByLabel("Ende").fill("15:00");
  await rows.nth(0).getByLabel("Plätze").fill("600");
  await rows.nth(3).getByLabel("Datum").fill(zurichDate(12));
  await rows.nth(3).getByLabel("Beginn").fill("16:00");
  await rows.nth(3).getByLabel("Ende").fill("17:30");
  await rows.nth(3).getByLabel("Plätze").fill("4");
  await page.getByRole("main").getByRole("button", { name: "Entwurf speichern" }).first().click();
  await expect(page.getByRole("alert").first()).toContainText("Bitte korrigiere 2 Felder.");
  await expect(rows.nth(0)).toContainText("Das Ende muss nach dem Beginn liegen.");
  await expect(rows.nth(0)).toContainText("Bitte gib eine Zahl von 1 bis 500 ein.");
  await expect(rows).toHaveCount(4);

  await rows.nth(0).getByLabel("Ende").fill("17:00");
  await rows.nth(0).getByLabel("Plätze").fill("5");
  await saveDraft(page);
  await expect(page.locator(".shift-list li")).toHaveCount(2);
  await page.getByRole("link", { name: "Bearbeiten" }).click();
  await expect(page.getByRole("main").getByLabel("Titel", { exact: true })).toHaveValue("Aufgabenhilfe ohne Skript");
  await submitFromPreviewAfterEdit(page);
  await context.close();
});

/** From the edit page back to the preview and submit there. */
async function submitFromPreviewAfterEdit(page: Page) {
  await page.getByRole("link", { name: "Vorschau ansehen" }).first().click();
  await submitFromPreview(page);
  await expect(page.getByTestId("group-submitted")).toContainText("Aufgabenhilfe ohne Skript");
}

for (const lang of ["de", "en"] as const) {
  test(`axe: the organisation pages and the opportunity form have no serious violations (${lang})`, async ({ browser, baseURL }) => {
    test.setTimeout(300_000);
    const { context, page } = await signedInAs(browser, baseURL, DEMO_OWNER.email, { locale: lang === "de" ? "de-CH" : "en-GB", redirectTo: "/orgs" });
    // logging in switches to the account's language (German); switch to the one under test
    if (lang === "en") await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", lang);

    const base = `/orgs/${DEMO_SLUG}/manage`;
    for (const path of ["/orgs", "/orgs/new", `/orgs/${DEMO_SLUG}`, base, `${base}/profile`, `${base}/members`, `${base}/opportunities/new`, "/invitations/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAxeClean(page, `${path} (${lang})`);
    }
    // a preview, and the form showing its errors
    await page.goto(base);
    const preview = await page.getByTestId("dashboard-row").first().getByRole("link").first().getAttribute("href");
    expect(preview).toMatch(/\/preview$/);
    await page.goto(preview!);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAxeClean(page, `preview (${lang})`);
    await page.goto(`${base}/opportunities/new`);
    await page.getByRole("main").getByLabel(lang === "de" ? "Titel" : "Title", { exact: true }).fill("x");
    await page.getByRole("main").getByRole("button", { name: lang === "de" ? "Entwurf speichern" : "Save draft" }).first().click();
    await expect(page.getByRole("alert").first()).toBeVisible();
    await expectAxeClean(page, `form with errors (${lang})`);
    await context.close();
  });
}
