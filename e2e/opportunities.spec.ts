/**
 * Finding opportunities on /opportunities: the seeded list, text search, filters with and without JavaScript
 * (the URL holds the query, the back button restores it), pagination, the Aargau map and its table, and axe.
 */
import { AxeBuilder } from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

async function resultCount(page: Page) {
  const text = await page.getByTestId("result-count").innerText();
  const match = /^([\d’']+) Einsätze? gefunden/.exec(text.trim()) ?? /^([\d’',]+) opportunit/.exec(text.trim());
  expect(match, `result count in "${text}"`).not.toBeNull();
  return Number(match![1].replace(/[’',]/g, ""));
}

const results = (page: Page) => page.getByRole("region", { name: "Suchergebnisse" });

// with JavaScript the URL changes a moment before the new results render: poll
const countAfterNavigation = (page: Page) => expect.poll(() => resultCount(page));

// the machine running the suite is small and shared, and axe walks 196 map links
test.describe.configure({ timeout: 90_000 });

test("the list shows the seeded opportunities; searching 'Deutsch' narrows it", async ({ page }) => {
  await page.goto("/opportunities");
  await expect(page.getByRole("heading", { level: 1, name: "Einsätze finden" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Einsätze" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const all = await resultCount(page);
  expect(all).toBeGreaterThanOrEqual(20);
  const cards = results(page).getByRole("listitem");
  await expect(cards).toHaveCount(20);
  await expect(cards.first().getByRole("heading", { level: 3 }).getByRole("link")).toHaveAttribute("href", /^\/opportunities\/\d+$/);

  await page.getByLabel("Suchbegriff").fill("Deutsch");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page).toHaveURL(/\/opportunities\?q=Deutsch$/);
  await expect(page).toHaveTitle(/«Deutsch»/);
  await countAfterNavigation(page).toBeLessThan(all);
  expect(await resultCount(page)).toBeGreaterThan(0);
  await expect(results(page).getByRole("link", { name: "Filter entfernen: «Deutsch»" })).toBeVisible();

  // an unknown place: the message at its field, the rest of the search still answered
  await page.getByLabel("Gemeinde oder PLZ").fill("Atlantis");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page.getByText("Diese Gemeinde oder Postleitzahl kennen wir im Aargau nicht.")).toBeVisible();
  await expect(page.getByLabel("Gemeinde oder PLZ")).toHaveAttribute("aria-invalid", "true");
  expect(await resultCount(page)).toBeGreaterThan(0);
});

test("without JavaScript: a filter combination through the GET form, the URL holds it, back restores the results", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, locale: "de-CH" });
  const page = await context.newPage();
  await page.goto("/opportunities");
  const all = await resultCount(page);

  await page.getByText("Weitere Filter").click();
  await page.getByRole("checkbox", { name: "Konversationsgruppe" }).check();
  await page.getByRole("checkbox", { name: "Treffpunkt" }).check();
  await page.getByLabel("Tageszeit").selectOption("evening");
  await page.getByLabel("Gemeinde oder PLZ").fill("5000");
  await page.getByLabel("Umkreis").selectOption("50");
  await page.getByRole("button", { name: "Suchen" }).click();

  // the empty fields of the form are gone: the canonical URL
  await expect(page).toHaveURL(/\/opportunities\?category=treffpunkt&category=konversationsgruppe&near=5000&radius=50&time=evening$/);
  const filtered = await resultCount(page);
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(all);
  await expect(page.getByText("Weitere Filter (3 aktiv)")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Treffpunkt" })).toBeChecked();
  await expect(page.getByLabel("Gemeinde oder PLZ")).toHaveValue("5000");
  await expect(results(page).getByRole("link", { name: "Filter entfernen: 50 km um Aarau" })).toBeVisible();
  // every card shows its distance from Aarau
  const distances = await results(page).locator(".opportunity-card").getByText(/km entfernt/).count();
  expect(distances).toBe(Math.min(filtered, 20));

  // a link straight to the query shows the same
  const shared = await context.newPage();
  await shared.goto(page.url());
  expect(await resultCount(shared)).toBe(filtered);

  await page.goBack();
  await expect(page).toHaveURL(/\/opportunities$/);
  expect(await resultCount(page)).toBe(all);
  await page.goForward();
  expect(await resultCount(page)).toBe(filtered);

  // a bad parameter: a message at its field and status 400, the rest of the search still works
  const bad = await page.goto("/opportunities?category=atelier&weekday=9&near=Atlantis");
  expect(bad?.status()).toBe(400);
  await expect(page.getByText("Ein ungültiger Wochentag wurde weggelassen.")).toBeVisible();
  await expect(page.getByText("Diese Gemeinde oder Postleitzahl kennen wir im Aargau nicht.")).toBeVisible();
  await expect(page.getByLabel("Gemeinde oder PLZ")).toHaveAttribute("aria-invalid", "true");
  await expect(results(page).getByRole("link", { name: "Filter entfernen: Atelier" })).toBeVisible();
  await context.close();
});

test("pagination: next and previous pages, 'Seite 2 von N', no card twice", async ({ page }) => {
  await page.goto("/opportunities");
  const total = await resultCount(page);
  const pages = Math.ceil(total / 20);
  expect(pages).toBeGreaterThan(1);
  const pagination = page.getByRole("navigation", { name: "Seiten" });
  await expect(pagination.getByText(`Seite 1 von ${pages}`)).toBeVisible();
  const firstPage = await results(page).locator(".opportunity-card h3 a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));

  await expect(pagination.getByRole("link", { name: "Nächste Seite" })).toHaveAttribute("rel", "next");
  await pagination.getByRole("link", { name: "Nächste Seite" }).click();
  await expect(page).toHaveURL(/\/opportunities\?page=2$/);
  await expect(pagination.getByText(`Seite 2 von ${pages}`)).toBeVisible();
  await expect(page).toHaveTitle(/Seite 2/);
  const secondPage = await results(page).locator(".opportunity-card h3 a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  expect(secondPage.length).toBeGreaterThan(0);
  expect(secondPage.filter((href) => firstPage.includes(href))).toEqual([]);

  await expect(pagination.getByRole("link", { name: "Vorherige Seite" })).toHaveAttribute("rel", "prev");
  await pagination.getByRole("link", { name: "Vorherige Seite" }).click();
  await expect(page).toHaveURL(/\/opportunities$/);
});

test("the map: a link per Gemeinde and a table; choosing a Gemeinde filters the list", async ({ page }) => {
  const cspErrors: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
  await page.goto("/opportunities");
  const map = page.getByRole("group", { name: "Karte des Kantons Aargau: Einsätze pro Gemeinde" });
  await expect(map).toBeVisible();
  await expect(map.getByRole("link")).toHaveCount(196);
  // each link draws its Gemeinde with a <use> of the sprite: not inline path data
  await expect(map.locator("a > use")).toHaveCount(196);
  expect(await map.locator("path").count()).toBe(0);

  await page.getByText("Als Tabelle anzeigen").click();
  const table = page.getByRole("table", { name: "Karte des Kantons Aargau: Einsätze pro Gemeinde" });
  await expect(table).toBeVisible();
  const firstRow = table.getByRole("row").nth(1);
  const name = (await firstRow.getByRole("rowheader").innerText()).trim();
  const count = Number((await firstRow.getByRole("cell").innerText()).trim());
  expect(count).toBeGreaterThan(0);
  const rows = await table.getByRole("row").count();
  expect(rows - 1).toBeGreaterThan(1);

  // the same Gemeinde on the map, named with its count, shaded
  const link = map.getByRole("link", { name: `${name}: ${count} ${count === 1 ? "Einsatz" : "Einsätze"}`, exact: true });
  const shape = link.locator("use");
  await expect(shape).toHaveClass(/\baargau-map__area--[1-4]\b/);
  const fill = (locator: typeof shape) => locator.evaluate((element) => getComputedStyle(element).fill);
  expect(await fill(shape)).not.toBe(await fill(map.locator("use.aargau-map__area--0").first()));

  // the shape comes from the fingerprinted sprite, a same-origin file that the CSP lets load, and is drawn
  const href = (await shape.getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/build\/_assets\/aargau-map-[\w-]+\.svg#g\d{4}$/);
  const sprite = await page.request.get(href.split("#")[0]);
  expect(sprite.status()).toBe(200);
  expect(sprite.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
  expect(sprite.headers()["cache-control"]).toMatch(/immutable/);
  for (const use of [shape, map.locator("use").first()]) {
    await expect
      .poll(async () => {
        const box = await use.boundingBox();
        return box ? Math.min(box.width, box.height) : 0;
      })
      .toBeGreaterThan(0);
  }
  expect(cspErrors).toEqual([]);

  // activated from the keyboard: the list shows that Gemeinde, the map outlines it
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/opportunities\?gemeinde=\d{4}(#results)?$/);
  const bfsNr = new URL(page.url()).searchParams.get("gemeinde");
  await expect(map.locator("use.aargau-map__outline")).toHaveAttribute("href", new RegExp(`#g${bfsNr}$`));
  await countAfterNavigation(page).toBe(count);
  const gemeinden = await results(page).locator(".opportunity-card dl > div").filter({ hasText: "Gemeinde" }).locator("dd").allInnerTexts();
  expect(new Set(gemeinden.map((g) => g.trim()))).toEqual(new Set([name]));
  await expect(results(page).getByRole("link", { name: `Filter entfernen: ${name}` })).toBeVisible();

  // the table links to the same filter
  await page.goBack();
  await countAfterNavigation(page).toBeGreaterThan(count);
  // the page stayed mounted, so the table may still be unfolded
  if (!(await page.getByRole("table").isVisible())) await page.getByText("Als Tabelle anzeigen").click();
  await page.getByRole("table").getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(/\/opportunities\?gemeinde=\d{4}(#results)?$/);
  await countAfterNavigation(page).toBe(count);
});

test("nothing found: suggestions that each drop one filter", async ({ page }) => {
  await page.goto("/opportunities?q=xyzunknown&category=atelier");
  await expect(page.getByRole("heading", { name: "Nichts gefunden" })).toBeVisible();
  expect(await resultCount(page)).toBe(0);
  await page.getByRole("link", { name: "Ohne Atelier suchen" }).click();
  await expect(page).toHaveURL(/\/opportunities\?q=xyzunknown$/);
  await page.getByRole("link", { name: "Ohne «xyzunknown» suchen" }).click();
  await expect(page).toHaveURL(/\/opportunities$/);
  await countAfterNavigation(page).toBeGreaterThan(0);
});

const LOCALES = [
  { lang: "de", locale: "de-CH" },
  { lang: "en", locale: "en-GB" },
];
for (const { lang, locale } of LOCALES) {
  for (const path of ["/opportunities", "/opportunities?q=xyzunknown", "/opportunities?near=5000&radius=20&category=treffpunkt&weekday=2"]) {
    test(`axe: no serious or critical violations on ${path} (${lang})`, async ({ browser, baseURL }) => {
      const context = await browser.newContext({ baseURL, locale });
      const page = await context.newPage();
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      // the folded parts count too
      await page.locator("details").evaluateAll((all) => all.forEach((d) => d.setAttribute("open", "")));
      const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      const report = serious
        .map((v) => `${v.impact} ${v.id}: ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary}`).join("\n"))
        .join("\n");
      expect(serious.map((v) => v.id), report).toEqual([]);
      await context.close();
    });
  }
}
