/**
 * The first walkthrough (issue 12): what a newcomer met on a phone (390 px) and on a desktop, each fixed at its
 * root. Pages are opened as the demo accounts (README, "Demo accounts"); no new accounts are signed up.
 */
import { AxeBuilder } from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { logIn, open } from "./helpers";
import { PHONE, expectAxeClean, expectNoHorizontalScroll } from "./checks";

const DEMO_PASSWORD = "Mitenand-Demo-2026";
const VOLUNTEER = "freiwillig1@mitenand.example";
const OWNER = "verein-treffpunkt-welt-aarau@mitenand.example";

async function phone(browser: Browser, baseURL: string | undefined, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ baseURL, locale: "de-CH", viewport: PHONE, ...options });
  return { context, page: await context.newPage() };
}

/** Every visible text-like control has the design system's box: at least 2.75rem high, a 2px border. */
async function expectStyledInputs(page: Page, label: string) {
  const unstyled = await page.evaluate(() => {
    const textLike = new Set(["text", "email", "password", "search", "number", "date", "time", "datetime-local", "url", "tel"]);
    return [...document.querySelectorAll<HTMLElement>("input, select, textarea")]
      .filter((element) => {
        if (element instanceof HTMLInputElement && !textLike.has(element.type)) return false;
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== "hidden";
      })
      .map((element) => {
        const style = getComputedStyle(element);
        return {
          name: `${element.tagName.toLowerCase()}[name=${element.getAttribute("name")}]`,
          height: element.getBoundingClientRect().height,
          border: style.borderTopWidth,
          radius: style.borderTopLeftRadius,
        };
      })
      .filter((input) => input.height < 43.9 || input.border !== "2px" || input.radius !== "10px");
  });
  expect(unstyled, `${label}: inputs without the design system's style`).toEqual([]);
}

