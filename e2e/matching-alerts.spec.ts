/**
 * Matching, part two: a new volunteer meets the first-run prompt, saves a search, switches its alert on, the
 * digest job runs (through /dev/alerts, on where the dev mailbox is) and the digest arrives over SMTP (the e2e
 * server's SMTP_URL points at the sink of e2e/smtp-sink.js) with the RFC 8058 headers as received on the wire;
 * the one-click POST — cross-site, without login — switches the alert off. An
 * organisation invites an opted-in volunteer from its matches page; the volunteer accepts and lands on the
 * sign-up form. The new pages pass axe.
 */
import { expect, test } from "@playwright/test";
import { DEMO_OWNER, logIn, open, readLatestMail, receivedOverSmtp, signedInAs, signUpAndVerify, uniqueEmail } from "./helpers";
import { expectAxeClean, expectNoHorizontalScroll } from "./checks";

test("a new volunteer saves a search, receives the digest over SMTP with List-Unsubscribe, and unsubscribes with one click", async ({ page, browser, baseURL }) => {
  test.setTimeout(150_000);
  const email = uniqueEmail("alerts");
  const password = "Aare-Reuss-Limmat-2026";
  await signUpAndVerify(page, { name: "Selma Alarm", email, password });

  // first login without a destination: the first-run prompt, which leads to the profile and can be closed
  await logIn(page, email, password);
  await expect(page).toHaveURL(/\/me\/welcome$/);
  const main = page.getByRole("main");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Willkommen bei Mitenand");
  await expect(main.getByRole("link", { name: "Profil ausfüllen" })).toHaveAttribute("href", "/me/profile");
  await expectAxeClean(page, "/me/welcome");
  await expectNoHorizontalScroll(page, "/me/welcome");
  await main.getByRole("button", { name: "Später" }).click();
  await expect(page).toHaveURL(/\/$/);

  // save the current search (the form exists for signed-in people only)
  await open(page, "/opportunities?q=Deutsch");
  const save = main.getByRole("form", { name: "Diese Suche speichern" });
  await save.getByLabel("Name der Suche").fill("Deutsch im Alltag");
  await save.getByRole("button", { name: "Suche speichern" }).click();
  await expect(page).toHaveURL(/\/me\/searches$/);
  const card = main.getByTestId("saved-search").filter({ hasText: "Deutsch im Alltag" });
  await expect(card).toContainText("Deutsch");
  await card.getByLabel("E-Mail bei neuen Einsätzen").selectOption("daily");
  await card.getByRole("button", { name: "Benachrichtigung für «Deutsch im Alltag» speichern" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Die Benachrichtigung ist gespeichert." })).toBeVisible();
  await expect(main.getByTestId("saved-search").getByLabel("E-Mail bei neuen Einsätzen")).toHaveValue("daily");
  await expectAxeClean(page, "/me/searches");
  await expectNoHorizontalScroll(page, "/me/searches");

  // the digest job, now
  await open(page, "/dev/alerts");
  await main.getByRole("button", { name: "Jetzt senden" }).click();
  await expect(main.getByRole("status").filter({ hasText: "E-Mails in den Postausgang gelegt" })).toBeVisible();

  // the digest as the SMTP server received it: subject, body and the RFC 8058 headers on the wire
  const wire = await receivedOverSmtp(baseURL, email, { subject: /^Neu für/ });
  expect(wire.rcptTo).toEqual([email.toLowerCase()]);
  expect(wire.subject).toMatch(/^Neu für «Deutsch im Alltag»: \d+ Einsätze?$/);
  expect(wire.text).toMatch(/\/opportunities\/\d+/);
  const link = wire.text.match(/https?:\/\/\S+/g)?.find((url) => url.includes("/u/"));
  expect(link, `an unsubscribe link in the digest:\n${wire.text}`).toMatch(new RegExp(`^${baseURL}/u/`));
  expect(wire.headers["list-unsubscribe"]).toBe(`<${link}>`);
  expect(wire.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  // from here on, the address a mail client takes from the header
  const unsubscribeUrl = /^<(https?:\/\/[^>]+)>$/.exec(wire.headers["list-unsubscribe"])![1];
  // the dev mailbox shows the same message (it reads the outbox, which SMTP delivery leaves in place)
  const mail = await readLatestMail(page, email, "/u/");
  expect(mail.subject).toBe(wire.subject);
  expect(mail.link).toBe(link);

  // GET only asks (a link scanner changes nothing)
  const anonymous = await browser.newContext({ baseURL, locale: "de-CH" });
  const visitor = await anonymous.newPage();
  await visitor.goto(unsubscribeUrl);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("E-Mails abbestellen");
  await expect(visitor.getByRole("button", { name: "Benachrichtigung abbestellen" })).toBeVisible();
  await expectAxeClean(visitor, "/u/:token");
  await expectNoHorizontalScroll(visitor, "/u/:token");
  // anonymous visitors of the search page never get the save form (their page may come from the cache)
  await visitor.goto("/opportunities?q=Deutsch");
  await expect(visitor.getByRole("button", { name: "Suche speichern" })).toHaveCount(0);

  // a tampered token: a clear 400; another path from another site: still refused by the same-origin check
  const tampered = await visitor.request.post(`${unsubscribeUrl.slice(0, -3)}abc`, { form: { "List-Unsubscribe": "One-Click" }, headers: { Origin: "https://mail.example" } });
  expect(tampered.status()).toBe(400);
  expect(await tampered.text()).toContain("Ungültiger Link");
  const elsewhere = await visitor.request.post("/me/searches", { form: { intent: "delete", id: "1" }, headers: { Origin: "https://mail.example" } });
  expect(elsewhere.status()).toBe(403);

  // the mail client's one-click POST, cross-site and without any cookie
  const oneClick = await visitor.request.post(unsubscribeUrl, { form: { "List-Unsubscribe": "One-Click" }, headers: { Origin: "https://mail.example" } });
  expect(oneClick.status()).toBe(200);
  await anonymous.close();

  await open(page, "/me/searches");
  await expect(main.getByTestId("saved-search").getByLabel("E-Mail bei neuen Einsätzen")).toHaveValue("off");
});

test("an organisation invites an opted-in volunteer from its matches page; the volunteer accepts", async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const title = "Gastgeberin oder Gastgeber im Café International";
  const { context: org, page: orgPage } = await signedInAs(browser, baseURL, DEMO_OWNER.email, { redirectTo: `/orgs/${DEMO_OWNER.slug}/manage` });
  const orgMain = orgPage.getByRole("main");
  await orgMain.getByRole("link", { name: title, exact: true }).click();
  await orgMain.getByRole("link", { name: "Passende Freiwillige" }).click();
  await expect(orgPage).toHaveURL(/\/matches$/);
  // Edith (freiwillig1) opted in and fits
  const edith = orgMain.getByTestId("volunteer-match").filter({ has: orgPage.getByRole("heading", { name: "Edith", exact: true }) });
  await edith.getByRole("button", { name: "Edith zu diesem Einsatz einladen" }).click();
  await expect(orgPage.getByRole("status").filter({ hasText: "Die Einladung ist verschickt." })).toBeVisible();
  await expect(edith).toContainText("Eingeladen");
  await expect(edith.getByRole("button")).toHaveCount(0);
  await expect(orgMain).not.toContainText("@");
  await expectAxeClean(orgPage, "matches page with an invitation");
  await expectNoHorizontalScroll(orgPage, "matches page");
  await org.close();

  const { context: volunteer, page } = await signedInAs(browser, baseURL, "freiwillig1@mitenand.example", { redirectTo: "/me/invitations" });
  const mail = await readLatestMail(page.request, "freiwillig1@mitenand.example", "/me/invitations");
  expect(mail.subject).toBe(`Verein Treffpunkt Welt Aarau lädt dich ein: ${title}`);
  expect(mail.text).toMatch(/\/u\/i\d+\./);
  const invitation = page.getByTestId("invitation").filter({ hasText: title });
  await expect(invitation).toContainText("Offen");
  await expectAxeClean(page, "/me/invitations");
  await expectNoHorizontalScroll(page, "/me/invitations");
  await invitation.getByRole("button", { name: `Einladung zu «${title}» annehmen` }).click();
  await expect(page).toHaveURL(/\/opportunities\/\d+\/signup$/);
  await open(page, "/me/invitations");
  await expect(page.getByTestId("invitation").filter({ hasText: title })).toContainText("Angenommen");
  await volunteer.close();
});
