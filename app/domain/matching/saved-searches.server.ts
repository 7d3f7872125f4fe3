/**
 * Saved searches and their email alerts. A saved search is the canonical query string of /opportunities (without
 * page and sort) under a name; its alert (off, daily, weekly) sends a digest of the listings that match it and
 * were never sent for it before, through the outbox, with a one-click unsubscribe.
 *
 * The digest job (runSavedSearchAlerts, hourly with the other jobs) reuses the search itself
 * (searchOpportunities with the saved parameters, newest first, the first DIGEST_WINDOW results). Each listing
 * goes out once per saved search: the saved_search_sent rows (primary key saved search + opportunity) and the
 * email are written in one transaction, which first locks the saved search's row (FOR UPDATE SKIP LOCKED, and
 * only while it is still due): two workers or overlapping runs never send the same digest twice. Nothing new:
 * no email, only alert_checked_at moves on. The first digest after switching an alert on brings the newest
 * matches of that moment (at most SAVED_SEARCH_LIMITS.digestItems); later ones only what is new since.
 */
import { sql } from "kysely";
import { db } from "~db/client.server";
import { enqueueEmail } from "~/domain/notifications/outbox.server";
import { unsubscribeHeaders, unsubscribeUrl } from "~/domain/notifications/unsubscribe.server";
import { toSearchParams } from "~/domain/opportunities/search-params";
import { parseSearchParams } from "~/domain/opportunities/search-params.server";
import { searchOpportunities, validateSearchFilters } from "~/domain/opportunities/search.server";
import { logger } from "~/utils/logger.server";
import { startPeriodicJob } from "~/utils/periodic-job.server";
import { appOrigin } from "~/utils/request.server";
import { ALERT_FREQUENCIES, ALERT_INTERVAL_SECONDS, SAVED_SEARCH_LIMITS, type AlertFrequency } from "./alerts";

/** how many of the newest results a digest looks at */
export const DIGEST_WINDOW = 50;
/** a run an hour late must not push a daily digest a whole day: due this much before the interval is over */
const DUE_TOLERANCE_SECONDS = 3600;

/**
 * The canonical query of a search URL's parameters, without page and sort (a saved search is what is searched,
 * not where one was in the list). Unknown or invalid parameters are dropped, as the search page does.
 */
export function savedSearchQuery(params: URLSearchParams) {
  const { filters } = parseSearchParams(params);
  const { page: _page, sort: _sort, ...what } = filters;
  return toSearchParams(what).toString();
}

export interface SavedSearch {
  id: number;
  name: string;
  query: string;
  alert: AlertFrequency;
  createdAt: Date;
}

export async function listSavedSearches({ userId }: { userId: number }): Promise<SavedSearch[]> {
  const rows = await db
    .selectFrom("saved_search")
    .select(["id", "name", "query", "alert", "created_at"])
    .where("user_id", "=", userId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, query: r.query, alert: r.alert, createdAt: r.created_at }));
}

export type SaveResult = { ok: true; id: number } | { ok: false; error: "tooMany" };

/**
 * Saves a search for the user; the same query saved again is not a second row (its name is updated).
 * At most SAVED_SEARCH_LIMITS.perUser per person: counted under a lock on the user's row.
 */
export async function saveSearch({ userId, name, query }: { userId: number; name: string; query: string }): Promise<SaveResult> {
  return db.transaction().execute(async (trx): Promise<SaveResult> => {
    await trx.selectFrom("app_user").select("id").where("id", "=", userId).forUpdate().executeTakeFirstOrThrow();
    const existing = await trx.selectFrom("saved_search").select("id").where("user_id", "=", userId).where("query", "=", query).executeTakeFirst();
    if (existing) {
      await trx.updateTable("saved_search").set({ name, updated_at: new Date() }).where("id", "=", existing.id).execute();
      return { ok: true, id: existing.id };
    }
    const { n } = await trx
      .selectFrom("saved_search")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    if (n >= SAVED_SEARCH_LIMITS.perUser) return { ok: false, error: "tooMany" };
    const row = await trx.insertInto("saved_search").values({ user_id: userId, name, query }).returning("id").executeTakeFirstOrThrow();
    return { ok: true, id: row.id };
  });
}

