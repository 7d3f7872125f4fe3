/**
 * Writes the demo scene of ./demo-data.ts into a database: the RIF regions (upserted by slug, with every
 * Gemeinde of their districts), each demo organisation whose slug is still free, together with its
 * opportunities, the weekly rules of the recurring ones and their shifts, and the demo accounts whose email is
 * still free, with their roles. One transaction; a second run finds everything in place and creates nothing.
 */
import { type Kysely, sql } from "kysely";
import { hashPassword } from "../../app/domain/auth/password.server";
import type { Database } from "../schema";
import { REVIEWED_FIELDS } from "../../app/domain/moderation/decisions";
import { DEMO_PASSWORD, DEMO_SEED, buildDemoScene, buildDemoUsers } from "./demo-data";
import { seedDemoHistory } from "./demo-history.server";
import { seedDemoSignups } from "./demo-signups.server";
import { DEMO_PROFILES } from "./demo-profiles";

export interface SeedDemoResult {
  /** rows created by this call (regions that already existed are only renamed, not counted) */
  regions: number;
  organisations: number;
  opportunities: number;
  /** opportunity_schedule rows: the weekly rules of the recurring opportunities */
  schedules: number;
  shifts: number;
  users: number;
  /** region_coordinator and organisation_member rows */
  coordinators: number;
  organisationMembers: number;
  /** demo sign-ups (only while no demo volunteer has one) */
  signups: number;
  /** volunteer_profile rows of the demo volunteers (matching) */
  volunteerProfiles: number;
  /** public flags: one open flag on a published demo listing in RIF Region Aarau (only while it has none) */
  flags: number;
  /** moderation decisions of the year of history for the reports (./demo-history.server.ts) */
  decisions: number;
  /** past (archived or rejected) listings of that history */
  pastListings: number;
  created: boolean;
}

