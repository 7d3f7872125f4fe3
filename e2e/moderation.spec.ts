/**
 * Moderation, the core loop: an organisation submits → the Aarau coordinator requests changes with a reason →
 * the organisation sees the reason, edits and resubmits → the coordinator sees the diff and approves (this step
 * without JavaScript) → the listing is public and found by search. An edit of the published listing keeps the
 * old text public until approved. The Baden coordinator can neither see nor open it. axe and 390 px on the new
 * pages (queue, review, admin, regions, verification).
 */
import { expect as baseExpect, test } from "@playwright/test";
import { DEMO_OWNER, signedInAs as signedIn } from "./helpers";
import { expectAxeClean, expectNoHorizontalScroll } from "./checks";

const expect = baseExpect.configure({ timeout: 30_000 });

const OWNER = DEMO_OWNER.email;
const SLUG = DEMO_OWNER.slug;
const AARAU = "koordination.rif-region-aarau@mitenand.example";
const BADEN = "koordination.rif-region-baden@mitenand.example";

function zurichDate(days: number) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [y, m, d] = today.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

test("submit → changes requested → edit and resubmit → approved without JS → public and searchable; edits wait for review", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const word = `Zaemeglueck${Date.now().toString(36).replace(/\d/g, "")}`;
  const title = `Lesepatenschaft ${word}`;

  // the organisation writes and submits a one-off opportunity in Aarau
  const owner = await signedIn(browser, baseURL, OWNER);
  const org = owner.page;
  await org.goto(`/orgs/${SLUG}/manage/opportunities/new`);
  const form = org.getByRole("main");
  await form.getByLabel("Titel", { exact: true }).fill(title);
  await form.getByLabel("Kurzbeschreibung").fill("Du liest mit Kindern Bücher auf Deutsch.");
  await form.getByLabel("Beschreibung", { exact: true }).fill("Einmal pro Woche in der Bibliothek.");
  await form.getByLabel("Kategorie").selectOption({ label: "Lern- und Aufgabenhilfe" });
  await form.getByLabel("Gemeinde").selectOption({ label: "Aarau" });
  const row = org.getByTestId("shift-row").first();
  await row.getByLabel("Datum").fill(zurichDate(9));
  await row.getByLabel("Beginn").fill("14:00");
  await row.getByLabel("Ende").fill("16:00");
  await row.getByLabel("Plätze").fill("3");
  await form.getByRole("button", { name: "Entwurf speichern" }).first().click();
  await expect(org).toHaveURL(/\/opportunities\/\d+\/preview$/);
  const id = Number(/\/opportunities\/(\d+)\/preview$/.exec(org.url())![1]);
  await org.getByRole("main").getByRole("button", { name: "Zur Prüfung einreichen" }).click();
  await expect(org.getByRole("status").filter({ hasText: "Der Einsatz ist zur Prüfung eingereicht." })).toBeVisible();

  // the Aarau coordinator finds it in the queue and asks for changes
  const aarau = await signedIn(browser, baseURL, AARAU);
  const coordinator = aarau.page;
  await coordinator.getByRole("banner").getByRole("link", { name: "Prüfung" }).click();
  await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText("Prüfung");
  const item = coordinator.getByTestId("queue-item").filter({ hasText: title });
  await expect(item).toContainText("Neu eingereicht");
  await expectAxeClean(coordinator, "/coordinator");
  await expectNoHorizontalScroll(coordinator, "/coordinator");
  await item.getByRole("link", { name: title }).click();
  await expect(coordinator).toHaveURL(new RegExp(`/coordinator/opportunities/${id}$`));
  await expect(coordinator.getByRole("heading", { name: title })).toBeVisible();
  await expectAxeClean(coordinator, "/coordinator/opportunities/:id");
  await expectNoHorizontalScroll(coordinator, "/coordinator/opportunities/:id");
  await coordinator.getByRole("radio", { name: "Änderungen wünschen" }).check();
  await coordinator.getByRole("button", { name: "Entscheid speichern" }).click();
  await expect(coordinator.getByRole("main")).toContainText("Bitte gib eine Begründung an");
  await coordinator.getByLabel("Begründung").fill("Bitte nennt das Alter der Kinder.");
  await coordinator.getByRole("button", { name: "Entscheid speichern" }).click();
  await expect(coordinator.getByRole("status").filter({ hasText: "Der Entscheid ist gespeichert" })).toBeVisible();
  await expect(coordinator.getByTestId("queue-item").filter({ hasText: title })).toHaveCount(0);

  // Baden's coordinator neither sees nor opens it
  const baden = await signedIn(browser, baseURL, BADEN);
  await baden.page.goto("/coordinator");
  await expect(baden.page.getByRole("heading", { level: 1 })).toHaveText("Prüfung");
  expect((await baden.page.request.get(`/coordinator/opportunities/${id}`)).status()).toBe(403);
  await baden.context.close();

  // the organisation sees the reason, edits and resubmits
  await org.goto(`/orgs/${SLUG}/manage`);
  const sentBack = org.getByTestId("group-changes_requested").getByTestId("dashboard-row").filter({ hasText: title });
  await expect(sentBack.getByTestId("moderation-note")).toContainText("Bitte nennt das Alter der Kinder.");
  await sentBack.getByRole("link", { name: `Bearbeiten: ${title}` }).click();
  await org.getByRole("main").getByLabel("Kurzbeschreibung").fill("Du liest mit Kindern von 6 bis 9 Jahren Bücher auf Deutsch.");
  await org.getByRole("main").getByRole("button", { name: "Speichern" }).first().click();
  await expect(org).toHaveURL(/\/preview$/);
  await org.getByRole("main").getByRole("button", { name: "Zur Prüfung einreichen" }).click();
  await expect(org.getByRole("status").filter({ hasText: "Der Einsatz ist zur Prüfung eingereicht." })).toBeVisible();

  // the coordinator approves without JavaScript, seeing what changed
  const noJs = await browser.newContext({ baseURL, locale: "de-CH", javaScriptEnabled: false, storageState: await aarau.context.storageState() });
  const plain = await noJs.newPage();
  await plain.goto("/coordinator?kind=resubmission");
  await plain.getByTestId("queue-item").filter({ hasText: title }).getByRole("link", { name: title }).click();
  const diff = plain.getByTestId("diff");
  await expect(diff).toContainText("Kurzbeschreibung");
  await expect(diff).toContainText("6 bis 9 Jahren");
  await expect(plain.getByRole("radio", { name: "Freigeben und veröffentlichen" })).toBeChecked();
  await plain.getByRole("button", { name: "Entscheid speichern" }).click();
  await expect(plain.getByRole("status").filter({ hasText: "Der Entscheid ist gespeichert" })).toBeVisible();
  await noJs.close();

  // public at once, and found by search
  const visitor = await browser.newContext({ baseURL, locale: "de-CH" });
  const publicPage = await visitor.newPage();
  await publicPage.goto(`/opportunities/${id}`);
  await expect(publicPage.getByRole("heading", { level: 1 })).toHaveText(title);
  await publicPage.goto(`/opportunities?q=${word}`);
  await expect(publicPage.getByRole("main").getByRole("link", { name: title }).first()).toBeVisible();

  // an edit of the published listing waits for review; the public keeps the old title until it is approved
  await org.goto(`/orgs/${SLUG}/manage/opportunities/${id}`);
  await expect(org.getByRole("main")).toContainText("Dieser Einsatz ist veröffentlicht.");
  await org.getByRole("main").getByLabel("Titel", { exact: true }).fill(`${title} neu`);
  await org.getByRole("main").getByRole("button", { name: "Speichern" }).first().click();
  await expect(org.getByRole("status").filter({ hasText: "Die Änderung ist zur Prüfung eingereicht." })).toBeVisible();
  await publicPage.goto(`/opportunities/${id}`);
  await expect(publicPage.getByRole("heading", { level: 1 })).toHaveText(title);

  await coordinator.goto("/coordinator?kind=revision");
  await coordinator.getByTestId("queue-item").filter({ hasText: title }).getByRole("link", { name: title }).click();
  await expect(coordinator.getByTestId("diff")).toContainText(`${title} neu`);
  await coordinator.getByRole("radio", { name: "Änderung freigeben" }).check();
  await coordinator.getByRole("button", { name: "Entscheid speichern" }).click();
  await expect(coordinator.getByRole("status").filter({ hasText: "Der Entscheid ist gespeichert" })).toBeVisible();
  await publicPage.goto(`/opportunities/${id}`);
  await expect(publicPage.getByRole("heading", { level: 1 })).toHaveText(`${title} neu`);

  await visitor.close();
  await aarau.context.close();
  await owner.context.close();
});

