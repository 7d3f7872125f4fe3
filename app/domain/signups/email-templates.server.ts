/**
 * The sign-up emails (German and English), merged into the notification templates. Same shape as there: a
 * subject and paragraphs/links; the greeting and sign-off are added by renderEmail.
 */
type Block = { text: string } | { link: string; label: string };
type Content = { subject: string; blocks: Block[] };

export interface SignupEmailParams {
  name: string;
  title: string;
  organisation: string;
  /** the shift(s), one per line ("Di, 9. März 2027, 18:30–20:00"), or the words for a flexible engagement */
  when: string;
  /** the sign-up page (/me/signups/:id, or /me/signups for several) */
  url: string;
}

export interface SignupEmailTemplateParams {
  signup_received: SignupEmailParams;
  /** calendarUrl: the .ics of the sign-up */
  signup_confirmed: SignupEmailParams & { calendarUrl: string };
  signup_waitlisted: SignupEmailParams & { position: string };
  signup_promoted: SignupEmailParams & { calendarUrl: string };
  signup_offered: SignupEmailParams & { expires: string };
  signup_offer_expired: SignupEmailParams;
  signup_declined: SignupEmailParams & { reason: string };
  signup_cancelled_by_organisation: SignupEmailParams & { reason: string };
  signup_reminder: SignupEmailParams & { calendarUrl: string; address: string };
  /** note: the organisation's own words, sent to every confirmed volunteer of a shift */
  signup_org_message: SignupEmailParams & { note: string };
}

type Definitions = { [K in keyof SignupEmailTemplateParams]: Record<"de" | "en", (p: SignupEmailTemplateParams[K]) => Content> };

const what = {
  de: (p: SignupEmailParams) => `«${p.title}» von ${p.organisation}:\n${p.when}`,
  en: (p: SignupEmailParams) => `“${p.title}” by ${p.organisation}:\n${p.when}`,
};
const view = { de: "Anmeldung ansehen", en: "View your sign-up" };

