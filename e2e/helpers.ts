/**
 * Steps that many journeys share: read a mail in the dev mailbox (/dev/mailbox, on for the e2e server) or as it
 * arrived over SMTP (the sink of e2e/smtp-sink.js), sign up and confirm the address, log in. They work with and
 * without JavaScript and in German and English: the page's <html lang> says which words to look for.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { smtpSinkDir } from "./smtp-sink.js";

/** The demo seed's accounts all share this password. */
export const DEMO_PASSWORD = "Mitenand-Demo-2026";
/** The owner of the demo organisation "Verein Treffpunkt Welt Aarau" (Aarau, RIF Region Aarau). */
export const DEMO_OWNER = { email: "verein-treffpunkt-welt-aarau@mitenand.example", slug: "verein-treffpunkt-welt-aarau" } as const;

/** What the account pages say, word for word: a changed text should fail a test, not slip through. */
export const UI = {
  de: {
    name: "Name",
    email: "E-Mail-Adresse",
    password: "Passwort",
    consent: "Ich habe die Datenschutzerklärung gelesen und bin damit einverstanden.",
    signupSubmit: "Konto erstellen",
    checkInbox: "Bitte bestätige deine E-Mail-Adresse",
    confirmEmail: "E-Mail-Adresse bestätigen",
    emailConfirmed: "E-Mail-Adresse ist bestätigt",
    login: "Anmelden",
    loggedIn: "Du bist angemeldet.",
    logout: "Abmelden",
    loggedOut: "Du bist abgemeldet.",
    myAccount: "Mein Konto",
    wrongCredentials: "E-Mail-Adresse oder Passwort stimmt nicht.",
    forgotLink: "Passwort vergessen?",
    forgotTitle: "Passwort vergessen",
    forgotSubmit: "Link senden",
    forgotSent: "Falls zu",
    newPassword: "Neues Passwort",
    newPasswordConfirm: "Neues Passwort wiederholen",
    resetSubmit: "Passwort speichern",
    passwordSaved: "Dein neues Passwort ist gespeichert.",
    tooMany: "Zu viele Versuche",
  },
  en: {
    name: "Name",
    email: "Email address",
    password: "Password",
    consent: "I have read and agree to the privacy notice.",
    signupSubmit: "Create account",
    checkInbox: "Please confirm your email address",
    confirmEmail: "Confirm email address",
    emailConfirmed: "email address is confirmed",
    login: "Log in",
    loggedIn: "You are logged in.",
    logout: "Log out",
    loggedOut: "You are logged out.",
    myAccount: "My account",
    wrongCredentials: "Email address or password is incorrect.",
    forgotLink: "Forgot your password?",
    forgotTitle: "Forgot password",
    forgotSubmit: "Send link",
    forgotSent: "If an account belongs to",
    newPassword: "New password",
    newPasswordConfirm: "Repeat new password",
    resetSubmit: "Save password",
    passwordSaved: "Your new password is saved.",
    tooMany: "Too many attempts",
  },
} as const;

export type Lang = keyof typeof UI;

/** The words of the language the page is shown in. */
export async function uiOf(page: Page) {
  const lang = await page.locator("html").getAttribute("lang");
  if (lang !== "de" && lang !== "en") throw new Error(`unexpected <html lang="${lang}">`);
  return UI[lang];
}

/**
 * page.goto, then (with JavaScript on) wait until React has hydrated the page: a click on a form's button
 * before that can get lost between the browser's own submission and Remix's. Without JavaScript there is
 * nothing to wait for (the inline scripts never ran, so there is no __remixContext).
 */