test("the admin pages: overview, regions, a region's Gemeinden by district (axe, 390 px)", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const admin = await signedIn(browser, baseURL, "admin@mitenand.example");
  const page = admin.page;
  await page.getByRole("banner").getByRole("link", { name: "Prüfung" }).click();
  await page.getByRole("main").getByRole("link", { name: "Kantonale Verwaltung" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kantonale Verwaltung");
  await expectAxeClean(page, "/admin");
  await page.getByRole("link", { name: "Regionen und ihre Gemeinden" }).click();
  await expect(page.getByTestId("region-row")).toHaveCount(8);
  await expectAxeClean(page, "/admin/regions");
  await expectNoHorizontalScroll(page, "/admin/regions");
  await page.getByRole("link", { name: "RIF Region Aarau" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("RIF Region Aarau");
  await expect(page.getByRole("checkbox", { name: "Aarau", exact: true })).toBeChecked();
  await expect(page.getByTestId("coordinator-row")).toContainText("koordination.rif-region-aarau@mitenand.example");
  await expectAxeClean(page, "/admin/regions/:slug");
  await expectNoHorizontalScroll(page, "/admin/regions/:slug");

  // verification page of an organisation (admins and the region's coordinators)
  await page.goto("/coordinator/organisations/verein-treffpunkt-welt-aarau");
  await expect(page.getByTestId("verification-state")).toContainText("Verifiziert seit");
  await expectAxeClean(page, "/coordinator/organisations/:slug");
  await expectNoHorizontalScroll(page, "/coordinator/organisations/:slug");
  await admin.context.close();
});
