/**
 * The emails Mitenand sends, in Swiss Standard German ("ss", never "ß") and English. Each template describes
 * its content once as paragraphs and links; the plain-text and the HTML body are both made from that, so they
 * never drift apart and every interpolated value is escaped in exactly one place. Links are absolute URLs
 * passed in by the caller (only http and https are accepted).
 */
import type { Locale } from "~/i18n/config";
import { SIGNUP_EMAIL_TEMPLATES, type SignupEmailTemplateParams } from "~/domain/signups/email-templates.server";
import { MATCHING_EMAIL_TEMPLATES, type MatchingEmailTemplateParams } from "~/domain/matching/email-templates.server";

export type EmailLocale = Locale;

/** What each template needs from the caller. */
export interface EmailTemplateParams extends SignupEmailTemplateParams, MatchingEmailTemplateParams {
  verify_email: { name: string; url: string };
  reset_password: { name: string; url: string };
  /** sent to the NEW address */
  change_email: { name: string; url: string; newEmail: string };
  /** sent to the OLD address once the change is done */
  email_changed_notice: { name: string; newEmail: string };
  password_changed_notice: { name: string };
  account_deleted: { name: string };
  /** sent instead of telling a visitor that the address already has an account */
  signup_existing_account: { name: string; loginUrl: string; resetUrl: string };
  /** name: the invitee's, if the address has an account ("" otherwise) */
  organisation_invitation: { name: string; orgName: string; inviterName: string; role: "owner" | "editor"; url: string };
  /** an admin invites an address without an account to coordinate a region */
  coordinator_invitation: { name: string; regionName: string; inviterName: string; url: string };
  /** a RIF coordinator decided about a listing (revision: about a change to a published listing) */
  moderation_decision: {
    name: string;
    orgName: string;
    title: string;
    decision: "approve" | "request_changes" | "reject" | "unpublish";
    revision: boolean;
    reason: string;
    url: string;
  };
}

export type EmailTemplateName = keyof EmailTemplateParams;

type Block = { text: string } | { link: string; label: string };

interface EmailContent {
  subject: string;
  /** the greeting and the sign-off are added around these */
  blocks: Block[];
}

type TemplateDefinition<P> = Record<EmailLocale, (params: P) => EmailContent>;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const COMMON = {
  de: {
    greeting: (name: string) => (name ? `Hallo ${name}` : "Hallo"),
    signOff: ["Freundliche Grüsse", "Das Mitenand-Team"],
    ignore: "Falls du das nicht warst, kannst du diese E-Mail ignorieren.",
    notYou: "Falls du das nicht warst, wende dich bitte umgehend an das Mitenand-Team.",
  },
  en: {
    greeting: (name: string) => (name ? `Hello ${name}` : "Hello"),
    signOff: ["Kind regards", "The Mitenand team"],
    ignore: "If this wasn't you, you can ignore this email.",
    notYou: "If this wasn't you, please contact the Mitenand team right away.",
  },
} as const;

