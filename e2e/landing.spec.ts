/** The landing page in German: hero, the latest published opportunities from the seed, and their count. */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

// names of the 196 Aargau Gemeinden, to check that cards show a real Gemeinde and not an id
function gemeindeNames() {
  const csv = readFileSync(new URL("../db/data/gemeinden.csv", import.meta.url), "utf8");
  return new Set(
    csv
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[1]),
  );
}

test("German landing page shows the hero and published opportunities with organisation and Gemeinde", async ({
  page,
}) => {
  await page.goto("/");

  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { level: 1, name: "Gemeinsam ankommen – in deiner Gemeinde" })).toBeVisible();

  const latest = page.getByRole("region", { name: "Neue Einsätze" });
  const cards = latest.getByRole("listitem");
  await expect(cards.first()).toBeVisible();
  const cardCount = await cards.count();
  expect(cardCount).toBeGreaterThanOrEqual(1);

  const gemeinden = gemeindeNames();
  for (const card of await cards.all()) {
    const title = (await card.getByRole("heading", { level: 3 }).innerText()).trim();
    expect(title.length, "card title").toBeGreaterThan(2);

    const organisation = card
      .locator("dl > div")
      .filter({ has: page.getByText("Organisation", { exact: true }) })
      .getByRole("definition");
    await expect(organisation, `organisation of "${title}"`).toHaveText(/\S{2,}/);

    const gemeinde = card
      .locator("dl > div")
      .filter({ has: page.getByText("Gemeinde", { exact: true }) })
      .getByRole("definition");
    const gemeindeName = (await gemeinde.innerText()).trim();
    expect(gemeinden.has(gemeindeName), `"${gemeindeName}" (on "${title}") is an Aargau Gemeinde`).toBe(true);
  }

  // "40 veröffentlichte Einsätze" (or "1 veröffentlichter Einsatz"); the list shows the newest of them
  const countText = latest.getByText(/^\d+ veröffentlichte(r Einsatz| Einsätze)$/);
  await expect(countText).toBeVisible();
  const total = Number((await countText.innerText()).match(/^\d+/)![0]);
  expect(total).toBeGreaterThanOrEqual(cardCount);
  if (total > 1) await expect(countText).toHaveText(`${total} veröffentlichte Einsätze`);
});

test("without a cookie or Accept-Language, or with an unsupported language, the landing page is German", async ({
  request,
}) => {
  // an API request context sends no Accept-Language (a browser page always sends its locale)
  const variants: Record<string, string>[] = [{}, { "Accept-Language": "fr-CH, fr;q=0.9" }];
  for (const headers of variants) {
    const response = await request.get("/", { headers });
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html, JSON.stringify(headers)).toContain('<html lang="de"');
    expect(html).toContain("Gemeinsam ankommen – in deiner Gemeinde");
  }
});