export async function seedDemo(db: Kysely<Database>, options: { now?: Date } = {}): Promise<SeedDemoResult> {
  const scene = buildDemoScene(options.now ?? new Date());
  const users = buildDemoUsers();
  // Once per run and before the transaction: argon2 takes tens of milliseconds, and PGlite's single
  // connection would be held meanwhile. All demo accounts share the password, so they share the hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  // Inside, only trx: PGlite has a single connection, so a query on db would wait for this transaction.
  return db.transaction().execute(async (trx) => {
    // Two seeders at once (two terminals, two CI jobs on one database): the second waits here and then
    // finds the organisations in place instead of failing on their unique slugs.
    await sql`select pg_advisory_xact_lock(${DEMO_SEED}::bigint)`.execute(trx);

    const regionSlugs = scene.regions.map((r) => r.slug);
    const existingRegions = await trx.selectFrom("region").select("slug").where("slug", "in", regionSlugs).execute();
    const regions = await trx
      .insertInto("region")
      .values(scene.regions.map(({ slug, name }) => ({ slug, name })))
      .onConflict((oc) => oc.column("slug").doUpdateSet((eb) => ({ name: eb.ref("excluded.name") })))
      .returning(["id", "slug"])
      .execute();
    const regionIdBySlug = new Map(regions.map((r) => [r.slug, r.id]));
    const regionIdByDistrict = new Map(
      scene.regions.flatMap((r) => r.districtNrs.map((d) => [d, regionIdBySlug.get(r.slug)!] as const)),
    );

    const gemeinden = await trx
      .selectFrom("gemeinde")
      .select(["bfs_nr", "district_nr"])
      .where("district_nr", "in", [...regionIdByDistrict.keys()])
      .execute();
    if (gemeinden.length === 0) throw new Error("no Gemeinden in the database: run prepareDatabase before seeding");
    // A Gemeinde that already belongs to a region (perhaps moved there by a coordinator) stays where it is.
    await trx
      .insertInto("region_gemeinde")
      .values(gemeinden.map((g) => ({ region_id: regionIdByDistrict.get(g.district_nr)!, bfs_nr: g.bfs_nr })))
      .onConflict((oc) => oc.doNothing())
      .execute();

    const result: SeedDemoResult = {
      regions: regions.length - existingRegions.length,
      organisations: 0,
      opportunities: 0,
      schedules: 0,
      shifts: 0,
      users: 0,
      coordinators: 0,
      organisationMembers: 0,
      signups: 0,
      volunteerProfiles: 0,
      flags: 0,
      decisions: 0,
      pastListings: 0,
      created: false,
    };

    const existingOrganisations = await trx
      .selectFrom("organisation")
      .select(["id", "slug"])
      .where(
        "slug",
        "in",
        scene.organisations.map((o) => o.slug),
      )
      .execute();
    const takenSlugs = new Set(existingOrganisations.map((o) => o.slug));
    const newOrganisations = scene.organisations.filter((o) => !takenSlugs.has(o.slug));
    const organisations =
      newOrganisations.length === 0
        ? []
        : await trx.insertInto("organisation").values(newOrganisations).returning(["id", "slug"]).execute();
    const organisationIdBySlug = new Map(organisations.map((o) => [o.slug, o.id]));
    result.organisations = organisations.length;

    const sceneOpportunities = scene.opportunities.filter((o) => organisationIdBySlug.has(o.organisationSlug));
    /** the decisions that sent demo listings back, written once the coordinators exist */
    const decisions: { opportunityId: number; bfsNr: number; reason: string; decidedAt: Date; snapshot: Record<string, unknown> }[] = [];
    if (sceneOpportunities.length > 0) {
      const opportunities = await trx
        .insertInto("opportunity")
        .values(
          sceneOpportunities.map((o) => ({
            ...o.opportunity,
            organisation_id: organisationIdBySlug.get(o.organisationSlug)!,
          })),
        )
        .returning(["id", "organisation_id", "title"])
        .execute();
      result.opportunities = opportunities.length;

      // matched by organisation and title (unique within the demo), not by the order RETURNING happens to use
      const key = (organisationId: number, title: string) => `${organisationId}\u0000${title}`;
      const opportunityIdByKey = new Map(opportunities.map((o) => [key(o.organisation_id, o.title), o.id]));
      const opportunityIdOf = (o: (typeof sceneOpportunities)[number]) => {
        const opportunityId = opportunityIdByKey.get(key(organisationIdBySlug.get(o.organisationSlug)!, o.opportunity.title));
        if (opportunityId === undefined) throw new Error(`demo opportunity not inserted: ${o.opportunity.title}`);
        return opportunityId;
      };
      // without its rule, the hourly job would never add a week to a recurring opportunity and would archive it
      // after its last seeded shift
      const schedules = sceneOpportunities.flatMap((o) => (o.schedule ? [{ ...o.schedule, opportunity_id: opportunityIdOf(o) }] : []));
      if (schedules.length > 0) {
        await trx.insertInto("opportunity_schedule").values(schedules).execute();
        result.schedules = schedules.length;
      }
      for (const o of sceneOpportunities) {
        if (!o.decision) continue;
        const content = o.opportunity as Record<string, unknown>;
        decisions.push({
          opportunityId: opportunityIdOf(o),
          bfsNr: o.opportunity.bfs_nr,
          ...o.decision,
          snapshot: Object.fromEntries(REVIEWED_FIELDS.map((field) => [field, content[field] ?? null])),
        });
      }
      const shifts = sceneOpportunities.flatMap((o) => o.shifts.map((s) => ({ ...s, opportunity_id: opportunityIdOf(o) })));
      if (shifts.length > 0) {
        await trx.insertInto("shift").values(shifts).execute();
        result.shifts = shifts.length;
      }
    }

    // The accounts: users by email (a taken address keeps its account and password), then their roles.
    const createdUsers = await trx
      .insertInto("app_user")
      .values(
        users.map((u) => ({
          email: u.email,
          display_name: u.displayName,
          locale: u.locale,
          password_hash: passwordHash,
          is_admin: u.isAdmin,
          email_verified_at: sql<Date>`now()`,
        })),
      )
      .onConflict((oc) => oc.column("email").doNothing())
      .returning("id")
      .execute();
    result.users = createdUsers.length;

    const userIdByEmail = new Map(
      (
        await trx
          .selectFrom("app_user")
          .select(["id", "email"])
          .where(
            "email",
            "in",
            users.map((u) => u.email),
          )
          .execute()
      ).map((u) => [u.email!, u.id]),
    );
    const coordinators = users.flatMap((u) =>
      u.coordinatorOf.map((slug) => ({ region_id: regionIdBySlug.get(slug)!, user_id: userIdByEmail.get(u.email)! })),
    );
    if (coordinators.length > 0) {
      const inserted = await trx
        .insertInto("region_coordinator")
        .values(coordinators)
        .onConflict((oc) => oc.doNothing())
        .returning("user_id")
        .execute();
      result.coordinators = inserted.length;
    }

    const allOrganisationIdBySlug = new Map([...existingOrganisations, ...organisations].map((o) => [o.slug, o.id]));
    const members = users.flatMap((u) =>
      u.memberships.map((m) => ({
        organisation_id: allOrganisationIdBySlug.get(m.organisationSlug)!,
        user_id: userIdByEmail.get(u.email)!,
        role: m.role,
      })),
    );
    if (members.length > 0) {
      const inserted = await trx
        .insertInto("organisation_member")
        .values(members)
        .onConflict((oc) => oc.doNothing())
        .returning("user_id")
        .execute();
      result.organisationMembers = inserted.length;
    }

    for (const d of decisions) {
      // decided by the demo coordinator of the region whose districts hold the Gemeinde
      const { district_nr } = await trx.selectFrom("gemeinde").select("district_nr").where("bfs_nr", "=", d.bfsNr).executeTakeFirstOrThrow();
      const regionSlug = scene.regions.find((r) => r.districtNrs.includes(district_nr))?.slug;
      const coordinator = users.find((u) => regionSlug && u.coordinatorOf.includes(regionSlug));
      await trx
        .insertInto("moderation_decision")
        .values({
          opportunity_id: d.opportunityId,
          decision: "request_changes",
          reason: d.reason,
          status_before: "submitted",
          status_after: "changes_requested",
          decided_by: coordinator ? (userIdByEmail.get(coordinator.email) ?? null) : null,
          decided_at: d.decidedAt,
          snapshot: sql`${JSON.stringify(d.snapshot)}::text::jsonb`,
        })
        .execute();
    }
    const history = await seedDemoHistory(trx, { now: options.now });
    result.decisions = history.decisions;
    result.pastListings = history.opportunities;
    result.signups = await seedDemoSignups(trx, { now: options.now });
    result.flags = await seedDemoFlag(trx, {
      regionId: regionIdBySlug.get(scene.regions.find((r) => r.name === "RIF Region Aarau")?.slug ?? "") ?? null,
      organisationSlugs: [...allOrganisationIdBySlug.keys()],
    });
    // the demo volunteers' matching profiles; a volunteer who already has one keeps it
    const domain = users.find((u) => u.email.startsWith("freiwillig"))?.email.split("@")[1];
    const profiles = DEMO_PROFILES.flatMap((p) => {
      const userId = userIdByEmail.get(`${p.account}@${domain}`);
      return userId === undefined ? [] : [{ ...p, userId }];
    });
    if (profiles.length > 0) {
      const inserted = await trx
        .insertInto("volunteer_profile")
        .values(
          profiles.map((p) => ({
            user_id: p.userId,
            bfs_nr: p.bfsNr,
            radius_km: p.radiusKm,
            online_only: p.onlineOnly,
            german_level: p.germanLevel,
            interests: p.interests,
            skills: p.skills,
            availability: p.availability,
            engagement: p.engagement,
            birth_year: p.birthYear,
            age_band: p.ageBand,
            suggestions_opt_in: p.suggestionsOptIn,
          })),
        )
        .onConflict((oc) => oc.column("user_id").doNothing())
        .returning("user_id")
        .execute();
      const fresh = new Set(inserted.map((r) => r.user_id));
      const languages = profiles
        .filter((p) => fresh.has(p.userId))
        .flatMap((p) => p.languages.map(([language, level]) => ({ user_id: p.userId, language, level })));
      if (languages.length > 0) await trx.insertInto("volunteer_language").values(languages).execute();
      result.volunteerProfiles = inserted.length;
    }

    // a saved search with a weekly alert for freiwillig1 (matching issue 11), once
    const edith = userIdByEmail.get(`freiwillig1@${domain}`);
    if (edith !== undefined) {
      const has = await trx.selectFrom("saved_search").select("id").where("user_id", "=", edith).executeTakeFirst();
      if (!has) {
        await trx
          .insertInto("saved_search")
          .values({ user_id: edith, name: "Treffpunkte rund um Suhr", query: "category=treffpunkt&near=Suhr&radius=15", alert: "weekly" })
          .execute();
      }
    }

    const { created: _created, ...counts } = result;
    return { ...result, created: Object.values(counts).some((n) => n > 0) };
  });
}

