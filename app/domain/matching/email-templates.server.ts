/**
 * The matching emails (German and English), merged into the notification templates: an organisation's invitation
 * and the digest of a saved search's alert. Both end with the unsubscribe link (also in the List-Unsubscribe
 * header), which works without logging in. Same shape as the other templates: a subject and paragraphs/links.
 */
type Block = { text: string } | { link: string; label: string };
type Content = { subject: string; blocks: Block[] };

export interface MatchingEmailTemplateParams {
  match_invitation: {
    name: string;
    orgName: string;
    title: string;
    /** the volunteer's invitations page (/me/invitations) */
    url: string;
    /** the public listing */
    opportunityUrl: string;
    unsubscribeUrl: string;
  };
  saved_search_digest: {
    name: string;
    searchName: string;
    /** the new listings, newest first */
    items: { title: string; orgName: string; url: string }[];
    /** the saved search on /opportunities */
    searchUrl: string;
    /** /me/searches */
    manageUrl: string;
    unsubscribeUrl: string;
  };
}

type Definitions = { [K in keyof MatchingEmailTemplateParams]: Record<"de" | "en", (p: MatchingEmailTemplateParams[K]) => Content> };

export const MATCHING_EMAIL_TEMPLATES: Definitions = {
  match_invitation: {
    de: (p) => ({
      subject: `${p.orgName} lädt dich ein: ${p.title}`,
      blocks: [
        { text: `${p.orgName} hat dein Profil bei Mitenand gesehen und findet, dass «${p.title}» zu dir passen könnte.` },
        { link: p.opportunityUrl, label: "Einsatz ansehen" },
        { text: "Du kannst die Einladung annehmen oder ablehnen; die Organisation sieht nur deine Antwort, nicht deine E-Mail-Adresse." },
        { link: p.url, label: "Einladung beantworten" },
        { text: "Du erhältst Einladungen, weil du in deinem Profil erlaubt hast, dass Organisationen dir Einsätze vorschlagen. Keine Einladungen mehr:" },
        { link: p.unsubscribeUrl, label: "Einladungen abbestellen" },
      ],
    }),
    en: (p) => ({
      subject: `${p.orgName} invites you: ${p.title}`,
      blocks: [
        { text: `${p.orgName} saw your profile on Mitenand and thinks that “${p.title}” could suit you.` },
        { link: p.opportunityUrl, label: "View the opportunity" },
        { text: "You can accept or decline the invitation; the organisation only sees your answer, not your email address." },
        { link: p.url, label: "Answer the invitation" },
        { text: "You get invitations because your profile allows organisations to suggest opportunities to you. No more invitations:" },
        { link: p.unsubscribeUrl, label: "Unsubscribe from invitations" },
      ],
    }),
  },
  saved_search_digest: {
    de: (p) => ({
      subject: `Neu für «${p.searchName}»: ${p.items.length} ${p.items.length === 1 ? "Einsatz" : "Einsätze"}`,
      blocks: [
        { text: `Seit der letzten E-Mail passen diese Einsätze zu deiner gespeicherten Suche «${p.searchName}»:` },
        ...p.items.flatMap((item): Block[] => [{ link: item.url, label: `${item.title} (${item.orgName})` }]),
        { link: p.searchUrl, label: "Alle Treffer ansehen" },
        { link: p.manageUrl, label: "Gespeicherte Suchen verwalten" },
        { text: "Keine E-Mails mehr für diese Suche:" },
        { link: p.unsubscribeUrl, label: "Benachrichtigung abbestellen" },
      ],
    }),
    en: (p) => ({
      subject: `New for “${p.searchName}”: ${p.items.length} ${p.items.length === 1 ? "opportunity" : "opportunities"}`,
      blocks: [
        { text: `Since the last email, these opportunities match your saved search “${p.searchName}”:` },
        ...p.items.flatMap((item): Block[] => [{ link: item.url, label: `${item.title} (${item.orgName})` }]),
        { link: p.searchUrl, label: "See all results" },
        { link: p.manageUrl, label: "Manage saved searches" },
        { text: "No more emails for this search:" },
        { link: p.unsubscribeUrl, label: "Unsubscribe from this alert" },
      ],
    }),
  },
};
