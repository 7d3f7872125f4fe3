/**
 * Flags, audit views and administration (issue 9): an anonymous visitor flags a published Aarau listing → the
 * flag is in the Aarau coordinator's queue → the coordinator resolves it (no JavaScript needed) → the resolution
 * is in the audit log. axe and 390 px on the new pages (flag form, audit views, people and roles), and the
 * Gemeinden filter box on a region page.
 */
import { expect as baseExpect, test } from "@playwright/test";
import { signedInAs } from "./helpers";
import { expectAxeClean, expectNoHorizontalScroll } from "./checks";

const expect = baseExpect.configure({ timeout: 30_000 });

const ORG_SLUG = "verein-treffpunkt-welt-aarau";
const AARAU = "koordination.rif-region-aarau@mitenand.example";
const ADMIN = "admin@mitenand.example";

test("an anonymous flag appears in the Aarau queue, is resolved without JavaScript and is in the audit log", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const message = `Die Telefonnummer stimmt nicht ${Date.now().toString(36)}`;

  // an anonymous visitor opens a published listing of an Aarau organisation and reports it
  const visitorContext = await browser.newContext({ baseURL, locale: "de-CH" });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/orgs/${ORG_SLUG}`);
  await visitor.getByRole("main").locator('a[href^="/opportunities/"]').first().click();
  await expect(visitor).toHaveURL(/\/opportunities\/\d+$/);
  const id = Number(/\/opportunities\/(\d+)$/.exec(visitor.url())![1]);
  // the URL changes before the new page has rendered: wait for the listing's own link, then read its title
  await expect(visitor.getByRole("link", { name: "Problem mit diesem Einsatz melden" })).toBeVisible();
  const title = (await visitor.getByRole("heading", { level: 1 }).textContent())!.trim();
  await visitor.getByRole("link", { name: "Problem mit diesem Einsatz melden" }).click();
  await expect(visitor).toHaveURL(new RegExp(`/opportunities/${id}/flag$`));
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Einsatz melden");
  await expectAxeClean(visitor, "/opportunities/:id/flag");
  await expectNoHorizontalScroll(visitor, "/opportunities/:id/flag");
  await visitor.getByRole("button", { name: "Meldung senden" }).click();
  await expect(visitor.getByRole("main")).toContainText("Bitte beschreibe das Problem.");
  await expectAxeClean(visitor, "/opportunities/:id/flag with errors");
  await visitor.getByRole("radio", { name: "Falsche Angaben" }).check();
  await visitor.getByLabel("Deine Nachricht").fill(message);
  await visitor.getByRole("button", { name: "Meldung senden" }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Danke für deine Meldung");
  await visitorContext.close();

  // the Aarau coordinator finds it among the flags of the queue and resolves it, here without JavaScript
  const aarau = await signedInAs(browser, baseURL, AARAU);
  const coordinator = aarau.page;
  await coordinator.goto("/coordinator?kind=flag");
  const item = coordinator.getByTestId("queue-item").filter({ hasText: title });
  await expect(item).toContainText("Meldung");
  await item.getByRole("link", { name: title }).click();
  await expect(coordinator).toHaveURL(new RegExp(`/coordinator/opportunities/${id}$`));
  const flag = coordinator.getByTestId("open-flag").filter({ hasText: message });
  await expect(flag).toContainText("Falsche Angaben");
  await expectAxeClean(coordinator, "/coordinator/opportunities/:id with flags");
  await expectNoHorizontalScroll(coordinator, "/coordinator/opportunities/:id with flags");
  // the resolution itself with JavaScript off: a plain POST form
  const noJs = await browser.newContext({ baseURL, locale: "de-CH", javaScriptEnabled: false, storageState: await aarau.context.storageState() });
  const plain = await noJs.newPage();
  await plain.goto(`/coordinator/opportunities/${id}`);
  const plainFlag = plain.getByTestId("open-flag").filter({ hasText: message });
  await plainFlag.getByLabel("Ergebnis").selectOption("edited");
  await plainFlag.getByLabel("Notiz (nötig beim Zurückziehen: die Organisation erhält sie als Grund)").fill("Nummer korrigiert.");
  await plainFlag.getByRole("button", { name: "Meldung erledigen" }).click();
  await expect(plain.getByText("Die Meldung ist erledigt.")).toBeVisible();
  await expect(plain.getByTestId("open-flag").filter({ hasText: message })).toHaveCount(0);
  await expect(plain.getByRole("main")).toContainText("Einsatz wurde angepasst");
  await noJs.close();

  // the coordinator's audit view shows the resolution
  await coordinator.goto("/coordinator/audit?kind=flag");
  await expect(coordinator.getByTestId("audit-entry").filter({ hasText: title }).first()).toContainText("Meldung erledigt");
  await expectAxeClean(coordinator, "/coordinator/audit");
  await expectNoHorizontalScroll(coordinator, "/coordinator/audit");
  await aarau.context.close();
});

test("admin pages: the audit log with filters, people and roles, and the Gemeinden filter of a region", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const admin = await signedInAs(browser, baseURL, ADMIN);
  const page = admin.page;

  await page.goto("/admin");
  await page.getByRole("link", { name: "Protokoll der Entscheide und Änderungen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Protokoll");
  await expectAxeClean(page, "/admin/audit");
  await expectNoHorizontalScroll(page, "/admin/audit");
  await page.getByLabel("Art").selectOption("other");
  await page.getByRole("button", { name: "Filtern" }).click();
  await expect(page).toHaveURL(/kind=other/);

  await page.goto("/admin");
  await page.getByRole("link", { name: "Personen und Rollen" }).click();
  await page.getByLabel("E-Mail oder Name").fill("koordination.rif-region-aarau");
  await page.getByRole("button", { name: "Suchen" }).click();
  await page.getByTestId("user-results").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/admin\/users\/\d+$/);
  await expect(page.getByTestId("user-regions")).toContainText("RIF Region Aarau");
  // the form to add a region offers the regions this person does not coordinate yet
  const addRegion = page.getByLabel("Koordination einer Region hinzufügen");
  await expect(addRegion).toHaveAttribute("name", "regionId");
  await expect(addRegion.locator("option", { hasText: "RIF Region Baden" })).toHaveCount(1);
  await expect(addRegion.locator("option", { hasText: "RIF Region Aarau" })).toHaveCount(0);
  await expect(page.locator("form").filter({ has: addRegion }).getByRole("button", { name: "Hinzufügen" })).toBeVisible();
  await expectAxeClean(page, "/admin/users/:id");
  await expectNoHorizontalScroll(page, "/admin/users/:id");
  await page.goto("/admin/users?q=mitenand.example");
  await expectAxeClean(page, "/admin/users");
  await expectNoHorizontalScroll(page, "/admin/users");

  // the type-to-filter box narrows the Gemeinden (with JavaScript; hidden boxes keep their state)
  await page.goto("/admin/regions/rif-region-aarau");
  const filter = page.getByLabel("Gemeinden filtern");
  await filter.fill("buchs");
  await expect(page.getByRole("checkbox", { name: "Buchs (AG)", exact: true })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Aarau", exact: true })).toBeHidden();
  await expect(page.getByText(/Gemeinden? pass/)).toBeVisible();
  await expectAxeClean(page, "/admin/regions/:slug filtered");
  await filter.fill("");
  await expect(page.getByRole("checkbox", { name: "Aarau", exact: true })).toBeVisible();
  await admin.context.close();
});