/** the changes /me/searches makes; each touches only the user's own saved search (false: none such) */
export async function renameSavedSearch({ id, userId, name }: { id: number; userId: number; name: string }) {
  const r = await db.updateTable("saved_search").set({ name, updated_at: new Date() }).where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteSavedSearch({ id, userId }: { id: number; userId: number }) {
  const r = await db.deleteFrom("saved_search").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function setSavedSearchAlert({ id, userId, alert }: { id: number; userId: number; alert: AlertFrequency }) {
  if (!ALERT_FREQUENCIES.includes(alert)) return false;
  const r = await db
    .updateTable("saved_search")
    .set({ alert, updated_at: new Date() })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

function dueCondition(now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql<boolean>`(s.alert_checked_at is null or s.alert_checked_at <= ${at} - (case s.alert
    when 'daily' then ${sql.lit(ALERT_INTERVAL_SECONDS.daily - DUE_TOLERANCE_SECONDS)}
    else ${sql.lit(ALERT_INTERVAL_SECONDS.weekly - DUE_TOLERANCE_SECONDS)} end) * interval '1 second')`;
}

/**
 * Sends the digests that are due (or only those of `savedSearchIds`, for tests and the dev trigger). Returns how
 * many saved searches were checked and how many emails were queued.
 */
export async function runSavedSearchAlerts({
  now = new Date(),
  limit = 200,
  savedSearchIds,
}: { now?: Date; limit?: number; savedSearchIds?: number[] } = {}) {
  let query = db
    .selectFrom("saved_search as s")
    .innerJoin("app_user as u", "u.id", "s.user_id")
    .select(["s.id", "s.name", "s.query", "u.email", "u.display_name", "u.locale"])
    .where("s.alert", "<>", "off")
    .where("u.deleted_at", "is", null)
    .where("u.email", "is not", null)
    .where(dueCondition(now))
    .orderBy(sql`s.alert_checked_at nulls first`)
    .orderBy("s.id")
    .limit(limit);
  if (savedSearchIds) query = savedSearchIds.length ? query.where("s.id", "in", savedSearchIds) : query.where(sql<boolean>`false`);
  const due = await query.execute();
  let emails = 0;
  for (const search of due) {
    try {
      if (await sendDigest(search, now)) emails += 1;
    } catch (error) {
      logger.error({ savedSearchId: search.id, error: error instanceof Error ? error.message : String(error) }, "saved-search digest failed");
    }
  }
  return { checked: due.length, emails };
}

async function sendDigest(
  search: { id: number; name: string; query: string; email: string | null; display_name: string; locale: "de" | "en" },
  now: Date,
) {
  // the search itself, outside any transaction (it runs on the shared connection)
  const params = new URLSearchParams(search.query);
  const checked = await validateSearchFilters({ filters: parseSearchParams(params).filters });
  const result = await searchOpportunities({
    filters: { ...checked.filters, sort: "newest", page: 1 },
    locale: search.locale,
    pageSize: DIGEST_WINDOW,
    near: checked.near,
  });
  const ids = result.items.map((item) => item.id);
  const sentBefore = new Set(
    ids.length
      ? (
          await db.selectFrom("saved_search_sent").select("opportunity_id").where("saved_search_id", "=", search.id).where("opportunity_id", "in", ids).execute()
        ).map((r) => r.opportunity_id)
      : [],
  );
  const fresh = result.items.filter((item) => !sentBefore.has(item.id)).slice(0, SAVED_SEARCH_LIMITS.digestItems);
  const unsubscribe = fresh.length ? await unsubscribeUrl({ kind: "alert", id: search.id, now }) : "";
  const origin = appOrigin();

  return db.transaction().execute(async (trx) => {
    const still = await trx
      .selectFrom("saved_search as s")
      .select("s.id")
      .where("s.id", "=", search.id)
      .where("s.alert", "<>", "off")
      .where(dueCondition(now))
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!still) return false;
    await trx.updateTable("saved_search").set({ alert_checked_at: now }).where("id", "=", search.id).execute();
    if (fresh.length === 0) return false;
    const inserted = await trx
      .insertInto("saved_search_sent")
      .values(fresh.map((item) => ({ saved_search_id: search.id, opportunity_id: item.id })))
      .onConflict((oc) => oc.columns(["saved_search_id", "opportunity_id"]).doNothing())
      .returning("opportunity_id")
      .execute();
    const newIds = new Set(inserted.map((r) => r.opportunity_id));
    const items = fresh.filter((item) => newIds.has(item.id));
    if (items.length === 0) return false;
    await enqueueEmail(trx, {
      to: search.email!,
      template: "saved_search_digest",
      locale: search.locale,
      params: {
        name: search.display_name,
        searchName: search.name,
        items: items.map((item) => ({ title: item.title, orgName: item.organisationName, url: `${origin}/opportunities/${item.id}` })),
        searchUrl: `${origin}/opportunities${search.query ? `?${search.query}` : ""}`,
        manageUrl: `${origin}/me/searches`,
        unsubscribeUrl: unsubscribe,
      },
      headers: unsubscribeHeaders(unsubscribe),
    });
    return true;
  });
}

/** Runs the digests now and then every `intervalMs` (default hourly); never two runs at once. Returns stop(). */
export function startSavedSearchAlerts({ intervalMs = 3600 * 1000 }: { intervalMs?: number } = {}): () => Promise<void> {
  return startPeriodicJob({
    intervalMs,
    failureMessage: "saved-search alerts failed",
    async run() {
      const { checked, emails } = await runSavedSearchAlerts();
      if (emails > 0) logger.info({ checked, emails }, "saved-search alerts sent");
    },
  });
}
