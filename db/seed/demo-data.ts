/**
 * The demo scene of `npm run db:seed`, written out as data: eight RIF regions covering the eleven Aargau
 * districts, sixteen fictional organisations in real Gemeinden and their opportunities in every category.
 * buildDemoScene turns it into rows. Faker with a fixed seed invents the people, phone numbers and street
 * addresses, so every run produces the same scene; only the dates move with the run date: shifts lie in
 * the coming weeks, publications in the past weeks, all computed in Europe/Zurich local time. The demo
 * accounts (buildDemoUsers: admin, coordinators, organisation owners and editors, volunteers) share one
 * password, DEMO_PASSWORD.
 */
import { Faker, base, de, de_CH, en } from "@faker-js/faker";
import type { Insertable } from "kysely";
import type { CategoryId } from "../data/categories";
import type {
  GermanLevel,
  LocationMode,
  OpportunityScheduleTable,
  OpportunityTable,
  OrganisationKind,
  OrganisationRole,
  OrganisationTable,
  ShiftTable,
  TargetGroup,
  UserLocale,
} from "../schema";
import { DEFAULT_SCHEDULE_WEEKS, planShifts } from "../../app/domain/opportunities/schedule-plan";
import { addDays, onOrAfterWeekday, utcToZurichParts, zurichToUtc } from "../../app/utils/zurich-time";

export const DEMO_SEED = 20261128;

// ---------------------------------------------------------------------------------------------------
// Time in Europe/Zurich

export const DEMO_TIME_ZONE = "Europe/Zurich";

/** The Zurich wall-clock date ("2027-03-30") and time ("18:30") at an instant. */
export function zurichWallClock(instant: Date): { date: string; time: string } {
  const { date, time } = utcToZurichParts(instant);
  return { date, time: time.slice(0, 5) };
}

// One implementation of Zurich time for app and seed (DST gaps and overlaps resolved as RFC 5545 does).
export const zurichTimeToUtc = zurichToUtc;
export { addDays };

/** ISO weekdays, as opportunity_schedule stores them */
const WEEKDAYS = {
  montag: 1,
  dienstag: 2,
  mittwoch: 3,
  donnerstag: 4,
  freitag: 5,
  samstag: 6,
  sonntag: 7,
} as const;
type Weekday = keyof typeof WEEKDAYS;

/** The first date strictly after `date` that falls on `weekday`. */
function nextWeekday(date: string, weekday: Weekday): string {
  return onOrAfterWeekday(addDays(date, 1), WEEKDAYS[weekday]);
}

// ---------------------------------------------------------------------------------------------------
// The scene as data

export interface DemoPlace {
  bfsNr: number;
  /** the Gemeinde's name as in db/data/aargau.json (checked by the tests) */
  gemeinde: string;
  plz: number;
  locality: string;
  areaCode: "056" | "061" | "062";
}

const place = (bfsNr: number, gemeinde: string, plz: number, locality: string, areaCode: DemoPlace["areaCode"]) => ({
  bfsNr,
  gemeinde,
  plz,
  locality,
  areaCode,
});

const PLACES = {
  aarau: place(4001, "Aarau", 5000, "Aarau", "062"),
  menziken: place(4139, "Menziken", 5737, "Menziken", "062"),
  baden: place(4021, "Baden", 5400, "Baden", "056"),
  spreitenbach: place(4040, "Spreitenbach", 8957, "Spreitenbach", "056"),
  wettingen: place(4045, "Wettingen", 5430, "Wettingen", "056"),
  brugg: place(4095, "Brugg", 5200, "Brugg AG", "056"),
  windisch: place(4123, "Windisch", 5210, "Windisch", "056"),
  wohlen: place(4082, "Wohlen (AG)", 5610, "Wohlen AG", "056"),
  muri: place(4236, "Muri (AG)", 5630, "Muri AG", "056"),
  frick: place(4163, "Frick", 5070, "Frick", "062"),
  laufenburg: place(4170, "Laufenburg", 5080, "Laufenburg", "062"),
  rheinfelden: place(4258, "Rheinfelden", 4310, "Rheinfelden", "061"),
  lenzburg: place(4201, "Lenzburg", 5600, "Lenzburg", "062"),
  wildegg: place(4203, "Möriken-Wildegg", 5103, "Wildegg", "062"),
  seon: place(4209, "Seon", 5703, "Seon", "062"),
  zofingen: place(4289, "Zofingen", 4800, "Zofingen", "062"),
  oftringen: place(4280, "Oftringen", 4665, "Oftringen", "062"),
  zurzach: place(4324, "Zurzach", 5330, "Bad Zurzach", "056"),
  doettingen: place(4304, "Döttingen", 5312, "Döttingen", "056"),
} satisfies Record<string, DemoPlace>;

export const DEMO_REGIONS = [
  { name: "RIF Region Aarau", districtNrs: [1901, 1905] },
  { name: "RIF Region Baden", districtNrs: [1902] },
  { name: "RIF Region Brugg", districtNrs: [1904] },
  { name: "RIF Freiamt", districtNrs: [1903, 1908] },
  { name: "RIF Fricktal", districtNrs: [1906, 1909] },
  { name: "RIF Region Lenzburg", districtNrs: [1907] },
  { name: "RIF Region Zofingen", districtNrs: [1910] },
  { name: "RIF Zurzibiet", districtNrs: [1911] },
].map((region) => ({ ...region, slug: slugify(region.name) }));

type DemoSchedule =
  | { kind: "recurring"; weekday: Weekday; start: string; end: string; places: number; weeks?: number }
  /** `inWeeks` 0 is the first such weekday after the run date */
  | { kind: "one_off"; shifts: { weekday: Weekday; inWeeks: number; start: string; end: string; places: number }[] }
  | { kind: "flexible"; totalPlaces: number };

const weekly = (weekday: Weekday, start: string, end: string, places: number): DemoSchedule => ({
  kind: "recurring",
  weekday,
  start,
  end,
  places,
});
const flexible = (totalPlaces: number): DemoSchedule => ({ kind: "flexible", totalPlaces });
const once = (...shifts: { weekday: Weekday; inWeeks: number; start: string; end: string; places: number }[]): DemoSchedule => ({
  kind: "one_off",
  shifts,
});

export interface DemoOpportunity {
  title: string;
  summary: string;
  description: string;
  category: CategoryId;
  /** where it takes place when not in the organisation's own Gemeinde */
  place?: DemoPlace;
  locationMode?: LocationMode;
  addressPrivate?: boolean;
  languagesHelpful?: string[];
  languagesRequired?: string[];
  germanLevel?: GermanLevel;
  tags: string[];
  targetGroups: TargetGroup[];
  minAge?: number;
  needsConfirmation?: boolean;
  schedule: DemoSchedule;
  status: "published" | "submitted" | "draft" | "changes_requested";
  /** for "changes_requested": the coordinator's reason (the RIF of the region asked for it the day after) */
  reason?: string;
  /** days before the run date it was published, submitted or (drafts) created */
  daysAgo: number;
}