export const SIGNUP_EMAIL_TEMPLATES: Definitions = {
  signup_received: {
    de: (p) => ({
      subject: `Anmeldung erhalten: ${p.title}`,
      blocks: [
        { text: `Danke für deine Anmeldung für ${what.de(p)}` },
        { text: "Die Organisation bestätigt die Anmeldung. Du erhältst eine E-Mail, sobald sie entschieden hat." },
        { link: p.url, label: view.de },
      ],
    }),
    en: (p) => ({
      subject: `Sign-up received: ${p.title}`,
      blocks: [
        { text: `Thank you for signing up for ${what.en(p)}` },
        { text: "The organisation confirms sign-ups. You will get an email as soon as it has decided." },
        { link: p.url, label: view.en },
      ],
    }),
  },
  signup_confirmed: {
    de: (p) => ({
      subject: `Bestätigt: ${p.title}`,
      blocks: [
        { text: `Deine Anmeldung ist bestätigt: ${what.de(p)}` },
        { link: p.calendarUrl, label: "Termin in den Kalender übernehmen (.ics)" },
        { text: "Die Adresse und alle Angaben findest du auf deiner Anmeldung. Falls du nicht kommen kannst, melde dich bitte dort ab, damit jemand anderes den Platz erhält." },
        { link: p.url, label: view.de },
      ],
    }),
    en: (p) => ({
      subject: `Confirmed: ${p.title}`,
      blocks: [
        { text: `Your sign-up is confirmed: ${what.en(p)}` },
        { link: p.calendarUrl, label: "Add to your calendar (.ics)" },
        { text: "You find the address and all details on your sign-up. If you cannot come, please cancel there so someone else gets the place." },
        { link: p.url, label: view.en },
      ],
    }),
  },
  signup_waitlisted: {
    de: (p) => ({
      subject: `Warteliste: ${p.title}`,
      blocks: [
        { text: `Im Moment sind alle Plätze besetzt. Du stehst auf der Warteliste für ${what.de(p)}` },
        { text: `Dein Platz auf der Warteliste: ${p.position}. Wird ein Platz frei, erhältst du eine E-Mail.` },
        { link: p.url, label: view.de },
      ],
    }),
    en: (p) => ({
      subject: `Waitlist: ${p.title}`,
      blocks: [
        { text: `All places are taken at the moment. You are on the waitlist for ${what.en(p)}` },
        { text: `Your position on the waitlist: ${p.position}. If a place becomes free, you will get an email.` },
        { link: p.url, label: view.en },
      ],
    }),
  },
  signup_promoted: {
    de: (p) => ({
      subject: `Ein Platz ist frei geworden: ${p.title}`,
      blocks: [
        { text: `Gute Nachricht: Ein Platz ist frei geworden und deine Anmeldung ist jetzt bestätigt: ${what.de(p)}` },
        { link: p.calendarUrl, label: "Termin in den Kalender übernehmen (.ics)" },
        { text: "Falls du nicht mehr kommen kannst, melde dich bitte ab, damit die nächste Person den Platz erhält." },
        { link: p.url, label: view.de },
      ],
    }),
    en: (p) => ({
      subject: `A place became free: ${p.title}`,
      blocks: [
        { text: `Good news: a place became free and your sign-up is now confirmed: ${what.en(p)}` },
        { link: p.calendarUrl, label: "Add to your calendar (.ics)" },
        { text: "If you can no longer come, please cancel so the next person gets the place." },
        { link: p.url, label: view.en },
      ],
    }),
  },
  signup_offered: {
    de: (p) => ({
      subject: `Platz angeboten: ${p.title}`,
      blocks: [
        { text: `Ein Platz ist frei geworden für ${what.de(p)}` },
        { text: `Der Platz ist für dich reserviert bis ${p.expires}. Nimm ihn bis dann an, sonst geht er an die nächste Person auf der Warteliste.` },
        { link: p.url, label: "Platz annehmen oder ablehnen" },
      ],
    }),
    en: (p) => ({
      subject: `Place offered: ${p.title}`,
      blocks: [
        { text: `A place became free for ${what.en(p)}` },
        { text: `It is held for you until ${p.expires}. Accept it by then, or it goes to the next person on the waitlist.` },
        { link: p.url, label: "Accept or decline the place" },
      ],
    }),
  },
  signup_offer_expired: {
    de: (p) => ({
      subject: `Angebot abgelaufen: ${p.title}`,
      blocks: [
        { text: `Der angebotene Platz für ${what.de(p)}\nwurde nicht rechtzeitig angenommen und ist an die nächste Person auf der Warteliste gegangen.` },
        { link: p.url, label: view.de },
      ],
    }),
    en: (p) => ({
      subject: `Offer expired: ${p.title}`,
      blocks: [
        { text: `The place offered for ${what.en(p)}\nwas not accepted in time and has gone to the next person on the waitlist.` },
        { link: p.url, label: view.en },
      ],
    }),
  },
  signup_declined: {
    de: (p) => ({
      subject: `Anmeldung nicht bestätigt: ${p.title}`,
      blocks: [
        { text: `Die Organisation konnte deine Anmeldung für ${what.de(p)}\nleider nicht bestätigen.` },
        ...(p.reason ? [{ text: `Begründung: ${p.reason}` }] : []),
        { link: p.url, label: view.de },
      ],
    }),
    en: (p) => ({
      subject: `Sign-up not confirmed: ${p.title}`,
      blocks: [
        { text: `Unfortunately the organisation could not confirm your sign-up for ${what.en(p)}` },
        ...(p.reason ? [{ text: `Reason: ${p.reason}` }] : []),
        { link: p.url, label: view.en },
      ],
    }),
  },
  signup_cancelled_by_organisation: {
    de: (p) => ({
      subject: `Abgesagt: ${p.title}`,
      blocks: [
        { text: `Die Organisation hat diesen Einsatz abgesagt: ${what.de(p)}` },
        ...(p.reason ? [{ text: `Begründung: ${p.reason}` }] : []),
        { link: p.url, label: view.de },
      ],
    }),
    en: (p) => ({
      subject: `Cancelled: ${p.title}`,
      blocks: [
        { text: `The organisation has cancelled this engagement: ${what.en(p)}` },
        ...(p.reason ? [{ text: `Reason: ${p.reason}` }] : []),
        { link: p.url, label: view.en },
      ],
    }),
  },
  signup_reminder: {
    de: (p) => ({
      subject: `Erinnerung: ${p.title} morgen`,
      blocks: [
        { text: `Eine Erinnerung an deinen Einsatz: ${what.de(p)}` },
        { text: `Ort: ${p.address}` },
        { link: p.calendarUrl, label: "Termin in den Kalender übernehmen (.ics)" },
        { text: "Falls du nicht kommen kannst, melde dich bitte ab." },
        { link: p.url, label: view.de },
      ],
    }),
    en: (p) => ({
      subject: `Reminder: ${p.title} tomorrow`,
      blocks: [
        { text: `A reminder of your engagement: ${what.en(p)}` },
        { text: `Place: ${p.address}` },
        { link: p.calendarUrl, label: "Add to your calendar (.ics)" },
        { text: "If you cannot come, please cancel." },
        { link: p.url, label: view.en },
      ],
    }),
  },
  signup_org_message: {
    de: (p) => ({
      subject: `Nachricht von ${p.organisation}: ${p.title}`,
      blocks: [
        { text: `${p.organisation} schreibt allen, die angemeldet sind für ${what.de(p)}` },
        { text: p.note },
        { link: p.url, label: view.de },
      ],
    }),
    en: (p) => ({
      subject: `Message from ${p.organisation}: ${p.title}`,
      blocks: [
        { text: `${p.organisation} writes to everyone signed up for ${what.en(p)}` },
        { text: p.note },
        { link: p.url, label: view.en },
      ],
    }),
  },
};

/** Sample parameters for the template tests. */
export function sampleSignupEmailParams(name: string): SignupEmailTemplateParams {
  const base = {
    name,
    title: "Konversationsgruppe Deutsch",
    organisation: "Verein Zäme",
    when: "Di, 9. März 2027, 18:30–20:00",
    url: "https://mitenand.example/me/signups/7",
  };
  const calendarUrl = "https://mitenand.example/me/signups/7/calendar.ics";
  return {
    signup_received: base,
    signup_confirmed: { ...base, calendarUrl },
    signup_waitlisted: { ...base, position: "3" },
    signup_promoted: { ...base, calendarUrl },
    signup_offered: { ...base, expires: "Mo, 8. März 2027, 18:30" },
    signup_offer_expired: base,
    signup_declined: { ...base, reason: "Alle Plätze sind vergeben." },
    signup_cancelled_by_organisation: { ...base, reason: "Der Raum ist nicht verfügbar." },
    signup_reminder: { ...base, calendarUrl, address: "Bahnhofstrasse 1, 5000 Aarau" },
    signup_org_message: { ...base, note: "Bitte bringt warme Kleider mit, wir sind draussen." },
  };
}
