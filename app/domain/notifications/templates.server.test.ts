import { expect, test } from "vitest";
import { sampleSignupEmailParams } from "~/domain/signups/email-templates.server";
import { EMAIL_TEMPLATE_NAMES, renderEmail, type EmailTemplateName, type EmailTemplateParams } from "./templates.server";

function paramsFor(name: string): { [K in EmailTemplateName]: EmailTemplateParams[K] } {
  return {
    verify_email: { name, url: "https://mitenand.example/verify-email?token=abc" },
    reset_password: { name, url: "https://mitenand.example/reset-password?token=abc" },
    change_email: { name, url: "https://mitenand.example/verify-email?token=abc&change=1", newEmail: "neu@example.org" },
    email_changed_notice: { name, newEmail: "neu@example.org" },
    password_changed_notice: { name },
    account_deleted: { name },
    signup_existing_account: { name, loginUrl: "https://mitenand.example/login", resetUrl: "https://mitenand.example/forgot-password" },
    coordinator_invitation: { name, regionName: "RIF Region Aarau", inviterName: "Beat Muster", url: "https://mitenand.example/invitations/abc" },
    organisation_invitation: { name, orgName: "Verein Zäme", inviterName: "Beat Muster", role: "editor", url: "https://mitenand.example/invitations/abc" },
    moderation_decision: {
      name,
      orgName: "Verein Zäme",
      title: "Konversationsgruppe",
      decision: "request_changes",
      revision: false,
      reason: "Bitte die Uhrzeit ergänzen.",
      url: "https://mitenand.example/orgs/verein-zaeme/manage/opportunities/1/preview",
    },
    ...sampleSignupEmailParams(name),
    match_invitation: {
      name,
      orgName: "Verein Zäme",
      title: "Konversationsgruppe",
      url: "https://mitenand.example/me/invitations",
      opportunityUrl: "https://mitenand.example/opportunities/1",
      unsubscribeUrl: "https://mitenand.example/u/i1.abc.sig",
    },
    saved_search_digest: {
      name,
      searchName: "Aarau abends",
      items: [{ title: "Konversationsgruppe", orgName: "Verein Zäme", url: "https://mitenand.example/opportunities/1" }],
      searchUrl: "https://mitenand.example/opportunities?near=Aarau",
      manageUrl: "https://mitenand.example/me/searches",
      unsubscribeUrl: "https://mitenand.example/u/a1.abc.sig",
    },
  };
}

function render<T extends EmailTemplateName>(template: T, locale: "de" | "en", name = "Anna Muster") {
  return renderEmail(template, locale, paramsFor(name)[template]);
}

test("every template renders in German and English with the name and its links", () => {
  for (const template of EMAIL_TEMPLATE_NAMES) {
    const params = paramsFor("Anna Muster")[template] as Record<string, string>;
    const urls = Object.entries(params).filter(([key]) => key.toLowerCase().endsWith("url")).map(([, value]) => value);
    for (const locale of ["de", "en"] as const) {
      const email = render(template, locale);
      expect(email.subject.length).toBeGreaterThan(10);
      expect(email.text).toContain(locale === "de" ? "Hallo Anna Muster" : "Hello Anna Muster");
      expect(email.html).toContain(`<html lang="${locale}">`);
      expect(email.html).toContain(`<title>${email.subject}</title>`);
      for (const url of urls) {
        expect(email.text).toContain(url);
        expect(email.html).toContain(`href="${url.replaceAll("&", "&amp;")}"`);
      }
    }
    expect(render(template, "de").subject).not.toBe(render(template, "en").subject);
  }
});

test("the address change emails name the new address", () => {
  for (const locale of ["de", "en"] as const) {
    expect(render("change_email", locale).text).toContain("neu@example.org");
    expect(render("email_changed_notice", locale).text).toContain("neu@example.org");
  }
});

test("the texts say how long a link is valid", () => {
  expect(render("verify_email", "de").text).toContain("24 Stunden");
  expect(render("verify_email", "en").text).toContain("24 hours");
  expect(render("reset_password", "de").text).toContain("1 Stunde");
  expect(render("reset_password", "en").text).toContain("1 hour");
});

test("German output uses Swiss spelling (no ß)", () => {
  const german = EMAIL_TEMPLATE_NAMES.map((template) => render(template, "de"));
  expect(german.map((email) => `${email.subject}\n${email.text}\n${email.html}`).join("\n")).not.toContain("ß");
  expect(german.every((email) => email.text.includes("Freundliche Grüsse"))).toBe(true);
});

test("interpolated values are HTML-escaped in the HTML body", () => {
  const name = `<script>alert("x")</script> & 'Co'`;
  for (const template of EMAIL_TEMPLATE_NAMES) {
    for (const locale of ["de", "en"] as const) {
      const { html, text } = render(template, locale, name);
      expect(html).not.toContain("<script>");
      expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;");
      // the plain-text part is not HTML: it keeps the name as written
      expect(text).toContain(name);
    }
  }
  const { html } = renderEmail("change_email", "en", {
    name: "A",
    url: 'https://mitenand.example/x?a=1&b="><img src=x>',
    newEmail: "<b>x</b>@example.org",
  });
  expect(html).toContain('href="https://mitenand.example/x?a=1&amp;b=&quot;&gt;&lt;img src=x&gt;"');
  expect(html).toContain("&lt;b&gt;x&lt;/b&gt;@example.org");
  expect(html).not.toContain("<img");
  expect(html).not.toContain("<b>");
});

test("a name cannot add lines or paragraphs to the email", () => {
  const { text } = render("verify_email", "en", "Anna\r\n\r\nClick here: https://evil.example\u2028now");
  expect(text.split("\n")[0]).toBe("Hello Anna Click here: https://evil.example now");
  expect(render("verify_email", "en", "   ").text.startsWith("Hello\n\n")).toBe(true);
});

test("links must be absolute http(s) URLs", () => {
  expect(() => renderEmail("verify_email", "de", { name: "A", url: "javascript:alert(1)" })).toThrow(/http/);
  expect(() => renderEmail("verify_email", "de", { name: "A", url: "/verify-email?token=x" })).toThrow(/http/);
  expect(renderEmail("verify_email", "de", { name: "A", url: "http://localhost:3000/verify-email?token=x" }).text).toContain(
    "http://localhost:3000/verify-email?token=x",
  );
});

test("the invitation names the organisation, the inviter, the role and how long the link is valid", () => {
  for (const locale of ["de", "en"] as const) {
    const email = render("organisation_invitation", locale);
    expect(email.subject).toContain("Verein Zäme");
    expect(email.text).toContain("Beat Muster");
    expect(email.text).toContain(locale === "de" ? "«Redaktion»" : "“Editor”");
    expect(email.text).toContain(locale === "de" ? "7 Tage" : "7 days");
  }
  const owner = renderEmail("organisation_invitation", "de", {
    name: "",
    orgName: "<b>Verein</b>",
    inviterName: "Beat",
    role: "owner",
    url: "https://mitenand.example/invitations/abc",
  });
  expect(owner.text.startsWith("Hallo\n\n")).toBe(true);
  expect(owner.text).toContain("«Verwaltung»");
  expect(owner.html).not.toContain("<b>");
});