/**
 * One open flag in RIF Region Aarau's queue, on the oldest published demo listing there, unless a demo listing
 * of that region has been flagged before (a second run, or a flag someone resolved, adds nothing).
 */
async function seedDemoFlag(trx: Kysely<Database>, { regionId, organisationSlugs }: { regionId: number | null; organisationSlugs: string[] }) {
  if (regionId === null || organisationSlugs.length === 0) return 0;
  const demoListings = trx
    .selectFrom("opportunity as o")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .innerJoin("region_gemeinde as rg", "rg.bfs_nr", "o.bfs_nr")
    .where("org.slug", "in", organisationSlugs)
    .where("rg.region_id", "=", regionId);
  const flagged = await demoListings.innerJoin("opportunity_flag as f", "f.opportunity_id", "o.id").select("f.id").limit(1).executeTakeFirst();
  if (flagged) return 0;
  const listing = await demoListings.select("o.id").where("o.status", "=", "published").orderBy("o.id").limit(1).executeTakeFirst();
  if (!listing) return 0;
  await trx
    .insertInto("opportunity_flag")
    .values({
      opportunity_id: listing.id,
      category: "wrong_information",
      message: "Die Telefonnummer im Inserat stimmt nicht mehr, ich habe niemanden erreicht.",
      ip: null,
    })
    .execute();
  return 1;
}
