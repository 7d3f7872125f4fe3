/**
 * The volunteer profile behind matching: reading it for the form and the score, parsing the plain form of
 * /me/profile, and saving it (profile row and languages in one transaction, always the signed-in person's
 * own: the user id comes from the session, never from the form).
 */
import { type Kysely, type Transaction, sql } from "kysely";
import { z } from "zod";
import { db } from "~db/client.server";
import type { Database } from "~db/schema";
import { LANGUAGE_CODES } from "~/domain/opportunities/opportunity-input";
import { type FieldErrors } from "~/utils/forms";
import {
  AGE_BANDS,
  AVAILABILITY_SLOTS,
  ENGAGEMENTS,
  LANGUAGE_LEVELS,
  PROFILE_GERMAN_LEVELS,
  PROFILE_LIMITS,
  type AgeBand,
  type AvailabilitySlot,
  type Engagement,
  type LanguageLevel,
  type ProfileFormField,
  type ProfileFormValues,
  type ProfileGermanLevel,
} from "./profile-fields";
import type { MatchProfile } from "./score";

type Executor = Kysely<Database> | Transaction<Database>;

/** the languages a profile can list: the same list as opportunities (German has its own level field) */
export const PROFILE_LANGUAGES: readonly string[] = LANGUAGE_CODES;

export interface VolunteerProfile {
  bfsNr: number | null;
  radiusKm: number;
  onlineOnly: boolean;
  germanLevel: ProfileGermanLevel | null;
  languages: { code: string; level: LanguageLevel }[];
  interests: string[];
  skills: string[];
  availability: AvailabilitySlot[];
  engagement: Engagement;
  birthYear: number | null;
  ageBand: AgeBand | null;
  suggestionsOptIn: boolean;
}

export async function getVolunteerProfile({ userId, trx = db }: { userId: number; trx?: Executor }): Promise<VolunteerProfile | null> {
  const row = await trx.selectFrom("volunteer_profile").selectAll().where("user_id", "=", userId).executeTakeFirst();
  if (!row) return null;
  const languages = await trx
    .selectFrom("volunteer_language")
    .select(["language", "level"])
    .where("user_id", "=", userId)
    .orderBy("language")
    .execute();
  return {
    bfsNr: row.bfs_nr,
    radiusKm: row.radius_km,
    onlineOnly: row.online_only,
    germanLevel: row.german_level,
    languages: languages.map((l) => ({ code: l.language, level: l.level })),
    interests: row.interests,
    skills: row.skills,
    availability: row.availability,
    engagement: row.engagement,
    birthYear: row.birth_year,
    ageBand: row.age_band,
    suggestionsOptIn: row.suggestions_opt_in,
  };
}

/** The profile as the score reads it, with the home Gemeinde's centroid; null without a profile. */
export async function getMatchProfile({ userId, trx = db }: { userId: number; trx?: Executor }): Promise<MatchProfile | null> {
  // one round trip (every recommendation request starts here): the profile, its home's centroid, its languages
  const { rows } = await sql<MatchProfileRow>`
    select p.bfs_nr, g.lat, g.lon, p.radius_km, p.online_only, p.german_level, p.interests, p.skills, p.availability,
      p.engagement, p.birth_year, p.age_band,
      (select coalesce(json_agg(json_build_array(vl.language, vl.level) order by vl.language), '[]'::json)
        from volunteer_language vl where vl.user_id = p.user_id) as languages
    from volunteer_profile p
    left join gemeinde g on g.bfs_nr = p.bfs_nr
    where p.user_id = ${userId}`.execute(trx);
  const row = rows[0];
  if (!row) return null;
  return toMatchProfile(row);
}

/** a profile row as the matching queries select it (here and in reverse matching's candidate query) */
export interface MatchProfileRow {
  bfs_nr: number | null;
  lat: number | null;
  lon: number | null;
  radius_km: number;
  online_only: boolean;
  german_level: ProfileGermanLevel | null;
  interests: string[];
  skills: string[];
  availability: AvailabilitySlot[];
  engagement: Engagement;
  birth_year: number | null;
  age_band: AgeBand | null;
  /** [language, level] pairs, by language */
  languages: [string, LanguageLevel][];
}

export function toMatchProfile(row: MatchProfileRow): MatchProfile {
  return {
    home: row.bfs_nr !== null && row.lat !== null && row.lon !== null ? { bfsNr: row.bfs_nr, lat: row.lat, lon: row.lon } : null,
    radiusKm: row.radius_km,
    onlineOnly: row.online_only,
    languages: row.languages.map(([code, level]) => ({ code, level })),
    germanLevel: row.german_level,
    interests: row.interests,
    skills: row.skills,
    availability: row.availability,
    engagement: row.engagement,
    birthYear: row.birth_year,
    ageBand: row.age_band,
  };
}

// --- the form -------------------------------------------------------------------------------------------------

/** what the form sent, as the page shows it again after an error: the form's own values type */
export type ProfileDraft = ProfileFormValues;

