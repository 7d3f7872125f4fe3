/**
 * Valid HTML: the Nu Html Checker (vnu-jar, the W3C validator, needs Java) reports no errors on the public pages,
 * anonymous and in both languages, and on the pages of the signed-in journeys. The documents are fetched as a
 * browser gets them (streamed, with Remix's data scripts) and checked in one run of the checker.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { logIn } from "./helpers";
import { nuErrors } from "./checks";

const DEMO_PASSWORD = "Mitenand-Demo-2026";
const DEMO_OWNER = "verein-treffpunkt-welt-aarau@mitenand.example";
const DEMO_SLUG = "verein-treffpunkt-welt-aarau";

async function fetchDocuments(request: APIRequestContext, paths: string[], headers: Record<string, string>, label: string) {
  const documents = [];
  for (const path of paths) {
    const response = await request.get(path, { headers, maxRedirects: 0 });
    expect(response.headers()["content-type"], `${path} is a document`).toContain("text/html");
    documents.push({ name: `${path} (${label}, ${response.status()})`, html: await response.text() });
  }
  return documents;
}

test("the Nu Html Checker finds no errors on the public pages, in German and English", async ({ request }) => {
  test.setTimeout(180_000);
  const list = await request.get("/opportunities", { headers: { "Accept-Language": "de-CH" } });
  const opportunityPath = /href="(\/opportunities\/\d+)"/.exec(await list.text())?.[1];
  expect(opportunityPath, "a published opportunity to check").toBeTruthy();

  const paths = [
    "/",
    "/opportunities",
    "/opportunities?q=deutsch&near=5000&radius=20",
    "/opportunities?q=xyzunknown",
    opportunityPath!,
    `/orgs/${DEMO_SLUG}`,
    "/about",
    "/privacy",
    "/login",
    "/signup",
    "/forgot-password",
    "/embed/opportunities?gemeinde=4001",
    "/no-such-page",
  ];
  const documents = [
    ...(await fetchDocuments(request, paths, { "Accept-Language": "de-CH" }, "de")),
    ...(await fetchDocuments(request, ["/", "/opportunities", opportunityPath!], { "Accept-Language": "en-GB" }, "en")),
  ];
  expect(nuErrors(documents)).toEqual([]);
});

test("the Nu Html Checker finds no errors on an organisation owner's pages", async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, DEMO_OWNER, DEMO_PASSWORD);
  const paths = [
    "/opportunities?q=deutsch",
    "/me/account",
    "/orgs",
    `/orgs/${DEMO_SLUG}/manage`,
    `/orgs/${DEMO_SLUG}/manage/opportunities/new`,
    `/orgs/${DEMO_SLUG}/manage/members`,
    `/orgs/${DEMO_SLUG}/manage/profile`,
  ];
  // page.request shares the browser context's cookies: the documents as the signed-in owner gets them
  const documents = await fetchDocuments(page.request, paths, { "Accept-Language": "de-CH" }, "signed in");
  expect(nuErrors(documents)).toEqual([]);
});

test("the checker itself catches a stray script after </html> (the check cannot pass vacuously)", () => {
  const html = '<!DOCTYPE html><html lang="de"><head><title>x</title></head><body><p>x</p></body></html><script>1</script>';
  expect(nuErrors([{ name: "stray", html }]).join("\n")).toMatch(/stray/i);
});

test("the Nu Html Checker finds no errors on the flag form, the audit views and the admin's people pages", async ({ page, request }) => {
  test.setTimeout(180_000);
  const list = await request.get("/opportunities", { headers: { "Accept-Language": "de-CH" } });
  const opportunityPath = /href="(\/opportunities\/\d+)"/.exec(await list.text())?.[1];
  expect(opportunityPath, "a published opportunity to flag").toBeTruthy();
  const anonymous = await fetchDocuments(request, [`${opportunityPath}/flag`], { "Accept-Language": "de-CH" }, "anonymous");

  await logIn(page, "admin@mitenand.example", DEMO_PASSWORD);
  const headers = { "Accept-Language": "de-CH" };
  const queue = await (await page.request.get("/coordinator?kind=flag", { headers })).text();
  const flagged = /href="(\/coordinator\/opportunities\/\d+)"/.exec(queue)?.[1];
  expect(flagged, "the demo's open flag in the queue").toBeTruthy();
  const people = await (await page.request.get("/admin/users?q=koordination", { headers })).text();
  const person = /href="(\/admin\/users\/\d+)"/.exec(people)?.[1];
  expect(person, "a person found").toBeTruthy();
  const paths = ["/admin/audit", "/admin/audit?kind=decision&from=2020-01-01", "/coordinator/audit", "/admin/users", "/admin/users?q=koordination", person!, flagged!, "/admin/regions/rif-region-aarau"];
  const signedIn = await fetchDocuments(page.request, paths, headers, "admin");
  expect(nuErrors([...anonymous, ...signedIn])).toEqual([]);
});

test("the Nu Html Checker finds no errors on the organisation's sign-up pages (move up, messages, reasons)", async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, DEMO_OWNER, DEMO_PASSWORD);
  const manage = await page.request.get(`/orgs/${DEMO_SLUG}/manage`);
  const paths = [...new Set([...(await manage.text()).matchAll(/href="(\/orgs\/[^"]+\/signups)"/g)].map((m) => m[1]!))];
  expect(paths.length).toBeGreaterThan(0);
  const documents = await fetchDocuments(page.request, paths, { "Accept-Language": "de-CH" }, "signed in");
  expect(nuErrors(documents)).toEqual([]);
});
