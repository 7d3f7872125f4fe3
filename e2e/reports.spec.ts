/**
 * The KIP reports: the admin opens them from the queue, sees the charts (SVG with a name), the tables and the
 * map for the canton, changes the period and downloads a table as CSV (BOM, ";"); axe clean, no horizontal
 * scroll at 390 px, valid HTML (Nu checker). A coordinator, without JavaScript, sees their region only and gets
 * a 403 for another region.
 */
import { readFileSync } from "node:fs";
import { expect as baseExpect, test } from "@playwright/test";
import { logIn } from "./helpers";
import { expectAxeClean, expectNoHorizontalScroll, nuErrors } from "./checks";

const expect = baseExpect.configure({ timeout: 30_000 });
const DEMO_PASSWORD = "Mitenand-Demo-2026";
const ADMIN = "admin@mitenand.example";
const AARAU = "koordination.rif-region-aarau@mitenand.example";

test("the admin's reports: charts, tables and map for the canton, another period, a CSV download; axe, 390 px, valid HTML", async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto("/login");
  await logIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto("/coordinator");
  await page.getByRole("main").getByRole("link", { name: "Berichte" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Berichte" })).toBeVisible();
  await expect(page.getByText("Was im ganzen Kanton Aargau geschah")).toBeVisible();

  const chart = page.getByRole("img", { name: /Balkendiagramm: veröffentlichte Einsätze nach Kategorie/ });
  await expect(chart).toBeVisible();
  expect(await chart.locator("rect").count()).toBeGreaterThan(5);
  const categories = page.getByRole("table", { name: "Einsätze nach Kategorie" });
  await expect(categories.getByRole("columnheader", { name: "Veröffentlicht" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Karte des Kantons Aargau/ })).toBeVisible();
  // the demo's year of decisions: approvals are counted and the median waiting time is shown
  await expect(page.getByText(/Mittlere Wartezeit bis zum ersten Entscheid \(Median\): [\d.’']+ Stunden/)).toBeVisible();
  const approved = page.getByRole("table", { name: "Entscheide" }).getByRole("row", { name: /Freigegeben/ });
  expect(Number((await approved.getByRole("cell").textContent())!.replace(/\D/g, ""))).toBeGreaterThan(30);

  await expectAxeClean(page, "/coordinator/reports");
  await expectNoHorizontalScroll(page, "/coordinator/reports");
  const html = await (await page.request.get(page.url())).text();
  expect(nuErrors([{ name: "/coordinator/reports", html }])).toEqual([]);

  // a quarter: the heading names its first and last day
  await page.getByLabel("Zeitraum", { exact: true }).selectOption("quarter");
  await page.getByLabel("Quartal", { exact: true }).selectOption("1");
  await page.getByRole("button", { name: "Bericht anzeigen" }).click();
  await expect(page).toHaveURL(/period=quarter/);
  await expect(page.getByRole("heading", { level: 2, name: /^1\. Januar \d{4} bis 31\. März \d{4}$/ })).toBeVisible();

  // a wrong custom range: a field message, not a report
  await page.getByLabel("Zeitraum", { exact: true }).selectOption("custom");
  await page.getByLabel("Von", { exact: true }).fill("2026-05-10");
  await page.getByLabel("Bis", { exact: true }).fill("2026-05-01");
  await page.getByRole("button", { name: "Bericht anzeigen" }).click();
  await expect(page.getByText("«Bis» darf nicht vor «Von» liegen.")).toBeVisible();
  await expect(page.getByLabel("Bis", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.goto("/coordinator/reports?period=year");
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "«Einsätze nach Kategorie» als CSV herunterladen" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^mitenand-categories-\d{4}-01-01-\d{4}-12-31\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  expect(lines[0]).toBe("Kategorie;Veröffentlicht;Neu");
  expect(lines).toContain(lines.find((l) => l.startsWith("Konversationsgruppe;")));
});

test("without JavaScript a coordinator picks a month of their region; another region is a 403", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "de-CH" });
  const page = await context.newPage();
  await page.goto("/login");
  const main = page.getByRole("main");
  await main.getByLabel("E-Mail-Adresse", { exact: true }).fill(AARAU);
  await main.getByLabel("Passwort", { exact: true }).fill(DEMO_PASSWORD);
  await main.getByRole("button", { name: "Anmelden", exact: true }).click();
  await page.goto("/coordinator/reports");
  await expect(page.getByText("Was in deinen Regionen (RIF Region Aarau) geschah")).toBeVisible();
  const regions = page.getByLabel("Region", { exact: true });
  await expect(regions.locator("option")).toHaveText(["Alle meine Regionen", "RIF Region Aarau"]);
  await page.getByLabel("Zeitraum", { exact: true }).selectOption("month");
  await page.getByLabel("Monat", { exact: true }).selectOption("3");
  await regions.selectOption("rif-region-aarau");
  await page.getByRole("button", { name: "Bericht anzeigen" }).click();
  await expect(page).toHaveURL(/period=month.*month=3.*region=rif-region-aarau/);
  await expect(page.getByText("Was in der Region RIF Region Aarau geschah")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^1\. März \d{4} bis 31\. März \d{4}$/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Einsätze nach Region" }).getByRole("row")).toHaveCount(2);

  const foreign = await page.request.get("/coordinator/reports?region=rif-region-baden");
  expect(foreign.status()).toBe(403);
  const csv = await page.request.get("/coordinator/reports.csv?table=regions&from=2026-01-01&to=2026-12-31&region=rif-region-baden");
  expect(csv.status()).toBe(403);
  await context.close();
});