test("favicon.ico is served as an icon", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const body = await response.body();
  expect([...body.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
});

test("the demo banner links the mailbox where every email of the demo is kept", async ({ page }) => {
  await open(page, "/");
  const banner = page.getByTestId("demo-banner");
  await expect(banner).toContainText("E-Mails werden nicht verschickt");
  await banner.getByRole("link", { name: "Demo-Postfach" }).click();
  await expect(page).toHaveURL(/\/dev\/mailbox$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("header: the brand link and the language button are named by what they show (axe label-content-name-mismatch)", async ({ page }) => {
  await open(page, "/");
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: /^Mitenand/ })).toBeVisible();
  await expect(header.getByRole("button", { name: /^EN\b/ })).toBeVisible();
  const results = await new AxeBuilder({ page }).include("header").withRules(["label-content-name-mismatch"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("phone: the header is one row with a menu that opens without JavaScript", async ({ browser, baseURL }) => {
  const { context, page } = await phone(browser, baseURL, { javaScriptEnabled: false });
  await page.goto("/opportunities");
  const header = page.getByRole("banner");
  const box = await header.boundingBox();
  // brand, menu button and language button in one row (the demo banner sits above them)
  const row = await header.locator(".site-header__inner").boundingBox();
  expect(row!.height, "header row height").toBeLessThan(70);
  expect(box).not.toBeNull();
  const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
  await expect(nav).toBeHidden();
  await header.getByText("Menü", { exact: true }).click();
  await expect(nav).toBeVisible();
  await nav.getByRole("link", { name: "Über Mitenand" }).click();
  await expect(page).toHaveURL(/\/about$/);
  await expectNoHorizontalScroll(page, "/about");
  await context.close();
});

test("desktop: the header shows its links without a menu button", async ({ page }) => {
  await open(page, "/");
  const header = page.getByRole("banner");
  await expect(header.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Einsätze" })).toBeVisible();
  await expect(header.getByRole("link", { name: "Anmelden" })).toBeVisible();
  await expect(header.getByText("Menü", { exact: true })).toBeHidden();
});

test("every text-like input has the design system's style (public and account forms)", async ({ page }) => {
  for (const path of ["/signup", "/login", "/forgot-password", "/opportunities", "/dev/mailbox"]) {
    await open(page, path);
    await expectStyledInputs(page, path);
  }
  await logIn(page, OWNER, DEMO_PASSWORD);
  for (const path of ["/me/account", "/orgs/new", "/orgs/verein-treffpunkt-welt-aarau/manage/profile", "/orgs/verein-treffpunkt-welt-aarau/manage/opportunities/new"]) {
    await open(page, path);
    await expectStyledInputs(page, path);
  }
});


/** Logs a context's page in as a demo account (works without JavaScript too). */
async function logInAs(page: Page, email: string) {
  await page.goto("/login");
  const main = page.getByRole("main");
  await main.getByLabel("E-Mail-Adresse", { exact: true }).fill(email);
  await main.getByLabel("Passwort", { exact: true }).fill(DEMO_PASSWORD);
  await main.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Du bist angemeldet." })).toBeVisible();
}

test("phone: no page of the journeys scrolls sideways; shift inputs do not overlap", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { context, page } = await phone(browser, baseURL);
  const publicPages = ["/", "/opportunities", "/opportunities?q=deutsch", "/about", "/orgs/verein-treffpunkt-welt-aarau", "/signup", "/login", "/privacy"];
  for (const path of publicPages) {
    await page.goto(path);
    await expectNoHorizontalScroll(page, path);
  }
  await page.goto("/opportunities");
  const detail = await page.getByRole("main").locator('a[href^="/opportunities/"]').first().getAttribute("href");
  await page.goto(detail!);
  await expectNoHorizontalScroll(page, detail!);
  await logInAs(page, OWNER);
  const manage = "/orgs/verein-treffpunkt-welt-aarau/manage";
  for (const path of ["/me/account", "/orgs", manage, `${manage}/members`, `${manage}/profile`, `${manage}/opportunities/new`]) {
    await page.goto(path);
    await expectNoHorizontalScroll(page, path);
    await expectStyledInputs(page, path);
  }
  // the date and time inputs of a shift row sit side by side or stacked, never on top of each other
  for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
    await page.setViewportSize(viewport);
    const overlapping = await page.evaluate(() => {
      const boxes = [...document.querySelectorAll<HTMLInputElement>('[data-testid="shift-row"] input')].map((input) => ({ name: input.name, box: input.getBoundingClientRect() }));
      const hits: string[] = [];
      for (const a of boxes)
        for (const b of boxes)
          if (a.name < b.name && a.box.left < b.box.right - 1 && b.box.left < a.box.right - 1 && a.box.top < b.box.bottom - 1 && b.box.top < a.box.bottom - 1)
            hits.push(`${a.name}/${b.name}`);
      return { count: boxes.length, hits };
    });
    expect(overlapping.count).toBeGreaterThan(0);
    expect(overlapping.hits, `overlapping shift inputs at ${viewport.width}px`).toEqual([]);
  }
  await context.close();
});

test("phone: on an opportunity with many dates, the sign-up box comes before the folded dates; keywords as typed; organisation linked", async ({ browser, baseURL, request }) => {
  // the seed's weekly conversation group: many dates, keyword "gespräch"
  const search = await request.get("/api/opportunities?q=Konversation&pageSize=20");
  const items = ((await search.json()) as { items: { id: number; title: string }[] }).items;
  const { context, page } = await phone(browser, baseURL);
  let found = false;
  for (const item of items) {
    await page.goto(`/opportunities/${item.id}`);
    if ((await page.getByTestId("shift").count()) <= 6) continue;
    found = true;
    const dates = page.locator("details.shift-dates");
    await expect(dates).not.toHaveAttribute("open");
    await expect(page.getByTestId("shift").first()).toBeHidden();
    const signupTop = (await page.locator('[data-slot="signup"]').boundingBox())!.y;
    const datesTop = (await page.getByRole("heading", { name: "Termine" }).boundingBox())!.y;
    expect(signupTop).toBeLessThan(datesTop);
    await dates.locator("summary").click();
    await expect(page.getByTestId("shift").first()).toBeVisible();
    break;
  }
  expect(found, "an opportunity with more than 6 dates").toBe(true);

  const withKeyword = items.find((item) => /Konversation/.test(item.title));
  await page.goto(`/opportunities/${withKeyword!.id}`);
  const tags = page.locator(".tag-list");
  await expect(tags).toContainText("gespräch");
  await expect(tags).not.toContainText("gespraech");
  await page.getByRole("complementary").getByRole("link", { name: /^Verein|Bibliothek|Schule|Kirchgemeinde|Stiftung|Sozialdienst|Velowerkstatt/ }).first().click();
  await expect(page).toHaveURL(/\/orgs\/[a-z0-9-]+$/);
  await context.close();
});

test("a failed submit at the bottom of a long form brings the error summary into view and focus", async ({ page }) => {
  await logIn(page, OWNER, DEMO_PASSWORD);
  await open(page, "/orgs/verein-treffpunkt-welt-aarau/manage/opportunities/new");
  const submit = page.getByRole("main").getByRole("button", { name: /speichern/i }).last();
  await submit.scrollIntoViewIfNeeded();
  await submit.click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
});

test("archiving asks first (without JavaScript) and an archived opportunity can be restored as a draft", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "de-CH", javaScriptEnabled: false });
  const page = await context.newPage();
  await logInAs(page, "velowerkstatt-seon@mitenand.example");
  await page.goto("/orgs/velowerkstatt-seon/manage");
  const published = page.getByTestId("group-published").getByTestId("dashboard-row").first();
  const title = (await published.getByRole("heading", { level: 4 }).innerText()).trim();
  await published.getByRole("link", { name: `Archivieren: ${title}` }).click();
  // the first click changes nothing: it asks
  const confirmation = page.getByTestId("archive-confirmation");
  await expect(confirmation).toContainText(`«${title}» archivieren?`);
  await expect(page.getByTestId("group-published")).toContainText(title);
  await confirmation.getByRole("link", { name: "Abbrechen" }).click();
  await expect(page.getByTestId("archive-confirmation")).toHaveCount(0);
  await expect(page.getByTestId("group-published")).toContainText(title);

  await published.getByRole("link", { name: `Archivieren: ${title}` }).click();
  await page.getByTestId("archive-confirmation").getByRole("button", { name: "Ja, archivieren" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Der Einsatz ist archiviert." })).toBeVisible();
  const archived = page.getByTestId("group-archived").getByTestId("dashboard-row").filter({ hasText: title });
  await archived.getByRole("button", { name: `Als Entwurf wiederherstellen: ${title}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "wieder ein Entwurf" })).toBeVisible();
  await expect(page.getByTestId("group-draft")).toContainText(title);
  await context.close();
});

test("an unconfirmed archive request changes nothing and leads to the confirmation step", async ({ page }) => {
  await logIn(page, OWNER, DEMO_PASSWORD);
  await open(page, "/orgs/verein-treffpunkt-welt-aarau/manage");
  const row = page.getByTestId("group-published").getByTestId("dashboard-row").first();
  const id = (await row.getAttribute("id"))!.replace("opportunity-", "");
  const response = await page.request.post("/orgs/verein-treffpunkt-welt-aarau/manage", {
    form: { intent: "archive", opportunityId: id },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers().location).toContain(`?archive=${id}`);
  await open(page, "/orgs/verein-treffpunkt-welt-aarau/manage");
  await expect(page.getByTestId("group-published").locator(`#opportunity-${id}`)).toBeVisible();
});

test("landing: a search box leads to the results, and the three audience cards are links", async ({ page }) => {
  await open(page, "/");
  const main = page.getByRole("main");
  await expect(main.getByRole("link", { name: "Für Freiwillige" })).toHaveAttribute("href", "/opportunities");
  await expect(main.getByRole("link", { name: "Für Organisationen" })).toHaveAttribute("href", "/orgs/new");
  await expect(main.getByRole("link", { name: "Für Fachstellen" })).toHaveAttribute("href", "/login");
  await main.getByRole("searchbox", { name: "Einsätze suchen" }).fill("Deutsch");
  await main.getByRole("button", { name: "Suchen", exact: true }).click();
  await expect(page).toHaveURL(/\/opportunities\?q=Deutsch$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("texts promise only what exists: sign-ups exist now, 'Meine Organisationen' only for members", async ({ browser, baseURL }) => {
  // FEATURES.signups is on since sign-ups landed: the signup page may promise them
  const anonymous = await browser.newContext({ baseURL, locale: "de-CH" });
  const page = await anonymous.newPage();
  await page.goto("/signup");
  await expect(page.getByRole("main")).toContainText("für Einsätze anmelden");
  await anonymous.close();

  for (const [email, member] of [
    [VOLUNTEER, false],
    [OWNER, true],
  ] as const) {
    const context = await browser.newContext({ baseURL, locale: "de-CH" });
    const signedIn = await context.newPage();
    await logInAs(signedIn, email);
    await expect(signedIn.getByRole("banner").getByRole("link", { name: "Meine Organisationen" })).toHaveCount(member ? 1 : 0);
    await context.close();
  }
});

test("desktop: the map sits beside the results; a click on a Gemeinde lands on its results", async ({ page }) => {
  await open(page, "/opportunities");
  const map = page.getByRole("region", { name: "Karte" }).or(page.locator(".search-page__map"));
  const results = page.locator("#results");
  const mapBox = (await map.first().boundingBox())!;
  const resultsBox = (await results.boundingBox())!;
  expect(mapBox.x + mapBox.width, "map left of the results").toBeLessThanOrEqual(resultsBox.x + 1);
  expect(mapBox.y, "map starts within the first screen").toBeLessThan(900 + resultsBox.y);
  const aarau = page.locator('.search-page__map svg use[href$="#g4001"]').first();
  // the tooltips come with the first pointer over the map
  await page.locator(".search-page__map svg").hover();
  await expect(aarau.locator("title")).toHaveText(/^Aarau\b/);
  // shapes overlap at their bounding boxes' centres: a click event on the shape itself, as a tap would send
  await aarau.dispatchEvent("click");
  await expect(page).toHaveURL(/gemeinde=4001/);
  await expect(results).toBeInViewport();
});

test("phone: the map is folded behind a toggle that works without JavaScript", async ({ browser, baseURL }) => {
  const { context, page } = await phone(browser, baseURL, { javaScriptEnabled: false });
  await page.goto("/opportunities");
  const svg = page.locator(".search-page__map svg");
  await expect(svg).toBeHidden();
  await page.getByText("Karte anzeigen", { exact: true }).click();
  await expect(svg).toBeVisible();
  await expectNoHorizontalScroll(page, "/opportunities with the map open");
  await context.close();
});

test("'Für Gemeinden und Fachstellen' (footer) generates the iframe, feed and API addresses, without JavaScript too", async ({ browser, baseURL }) => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ baseURL, locale: "de-CH", javaScriptEnabled });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: "Für Gemeinden und Fachstellen" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Für Gemeinden und Fachstellen");
    await page.getByLabel("Gemeinde", { exact: true }).selectOption({ label: "Aarau" });
    await page.getByLabel("Kategorie", { exact: true }).selectOption("konversationsgruppe");
    await page.getByRole("button", { name: "Code erstellen" }).click();
    await expect(page).toHaveURL(/gemeinde=4001&category=konversationsgruppe/);
    const origin = new URL(baseURL!).origin;
    await expect(page.getByTestId("embed-code")).toHaveValue(
      `<iframe src="${origin}/embed/opportunities?gemeinde=4001&category=konversationsgruppe" title="Freiwilligeneinsätze: Aarau" width="100%" height="480" loading="lazy"></iframe>`,
    );
    await expect(page.getByTestId("feed-url")).toHaveValue(`${origin}/feeds/opportunities.ics?gemeinde=4001&category=konversationsgruppe`);
    await expect(page.getByTestId("api-url")).toHaveValue(`${origin}/api/opportunities?gemeinde=4001&category=konversationsgruppe`);
    const feed = await page.request.get(await page.getByTestId("feed-url").inputValue());
    expect(feed.status()).toBe(200);
    await context.close();
  }
});

test("axe: the new and changed pages have no serious or critical violations (desktop and phone)", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  for (const viewport of [{ width: 1280, height: 900 }, PHONE]) {
    const context = await browser.newContext({ baseURL, locale: "de-CH", viewport });
    const page = await context.newPage();
    for (const path of ["/", "/opportunities", "/for-municipalities?gemeinde=4001", "/dev/mailbox"]) {
      await page.goto(path);
      await expectAxeClean(page, `${path} @${viewport.width}`);
    }
    await context.close();
  }
});

test("the Gemeinde choice filters as you type (JavaScript) and stays a plain select without", async ({ browser, baseURL }) => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ baseURL, locale: "de-CH", javaScriptEnabled });
    const page = await context.newPage();
    await logInAs(page, OWNER);
    if (javaScriptEnabled) await open(page, "/orgs/new");
    else await page.goto("/orgs/new");
    const select = page.getByRole("combobox", { name: "Gemeinde" });
    if (!javaScriptEnabled) {
      await expect(page.getByTestId("bfsNr-filter")).toHaveCount(0);
      await select.selectOption({ label: "Brugg" });
      await expect(select).toHaveValue("4095");
    } else {
      await page.getByRole("searchbox", { name: "Liste eingrenzen, z. B. Brugg" }).fill("brug");
      await expect(select).toHaveValue("4095");
      const visible = await select.evaluate((element: HTMLSelectElement) => [...element.options].filter((o) => o.value && !o.hidden).map((o) => o.text));
      expect(visible).toEqual(["Brugg"]);
    }
    await context.close();
  }
});
