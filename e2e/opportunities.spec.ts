/**
 * Finding opportunities on /opportunities: the seeded list, text search, filters with and without JavaScript
 * (the URL holds the query, the back button restores it), pagination, the Aargau map and its table, and axe.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectAxeClean } from "./checks";

async function resultCount(page: Page) {
  const text = await page.getByTestId("result-count").innerText();
  const match = /^([\d’']+) Einsätze? gefunden/.exec(text.trim()) ?? /^([\d’',]+) opportunit/.exec(text.trim());
  expect(match, `result count in "${text}"`).not.toBeNull();
  return Number(match![1].replace(/[’',]/g, ""));
}

/** the result cards in a page's HTML */
const cardCount = (html: string) => (html.match(/<li class="card opportunity-card">/g) ?? []).length;

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

test("the map: a shaded picture with a click shortcut; the Gemeinde picker filters the list", async ({ page }) => {
  const cspErrors: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
  await page.goto("/opportunities");
  const map = page.getByRole("img", { name: "Karte des Kantons Aargau: Einsätze pro Gemeinde" });
  await expect(map).toBeVisible();
  // the picker: the Gemeinden with results, named with their counts
  const picker = page.getByLabel("Gemeinde auf der Karte");
  const options = picker.locator("option:not([value=''])");
  expect(await options.count()).toBeGreaterThan(1);

  // one <use> of the sprite's whole canton in the base shade, and one per Gemeinde with results, grouped by shade:
  // no links, no inline path data, no tooltips yet
  await expect(map.locator(':scope > use[href$="#all"].aargau-map__area--0')).toHaveCount(1);
  await expect(map.locator("g > use")).toHaveCount(await options.count());
  expect(await map.locator("a").count()).toBe(0);
  expect(await map.locator("path").count()).toBe(0);
  expect(await map.locator("use title").count()).toBe(0);
  // a pointer over the map: every Gemeinde gets its own <use> with a tooltip
  await map.hover();
  await expect(map.locator("g > use")).toHaveCount(196);
  await expect(map.locator("g > use > title")).toHaveCount(196);
  const first = (await options.first().innerText()).trim();
  const [, name, countText] = /^(.+) \(([\d’']+)\)$/.exec(first) ?? [];
  const count = Number(countText.replace(/[’']/g, ""));
  expect(count).toBeGreaterThan(0);
  const bfsNr = await options.first().getAttribute("value");

  // the same Gemeinde on the map: shaded (not the "none" shade), with its name and count as tooltip
  const shape = map.locator(`use[href$="#g${bfsNr}"]`);
  await expect(shape.locator("..")).toHaveClass(/\baargau-map__area--[1-4]\b/);
  await expect(shape.locator("title")).toHaveText(`${name}: ${count} ${count === 1 ? "Einsatz" : "Einsätze"}`);
  const fill = (locator: typeof shape) => locator.evaluate((element) => getComputedStyle(element).fill);
  const none = map.locator("g.aargau-map__area--0 > use");
  if (await none.count()) expect(await fill(shape)).not.toBe(await fill(none.first()));

  // the shape comes from the fingerprinted sprite, a same-origin file that the CSP lets load, and is drawn
  const href = (await shape.getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/build\/_assets\/map-[\w-]+\.svg#g\d{4}$/);
  const sprite = await page.request.get(href.split("#")[0]);
  expect(sprite.status()).toBe(200);
  expect(sprite.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
  expect(sprite.headers()["cache-control"]).toMatch(/immutable/);
  await expect
    .poll(async () => {
      const box = await shape.boundingBox();
      return box ? Math.min(box.width, box.height) : 0;
    })
    .toBeGreaterThan(0);
  expect(cspErrors).toEqual([]);

  // chosen by keyboard: the list shows that Gemeinde, the map outlines it
  await picker.focus();
  await picker.selectOption(bfsNr!);
  await page.getByRole("button", { name: "Einsätze zeigen" }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`/opportunities\\?gemeinde=${bfsNr}(#results)?$`));
  await expect(map.locator("use.aargau-map__outline")).toHaveAttribute("href", new RegExp(`#g${bfsNr}$`));
  await countAfterNavigation(page).toBe(count);
  const gemeinden = await results(page).locator(".opportunity-card dt:text-is('Gemeinde') + dd").allInnerTexts();
  expect(new Set(gemeinden.map((g) => g.trim()))).toEqual(new Set([name]));
  await expect(results(page).getByRole("link", { name: `Filter entfernen: ${name}` })).toBeVisible();
  await expect(picker).toHaveValue(bfsNr!);

  // a click on the map picks the same (a pointer shortcut)
  await page.goBack();
  await countAfterNavigation(page).toBeGreaterThan(count);
  await map.locator(`use[href$="#g${bfsNr}"]`).dispatchEvent("click");
  await expect(page).toHaveURL(new RegExp(`/opportunities\\?gemeinde=${bfsNr}(#results)?$`));
  await countAfterNavigation(page).toBe(count);
});

test("without JavaScript the Gemeinde picker keeps the other filters", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, locale: "de-CH" });
  const page = await context.newPage();
  await page.goto("/opportunities?q=Deutsch");
  const picker = page.getByLabel("Gemeinde auf der Karte");
  const option = picker.locator("option:not([value=''])").first();
  const bfsNr = (await option.getAttribute("value"))!;
  const count = Number(/\(([\d’']+)\)$/.exec((await option.innerText()).trim())![1].replace(/[’']/g, ""));
  await picker.selectOption(bfsNr);
  await page.getByRole("button", { name: "Einsätze zeigen" }).click();
  // the form's fields come in canonical order: no redirect, the same URL a link would have
  await expect(page).toHaveURL(new RegExp(`/opportunities\\?q=Deutsch&gemeinde=${bfsNr}#results$`));
  expect(await resultCount(page)).toBe(count);
  // no tooltips and no place suggestions without JavaScript: the picker and the typed name do that work
  expect(await page.locator(".aargau-map title").count()).toBe(1);
  expect(await page.locator("datalist").count()).toBe(0);
  await context.close();
});

// on the demo data (a few Gemeinden with results); `npm run bench` measures the same goal on 20,000 opportunities
// with every Gemeinde shaded and listed. 196 links with the query, as before, would alone weigh ≈ 44 kB.
test("the search page's HTML stays within 60 kB for 20 results with the map", async ({ request }) => {
  for (const path of ["/opportunities", "/opportunities?q=deutsch&near=5000&radius=20"]) {
    const html = await (await request.get(path)).text();
    if (path === "/opportunities") expect(cardCount(html)).toBe(20);
    expect(html).toContain("aargau-map__svg");
    expect(Buffer.byteLength(html), `${path}: ${Buffer.byteLength(html)} bytes`).toBeLessThanOrEqual(60 * 1024);
    // the scripts come after the HTML and the stylesheet (patches/@remix-run+react+2.17.5.patch, Lighthouse's FCP)
    const preloads = html.match(/<link rel="modulepreload"[^>]*>/g) ?? [];
    expect(preloads.length).toBeGreaterThan(3);
    expect(preloads.filter((link) => !link.includes('fetchpriority="low"'))).toEqual([]);
  }
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
      await expectAxeClean(page, `${path} (${lang})`);
      await context.close();
    });
  }
}