export function profileToDraft(profile: VolunteerProfile | null): ProfileDraft {
  return {
    bfsNr: profile?.bfsNr?.toString() ?? "",
    postcode: "",
    radiusKm: String(profile?.radiusKm ?? PROFILE_LIMITS.radiusDefaultKm),
    onlineOnly: profile?.onlineOnly ?? false,
    germanLevel: profile?.germanLevel ?? "",
    languages: profile?.languages.map((l) => `${l.code}:${l.level}`) ?? [],
    interests: profile?.interests ?? [],
    skills: profile?.skills.join(", ") ?? "",
    availability: profile?.availability ?? [],
    engagement: profile?.engagement ?? "any",
    birthYear: profile?.birthYear?.toString() ?? "",
    ageBand: profile?.ageBand ?? "",
    suggestionsOptIn: profile?.suggestionsOptIn ?? false,
  };
}

const text = (max: number) => z.string().max(max, "validation.tooLong").optional().default("");
const list = z
  .union([z.string().max(100), z.array(z.string().max(100)).max(500, "validation.invalid")])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const formSchema = z.object({
  bfsNr: text(10),
  postcode: text(20),
  radiusKm: text(10),
  onlineOnly: z.literal("on").optional(),
  germanLevel: text(10),
  languages: list,
  interests: list,
  skills: text(1000),
  availability: list,
  engagement: text(20),
  birthYear: text(10),
  ageBand: text(20),
  suggestionsOptIn: z.literal("on").optional(),
} satisfies Record<ProfileFormField, z.ZodType>);

export interface ProfileReference {
  bfsNumbers: ReadonlySet<number>;
  categoryIds: ReadonlySet<string>;
  /** Zurich calendar year, for the year of birth */
  year: number;
}

export type ProfileFormResult =
  | { success: true; profile: VolunteerProfile & { postcode: number | null } }
  | { success: false; errors: FieldErrors; draft: ProfileDraft };

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/**
 * Reads the form of /me/profile. Every problem becomes an i18n key on its field; a postcode is checked
 * against the database by saveVolunteerProfile (it returns the same kind of error).
 */