export const EmailTemplates: { [K in EmailTemplateName]: TemplateDefinition<EmailTemplateParams[K]> } = {
  verify_email: {
    de: ({ url }) => ({
      subject: "Bestätige deine E-Mail-Adresse für Mitenand",
      blocks: [
        { text: "Willkommen bei Mitenand! Bitte bestätige deine E-Mail-Adresse, damit du dein Konto nutzen kannst." },
        { link: url, label: "E-Mail-Adresse bestätigen" },
        { text: "Der Link ist 24 Stunden gültig." },
        { text: "Falls du dich nicht bei Mitenand registriert hast, kannst du diese E-Mail ignorieren." },
      ],
    }),
    en: ({ url }) => ({
      subject: "Confirm your email address for Mitenand",
      blocks: [
        { text: "Welcome to Mitenand! Please confirm your email address so that you can use your account." },
        { link: url, label: "Confirm email address" },
        { text: "The link is valid for 24 hours." },
        { text: "If you did not sign up for Mitenand, you can ignore this email." },
      ],
    }),
  },
  reset_password: {
    de: ({ url }) => ({
      subject: "Neues Passwort für Mitenand",
      blocks: [
        { text: "Wir haben eine Anfrage erhalten, das Passwort für dein Mitenand-Konto zurückzusetzen." },
        { link: url, label: "Neues Passwort festlegen" },
        { text: "Der Link ist 1 Stunde gültig und funktioniert nur einmal." },
        { text: `${COMMON.de.ignore} Dein Passwort bleibt unverändert.` },
      ],
    }),
    en: ({ url }) => ({
      subject: "Reset your Mitenand password",
      blocks: [
        { text: "We received a request to reset the password of your Mitenand account." },
        { link: url, label: "Choose a new password" },
        { text: "The link is valid for 1 hour and works only once." },
        { text: `${COMMON.en.ignore} Your password stays the same.` },
      ],
    }),
  },
  change_email: {
    de: ({ url, newEmail }) => ({
      subject: "Bestätige deine neue E-Mail-Adresse für Mitenand",
      blocks: [
        { text: `Du möchtest die E-Mail-Adresse deines Mitenand-Kontos auf ${newEmail} ändern. Bitte bestätige die neue Adresse.` },
        { link: url, label: "Neue E-Mail-Adresse bestätigen" },
        { text: "Der Link ist 24 Stunden gültig. Bis du ihn öffnest, bleibt deine bisherige Adresse gültig." },
        { text: COMMON.de.ignore },
      ],
    }),
    en: ({ url, newEmail }) => ({
      subject: "Confirm your new email address for Mitenand",
      blocks: [
        { text: `You want to change the email address of your Mitenand account to ${newEmail}. Please confirm the new address.` },
        { link: url, label: "Confirm new email address" },
        { text: "The link is valid for 24 hours. Until you open it, your current address stays in use." },
        { text: COMMON.en.ignore },
      ],
    }),
  },
  email_changed_notice: {
    de: ({ newEmail }) => ({
      subject: "Deine E-Mail-Adresse bei Mitenand wurde geändert",
      blocks: [
        { text: `Die E-Mail-Adresse deines Mitenand-Kontos wurde auf ${newEmail} geändert. An diese Adresse hier schicken wir keine Nachrichten mehr.` },
        { text: COMMON.de.notYou },
      ],
    }),
    en: ({ newEmail }) => ({
      subject: "Your email address at Mitenand was changed",
      blocks: [
        { text: `The email address of your Mitenand account was changed to ${newEmail}. We will no longer send messages to this address.` },
        { text: COMMON.en.notYou },
      ],
    }),
  },
  password_changed_notice: {
    de: () => ({
      subject: "Dein Passwort bei Mitenand wurde geändert",
      blocks: [
        { text: "Das Passwort deines Mitenand-Kontos wurde soeben geändert." },
        { text: "Falls du das nicht warst, setze dein Passwort über «Passwort vergessen» sofort zurück und wende dich an das Mitenand-Team." },
      ],
    }),
    en: () => ({
      subject: "Your Mitenand password was changed",
      blocks: [
        { text: "The password of your Mitenand account was just changed." },
        { text: "If this wasn't you, reset your password right away with “Forgot password” and contact the Mitenand team." },
      ],
    }),
  },
  account_deleted: {
    de: () => ({
      subject: "Dein Mitenand-Konto wurde gelöscht",
      blocks: [
        { text: "Dein Konto bei Mitenand und deine persönlichen Daten wurden gelöscht. Danke für dein Engagement!" },
        { text: "Du kannst jederzeit ein neues Konto eröffnen." },
        { text: COMMON.de.notYou },
      ],
    }),
    en: () => ({
      subject: "Your Mitenand account has been deleted",
      blocks: [
        { text: "Your Mitenand account and your personal data have been deleted. Thank you for your commitment!" },
        { text: "You are welcome to create a new account at any time." },
        { text: COMMON.en.notYou },
      ],
    }),
  },
  signup_existing_account: {
    de: ({ loginUrl, resetUrl }) => ({
      subject: "Registrierung bei Mitenand mit deiner E-Mail-Adresse",
      blocks: [
        { text: "Jemand hat versucht, mit deiner E-Mail-Adresse ein neues Konto bei Mitenand zu eröffnen. Du hast bereits ein Konto und kannst dich damit anmelden." },
        { link: loginUrl, label: "Bei Mitenand anmelden" },
        { text: "Passwort vergessen? Dann kannst du ein neues festlegen." },
        { link: resetUrl, label: "Passwort zurücksetzen" },
        { text: `${COMMON.de.ignore} Dein Konto bleibt unverändert.` },
      ],
    }),
    en: ({ loginUrl, resetUrl }) => ({
      subject: "Sign-up at Mitenand with your email address",
      blocks: [
        { text: "Someone tried to create a new Mitenand account with your email address. You already have an account and can sign in with it." },
        { link: loginUrl, label: "Sign in to Mitenand" },
        { text: "Forgot your password? You can choose a new one." },
        { link: resetUrl, label: "Reset password" },
        { text: `${COMMON.en.ignore} Your account stays the same.` },
      ],
    }),
  },
  coordinator_invitation: {
    de: ({ regionName, inviterName, url }) => ({
      subject: `Einladung: RIF-Koordination ${regionName} auf Mitenand`,
      blocks: [
        {
          text: `${inviterName} lädt dich ein, auf Mitenand die Einsätze der Region «${regionName}» zu koordinieren: eingereichte Einsätze prüfen und freigeben, Organisationen bestätigen und Meldungen bearbeiten.`,
        },
        { link: url, label: "Einladung ansehen und annehmen" },
        { text: "Registriere dich mit dieser E-Mail-Adresse (oder melde dich damit an), um die Einladung anzunehmen. Der Link ist 7 Tage gültig." },
        { text: "Falls du diese Einladung nicht erwartet hast, kannst du diese E-Mail ignorieren." },
      ],
    }),
    en: ({ regionName, inviterName, url }) => ({
      subject: `Invitation: RIF coordination ${regionName} on Mitenand`,
      blocks: [
        {
          text: `${inviterName} invites you to coordinate the opportunities of the region “${regionName}” on Mitenand: review and publish submitted opportunities, verify organisations and handle reports.`,
        },
        { link: url, label: "View and accept the invitation" },
        { text: "Sign up with this email address (or log in with it) to accept the invitation. The link is valid for 7 days." },
        { text: "If you did not expect this invitation, you can ignore this email." },
      ],
    }),
  },
  organisation_invitation: {
    de: ({ orgName, inviterName, role, url }) => ({
      subject: `Einladung: Mitarbeit bei ${orgName} auf Mitenand`,
      blocks: [
        {
          text: `${inviterName} lädt dich ein, bei Mitenand für «${orgName}» mitzuarbeiten, mit der Rolle «${role === "owner" ? "Verwaltung" : "Redaktion"}». ${
            role === "owner"
              ? "Damit kannst du Einsätze ausschreiben, das Profil der Organisation bearbeiten und Mitglieder verwalten."
              : "Damit kannst du Einsätze der Organisation ausschreiben und bearbeiten."
          }`,
        },
        { link: url, label: "Einladung ansehen und annehmen" },
        { text: "Melde dich mit dieser E-Mail-Adresse an (oder registriere dich damit), um die Einladung anzunehmen. Der Link ist 7 Tage gültig." },
        { text: "Falls du diese Einladung nicht erwartet hast, kannst du diese E-Mail ignorieren." },
      ],
    }),
    en: ({ orgName, inviterName, role, url }) => ({
      subject: `Invitation: join ${orgName} on Mitenand`,
      blocks: [
        {
          text: `${inviterName} invites you to work for “${orgName}” on Mitenand, with the role “${role === "owner" ? "Manager" : "Editor"}”. ${
            role === "owner"
              ? "You can then post opportunities, edit the organisation's profile and manage its members."
              : "You can then post and edit the organisation's opportunities."
          }`,
        },
        { link: url, label: "View and accept the invitation" },
        { text: "Log in with this email address (or sign up with it) to accept the invitation. The link is valid for 7 days." },
        { text: "If you did not expect this invitation, you can ignore this email." },
      ],
    }),
  },
  moderation_decision: { de: decisionEmail("de"), en: decisionEmail("en") },
  ...SIGNUP_EMAIL_TEMPLATES,
  ...MATCHING_EMAIL_TEMPLATES,
};

