/**
 * The first walkthrough (issue 12): what a newcomer met on a phone (390 px) and on a desktop, each fixed at its
 * root. Pages are opened as the demo accounts (README, "Demo accounts"); no new accounts are signed up.
 */
import { AxeBuilder } from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { logIn, open } from "./helpers";

const DEMO_PASSWORD = "Mitenand-Demo-2026";
const OWNER = "verein-treffpunkt-welt-aarau@mitenand.example";
const PHONE = { width: 390, height: 844 };

async function phone(browser: Browser, baseURL: string | undefined, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ baseURL, locale: "de-CH", viewport: PHONE, ...options });
  return { context, page: await context.newPage() };
}

/** The page is no wider than the viewport: nothing scrolls sideways. */
async function expectNoHorizontalScroll(page: Page, label: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${label}: page width ${scrollWidth}px in a ${clientWidth}px viewport`).toBeLessThanOrEqual(clientWidth);
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