export interface DemoOrganisation {
  name: string;
  kind: OrganisationKind;
  place: DemoPlace;
  verified: boolean;
  description: string;
  opportunities: DemoOpportunity[];
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: "Verein Treffpunkt Welt Aarau",
    kind: "verein",
    place: PLACES.aarau,
    verified: true,
    description:
      "Der Verein Treffpunkt Welt ist seit vielen Jahren ein offener Ort der Begegnung in Aarau. Zugezogene und Einheimische treffen sich im Café International, in der Konversationsgruppe und in unseren Ateliers. Rund 40 Freiwillige tragen das Angebot mit.",
    opportunities: [
      {
        title: "Gastgeberin oder Gastgeber im Café International",
        summary:
          "Du empfängst Gäste im offenen Café, schenkst Kaffee aus und kommst mit Menschen aus aller Welt ins Gespräch.",
        description:
          "Jeden Donnerstagnachmittag ist unser Café International offen für alle: Neuzugezogene, Familien mit Kindern, Seniorinnen und Senioren aus dem Quartier. Als Gastgeberin oder Gastgeber begrüsst du die Gäste, bereitest Kaffee und Tee vor und setzt dich zwischendurch an einen Tisch, um ins Gespräch zu kommen.\n\nDu brauchst keine Vorkenntnisse, nur Freude an Begegnungen und etwas Geduld beim Zuhören. Wir arbeiten zu dritt; eine erfahrene Person aus dem Verein ist immer dabei.\n\nWir bieten eine Einführung, Austauschtreffen für Freiwillige zweimal im Jahr, Spesenentschädigung und einen Nachweis über deinen Einsatz.",
        category: "treffpunkt",
        languagesHelpful: ["ar", "ti", "prs"],
        tags: ["kaffee", "begegnung"],
        targetGroups: ["alle"],
        schedule: weekly("donnerstag", "14:00", "17:00", 3),
        status: "published",
        daysAgo: 40,
      },
      {
        title: "Deutsch im Alltag – Konversationsgruppe am Abend",
        summary:
          "Du leitest mit einer zweiten Person eine kleine Gesprächsgruppe, in der Erwachsene ihr Deutsch im Alltag üben.",
        description:
          "In der Konversationsgruppe «Deutsch im Alltag» üben Erwachsene mit Deutschkenntnissen ab etwa A2, was sie im Kurs gelernt haben: einkaufen, einen Termin vereinbaren, mit der Lehrerin der Kinder sprechen. Du bereitest mit einer zweiten freiwilligen Person ein Thema vor und sorgst dafür, dass alle zu Wort kommen.\n\nDu sprichst sehr gut Deutsch; Schweizerdeutsch zu verstehen ist ein Plus. Unterrichtserfahrung ist nicht nötig, Material und eine Themensammlung stellen wir zur Verfügung.",
        category: "konversationsgruppe",
        languagesHelpful: ["en", "fr"],
        germanLevel: "C1",
        tags: ["deutsch", "gespräch"],
        targetGroups: ["erwachsene"],
        minAge: 18,
        schedule: weekly("dienstag", "18:30", "20:00", 2),
        status: "published",
        daysAgo: 35,
      },
      {
        title: "Kochatelier: Rezepte aus aller Welt",
        summary:
          "An zwei Samstagen kochen wir mit Teilnehmenden aus Eritrea, Afghanistan und Syrien. Du hilfst beim Einkaufen, Rüsten und Kochen.",
        description:
          "Im Kochatelier bringen Teilnehmende Rezepte aus ihrer Heimat mit, und gemeinsam entsteht ein Menü für rund 30 Gäste. Nebenbei wird viel Deutsch gesprochen: Zutaten benennen, Mengen abmessen, Arbeitsschritte erklären.\n\nDu unterstützt die Gruppe in der Küche, achtest auf die Hygiene und hilfst am Schluss beim Aufräumen. Einen Hygienekurs brauchst du nicht, Freude am Kochen schon.",
        category: "atelier",
        languagesHelpful: ["ti", "prs", "ar"],
        tags: ["kochen", "essen"],
        targetGroups: ["erwachsene", "familien"],
        schedule: once(
          { weekday: "samstag", inWeeks: 1, start: "10:00", end: "14:00", places: 4 },
          { weekday: "samstag", inWeeks: 3, start: "10:00", end: "14:00", places: 4 },
        ),
        status: "published",
        daysAgo: 12,
      },
      {
        title: "Mithilfe bei Mitgliederverwaltung und Jahresplanung",
        summary:
          "Du pflegst unsere Mitgliederliste, verschickst Einladungen und hilfst bei der Planung der Anlässe im nächsten Jahr.",
        description:
          "Hinter den Angeboten des Treffpunkts steckt viel Organisation. Wir suchen eine Person, die sich einige Stunden im Monat um die Mitgliederliste, den Versand der Einladungen zur Generalversammlung und den Jahreskalender kümmert.\n\nDu arbeitest gern am Computer (Tabellen, E-Mail) und teilst dir die Zeit selbst ein. Vieles geht von zu Hause aus, einmal im Monat triffst du den Vorstand.",
        category: "organisation-und-administration",
        locationMode: "both",
        tags: ["computer", "verein"],
        targetGroups: ["alle"],
        schedule: flexible(1),
        status: "draft",
        daysAgo: 3,
      },
      {
        title: "Hausaufgabenhilfe im Treffpunkt",
        summary: "Am Mittwochnachmittag hilfst du Kindern aus zugezogenen Familien bei den Hausaufgaben.",
        description:
          "Viele Eltern können ihren Kindern bei den Hausaufgaben auf Deutsch nicht helfen. Im Treffpunkt sitzen Kinder der Primarschule zusammen, und Freiwillige erklären, lesen vor und üben mit ihnen.\n\nDu hast Geduld, sprichst gut Deutsch und magst Kinder. Pädagogische Erfahrung ist nicht nötig.",
        category: "lern-und-aufgabenhilfe",
        germanLevel: "B2",
        tags: ["kinder", "schule", "hausaufgaben"],
        targetGroups: ["kinder"],
        minAge: 16,
        schedule: weekly("mittwoch", "14:00", "16:00", 3),
        status: "submitted",
        daysAgo: 5,
      },
      {
        title: "Velotour durch Aarau für Neuzugezogene",
        summary: "Du zeigst Neuzugezogenen auf einer gemütlichen Velotour die wichtigsten Orte der Stadt.",
        description:
          "Wo ist das Stadtbüro, wo die Bibliothek, wo kann man günstig einkaufen? Auf einer zweistündigen Velotour zeigen Freiwillige kleinen Gruppen die Stadt und erzählen, wie Aarau funktioniert.\n\nDu kennst Aarau gut, fährst sicher Velo und erklärst gern. Velos und Helme stellen wir zur Verfügung.",
        category: "freizeit-und-sport",
        tags: ["velo", "stadt", "begegnung"],
        targetGroups: ["erwachsene", "familien"],
        schedule: once({ weekday: "samstag", inWeeks: 2, start: "10:00", end: "12:00", places: 4 }),
        status: "submitted",
        daysAgo: 1,
      },
      {
        title: "Flohmarkt: Helferinnen und Helfer am Stand",
        summary: "Am Flohmarkt des Treffpunkts verkaufst du gespendete Sachen und kommst mit vielen Leuten ins Gespräch.",
        description: "Wir verkaufen gespendete Kleider, Bücher und Geschirr. Der Erlös geht an die Ateliers.",
        category: "treffpunkt",
        tags: ["flohmarkt", "begegnung"],
        targetGroups: ["alle"],
        schedule: once({ weekday: "samstag", inWeeks: 5, start: "08:00", end: "13:00", places: 6 }),
        status: "changes_requested",
        reason:
          "Bitte beschreibt genauer, was Freiwillige am Stand tun, wie lange ein Einsatz dauert und an wen sie sich vor Ort wenden können.",
        daysAgo: 2,
      },
    ],
  },
  {
    name: "Bibliothek Menziken",
    kind: "bibliothek",
    place: PLACES.menziken,
    verified: false,
    description:
      "Die Gemeinde- und Schulbibliothek Menziken ist ein Treffpunkt für Gross und Klein im oberen Wynental. Neben Büchern, Hörbüchern und Zeitschriften in über zehn Sprachen bieten wir Erzählstunden und ein Sprachcafé an.",
    opportunities: [
      {
        title: "Erzählstunde auf Arabisch für Kinder",
        summary: "Einmal pro Woche liest du Kindern im Vorschulalter Bilderbücher auf Arabisch und Deutsch vor.",
        description:
          "Kinder, die zu Hause Arabisch sprechen, lernen Deutsch leichter, wenn sie auch in ihrer Erstsprache Geschichten hören. In der Erzählstunde liest du zweisprachige Bilderbücher vor, singst Lieder und lädst die Kinder zum Erzählen ein. Die Eltern sind dabei und lernen die Bibliothek kennen.\n\nDu sprichst Arabisch als Erstsprache oder sehr gut als Zweitsprache und hast Freude an Kindern. Die Bücher stellt die Bibliothek zur Verfügung.",
        category: "andere",
        languagesRequired: ["ar"],
        germanLevel: "B1",
        tags: ["vorlesen", "kinder", "bücher"],
        targetGroups: ["kinder", "familien"],
        minAge: 16,
        schedule: weekly("mittwoch", "15:00", "16:00", 1),
        status: "published",
        daysAgo: 28,
      },
      {
        title: "Sprachcafé in der Bibliothek",
        summary:
          "Am Samstagmorgen betreust du einen Tisch im Sprachcafé: ungezwungen Deutsch sprechen bei Kaffee und Gipfeli.",
        description:
          "Im Sprachcafé treffen sich Menschen, die Deutsch lernen, mit Menschen, die gern Deutsch sprechen. An jedem Tisch sitzt eine freiwillige Person, die das Gespräch in Gang hält – mit Bildern, Zeitungsartikeln oder einfach mit Fragen zum Alltag.\n\nDu brauchst keine Ausbildung, nur Geduld und Interesse an anderen Lebensgeschichten. Du kannst auch nur an einzelnen Samstagen kommen.",
        category: "konversationsgruppe",
        languagesHelpful: ["sq", "tr", "pt"],
        tags: ["deutsch", "kaffee"],
        targetGroups: ["erwachsene"],
        schedule: weekly("samstag", "10:00", "11:30", 3),
        status: "published",
        daysAgo: 21,
      },
      {
        title: "Vorlesen in vielen Sprachen für Seniorinnen und Senioren",
        summary: "Du liest im Altersheim Menziken Geschichten vor, auf Deutsch oder in deiner Erstsprache.",
        description:
          "Im Altersheim leben auch Menschen, die vor Jahrzehnten aus Italien, Spanien oder dem Balkan in den Aargau gekommen sind. Sie freuen sich über Geschichten in ihrer Sprache.\n\nDu liest einmal pro Woche eine halbe Stunde vor und bleibst danach für ein Gespräch. Bücher leihen wir dir aus der Bibliothek aus.",
        category: "treffpunkt",
        languagesHelpful: ["it", "es", "sr", "hr"],
        tags: ["vorlesen", "senioren", "sprachen"],
        targetGroups: ["senioren"],
        schedule: weekly("donnerstag", "15:00", "16:00", 2),
        status: "submitted",
        daysAgo: 3,
      },
    ],
  },
  {
    name: "Stadtbibliothek Baden",
    kind: "bibliothek",
    place: PLACES.baden,
    verified: true,
    description:
      "Die Stadtbibliothek Baden ist ein öffentlicher Ort für alle. Mit Medien in vielen Sprachen, einer Digital-Sprechstunde und Gesprächsrunden unterstützen wir Menschen, die neu in Baden leben, beim Ankommen.",
    opportunities: [
      {
        title: "Digital-Sprechstunde: Hilfe am Computer und Smartphone",
        summary:
          "Du hilfst Besucherinnen und Besuchern, eine E-Mail zu schreiben, ein Formular online auszufüllen oder eine App einzurichten.",
        description:
          "Viele Behördengänge laufen heute online: die Anmeldung beim RAV, das Gesuch um Prämienverbilligung, die Nachricht aus der Schule in der App. In der Digital-Sprechstunde sitzt du mit Besucherinnen und Besuchern am Computer oder am Smartphone und zeigst Schritt für Schritt, wie es geht.\n\nDu kennst dich mit Windows, Android und iPhone einigermassen aus und erklärst gern geduldig. Vertrauliche Angaben füllen die Besuchenden selbst aus; du begleitest nur.",
        category: "andere",
        languagesHelpful: ["en", "ar", "ta"],
        tags: ["computer", "smartphone", "digital"],
        targetGroups: ["erwachsene", "senioren"],
        schedule: weekly("montag", "14:00", "16:00", 2),
        status: "published",
        daysAgo: 18,
      },
      {
        title: "Deutsch im Alltag – Gesprächsrunde für Frauen",
        summary: "Eine kleine Gesprächsrunde für Frauen, die Deutsch üben möchten. Du bereitest Themen vor und moderierst.",
        description:
          "Am Freitagmorgen treffen sich Frauen aus Eritrea, Afghanistan, Sri Lanka und der Ukraine in der Bibliothek, um in geschütztem Rahmen Deutsch zu sprechen. Themen sind Gesundheit, Schule, Einkaufen oder Feste im Jahreslauf.\n\nDie Runde wird von Frauen für Frauen geleitet. Während der Gesprächsrunde gibt es im Nebenraum eine Kinderhüte.",
        category: "konversationsgruppe",
        languagesHelpful: ["ti", "prs", "ta", "uk"],
        tags: ["deutsch", "frauen"],
        targetGroups: ["frauen"],
        needsConfirmation: true,
        schedule: weekly("freitag", "09:30", "11:00", 2),
        status: "published",
        daysAgo: 30,
      },
      {
        title: "Bücherkisten in vielen Sprachen zusammenstellen",
        summary:
          "Du sichtest gespendete Bücher, erfasst sie im Katalog und stellst Bücherkisten für Treffpunkte in der Region zusammen.",
        description:
          "Die Stadtbibliothek verleiht Bücherkisten mit Kinder- und Sachbüchern auf Tigrinya, Arabisch, Dari, Tamil, Ukrainisch und in weiteren Sprachen an Treffpunkte und Schulen der Region Baden. Für die Auswahl und die Erfassung suchen wir Unterstützung.\n\nKenntnisse in einer dieser Sprachen sind sehr willkommen, aber keine Bedingung. Du kannst während der Öffnungszeiten kommen, wann es dir passt.",
        category: "organisation-und-administration",
        languagesHelpful: ["ti", "ar", "prs", "ta", "uk"],
        tags: ["bücher", "sprachen"],
        targetGroups: ["alle"],
        schedule: flexible(3),
        status: "published",
        daysAgo: 9,
      },
    ],
  },
  {
    name: "Schule Spreitenbach",
    kind: "schule",
    place: PLACES.spreitenbach,
    verified: false,
    description:
      "An der Schule Spreitenbach lernen Kinder und Jugendliche aus über 50 Nationen, vom Kindergarten bis zur Oberstufe. Freiwillige unterstützen uns bei der Aufgabenhilfe, beim Lesen und bei Elterngesprächen.",
    opportunities: [
      {
        title: "Aufgabenhilfe für Primarschulkinder",
        summary: "Am Mittwochnachmittag begleitest du Kinder der 3. bis 6. Klasse bei den Hausaufgaben im Schulhaus.",
        description:
          "Nicht alle Kinder bekommen zu Hause Hilfe bei den Aufgaben. In der betreuten Aufgabenhilfe arbeiten sie in kleinen Gruppen; du hilfst beim Verstehen der Aufgabenstellung, übst das Einmaleins oder hörst beim Lesen zu. Eine Lehrperson ist immer im Haus.\n\nVoraussetzungen: mindestens 16 Jahre alt, gute Deutschkenntnisse und ein Sonderprivatauszug aus dem Strafregister (die Kosten übernehmen wir).",
        category: "lern-und-aufgabenhilfe",
        germanLevel: "C1",
        tags: ["kinder", "schule", "hausaufgaben"],
        targetGroups: ["kinder"],
        minAge: 16,
        needsConfirmation: true,
        schedule: weekly("mittwoch", "13:30", "15:00", 4),
        status: "published",
        daysAgo: 26,
      },
      {
        title: "Lesetandem in der Oberstufe",
        summary:
          "Du liest einmal pro Woche mit einer Jugendlichen oder einem Jugendlichen und hilfst, Texte besser zu verstehen.",
        description:
          "Im Lesetandem trifft sich eine freiwillige Person während eines Semesters jede Woche mit derselben Schülerin oder demselben Schüler der Oberstufe. Ihr lest gemeinsam Jugendbücher, Zeitungsartikel oder Texte aus dem Unterricht und sprecht darüber.\n\nDie Schulsozialarbeit begleitet die Tandems. Wichtig ist, dass du während eines Semesters regelmässig Zeit hast.",
        category: "lern-und-aufgabenhilfe",
        germanLevel: "C2",
        tags: ["lesen", "jugendliche", "schule"],
        targetGroups: ["jugendliche"],
        minAge: 18,
        needsConfirmation: true,
        schedule: weekly("donnerstag", "16:00", "17:00", 3),
        status: "published",
        daysAgo: 14,
      },
      {
        title: "Dolmetschen bei Elterngesprächen (Albanisch)",
        summary:
          "Du übersetzt bei Elterngesprächen und Elternabenden zwischen Lehrpersonen und albanischsprachigen Eltern.",
        description:
          "Damit Eltern wissen, wie es ihrem Kind in der Schule geht, braucht es manchmal eine Übersetzung. Du begleitest Elterngespräche von etwa 30 Minuten und übersetzt mündlich zwischen Deutsch und Albanisch. Die Termine sprechen wir mit dir ab, meist am späten Nachmittag.\n\nDu sprichst Albanisch und Deutsch sicher und behandelst alles, was du hörst, vertraulich. Vor dem ersten Einsatz gibt es ein kurzes Gespräch mit der Schulleitung.",
        category: "uebersetzen",
        languagesRequired: ["sq"],
        languagesHelpful: ["sr", "tr"],
        germanLevel: "B2",
        tags: ["dolmetschen", "eltern", "schule"],
        targetGroups: ["familien"],
        minAge: 18,
        needsConfirmation: true,
        schedule: flexible(4),
        status: "published",
        daysAgo: 33,
      },
    ],
  },
  {
    name: "Verein Deutsch-Treff Wettingen",
    kind: "verein",
    place: PLACES.wettingen,
    verified: false,
    description:
      "Der Verein Deutsch-Treff Wettingen organisiert niederschwellige Deutschkurse für Erwachsene, die noch keinen Platz in einem regulären Kurs haben. Lehrpersonen leiten die Kurse, Freiwillige begleiten sie. Während der Kurse betreuen wir die Kinder der Teilnehmenden.",
    opportunities: [
      {
        title: "Begleitung im Deutschkurs für Anfängerinnen und Anfänger",
        summary:
          "Du unterstützt die Kursleiterin im Deutschkurs A1: Gruppenarbeiten begleiten, Aussprache üben, Fragen beantworten.",
        description:
          "Im Anfängerkurs sitzen Menschen mit ganz unterschiedlichem Hintergrund: manche haben studiert, andere lernen gerade erst lesen und schreiben. Damit alle mitkommen, begleitest du die Kursleiterin, arbeitest mit Kleingruppen und hilfst Einzelnen beim Nachholen.\n\nDu sprichst sehr gut Deutsch; Erfahrung im Unterrichten ist willkommen, aber nicht nötig. Die Kursleitung führt dich ein.",
        category: "deutschkurs-begleitung",
        languagesHelpful: ["ar", "ti", "ku"],
        germanLevel: "C1",
        tags: ["deutsch", "kurs"],
        targetGroups: ["erwachsene"],
        schedule: weekly("dienstag", "09:00", "11:00", 2),
        status: "published",
        daysAgo: 44,
      },
      {
        title: "Kinderhüte während des Deutschkurses",
        summary: "Während die Eltern Deutsch lernen, spielst du mit ihren Kindern im Nebenraum.",
        description:
          "Viele Mütter können nur einen Deutschkurs besuchen, wenn ihre Kinder in der Nähe betreut werden. Im Spielzimmer neben dem Kursraum betreust du zusammen mit einer Fachperson Kinder zwischen einem und fünf Jahren: spielen, basteln, vorlesen, trösten.\n\nDu bist mindestens 16 Jahre alt und hast Erfahrung mit kleinen Kindern, zum Beispiel aus der eigenen Familie oder vom Babysitten.",
        category: "kinderbetreuung",
        languagesHelpful: ["ar", "ti", "so"],
        tags: ["kinder", "spielen"],
        targetGroups: ["kinder"],
        minAge: 16,
        needsConfirmation: true,
        schedule: weekly("dienstag", "08:45", "11:15", 2),
        status: "published",
        daysAgo: 43,
      },
      {
        title: "Sommerfest: Helferinnen und Helfer gesucht",
        summary:
          "Für unser Fest mit Buffet aus vielen Ländern suchen wir Hilfe beim Aufbau, am Buffet und beim Kinderprogramm.",
        description:
          "Einmal im Jahr feiern Kursteilnehmende, Freiwillige und die Nachbarschaft gemeinsam. Es gibt ein Buffet mit Spezialitäten aus vielen Ländern, Musik und ein Kinderprogramm. Du hilfst beim Aufstellen der Tische, am Buffet oder beim Kinderschminken – je nachdem, was dir liegt.\n\nAuch ein kurzer Einsatz von zwei Stunden hilft uns.",
        category: "freizeit-und-sport",
        tags: ["fest", "kochen", "kinder"],
        targetGroups: ["alle"],
        schedule: once({ weekday: "samstag", inWeeks: 4, start: "14:00", end: "20:00", places: 10 }),
        status: "submitted",
        daysAgo: 2,
      },
    ],
  },
  {
    name: "Reformierte Kirchgemeinde Brugg",
    kind: "kirchgemeinde",
    place: PLACES.brugg,
    verified: true,
    description:
      "Die Reformierte Kirchgemeinde Brugg engagiert sich mit einem Mittagstisch, einem Abend-Deutschkurs im Kirchgemeindehaus und einem Begleitdienst für Menschen, die neu in der Region leben. Unsere Angebote stehen allen offen, unabhängig von Herkunft und Religion.",
    opportunities: [
      {
        title: "Mittagstisch für alle – Kochen und Servieren",
        summary: "Am Freitag kochst du im Team ein einfaches Mittagessen für 40 bis 60 Gäste und hilfst beim Servieren.",
        description:
          "Der Mittagstisch im Kirchgemeindehaus ist ein Treffpunkt für alle: Alleinstehende, Familien, Geflüchtete, Seniorinnen und Senioren. Ein Küchenteam aus Freiwilligen kocht ein günstiges Menü, danach wird gemeinsam gegessen.\n\nDu hilfst beim Rüsten, Kochen, Servieren oder Abwaschen. Wer möchte, setzt sich nach dem Service dazu und isst mit.",
        category: "treffpunkt",
        languagesHelpful: ["ti", "ar"],
        tags: ["kochen", "essen", "begegnung"],
        targetGroups: ["alle"],
        schedule: weekly("freitag", "10:30", "14:00", 4),
        status: "published",
        daysAgo: 38,
      },
      {
        title: "Begleitung zu Ämtern und Arztterminen",
        summary:
          "Du begleitest Menschen, die neu in der Region sind, zu Terminen bei Gemeinde, Ärztin oder Bank und hilfst beim Verstehen.",
        description:
          "Ein erster Termin beim Einwohneramt, bei der Hausärztin oder bei der Bank ist mit wenig Deutsch eine grosse Hürde. Du begleitest einzelne Personen zu solchen Terminen, hilfst beim Verstehen und Nachfragen und besprichst danach, was als Nächstes zu tun ist.\n\nDie Einsätze sprechen wir einzeln mit dir ab; meist sind es zwei bis vier Termine im Monat. Eine Einführung zu Schweigepflicht und Grenzen der Begleitung gehört dazu. Den Treffpunkt erfährst du nach der Bestätigung.",
        category: "begleitung-im-alltag",
        addressPrivate: true,
        languagesHelpful: ["ti", "ar", "prs", "so"],
        germanLevel: "C1",
        tags: ["begleitung", "ämter"],
        targetGroups: ["erwachsene", "familien"],
        minAge: 18,
        needsConfirmation: true,
        schedule: flexible(5),
        status: "published",
        daysAgo: 24,
      },
      {
        title: "Deutschkurs-Assistenz im Kirchgemeindehaus",
        summary:
          "Du unterstützt den Abend-Deutschkurs für Berufstätige: Übungen begleiten, Fragen beantworten, Mut machen.",
        description:
          "Der Abendkurs richtet sich an Erwachsene, die tagsüber arbeiten und Deutsch auf Niveau A2 bis B1 lernen. Du begleitest die Kursleiterin, übernimmst Übungen in Kleingruppen und hilfst bei Fragen zu Briefen oder Formularen, die die Teilnehmenden mitbringen.\n\nDu sprichst sehr gut Deutsch und kannst dir vorstellen, mindestens drei Monate lang regelmässig dabei zu sein.",
        category: "deutschkurs-begleitung",
        languagesHelpful: ["pt", "es", "it"],
        germanLevel: "C1",
        tags: ["deutsch", "kurs", "abend"],
        targetGroups: ["erwachsene"],
        schedule: weekly("montag", "19:00", "20:30", 2),
        status: "published",
        daysAgo: 16,
      },
    ],
  },
  {
    name: "Verein Familientreff Windisch",
    kind: "verein",
    place: PLACES.windisch,
    verified: false,
    description:
      "Der Familientreff Windisch ist ein offener Treffpunkt für Familien mit kleinen Kindern. Eltern aus vielen Ländern lernen sich hier kennen, tauschen sich aus und finden Informationen zu Schule, Gesundheit und Freizeit in der Region.",
    opportunities: [
      {
        title: "Spielnachmittag im Familientreff",
        summary: "Du spielst und bastelst am Mittwochnachmittag mit Kindern, während sich die Eltern beim Kaffee austauschen.",
        description:
          "Jeden Mittwoch ist der Familientreff offen. Während die Eltern ins Gespräch kommen, braucht es Freiwillige, die mit den Kindern spielen, basteln oder draussen auf dem Spielplatz sind.\n\nDu bist mindestens 16 Jahre alt, zuverlässig und hast Freude an Kindern. Eine Leiterin des Familientreffs ist immer anwesend.",
        category: "kinderbetreuung",
        languagesHelpful: ["ar", "tr", "sq"],
        tags: ["kinder", "spielen", "basteln"],
        targetGroups: ["kinder", "familien"],
        minAge: 16,
        schedule: weekly("mittwoch", "14:00", "17:00", 3),
        status: "published",
        daysAgo: 20,
      },
      {
        title: "Velofahren lernen für Frauen",
        summary:
          "An drei Samstagen lernen Frauen auf dem Pausenplatz Velofahren. Du hältst das Velo, machst Mut und übst die Verkehrsregeln.",
        description:
          "Viele Frauen hatten nie die Gelegenheit, Velofahren zu lernen. Im Kurs üben sie auf einem abgesperrten Pausenplatz: Gleichgewicht, Bremsen, Kurven fahren und zum Schluss eine kleine Runde auf ruhigen Quartierstrassen. Velos und Helme sind vorhanden.\n\nDu fährst selbst sicher Velo und begleitest eine oder zwei Teilnehmerinnen während des Kurses. Der Kurs wird von Frauen geleitet.",
        category: "freizeit-und-sport",
        languagesHelpful: ["prs", "ti", "ar"],
        tags: ["velo", "sport", "frauen"],
        targetGroups: ["frauen"],
        needsConfirmation: true,
        schedule: once(
          { weekday: "samstag", inWeeks: 1, start: "09:30", end: "11:30", places: 4 },
          { weekday: "samstag", inWeeks: 2, start: "09:30", end: "11:30", places: 4 },
          { weekday: "samstag", inWeeks: 3, start: "09:30", end: "11:30", places: 4 },
        ),
        status: "published",
        daysAgo: 10,
      },
      {
        title: "Znüni-Team für den Eltern-Kind-Treff",
        summary: "Du bereitest am Freitagmorgen ein einfaches Znüni vor und begrüsst Eltern und Kinder im Treff.",
        description:
          "Im Eltern-Kind-Treff am Freitagmorgen gibt es ein gesundes Znüni für alle. Du kaufst am Vortag ein, rüstest Früchte, schneidest Brot und bist Ansprechperson für neue Familien.\n\nDie Einsätze können wir unter mehreren Freiwilligen aufteilen.",
        category: "treffpunkt",
        tags: ["essen", "familien"],
        targetGroups: ["familien"],
        schedule: weekly("freitag", "08:30", "11:00", 2),
        status: "draft",
        daysAgo: 6,
      },
    ],
  },
  {
    name: "Sozialdienst Wohlen",
    kind: "gemeinde",
    place: PLACES.wohlen,
    verified: true,
    description:
      "Der Sozialdienst der Gemeinde Wohlen berät und unterstützt Einwohnerinnen und Einwohner in schwierigen Lebenslagen. Gemeinsam mit Freiwilligen begleiten wir geflüchtete Menschen und Familien beim Ankommen in Wohlen.",
    opportunities: [
      {
        title: "Begleitung bei Behördengängen und Post",
        summary:
          "Du hilfst einer Person oder Familie, Briefe zu verstehen, und begleitest sie bei Bedarf zu Terminen in Wohlen.",
        description:
          "Geflüchtete Menschen erhalten in den ersten Monaten viel Post: von der Gemeinde, der Krankenkasse, der Schule. Als Begleitperson triffst du eine Person oder eine Familie etwa alle zwei Wochen; ihr geht die Post gemeinsam durch, und du begleitest bei Bedarf zu Terminen.\n\nDer Sozialdienst vermittelt die Begleitungen und steht dir bei Fragen zur Seite. Die Adresse des ersten Treffens erhältst du nach der Bestätigung.",
        category: "begleitung-im-alltag",
        addressPrivate: true,
        languagesHelpful: ["prs", "fa", "ar", "ti"],
        germanLevel: "C1",
        tags: ["begleitung", "post", "ämter"],
        targetGroups: ["erwachsene", "familien"],
        minAge: 18,
        needsConfirmation: true,
        schedule: flexible(4),
        status: "published",
        daysAgo: 42,
      },
      {
        title: "Dolmetschen Dari/Farsi bei Erstgesprächen",
        summary:
          "Du übersetzt bei Erstgesprächen im Sozialdienst zwischen Deutsch und Dari oder Farsi – vor Ort oder per Telefon.",
        description:
          "In den ersten Gesprächen im Sozialdienst geht es um Wohnung, Krankenkasse und Schule. Damit nichts verloren geht, suchen wir Freiwillige, die mündlich zwischen Deutsch und Dari oder Farsi übersetzen. Die Gespräche dauern etwa eine Stunde und finden vor Ort oder per Telefon statt.\n\nDu sprichst Dari oder Farsi als Erstsprache und Deutsch mindestens auf Niveau B2. Du bist an die Schweigepflicht gebunden; wir bereiten dich darauf vor.",
        category: "uebersetzen",
        locationMode: "both",
        addressPrivate: true,
        languagesRequired: ["prs"],
        languagesHelpful: ["fa"],
        germanLevel: "B2",
        tags: ["dolmetschen"],
        targetGroups: ["erwachsene"],
        minAge: 18,
        needsConfirmation: true,
        schedule: flexible(2),
        status: "published",
        daysAgo: 27,
      },
      {
        title: "Schreibdienst: Hilfe bei Briefen und Formularen",
        summary:
          "Im offenen Schreibdienst hilfst du beim Ausfüllen von Formularen, beim Schreiben von Briefen und beim Ordnen von Unterlagen.",
        description:
          "Der Schreibdienst ist jeden Donnerstagabend im Gemeindehaus offen. Die Besucherinnen und Besucher bringen Formulare, Rechnungen oder Bewerbungen mit; du hilfst beim Verstehen, Ausfüllen und Ablegen. Schwierige Fälle gibst du an den Sozialdienst weiter.\n\nDu arbeitest gern genau und kannst gut erklären. Kenntnisse über Schweizer Behörden helfen; das Wichtigste lernst du in der Einführung.",
        category: "organisation-und-administration",
        languagesHelpful: ["ar", "prs", "ti", "tr"],
        germanLevel: "C2",
        tags: ["formulare", "briefe", "administration"],
        targetGroups: ["erwachsene"],
        schedule: weekly("donnerstag", "17:00", "19:00", 2),
        status: "published",
        daysAgo: 15,
      },
    ],
  },
  {
    name: "Katholische Kirchgemeinde Muri",
    kind: "kirchgemeinde",
    place: PLACES.muri,
    verified: false,
    description:
      "Die Katholische Kirchgemeinde Muri bietet im Pfarreiheim Raum für Begegnung: einen interkulturellen Frauentreff und einen Fahrdienst zu den Deutschkursen für Menschen aus den umliegenden Dörfern.",
    opportunities: [
      {
        title: "Interkultureller Frauentreff im Pfarreiheim",
        summary:
          "Frauen aus vielen Ländern treffen sich zum Austausch, für Handarbeiten und zum Deutschsprechen. Du bist Gastgeberin.",
        description:
          "Im Frauentreff kommen Frauen zusammen, die in Muri und Umgebung leben – manche seit Jahrzehnten, manche seit wenigen Wochen. Es wird gestrickt, gekocht, erzählt und nebenbei viel Deutsch gesprochen.\n\nAls Gastgeberin bereitest du den Raum vor, begrüsst neue Teilnehmerinnen und sorgst dafür, dass sich alle willkommen fühlen.",
        category: "treffpunkt",
        languagesHelpful: ["ti", "so", "ku", "tr"],
        tags: ["frauen", "handarbeit", "begegnung"],
        targetGroups: ["frauen"],
        schedule: weekly("montag", "14:30", "16:30", 2),
        status: "published",
        daysAgo: 32,
      },
      {
        title: "Fahrdienst zu den Deutschkursen im Freiamt",
        summary:
          "Du fährst Kursteilnehmende aus abgelegenen Dörfern mit deinem Auto zum Deutschkurs nach Muri und wieder nach Hause.",
        description:
          "Aus manchen Dörfern im oberen Freiamt fährt abends kein Bus mehr. Damit trotzdem alle den Deutschkurs besuchen können, organisieren wir einen Fahrdienst. Du fährst mit deinem eigenen Auto und erhältst eine Kilometerentschädigung.\n\nDu hast einen gültigen Führerausweis und mindestens drei Jahre Fahrpraxis.",
        category: "begleitung-im-alltag",
        tags: ["auto", "fahrdienst"],
        targetGroups: ["erwachsene"],
        minAge: 18,
        needsConfirmation: true,
        schedule: flexible(3),
        status: "submitted",
        daysAgo: 1,
      },
    ],
  },
  {
    name: "Verein Begegnung Fricktal",
    kind: "verein",
    place: PLACES.frick,
    verified: false,
    description:
      "Der Verein Begegnung Fricktal bringt Einheimische und Zugezogene im ganzen Fricktal zusammen: mit Sport, Ateliers und einem Beratungsabend mit Übersetzung. Wir sind politisch und konfessionell neutral.",
    opportunities: [
      {
        title: "Fussball am Sonntag – Training für junge Geflüchtete",
        summary:
          "Du leitest mit einem Team ein lockeres Fussballtraining für Jugendliche und junge Erwachsene in Laufenburg.",
        description:
          "Sport verbindet – auch ohne viele Worte. Jeden Sonntagvormittag treffen sich 15 bis 25 junge Männer und Frauen zum Fussballtraining. Du planst mit dem Trainerteam die Übungen, pfeifst Spiele und hilfst beim Kontakt zu den Sportvereinen der Region.\n\nEigene Fussballerfahrung ist nützlich, ein Trainerdiplom brauchst du nicht.",
        category: "freizeit-und-sport",
        place: PLACES.laufenburg,
        languagesHelpful: ["ti", "so", "prs", "ar"],
        tags: ["fussball", "sport"],
        targetGroups: ["jugendliche"],
        minAge: 18,
        schedule: weekly("sonntag", "10:00", "12:00", 2),
        status: "published",
        daysAgo: 36,
      },
      {
        title: "Nähatelier: gemeinsam flicken und nähen",
        summary:
          "Im Nähatelier zeigst du, wie man mit der Nähmaschine umgeht, Kleider flickt und einfache Taschen näht.",
        description:
          "Das Nähatelier ist ein Ort zum Lernen und Plaudern. Die Teilnehmenden bringen Kleider zum Flicken mit oder nähen nach Schnittmuster kleine Projekte. Du gibst Tipps, hilfst beim Einfädeln und Zuschneiden und lernst vielleicht selbst eine neue Technik.\n\nNähmaschinen und Material sind vorhanden.",
        category: "atelier",
        languagesHelpful: ["ti", "ku", "uk"],
        tags: ["nähen", "handarbeit"],
        targetGroups: ["erwachsene", "frauen"],
        schedule: weekly("mittwoch", "19:00", "21:30", 2),
        status: "published",
        daysAgo: 22,
      },
      {
        title: "Übersetzen Tigrinya – Deutsch am Beratungsabend",
        summary:
          "Am Beratungsabend übersetzt du zwischen Tigrinya und Deutsch, damit Fragen zu Wohnung, Arbeit und Schule geklärt werden können.",
        description:
          "Am Beratungsabend beantworten Fachpersonen Fragen zu Wohnung, Arbeit, Schule und Gesundheit. Viele Ratsuchende kommen aus Eritrea und sprechen noch wenig Deutsch. Du übersetzt die Gespräche mündlich und hilfst so, Missverständnisse zu vermeiden.\n\nDu sprichst Tigrinya als Erstsprache und Deutsch mindestens auf Niveau B1. Alles, was du hörst, bleibt vertraulich.",
        category: "uebersetzen",
        languagesRequired: ["ti"],
        germanLevel: "B1",
        tags: ["dolmetschen", "beratung"],
        targetGroups: ["erwachsene"],
        minAge: 18,
        needsConfirmation: true,
        schedule: weekly("donnerstag", "18:00", "20:00", 1),
        status: "published",
        daysAgo: 19,
      },
      {
        title: "Website und Social Media betreuen",
        summary:
          "Du hältst unsere Website aktuell und kündigst Veranstaltungen auf Instagram und Facebook an – von zu Hause aus.",
        description:
          "Unsere Angebote sollen bekannter werden. Wir suchen eine Person, die die Website pflegt (Agenda, Fotos, kurze Texte) und Anlässe auf Social Media ankündigt. Du arbeitest von zu Hause aus und teilst dir die Zeit selbst ein.\n\nErfahrung mit einem Redaktionssystem wie WordPress ist hilfreich.",
        category: "organisation-und-administration",
        locationMode: "remote",
        tags: ["computer", "social-media"],
        targetGroups: ["alle"],
        schedule: flexible(1),
        status: "draft",
        daysAgo: 8,
      },
    ],
  },
  {
    name: "Sozialdienst Rheinfelden",
    kind: "gemeinde",
    place: PLACES.rheinfelden,
    verified: false,
    description:
      "Der Sozialdienst Rheinfelden unterstützt Menschen in finanziellen und persönlichen Notlagen. Für die Integration von Geflüchteten arbeiten wir mit Freiwilligen aus Rheinfelden und Umgebung zusammen.",
    opportunities: [
      {
        title: "Mentoring bei der Wohnungssuche",
        summary:
          "Du unterstützt eine Familie bei der Wohnungssuche: Inserate lesen, Bewerbungsdossier erstellen, Besichtigungen vorbereiten.",
        description:
          "Eine eigene Wohnung zu finden ist für geflüchtete Familien besonders schwer. Als Mentorin oder Mentor hilfst du beim Suchen und Verstehen von Inseraten, beim Zusammenstellen des Bewerbungsdossiers und bei der Vorbereitung auf Besichtigungen. Ihr trefft euch etwa einmal pro Woche, teils online.\n\nDer Sozialdienst vermittelt die Tandems und lädt zu einem Einführungsabend ein.",
        category: "begleitung-im-alltag",
        locationMode: "both",
        languagesHelpful: ["uk", "ru", "ar", "ti"],
        tags: ["wohnung", "mentoring"],
        targetGroups: ["familien"],
        minAge: 18,
        needsConfirmation: true,
        schedule: flexible(3),
        status: "published",
        daysAgo: 11,
      },
      {
        title: "Deutsch-Lernbegleitung online",
        summary: "Du übst einmal pro Woche per Videoanruf Deutsch mit einer erwachsenen Person, die einen Deutschkurs besucht.",
        description:
          "Zwischen den Kurslektionen fehlt oft die Gelegenheit, Deutsch zu sprechen. In der Online-Lernbegleitung triffst du eine Kursteilnehmerin oder einen Kursteilnehmer einmal pro Woche per Videoanruf: Hausaufgaben besprechen, Aussprache üben, über den Alltag plaudern.\n\nDu brauchst einen Computer oder ein Tablet mit Kamera. Tag und Zeit vereinbart ihr gemeinsam.",
        category: "deutschkurs-begleitung",
        locationMode: "remote",
        languagesHelpful: ["uk", "ru", "en"],
        germanLevel: "C1",
        tags: ["deutsch", "online"],
        targetGroups: ["erwachsene"],
        schedule: flexible(6),
        status: "published",
        daysAgo: 6,
      },
    ],
  },
  {
    name: "Stiftung Brückenschlag Lenzburg",
    kind: "stiftung",
    place: PLACES.lenzburg,
    verified: false,
    description:
      "Die Stiftung Brückenschlag fördert die berufliche und soziale Integration junger Menschen mit Migrationsgeschichte in der Region Lenzburg. Freiwillige begleiten Lernende, geben Tipps für Bewerbungen und übersetzen für Familien.",
    opportunities: [
      {
        title: "Lernbegleitung für Lernende mit Migrationsgeschichte",
        summary: "Du unterstützt eine lernende Person während der Berufslehre beim Lernen für die Berufsfachschule.",
        description:
          "Wer während der Lehre noch Deutsch lernt, hat es in der Berufsfachschule schwer. Als Lernbegleiterin oder Lernbegleiter triffst du eine lernende Person regelmässig, zum Beispiel in der Bibliothek oder online, und hilfst bei Fachtexten, Prüfungsvorbereitung und Lernplanung.\n\nBerufserfahrung im gleichen Berufsfeld ist ein grosses Plus. Die Stiftung vermittelt die Tandems und begleitet dich.",
        category: "lern-und-aufgabenhilfe",
        locationMode: "both",
        germanLevel: "C1",
        tags: ["lehre", "beruf", "lernen"],
        targetGroups: ["jugendliche"],
        minAge: 18,
        needsConfirmation: true,
        schedule: flexible(5),
        status: "published",
        daysAgo: 29,
      },
      {
        title: "Bewerbungswerkstatt: Lebenslauf und Bewerbung",
        summary:
          "An zwei Samstagen hilfst du Jugendlichen in Wildegg, einen Lebenslauf und ein Bewerbungsschreiben am Computer zu erstellen.",
        description:
          "In der Bewerbungswerkstatt erstellen Jugendliche und junge Erwachsene ihr Bewerbungsdossier für eine Lehrstelle. Du sitzt mit ihnen am Computer, hilfst beim Formulieren und gibst Rückmeldungen aus der Sicht eines Lehrbetriebs.\n\nDu kennst dich mit Word oder einem ähnlichen Programm aus und hast selbst schon Bewerbungen geschrieben oder gelesen.",
        category: "atelier",
        place: PLACES.wildegg,
        tags: ["bewerbung", "computer", "beruf"],
        targetGroups: ["jugendliche"],
        minAge: 18,
        schedule: once(
          { weekday: "samstag", inWeeks: 2, start: "09:00", end: "12:00", places: 5 },
          { weekday: "samstag", inWeeks: 5, start: "09:00", end: "12:00", places: 5 },
        ),
        status: "published",
        daysAgo: 8,
      },
      {
        title: "Dolmetschen Ukrainisch/Russisch für Familien",
        summary:
          "Du übersetzt bei Gesprächen mit Schule, Kita und Lehrbetrieb für ukrainische Familien in der Region Lenzburg.",
        description:
          "Für Familien aus der Ukraine organisieren wir Gespräche mit Schule, Kita oder künftigen Lehrbetrieben. Du übersetzt mündlich zwischen Ukrainisch (oder Russisch) und Deutsch. Die Einsätze dauern ein bis zwei Stunden und werden einzeln mit dir abgesprochen.\n\nDu sprichst Ukrainisch und Deutsch mindestens auf Niveau B1.",
        category: "uebersetzen",
        languagesRequired: ["uk"],
        languagesHelpful: ["ru"],
        germanLevel: "B1",
        tags: ["dolmetschen", "familien"],
        targetGroups: ["familien"],
        minAge: 18,
        needsConfirmation: true,
        schedule: flexible(2),
        status: "submitted",
        daysAgo: 4,
      },
    ],
  },
  {
    name: "Velowerkstatt Seon",
    kind: "andere",
    place: PLACES.seon,
    verified: false,
    description:
      "Die Velowerkstatt Seon repariert gespendete Velos und gibt sie an Menschen mit kleinem Budget weiter. In der offenen Werkstatt lernen alle, ihr Velo selbst zu flicken.",
    opportunities: [
      {
        title: "Velos flicken in der offenen Werkstatt",
        summary:
          "Am Samstagmorgen reparierst du mit Besucherinnen und Besuchern Velos und zeigst, wie man einen Platten flickt.",
        description:
          "In der offenen Werkstatt stehen Werkzeug und Ersatzteile bereit. Du hilfst den Besuchenden, ihr Velo selbst zu reparieren: Schlauch wechseln, Bremsen einstellen, Licht montieren. Gespendete Velos machen wir gemeinsam wieder fahrtüchtig.\n\nDu hast Erfahrung mit Velos und erklärst gern. Deutsch ist die Werkstattsprache, Hände und Füsse helfen auch.",
        category: "atelier",
        languagesHelpful: ["ti", "prs", "ar", "fr"],
        tags: ["velo", "handwerk", "reparieren"],
        targetGroups: ["alle"],
        schedule: weekly("samstag", "09:00", "12:00", 3),
        status: "published",
        daysAgo: 25,
      },
      {
        title: "Velokurs für Kinder und Jugendliche",
        summary: "Ein Nachmittag auf dem Schulhausplatz: Kinder und Jugendliche üben Verkehrsregeln und sicheres Fahren.",
        description:
          "Zusammen mit einer Verkehrsinstruktorin organisieren wir einen Velokurs für Kinder und Jugendliche, die neu in der Schweiz sind. Du betreust einen Posten – Handzeichen, Bremsen, Slalom – und hilfst beim Einstellen von Sattel und Helm.\n\nDu fährst sicher Velo und hast Freude an Kindern.",
        category: "freizeit-und-sport",
        tags: ["velo", "kinder", "verkehr"],
        targetGroups: ["kinder", "jugendliche"],
        minAge: 16,
        schedule: once({ weekday: "mittwoch", inWeeks: 3, start: "14:00", end: "17:00", places: 6 }),
        status: "published",
        daysAgo: 5,
      },
    ],
  },
  {
    name: "Verein Interkultureller Frauentreff Zofingen",
    kind: "verein",
    place: PLACES.zofingen,
    verified: true,
    description:
      "Der Interkulturelle Frauentreff Zofingen ist ein Ort für Frauen aus allen Ländern. Wir bieten einen wöchentlichen Treff mit Deutschkurs und Kinderhüte, Ausflüge für Familien und Beratung zu Alltagsfragen.",
    opportunities: [
      {
        title: "Kinderhüte während des Frauentreffs",
        summary:
          "Am Donnerstagmorgen betreust du die Kinder der Teilnehmerinnen, damit die Mütter in Ruhe Deutsch lernen können.",
        description:
          "Während die Frauen im Nebenraum den Deutschkurs besuchen, sind ihre Kinder in der Kinderhüte. Du spielst, singst und bastelst mit Kindern zwischen sechs Monaten und fünf Jahren, gemeinsam mit einer erfahrenen Betreuerin.\n\nDu bist zuverlässig und kannst dir vorstellen, regelmässig am Donnerstagmorgen Zeit zu haben.",
        category: "kinderbetreuung",
        languagesHelpful: ["ta", "so", "ar", "sq"],
        tags: ["kinder", "spielen"],
        targetGroups: ["kinder"],
        minAge: 16,
        needsConfirmation: true,
        schedule: weekly("donnerstag", "08:45", "11:15", 2),
        status: "published",
        daysAgo: 37,
      },
      {
        title: "Deutschkurs-Begleitung im Frauentreff",
        summary:
          "Du unterstützt die Kursleiterin im Deutschkurs für Frauen und übst mit kleinen Gruppen Lesen, Schreiben und Sprechen.",
        description:
          "Im Deutschkurs des Frauentreffs lernen Frauen auf ganz unterschiedlichem Niveau; manche lernen gleichzeitig lesen und schreiben. Du begleitest eine Kleingruppe, übst mit Bildkarten und einfachen Texten und hilfst bei den Hausaufgaben.\n\nDen Kurs begleiten ausschliesslich Frauen.",
        category: "deutschkurs-begleitung",
        languagesHelpful: ["ta", "so", "ti"],
        germanLevel: "C1",
        tags: ["deutsch", "frauen", "alphabetisierung"],
        targetGroups: ["frauen"],
        schedule: weekly("donnerstag", "09:00", "11:00", 2),
        status: "published",
        daysAgo: 34,
      },
      {
        title: "Wanderung mit Picknick für Familien",
        summary:
          "Für unsere Familienwanderung suchen wir Begleitpersonen, die mitwandern, beim Picknick helfen und die Wege kennen.",
        description:
          "Einmal pro Saison wandern wir mit Familien durch die Wälder rund um Zofingen. Viele Teilnehmende kennen die Wanderwege der Region noch nicht. Du wanderst mit, hilfst den Kindern über schwierige Stellen und sorgst beim Picknick für gute Stimmung.\n\nGutes Schuhwerk und Freude an Bewegung genügen.",
        category: "freizeit-und-sport",
        languagesHelpful: ["ta", "so", "ar"],
        tags: ["wandern", "familien", "natur"],
        targetGroups: ["familien"],
        schedule: once({ weekday: "sonntag", inWeeks: 2, start: "10:00", end: "16:00", places: 4 }),
        status: "published",
        daysAgo: 13,
      },
    ],
  },
  {
    name: "Schule Oftringen",
    kind: "schule",
    place: PLACES.oftringen,
    verified: false,
    description:
      "Die Schule Oftringen führt Kindergarten, Primarschule und Oberstufe. Mit freiwilligen Lernbegleiterinnen und Lernbegleitern unterstützen wir Kinder und Jugendliche, die neu in der Schweiz sind.",
    opportunities: [
      {
        title: "Aufgabenhilfe im Schulhaus",
        summary: "Du hilfst Kindern der Primarschule nach dem Unterricht bei den Hausaufgaben und beim Deutschlernen.",
        description:
          "In der Aufgabenhilfe arbeiten Kinder der 1. bis 6. Klasse an ihren Hausaufgaben. Viele von ihnen sind erst seit kurzem in der Schweiz. Du hilfst beim Lesen der Aufgaben, übst Wörter und rechnest mit.\n\nEine Lehrperson koordiniert die Aufgabenhilfe. Ein Sonderprivatauszug aus dem Strafregister ist nötig.",
        category: "lern-und-aufgabenhilfe",
        germanLevel: "C1",
        tags: ["kinder", "schule", "hausaufgaben"],
        targetGroups: ["kinder"],
        minAge: 16,
        needsConfirmation: true,
        schedule: weekly("montag", "15:30", "17:00", 3),
        status: "submitted",
        daysAgo: 3,
      },
      {
        title: "Mathe-Nachhilfe online für die Oberstufe",
        summary: "Du erklärst Jugendlichen der Oberstufe per Videoanruf Mathematik – Termine nach Absprache.",
        description:
          "Einige Schülerinnen und Schüler der Oberstufe brauchen Unterstützung in Mathematik, besonders vor Prüfungen. Du triffst sie online, erklärst den Stoff mit einfachen Worten und übst mit ihnen.\n\nDu hast sichere Mathematikkenntnisse auf dem Niveau der Oberstufe und einen Computer mit Kamera.",
        category: "lern-und-aufgabenhilfe",
        locationMode: "remote",
        germanLevel: "C1",
        tags: ["mathematik", "online", "schule"],
        targetGroups: ["jugendliche"],
        minAge: 16,
        schedule: flexible(4),
        status: "draft",
        daysAgo: 2,
      },
    ],
  },
  {
    name: "Verein Zäme im Zurzibiet",
    kind: "verein",
    place: PLACES.zurzach,
    verified: false,
    description:
      "Zäme heisst zusammen: Unser Verein organisiert im Zurzibiet Konversationstreffs, einen Gemeinschaftsgarten, eine Kleiderbörse und Computerkurse. Alle Angebote werden von Freiwilligen getragen.",
    opportunities: [
      {
        title: "Deutsch im Alltag – Konversationstreff in Bad Zurzach",
        summary:
          "Am Dienstagabend sprechen wir in kleinen Gruppen über Alltagsthemen. Du leitest eine Gruppe von drei bis fünf Personen.",
        description:
          "Im Konversationstreff üben Erwachsene, die einen Deutschkurs besuchen oder besucht haben, das freie Sprechen. Jede Woche gibt es ein Thema: Arztbesuch, Wohnungssuche, Vorstellungsgespräch, Ferien. Du leitest eine kleine Gruppe und achtest darauf, dass alle zu Wort kommen.\n\nDu brauchst keine Lehrerfahrung; Themenblätter stellen wir zur Verfügung.",
        category: "konversationsgruppe",
        languagesHelpful: ["ti", "ar", "tr"],
        germanLevel: "C1",
        tags: ["deutsch", "gespräch"],
        targetGroups: ["erwachsene"],
        schedule: weekly("dienstag", "18:30", "20:00", 3),
        status: "published",
        daysAgo: 23,
      },
      {
        title: "Gemeinschaftsgarten: Gärtnern mitenand",
        summary:
          "Im Gemeinschaftsgarten in Döttingen bewirtschaften Familien aus vielen Ländern gemeinsam Beete. Du bringst Gartenwissen mit.",
        description:
          "Im Gemeinschaftsgarten teilen sich Familien aus dem Zurzibiet die Beete, tauschen Saatgut und Rezepte aus und ernten gemeinsam. Wir suchen Freiwillige, die ihre Gartenerfahrung weitergeben, beim Bau von Hochbeeten helfen und Gartentage mitorganisieren.\n\nDie Einsätze sind flexibel, meist am Samstag oder an Abenden unter der Woche.",
        category: "andere",
        place: PLACES.doettingen,
        languagesHelpful: ["ti", "prs", "ta", "pt"],
        tags: ["garten", "natur", "familien"],
        targetGroups: ["alle"],
        schedule: flexible(6),
        status: "published",
        daysAgo: 31,
      },
      {
        title: "Kleiderbörse organisieren",
        summary: "Für die nächste Kleiderbörse suchen wir Hilfe beim Sortieren, beim Aufbau und am Verkaufstag.",
        description:
          "An der Kleiderbörse werden gut erhaltene Kleider für Kinder und Erwachsene zu kleinen Preisen weitergegeben. Du hilfst beim Sortieren der Spenden, richtest die Tische ein und bist am Verkaufstag Ansprechperson.\n\nDer Einsatz dauert einen Vormittag; du kannst auch nur einen Teil davon übernehmen.",
        category: "organisation-und-administration",
        tags: ["kleider", "anlass"],
        targetGroups: ["alle"],
        schedule: once({ weekday: "samstag", inWeeks: 3, start: "08:00", end: "13:00", places: 6 }),
        status: "published",
        daysAgo: 4,
      },
      {
        title: "Computerkurs für Einsteigerinnen und Einsteiger",
        summary:
          "Im Computerkurs zeigst du Erwachsenen, wie sie E-Mails schreiben, im Internet suchen und Dokumente speichern.",
        description:
          "Der Computerkurs richtet sich an Erwachsene, die noch wenig Erfahrung mit dem Computer haben. In kleinen Gruppen üben sie Schritt für Schritt: Maus und Tastatur, E-Mail, Internet, Dokumente und Fotos speichern. Du leitest den Kurs gemeinsam mit einer zweiten freiwilligen Person.\n\nGeduld ist wichtiger als Fachwissen. Laptops sind vorhanden.",
        category: "atelier",
        languagesHelpful: ["ar", "ti", "tr", "uk"],
        tags: ["computer", "digital"],
        targetGroups: ["erwachsene", "senioren"],
        schedule: weekly("mittwoch", "18:00", "19:30", 2),
        status: "published",
        daysAgo: 17,
      },
    ],
  },
];