const DECISION_TEXT = {
  de: {
    approve: { subject: "freigegeben", text: "Die Regionale Integrationsfachstelle hat den Einsatz freigegeben. Er ist jetzt öffentlich sichtbar." },
    approveRevision: { subject: "Änderung freigegeben", text: "Die Regionale Integrationsfachstelle hat eure Änderung freigegeben. Die öffentliche Ausschreibung zeigt jetzt die neue Fassung." },
    request_changes: { subject: "Änderungen gewünscht", text: "Die Regionale Integrationsfachstelle wünscht Änderungen, bevor der Einsatz veröffentlicht wird. Überarbeitet ihn und reicht ihn erneut ein." },
    request_changesRevision: { subject: "Änderung nicht freigegeben", text: "Die Regionale Integrationsfachstelle wünscht Anpassungen an eurer Änderung. Die öffentliche Ausschreibung bleibt unverändert, bis eine überarbeitete Fassung freigegeben ist." },
    reject: { subject: "abgelehnt", text: "Die Regionale Integrationsfachstelle hat den Einsatz abgelehnt. Er wird nicht veröffentlicht." },
    unpublish: { subject: "nicht mehr öffentlich", text: "Die Regionale Integrationsfachstelle hat den Einsatz von der öffentlichen Liste genommen. Überarbeitet ihn und reicht ihn erneut ein." },
    reason: "Begründung",
    link: "Einsatz ansehen",
  },
  en: {
    approve: { subject: "approved", text: "The regional integration office has approved the opportunity. It is now public." },
    approveRevision: { subject: "change approved", text: "The regional integration office has approved your change. The public listing now shows the new version." },
    request_changes: { subject: "changes requested", text: "The regional integration office asks for changes before the opportunity is published. Please revise it and submit it again." },
    request_changesRevision: { subject: "change not approved", text: "The regional integration office asks for changes to your edit. The public listing stays as it was until a revised version is approved." },
    reject: { subject: "rejected", text: "The regional integration office has rejected the opportunity. It will not be published." },
    unpublish: { subject: "no longer public", text: "The regional integration office has taken the opportunity off the public listings. Please revise it and submit it again." },
    reason: "Reason",
    link: "View the opportunity",
  },
} as const;

