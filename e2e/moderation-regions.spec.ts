/**
 * Regions decide whose queue a listing waits in: an admin moves a Gemeinde into RIF Region Baden (with the
 * type-to-filter box), then a submission from that Gemeinde waits in Baden's queue, not in its former region's.
 * The Gemeinde (Full-Reuenthal) is used by no other journey.
 */
import { expect, test } from "@playwright/test";
import { DEMO_OWNER, signedInAs } from "./helpers";

const ADMIN = "admin@mitenand.example";
const BADEN = "koordination.rif-region-baden@mitenand.example";

function zurichDate(days: number) {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Europe/Zurich" });
}

test("an admin moves a Gemeinde to another region: its next submission waits in the new region's queue", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const title = `Spielnachmittag ${Date.now().toString(36).replace(/\d/g, "")}`;

  // the admin adds Full-Reuenthal to RIF Region Baden
  const admin = await signedInAs(browser, baseURL, ADMIN, { redirectTo: "/admin/regions/rif-region-baden" });
  const regionPage = admin.page;
  const main = regionPage.getByRole("main");
  await main.getByLabel("Gemeinden filtern").fill("Full-Reuenthal");
  const box = main.getByRole("checkbox", { name: /^Full-Reuenthal/ });
  await box.check();
  await main.getByRole("button", { name: "Gemeinden speichern" }).click();
  await expect(regionPage.getByRole("main").getByRole("checkbox", { name: /^Full-Reuenthal/ })).toBeChecked();
  await regionPage.reload();
  await expect(regionPage.getByRole("main").getByRole("checkbox", { name: /^Full-Reuenthal/ })).toBeChecked();

  // the organisation submits a listing in Full-Reuenthal
  const owner = await signedInAs(browser, baseURL, DEMO_OWNER.email, { redirectTo: `/orgs/${DEMO_OWNER.slug}/manage/opportunities/new` });
  const org = owner.page;
  const form = org.getByRole("main");
  await form.getByLabel("Titel", { exact: true }).fill(title);
  await form.getByLabel("Kurzbeschreibung").fill("Brettspiele mit Familien aus dem Dorf.");
  await form.getByLabel("Beschreibung", { exact: true }).fill("Einmal im Monat im Gemeindesaal.");
  await form.getByLabel("Kategorie").selectOption({ label: "Treffpunkt" });
  await form.getByLabel("Gemeinde").selectOption({ label: "Full-Reuenthal" });
  const row = org.getByTestId("shift-row").first();
  await row.getByLabel("Datum").fill(zurichDate(12));
  await row.getByLabel("Beginn").fill("14:00");
  await row.getByLabel("Ende").fill("17:00");
  await row.getByLabel("Plätze").fill("4");
  await form.getByRole("button", { name: "Entwurf speichern" }).first().click();
  await expect(org).toHaveURL(/\/opportunities\/\d+\/preview$/);
  const id = Number(/\/opportunities\/(\d+)\/preview$/.exec(org.url())![1]);
  await org.getByRole("main").getByRole("button", { name: "Zur Prüfung einreichen" }).click();
  await expect(org.getByRole("status").filter({ hasText: "Der Einsatz ist zur Prüfung eingereicht." })).toBeVisible();

  // Baden's coordinator finds it in the queue and may open it
  const baden = await signedInAs(browser, baseURL, BADEN, { redirectTo: "/coordinator" });
  await expect(baden.page.getByTestId("queue-item").filter({ hasText: title })).toHaveCount(1);
  expect((await baden.page.request.get(`/coordinator/opportunities/${id}`)).status()).toBe(200);

  // the admin's queue shows it under Baden, not under the Gemeinden in no region
  await regionPage.goto("/coordinator?region=rif-region-baden");
  await expect(regionPage.getByTestId("queue-item").filter({ hasText: title })).toHaveCount(1);
  await regionPage.goto("/coordinator?region=none");
  await expect(regionPage.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(regionPage.getByTestId("queue-item").filter({ hasText: title })).toHaveCount(0);

  for (const session of [admin, owner, baden]) await session.context.close();
});