export async function open(page: Page, url: string) {
  const response = await page.goto(url);
  await page.waitForFunction(
    () => {
      if (!("__remixContext" in window)) return true;
      const router = (window as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter;
      const main = document.querySelector("main");
      return Boolean(router?.state.initialized && main && Object.keys(main).some((key) => key.startsWith("__reactFiber$")));
    },
    undefined,
    { polling: 100, timeout: 20_000 },
  ).catch((error: Error) => {
    throw new Error(`${url} did not hydrate (did a script fail to load, or was the build replaced under the server?): ${error.message}`);
  });
  return response;
}

/** An address no other test (or earlier run against the same server) uses. */
export function uniqueEmail(label = "e2e") {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
}

export interface Mail {
  subject: string;
  text: string;
  /** the first link in the text whose URL contains the path asked for */
  link: string;
}

/**
 * The newest email to `email` in the dev mailbox, and its first link that contains `linkPath` (for example
 * "/verify-email?token="). With a Page it goes through the mailbox pages as a person would (the page ends up
 * on the message); with an APIRequestContext it reads the same pages' HTML and leaves any page alone.
 */
export async function readLatestMail(
  client: Page | APIRequestContext,
  email: string,
  linkPath: string,
): Promise<Mail> {
  const list = `/dev/mailbox?to=${encodeURIComponent(email)}`;
  let mail: Omit<Mail, "link">;
  if ("goto" in client) {
    const page = client;
    await open(page, list);
    const newest = page.getByTestId("mailbox-message").first();
    await expect(newest, `a mail to ${email} in the dev mailbox`).toBeVisible();
    const subject = (await newest.getByRole("link").innerText()).trim();
    await newest.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
    await expect(page.getByTestId("mailbox-to")).toHaveText(email.toLowerCase());
    mail = { subject, text: await page.getByTestId("mailbox-body").innerText() };
  } else {
    const listing = await client.get(list);
    expect(listing.status(), `GET ${list}`).toBe(200);
    const id = /href="\/dev\/mailbox\/(\d+)"/.exec(await listing.text())?.[1];
    expect(id, `a mail to ${email} in the dev mailbox`).toBeTruthy();
    const message = await client.get(`/dev/mailbox/${id}`);
    expect(message.status()).toBe(200);
    const html = await message.text();
    const subject = decodeHtml(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? "");
    const body = /<pre data-testid="mailbox-body">([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? "";
    mail = { subject, text: decodeHtml(body.replace(/<[^>]+>/g, "")) };
  }
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((url) => url.includes(linkPath));
  if (!link) throw new Error(`the newest mail to ${email} ("${mail.subject}") has no link with ${linkPath}:\n${mail.text}`);
  return { ...mail, link };
}

function decodeHtml(text: string) {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

/** A message as the SMTP sink received it: envelope recipients, unfolded and decoded headers, the text part. */
export interface WireMail {
  rcptTo: string[];
  /** header names in lower case; a header given twice keeps its first value */
  headers: Record<string, string>;
  subject: string;
  text: string;
}

/**
 * Waits for the newest message to `email` that reached the e2e server's SMTP sink (whose subject matches
 * `subject`, if given) and returns it as it came over the wire: the app sends with SMTP_URL like in production.
 */
export async function receivedOverSmtp(
  baseURL: string | undefined,
  email: string,
  { subject, timeout = 20_000 }: { subject?: RegExp; timeout?: number } = {},
): Promise<WireMail> {
  const port = new URL(baseURL ?? "http://localhost:3210").port;
  const dir = smtpSinkDir(join(dirname(fileURLToPath(import.meta.url)), ".."), port);
  const address = email.toLowerCase();
  let found: WireMail | undefined;
  await expect
    .poll(
      () => {
        const names = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".json")).sort().reverse() : [];
        for (const name of names) {
          const stored = JSON.parse(readFileSync(join(dir, name), "utf8")) as { rcptTo: string[]; raw: string };
          if (!stored.rcptTo.includes(address)) continue;
          const mail = { rcptTo: stored.rcptTo, ...parseRfc5322(stored.raw) };
          if (subject && !subject.test(mail.subject)) continue;
          found = mail;
          return true;
        }
        return false;
      },
      { message: `a mail to ${email}${subject ? ` with the subject ${subject}` : ""} received over SMTP in ${dir}`, timeout },
    )
    .toBe(true);
  return found!;
}

/** Just enough of RFC 5322/2045/2047 for the app's own mails (nodemailer: text, or text and HTML alternatives). */
export function parseRfc5322(raw: string): Omit<WireMail, "rcptTo"> {
  const { headers, body } = splitEntity(raw);
  const text = textPart(headers, body);
  return { headers, subject: headers.subject ?? "", text };
}

function splitEntity(raw: string) {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? "" : raw.slice(end).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  // unfold (a line break followed by white space continues the header), then one header a line
  for (const line of head.replace(/\r?\n(?=[ \t])/g, "").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= decodeEncodedWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function textPart(headers: Record<string, string>, body: string): string {
  const type = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1, -1);
    for (const part of parts) {
      const entity = splitEntity(part.replace(/^\r?\n/, ""));
      const text = textPart(entity.headers, entity.body);
      if (text) return text;
    }
    return "";
  }
  if (!/^text\/plain/i.test(type)) return "";
  return decodeTransfer(body, headers["content-transfer-encoding"] ?? "7bit").replace(/\r\n/g, "\n").trim();
}

function decodeTransfer(body: string, encoding: string) {
  if (/^quoted-printable$/i.test(encoding)) return decodeQuotedPrintable(body.replace(/=\r?\n/g, ""));
  if (/^base64$/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

function decodeQuotedPrintable(text: string, charset: BufferEncoding = "utf8") {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === "=" ? text.slice(i + 1, i + 3) : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString(charset);
}

/** RFC 2047: =?charset?Q|B?…?= words; adjacent ones are joined byte-wise (a character may span two; UTF-8 only) */
function decodeEncodedWords(value: string) {
  const word = /=\?[^?]+\?([QqBb])\?([^?]*)\?=/g;
  return value.replace(/=\?[^?]+\?[QqBb]\?[^?]*\?=(?:\s*=\?[^?]+\?[QqBb]\?[^?]*\?=)*/g, (run) =>
    Buffer.concat(
      [...run.matchAll(word)].map(([, kind, data]) =>
        kind.toUpperCase() === "B" ? Buffer.from(data, "base64") : Buffer.from(decodeQuotedPrintable(data.replace(/_/g, " "), "latin1"), "latin1"),
      ),
    ).toString("utf8"),
  );
}

/** Signs up through /signup, opens the link of the verification mail and confirms; ends on the login page. */
export async function signUpAndVerify(page: Page, { name, email, password }: { name: string; email: string; password: string }) {
  await open(page, "/signup");
  const ui = await uiOf(page);
  const main = page.getByRole("main");
  await main.getByLabel(ui.name, { exact: true }).fill(name);
  await main.getByLabel(ui.email, { exact: true }).fill(email);
  await main.getByLabel(ui.password, { exact: true }).fill(password);
  await main.getByRole("checkbox", { name: ui.consent }).check();
  await main.getByRole("button", { name: ui.signupSubmit }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ui.checkInbox);
  await expect(main.getByRole("status").filter({ hasText: email })).toBeVisible();

  const mail = await readLatestMail(page, email, "/verify-email?token=");
  await open(page, mail.link);
  await page.getByRole("main").getByRole("button", { name: ui.confirmEmail }).click();
  await expect(page.getByRole("status").filter({ hasText: ui.emailConfirmed })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
}

/** Logs in through /login (from wherever the page is); expects it to work and returns to the caller on "/". */
export async function logIn(page: Page, email: string, password: string) {
  await submitLogin(page, email, password);
  const ui = await uiOf(page);
  await expect(page.getByRole("status").filter({ hasText: ui.loggedIn })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: ui.myAccount })).toBeVisible();
}

/** Fills and sends the login form without judging the outcome (for the journeys that expect a refusal). */
export async function submitLogin(page: Page, email: string, password: string) {
  if (!new URL(page.url()).pathname.startsWith("/login")) await open(page, "/login");
  const ui = await uiOf(page);
  const main = page.getByRole("main");
  await main.getByLabel(ui.email, { exact: true }).fill(email);
  await main.getByLabel(ui.password, { exact: true }).fill(password);
  await main.getByRole("button", { name: ui.login, exact: true }).click();
}

/**
 * A fresh browser context (its own cookies) logged in as a demo account through /login. With `redirectTo` the
 * login starts at /login?redirectTo=… and must land there. The page shows the account's language afterwards
 * (which may differ from the context's locale: the words are looked up only once the login page is left).
 */
export async function signedInAs(
  browser: Browser,
  baseURL: string | undefined,
  email: string,
  { locale = "de-CH", redirectTo }: { locale?: string; redirectTo?: string } = {},
) {
  const context = await browser.newContext({ baseURL, locale });
  const page = await context.newPage();
  if (redirectTo) await open(page, `/login?${new URLSearchParams({ redirectTo })}`);
  await submitLogin(page, email, DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
  const ui = await uiOf(page);
  await expect(page.getByRole("banner").getByRole("link", { name: ui.myAccount })).toBeVisible();
  if (redirectTo) expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(redirectTo);
  return { context, page };
}