function decisionEmail(locale: EmailLocale) {
  return ({ orgName, title, decision, revision, reason, url }: EmailTemplateParams["moderation_decision"]): EmailContent => {
    const texts = DECISION_TEXT[locale];
    const key = revision && (decision === "approve" || decision === "request_changes") ? (`${decision}Revision` as const) : decision;
    const { subject, text } = texts[key];
    return {
      subject: `«${title}» (${orgName}): ${subject}`,
      blocks: [{ text: `«${title}»: ${text}` }, ...(reason ? [{ text: `${texts.reason}: ${reason}` }] : []), { link: url, label: texts.link }],
    };
  };
}

export const EMAIL_TEMPLATE_NAMES = Object.keys(EmailTemplates) as EmailTemplateName[];

export function escapeHtml(value: string) {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Names are chosen by people: no line breaks or control characters that could fake paragraphs, and not too long. */
function cleanName(name: string) {
  // oxlint-disable-next-line no-control-regex -- removing control characters is the point
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim().slice(0, 100);
}

function checkUrl(url: string) {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw new Error("Email links must be absolute http(s) URLs");
  }
  return url;
}

function htmlDocument(locale: EmailLocale, subject: string, paragraphs: string[]) {
  return [
    "<!doctype html>",
    `<html lang="${locale}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    "</head>",
    "<body>",
    ...paragraphs.map((p) => `<p>${p}</p>`),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

export function renderEmail<T extends EmailTemplateName>(
  template: T,
  locale: EmailLocale,
  params: EmailTemplateParams[T],
): RenderedEmail {
  const definition = EmailTemplates[template] as TemplateDefinition<EmailTemplateParams[T]>;
  const { subject, blocks } = definition[locale](params);
  const common = COMMON[locale];
  const greeting = common.greeting(cleanName(params.name));

  const text: string[] = [greeting];
  const html: string[] = [escapeHtml(greeting)];
  for (const block of blocks) {
    if ("link" in block) {
      const url = checkUrl(block.link);
      text.push(`${block.label}:\n${url}`);
      html.push(`<a href="${escapeHtml(url)}">${escapeHtml(block.label)}</a>`);
    } else {
      text.push(block.text);
      html.push(escapeHtml(block.text));
    }
  }
  text.push(common.signOff.join("\n"));
  html.push(common.signOff.map(escapeHtml).join("<br>\n"));

  return { subject, text: `${text.join("\n\n")}\n`, html: htmlDocument(locale, subject, html) };
}
