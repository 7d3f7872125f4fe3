/**
 * The way back after signing up (issue 10, item 2): `redirectTo` flows from /signup through the verification
 * email's link and /verify-email to /login and on to the page the person was headed for (an opportunity's sign-up
 * form, an invitation). Only same-site paths survive any step: other sites and their tricks are dropped.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, db } from "~db/client.server";
import { inviteMember } from "~/domain/organisations/members.server";
import { createOrganisationWithOwner, createSessionFor, createUser, TEST_PASSWORD, uniqueEmail } from "~/testing/factories.server";
import { callRoute, type RouteCall, type RouteHandler } from "~/testing/route-call.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { loader as invitationLoader } from "./invitations.$token";
import { action as loginAction, loader as loginLoader } from "./login";
import { action as signupAction, loader as signupLoader } from "./signup";
import { action as verifyAction, loader as verifyLoader } from "./verify-email";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

// every call from its own address: the sign-up and login limits are per IP
const call = (fn: RouteHandler, request: RouteCall) => callRoute(fn, { ...request, ip: randomUUID() });

const BACK = "/opportunities/42/signup?shiftId=7";
const EVIL = ["//evil.example", "https://evil.example/x", "/\\evil.example", "http:/evil.example", " //evil.example", "/\t/evil.example"];

function signupForm(email: string, redirectTo: string) {
  return { name: "Vera Umweg", email, password: TEST_PASSWORD, consent: "on", redirectTo };
}

/** The link in the newest verification email to `email`. */
async function verificationLink(email: string) {
  const mail = await db.selectFrom("outbox").select("text_body").where("recipient", "=", email).where("template", "=", "verify_email").orderBy("id", "desc").executeTakeFirstOrThrow();
  const link = mail.text_body.match(/https?:\/\/\S+\/verify-email\?\S+/)?.[0];
  if (!link) throw new Error("no verification link");
  return new URL(link);
}

test("sign up with redirectTo → the verification link carries it → verifying leads to login → login lands on the form", async () => {
  const email = uniqueEmail();
  const form = await call(signupLoader, { path: `/signup?${new URLSearchParams({ redirectTo: BACK })}` });
  expect(form.body.redirectTo).toBe(BACK);
  const sent = await call(signupAction, { path: "/signup", form: signupForm(email, BACK) });
  expect(sent.body).toMatchObject({ sentTo: email, redirectTo: BACK });

  const link = await verificationLink(email);
  expect(link.pathname).toBe("/verify-email");
  expect(link.searchParams.get("redirectTo")).toBe(BACK);
  const token = link.searchParams.get("token")!;
  const page = await call(verifyLoader, { path: link.pathname + link.search });
  expect(page.body).toMatchObject({ token, redirectTo: BACK });

  const verified = await call(verifyAction, { path: "/verify-email", form: { intent: "verify", token, redirectTo: BACK } });
  expect({ status: verified.status, location: verified.location }).toEqual({ status: 302, location: `/login?${new URLSearchParams({ redirectTo: BACK })}` });
  const login = await call(loginLoader, { path: verified.location! });
  expect(login.body.redirectTo).toBe(BACK);
  const loggedIn = await call(loginAction, { path: "/login", form: { email, password: TEST_PASSWORD, redirectTo: BACK } });
  expect({ status: loggedIn.status, location: loggedIn.location }).toEqual({ status: 302, location: BACK });
});

test("verifying while logged in as that account goes straight back; a resent link keeps the way back too", async () => {
  const user = await createUser({ verified: false });
  const resent = await call(verifyAction, { path: "/verify-email", form: { intent: "resend", email: user.email, redirectTo: BACK } });
  expect(resent.body).toMatchObject({ resent: true });
  const link = await verificationLink(user.email);
  expect(link.searchParams.get("redirectTo")).toBe(BACK);
  const token = await createSessionFor(user.id);
  const verified = await call(verifyAction, { token, path: "/verify-email", form: { intent: "verify", token: link.searchParams.get("token")!, redirectTo: BACK } });
  expect({ status: verified.status, location: verified.location }).toEqual({ status: 302, location: BACK });
  // the login and sign-up pages send a signed-in person on to where they were headed
  for (const loader of [loginLoader, signupLoader]) {
    expect((await call(loader, { token, path: `/x?${new URLSearchParams({ redirectTo: BACK })}` })).location).toBe(BACK);
  }
});

test("open redirects are refused at every step: sign-up page, verification link, verifying, resending, login", async () => {
  for (const evil of EVIL) {
    const query = `?${new URLSearchParams({ redirectTo: evil })}`;
    expect((await call(signupLoader, { path: `/signup${query}` })).body.redirectTo).toBe("");
    // login: an unsafe destination becomes "/" (only a login without any destination may show the first-run prompt)
    expect((await call(loginLoader, { path: `/login${query}` })).body.redirectTo).toBe("/");

    const email = uniqueEmail();
    expect((await call(signupAction, { path: "/signup", form: signupForm(email, evil) })).body).toMatchObject({ sentTo: email, redirectTo: "" });
    const link = await verificationLink(email);
    expect([...link.searchParams.keys()]).toEqual(["token"]);
    expect((await call(verifyLoader, { path: `${link.pathname}${link.search}&${query.slice(1)}` })).body.redirectTo).toBe("");

    expect((await call(verifyAction, { path: "/verify-email", form: { intent: "resend", email, redirectTo: evil } })).body).toMatchObject({ resent: true });
    const resent = await verificationLink(email);
    expect([...resent.searchParams.keys()]).toEqual(["token"]);

    const verified = await call(verifyAction, { path: "/verify-email", form: { intent: "verify", token: resent.searchParams.get("token")!, redirectTo: evil } });
    expect({ status: verified.status, location: verified.location }).toEqual({ status: 302, location: "/login" });
    const loggedIn = await call(loginAction, { path: "/login", form: { email, password: TEST_PASSWORD, redirectTo: evil } });
    expect({ status: loggedIn.status, location: loggedIn.location }).toEqual({ status: 302, location: "/" });

    const user = await db.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const session = await createSessionFor(user.id);
    expect((await call(loginLoader, { token: session, path: `/login${query}` })).location).toBe("/me/account");
  }
});

test("an invitation's sign-up and login links lead back to the invitation", async () => {
  const { organisation, owner } = await createOrganisationWithOwner();
  const invited = uniqueEmail();
  const sent = await inviteMember({ orgId: organisation.id, actor: { id: owner.id, displayName: owner.display_name, locale: "de" }, email: invited, role: "editor", origin: "https://mitenand.example" });
  if (!sent?.ok) throw new Error("invitation not sent");
  const here = `/invitations/${sent.token}`;
  const page = await call(invitationLoader, { path: here, params: { token: sent.token } });
  expect(page.body).toMatchObject({ loginUrl: `/login?${new URLSearchParams({ redirectTo: here })}`, signupUrl: `/signup?${new URLSearchParams({ redirectTo: here })}` });
  const signup = await call(signupLoader, { path: page.body.signupUrl as string });
  expect(signup.body.redirectTo).toBe(here);
  expect((await call(signupAction, { path: "/signup", form: signupForm(invited, here) })).body).toMatchObject({ sentTo: invited });
  expect((await verificationLink(invited)).searchParams.get("redirectTo")).toBe(here);
});