export function parseProfileForm(formData: FormData, reference: ProfileReference): ProfileFormResult {
  const input: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    input[key] = all.length > 1 ? all : all[0];
  }
  const parsed = formSchema.safeParse(input);
  const raw = parsed.success ? parsed.data : null;
  const draft: ProfileDraft = raw
    ? {
        bfsNr: raw.bfsNr,
        postcode: raw.postcode,
        radiusKm: raw.radiusKm,
        onlineOnly: raw.onlineOnly === "on",
        germanLevel: raw.germanLevel,
        languages: raw.languages.filter(Boolean),
        interests: raw.interests,
        skills: raw.skills,
        availability: raw.availability,
        engagement: raw.engagement,
        birthYear: raw.birthYear,
        ageBand: raw.ageBand,
        suggestionsOptIn: raw.suggestionsOptIn === "on",
      }
    : profileToDraft(null);
  const errors: FieldErrors = {};
  const fail = (field: string, key: string, values?: Record<string, string | number>) => {
    (errors[field] ??= []).push(values ? { key, values } : { key });
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fail(String(issue.path[0] ?? "form"), "validation.invalid");
    return { success: false, errors, draft };
  }

  // where
  let bfsNr: number | null = null;
  if (draft.bfsNr !== "") {
    bfsNr = /^\d{4}$/.test(draft.bfsNr) ? Number(draft.bfsNr) : NaN;
    if (!reference.bfsNumbers.has(bfsNr)) fail("bfsNr", "validation.invalidChoice");
  }
  let postcode: number | null = null;
  const postcodeText = draft.postcode.trim();
  if (postcodeText !== "") {
    if (/^\d{4}$/.test(postcodeText)) postcode = Number(postcodeText);
    else fail("postcode", "matching.profile.errors.postcode");
  }
  if (bfsNr === null && postcode === null && !draft.onlineOnly) fail("bfsNr", "matching.profile.errors.placeRequired");
  let radiusKm: number = PROFILE_LIMITS.radiusDefaultKm;
  if (draft.radiusKm.trim() !== "") {
    radiusKm = /^-?\d{1,6}$/.test(draft.radiusKm.trim()) ? Number(draft.radiusKm.trim()) : NaN;
    const { min, max } = PROFILE_LIMITS.radiusKm;
    if (Number.isNaN(radiusKm)) fail("radiusKm", "validation.invalid");
    else if (radiusKm < min) fail("radiusKm", "validation.tooSmall", { minimum: min });
    else if (radiusKm > max) fail("radiusKm", "validation.tooBig", { maximum: max });
  }

  // languages
  let germanLevel: ProfileGermanLevel | null = null;
  if (draft.germanLevel !== "") {
    if (isOneOf(PROFILE_GERMAN_LEVELS, draft.germanLevel)) germanLevel = draft.germanLevel;
    else fail("germanLevel", "validation.invalidChoice");
  }
  const languages: VolunteerProfile["languages"] = [];
  const seen = new Set<string>();
  for (const value of draft.languages) {
    const [code = "", level = ""] = value.split(":");
    if (!PROFILE_LANGUAGES.includes(code) || !isOneOf(LANGUAGE_LEVELS, level) || value.split(":").length !== 2) {
      fail("languages", "matching.profile.errors.language");
      break;
    }
    if (seen.has(code)) continue;
    seen.add(code);
    languages.push({ code, level });
  }
  if (languages.length > PROFILE_LIMITS.languages) fail("languages", "matching.profile.errors.tooManyLanguages", { maximum: PROFILE_LIMITS.languages });

  // what
  const interests = [...new Set(draft.interests)];
  if (interests.some((id) => !reference.categoryIds.has(id))) fail("interests", "validation.invalidChoice");
  const skills = [
    ...new Map(
      draft.skills
        .split(/[,;\n]/)
        .map((s) => s.trim().replace(/\s+/g, " "))
        .filter(Boolean)
        .map((s) => [s.toLowerCase(), s] as const),
    ).values(),
  ];
  if (skills.length > PROFILE_LIMITS.skills) fail("skills", "matching.profile.errors.tooManySkills", { maximum: PROFILE_LIMITS.skills });
  else if (skills.some((s) => s.length > PROFILE_LIMITS.skillLength)) fail("skills", "matching.profile.errors.skillTooLong", { maximum: PROFILE_LIMITS.skillLength });

  // when
  const availability = [...new Set(draft.availability)];
  if (availability.some((slot) => !isOneOf(AVAILABILITY_SLOTS, slot))) fail("availability", "matching.profile.errors.availability");
  let engagement: Engagement = "any";
  if (draft.engagement !== "") {
    if (isOneOf(ENGAGEMENTS, draft.engagement)) engagement = draft.engagement;
    else fail("engagement", "validation.invalidChoice");
  }

  // age
  let birthYear: number | null = null;
  if (draft.birthYear.trim() !== "") {
    birthYear = /^\d{4}$/.test(draft.birthYear.trim()) ? Number(draft.birthYear.trim()) : NaN;
    if (Number.isNaN(birthYear) || birthYear < PROFILE_LIMITS.birthYear.min || birthYear > reference.year) {
      fail("birthYear", "matching.profile.errors.birthYear", { maximum: reference.year });
    }
  }
  let ageBand: AgeBand | null = null;
  if (draft.ageBand !== "") {
    if (isOneOf(AGE_BANDS, draft.ageBand)) ageBand = draft.ageBand;
    else fail("ageBand", "validation.invalidChoice");
  }

  if (Object.keys(errors).length > 0) return { success: false, errors, draft };
  return {
    success: true,
    profile: {
      bfsNr,
      postcode,
      radiusKm,
      onlineOnly: draft.onlineOnly,
      germanLevel,
      languages,
      interests,
      skills,
      availability: availability as AvailabilitySlot[],
      engagement,
      // a year of birth says more than a band: keep only the year when both are given
      birthYear,
      ageBand: birthYear === null ? ageBand : null,
      suggestionsOptIn: draft.suggestionsOptIn,
    },
  };
}

/**
 * Saves the signed-in person's profile: a postcode without a chosen Gemeinde is mapped to the Gemeinde that
 * holds most of its addresses. Returns the postcode error instead of saving when it is not an Aargau one.
 */
export async function saveVolunteerProfile({
  userId,
  profile,
}: {
  userId: number;
  profile: VolunteerProfile & { postcode: number | null };
}): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  return db.transaction().execute(async (trx) => {
    let bfsNr = profile.bfsNr;
    if (bfsNr === null && profile.postcode !== null) {
      const row = await trx
        .selectFrom("postcode")
        .select("bfs_nr")
        .where("plz", "=", profile.postcode)
        .orderBy("is_main", "desc")
        .orderBy("bfs_nr")
        .executeTakeFirst();
      if (!row) return { ok: false as const, errors: { postcode: [{ key: "matching.profile.errors.postcodeUnknown" }] } };
      bfsNr = row.bfs_nr;
    }
    const values = {
      bfs_nr: bfsNr,
      radius_km: profile.radiusKm,
      online_only: profile.onlineOnly,
      german_level: profile.germanLevel,
      interests: profile.interests,
      skills: profile.skills,
      availability: profile.availability,
      engagement: profile.engagement,
      birth_year: profile.birthYear,
      age_band: profile.ageBand,
      suggestions_opt_in: profile.suggestionsOptIn,
    };
    await trx
      .insertInto("volunteer_profile")
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ ...values, updated_at: new Date() }))
      .execute();
    await trx.deleteFrom("volunteer_language").where("user_id", "=", userId).execute();
    if (profile.languages.length > 0) {
      await trx
        .insertInto("volunteer_language")
        .values(profile.languages.map((l) => ({ user_id: userId, language: l.code, level: l.level })))
        .execute();
    }
    return { ok: true as const };
  });
}
