/** The kinds of volunteer work Mitenand lists, with their German and English labels. Ids appear in URLs. */
export const CATEGORIES = [
  { id: "treffpunkt", label_de: "Treffpunkt", label_en: "Meeting point" },
  { id: "konversationsgruppe", label_de: "Konversationsgruppe", label_en: "Conversation group" },
  { id: "atelier", label_de: "Atelier", label_en: "Workshop (Atelier)" },
  { id: "deutschkurs-begleitung", label_de: "Deutschkurs-Begleitung", label_en: "German course support" },
  { id: "lern-und-aufgabenhilfe", label_de: "Lern- und Aufgabenhilfe", label_en: "Learning and homework help" },
  { id: "begleitung-im-alltag", label_de: "Begleitung im Alltag", label_en: "Everyday support" },
  { id: "kinderbetreuung", label_de: "Kinderbetreuung", label_en: "Childcare" },
  { id: "uebersetzen", label_de: "Übersetzen", label_en: "Translating" },
  { id: "freizeit-und-sport", label_de: "Freizeit und Sport", label_en: "Leisure and sport" },
  { id: "organisation-und-administration", label_de: "Organisation und Administration", label_en: "Organisation and administration" },
  { id: "andere", label_de: "Andere", label_en: "Other" },
] as const;

export type CategoryId = (typeof CATEGORIES)[number]["id"];