export const DEMO_ORGANISATION_SLUGS = DEMO_ORGANISATIONS.map((o) => slugify(o.name));
export const DEMO_REGION_SLUGS = DEMO_REGIONS.map((r) => r.slug);

// ---------------------------------------------------------------------------------------------------
// Rows

/** "Verein Zäme im Zurzibiet" → "verein-zaeme-im-zurzibiet" */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export interface DemoSceneOpportunity {
  organisationSlug: string;
  opportunity: Omit<Insertable<OpportunityTable>, "organisation_id">;
  /** the weekly rule of a recurring opportunity (null otherwise): the hourly job keeps its shifts coming */
  schedule: Omit<Insertable<OpportunityScheduleTable>, "opportunity_id"> | null;
  shifts: Omit<Insertable<ShiftTable>, "opportunity_id">[];
  /** the moderation decision that sent it back (changes requested), with its reason */
  decision: { reason: string; decidedAt: Date } | null;
}

export interface DemoScene {
  regions: { slug: string; name: string; districtNrs: number[] }[];
  organisations: Insertable<OrganisationTable>[];
  opportunities: DemoSceneOpportunity[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

function createDemoFaker() {
  const faker = new Faker({ locale: [de_CH, de, en, base] });
  faker.seed(DEMO_SEED);
  return faker;
}

/**
 * The demo scene as rows, ready to insert. Same `now`, same rows; a later `now` moves the dates only.
 * Shifts start after the Zurich calendar day of `now`; publications lie before it.
 */
export function buildDemoScene(now: Date): DemoScene {
  const faker = createDemoFaker();
  const today = zurichWallClock(now).date;
  const pad2 = (n: number) => String(n).padStart(2, "0");
  /** some time of day, `daysAgo` Zurich calendar days before the run date */
  const pastInstant = (daysAgo: number) => {
    const minutes = faker.number.int({ min: 8 * 60, max: 18 * 60 });
    return zurichTimeToUtc(addDays(today, -daysAgo), `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`);
  };
  const streetAddress = (p: DemoPlace) =>
    `${faker.location.street()} ${faker.number.int({ min: 1, max: 60 })}, ${p.plz} ${p.locality}`;

  const organisations: Insertable<OrganisationTable>[] = [];
  const opportunities: DemoSceneOpportunity[] = [];

  DEMO_ORGANISATIONS.forEach((org, index) => {
    const slug = slugify(org.name);
    const phone = `${org.place.areaCode} ${faker.number.int({ min: 200, max: 899 })} ${pad2(faker.number.int(99))} ${pad2(faker.number.int(99))}`;
    const venue = streetAddress(org.place);
    const contactFirstName = faker.person.firstName();
    const contactLastName = faker.person.lastName();
    const createdAt = pastInstant(120 - index * 3);
    organisations.push({
      slug,
      name: org.name,
      kind: org.kind,
      bfs_nr: org.place.bfsNr,
      description: org.description,
      website: `https://${slug}.example.ch`,
      contact_email: `${slug}@example.org`,
      contact_phone: phone,
      verified_at: org.verified ? new Date(createdAt.getTime() + 5 * DAY_MS) : null,
      created_at: createdAt,
      updated_at: createdAt,
    });

    for (const o of org.opportunities) {
      const locationMode = o.locationMode ?? "on_site";
      const address = locationMode === "remote" ? null : o.place ? streetAddress(o.place) : venue;
      const { createdAt: oppCreatedAt, submittedAt, publishedAt } = statusDates(o, pastInstant);
      opportunities.push({
        organisationSlug: slug,
        opportunity: {
          title: o.title,
          summary: o.summary,
          description: o.description,
          category_id: o.category,
          bfs_nr: (o.place ?? org.place).bfsNr,
          address,
          address_private: o.addressPrivate ?? false,
          location_mode: locationMode,
          languages_helpful: o.languagesHelpful ?? [],
          languages_required: o.languagesRequired ?? [],
          german_level: o.germanLevel ?? null,
          tags: o.tags,
          target_groups: o.targetGroups,
          min_age: o.minAge ?? null,
          contact_name: `${contactFirstName} ${contactLastName}`,
          contact_email: `${slugify(contactFirstName)}.${slugify(contactLastName)}@example.org`,
          needs_confirmation: o.needsConfirmation ?? false,
          schedule_kind: o.schedule.kind,
          total_places: o.schedule.kind === "flexible" ? o.schedule.totalPlaces : null,
          status: o.status,
          submitted_at: submittedAt,
          published_at: publishedAt,
          created_at: oppCreatedAt,
          updated_at: publishedAt ?? submittedAt ?? oppCreatedAt,
        },
        ...scheduleOf(o.schedule, today),
        decision:
          o.status === "changes_requested" && o.reason && submittedAt
            ? { reason: o.reason, decidedAt: new Date(submittedAt.getTime() + DAY_MS) }
            : null,
      });
    }
  });

  return {
    regions: DEMO_REGIONS.map(({ slug, name, districtNrs }) => ({ slug, name, districtNrs })),
    organisations,
    opportunities,
  };
}

function statusDates(o: DemoOpportunity, pastInstant: (daysAgo: number) => Date) {
  if (o.status === "draft") return { createdAt: pastInstant(o.daysAgo), submittedAt: null, publishedAt: null };
  if (o.status === "submitted") {
    return { createdAt: pastInstant(o.daysAgo + 3), submittedAt: pastInstant(o.daysAgo), publishedAt: null };
  }
  if (o.status === "changes_requested") {
    return { createdAt: pastInstant(o.daysAgo + 4), submittedAt: pastInstant(o.daysAgo + 2), publishedAt: null };
  }
  return {
    createdAt: pastInstant(o.daysAgo + 7),
    submittedAt: pastInstant(o.daysAgo + 2),
    publishedAt: pastInstant(o.daysAgo),
  };
}

/**
 * The weekly rule and the shifts of a demo schedule. A recurring one starts on its first weekday after `today`
 * and has no end; its shifts are the ones the hourly job (fillScheduleShifts) would generate for it, so the job
 * finds the window filled and keeps it filled from then on.
 */
function scheduleOf(schedule: DemoSchedule, today: string): Pick<DemoSceneOpportunity, "schedule" | "shifts"> {
  switch (schedule.kind) {
    case "flexible":
      return { schedule: null, shifts: [] };
    case "recurring": {
      const rule = {
        weekday: WEEKDAYS[schedule.weekday],
        start_time: `${schedule.start}:00`,
        end_time: `${schedule.end}:00`,
        first_date: nextWeekday(today, schedule.weekday),
        last_date: null,
        places: schedule.places,
      };
      const planned = planShifts(rule, { today, weeks: schedule.weeks ?? DEFAULT_SCHEDULE_WEEKS });
      return { schedule: rule, shifts: planned.map(({ starts_at, ends_at, places }) => ({ starts_at, ends_at, places })) };
    }
    case "one_off":
      return {
        schedule: null,
        shifts: schedule.shifts.map((s) => {
          const date = addDays(nextWeekday(today, s.weekday), 7 * s.inWeeks);
          return { starts_at: zurichTimeToUtc(date, s.start), ends_at: zurichTimeToUtc(date, s.end), places: s.places };
        }),
      };
  }
}

// ---------------------------------------------------------------------------------------------------
// Demo accounts

/** The one password of every demo account: for the local demo only (README, "Demo accounts"). */
export const DEMO_PASSWORD = "Mitenand-Demo-2026";
const DEMO_MAIL_DOMAIN = "mitenand.example";
const DEMO_VOLUNTEERS = 6;
/** the organisations that get an editor besides their owner */
const DEMO_EDITOR_ORGANISATIONS = [DEMO_ORGANISATION_SLUGS[0], DEMO_ORGANISATION_SLUGS[2]];

export interface DemoUser {
  email: string;
  displayName: string;
  locale: UserLocale;
  isAdmin: boolean;
  /** slugs of the regions this person coordinates */
  coordinatorOf: string[];
  memberships: { organisationSlug: string; role: OrganisationRole }[];
}

/**
 * The people of the demo, all verified and all with DEMO_PASSWORD: one admin, a coordinator for each region,
 * an owner for each organisation (and an editor for two of them), and six volunteers without a role. Faker
 * has its own seed here, so the scene's contact people stay the same whatever is added below.
 */
export function buildDemoUsers(): DemoUser[] {
  const faker = new Faker({ locale: [de_CH, de, en, base] });
  faker.seed(DEMO_SEED + 1);
  const personName = () => `${faker.person.firstName()} ${faker.person.lastName()}`;
  const person = (localPart: string, rest: Partial<DemoUser> = {}): DemoUser => ({
    email: `${localPart}@${DEMO_MAIL_DOMAIN}`,
    displayName: personName(),
    locale: "de",
    isAdmin: false,
    coordinatorOf: [],
    memberships: [],
    ...rest,
  });

  return [
    {
      email: `admin@${DEMO_MAIL_DOMAIN}`,
      displayName: "Kanton Aargau, Fachstelle Integration",
      locale: "de",
      isAdmin: true,
      coordinatorOf: [],
      memberships: [],
    },
    ...DEMO_REGION_SLUGS.map((slug) => person(`koordination.${slug}`, { coordinatorOf: [slug] })),
    ...DEMO_ORGANISATION_SLUGS.map((slug) => person(slug, { memberships: [{ organisationSlug: slug, role: "owner" }] })),
    ...DEMO_EDITOR_ORGANISATIONS.map((slug) =>
      person(`redaktion.${slug}`, { memberships: [{ organisationSlug: slug, role: "editor" }] }),
    ),
    // one volunteer reads Mitenand in English
    ...Array.from({ length: DEMO_VOLUNTEERS }, (_, i) =>
      person(`freiwillig${i + 1}`, { locale: i === DEMO_VOLUNTEERS - 1 ? "en" : "de" }),
    ),
  ];
}
