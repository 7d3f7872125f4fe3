/**
 * Reading the audit log: /admin/audit (every entry, filters: actor, kind, region, period; paginated) and
 * /coordinator/audit (only the moderation kinds, and only entries about the coordinator's regions: their
 * opportunities and organisations by Gemeinde, and the regions themselves). The scope is part of the query.
 *
 * An entry's region is the region that covers its subject now: an opportunity's or organisation's Gemeinde, or
 * the region itself.
 */
import { sql, type SqlBool } from "kysely";
import { z } from "zod";
import { db } from "~db/client.server";
import { AUDIT_KINDS, AUDIT_PAGE_SIZE, MODERATION_AUDIT_ACTIONS, MODERATION_AUDIT_KINDS, type AuditKind } from "./kinds";

export interface AuditFilters {
  /** part of the actor's name or email address */
  actor?: string;
  kind?: AuditKind;
  /** a region slug, or "none" for entries outside every region */
  region?: string;
  /** ISO dates (YYYY-MM-DD), inclusive, in Swiss time */
  from?: string;
  to?: string;
  page?: number;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && value >= "2000-01-01" && value <= "2100-12-31");

const filterSchema = z.object({
  actor: z.string().trim().max(100).optional().catch(undefined),
  kind: z.enum(AUDIT_KINDS).optional().catch(undefined),
  region: z.string().max(80).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

/**
 * The filters from the URL. Values the viewer cannot use (another region, a kind outside their view, a date that
 * is no date) are dropped: the page then shows everything the viewer may see, never an error.
 */
export function parseAuditFilters(params: URLSearchParams, allowed: { regionSlugs: string[]; isAdmin: boolean }): AuditFilters {
  const raw = filterSchema.parse({
    actor: params.get("actor") || undefined,
    kind: params.get("kind") || undefined,
    region: params.get("region") || undefined,
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
    page: params.get("page") || undefined,
  });
  const regionOk = raw.region && (allowed.regionSlugs.includes(raw.region) || (raw.region === "none" && allowed.isAdmin));
  return {
    actor: raw.actor || undefined,
    kind: raw.kind === "other" && !allowed.isAdmin ? undefined : raw.kind,
    region: regionOk ? raw.region : undefined,
    from: raw.from,
    to: raw.to,
    page: raw.page,
  };
}

export interface AuditViewer {
  id: number;
  isAdmin: boolean;
}

export interface AuditRow {
  id: number;
  occurredAt: Date;
  action: string;
  actorName: string | null;
  actorEmail: string | null;
  subjectType: string | null;
  subjectId: string | null;
  subjectLabel: string | null;
  regionName: string | null;
  details: Record<string, unknown>;
}

const numericId = sql<number | null>`case when e.subject_id ~ '^[0-9]{1,9}$' then e.subject_id::integer end`;

/** the region covering an entry's subject now (computed only where a filter or a shown row needs it) */
const regionOfEntry = sql<number | null>`(case e.subject_type
  when 'opportunity' then (select rg.region_id from opportunity so join region_gemeinde rg on rg.bfs_nr = so.bfs_nr where so.id = ${numericId})
  when 'organisation' then (select rg.region_id from organisation sg join region_gemeinde rg on rg.bfs_nr = sg.bfs_nr where sg.id = ${numericId})
  when 'region' then ${numericId}
end)`;

/** The entries the viewer may see that match the filters, newest first, one page. */
export async function listAuditEntries({ viewer, filters }: { viewer: AuditViewer; filters: AuditFilters }) {
  let query = db.selectFrom("audit_event as e").leftJoin("app_user as actor", "actor.id", "e.actor_user_id");

  if (!viewer.isAdmin) {
    query = query
      .where("e.action", "in", MODERATION_AUDIT_ACTIONS)
      .where(sql<SqlBool>`exists (select 1 from region_coordinator rc where rc.user_id = ${viewer.id} and rc.region_id = ${regionOfEntry})`);
  }
  if (filters.kind === "other") query = query.where("e.action", "not in", MODERATION_AUDIT_ACTIONS);
  else if (filters.kind) query = query.where("e.action", "in", MODERATION_AUDIT_KINDS[filters.kind]);
  if (filters.region === "none") query = query.where(sql<SqlBool>`${regionOfEntry} is null`);
  else if (filters.region) query = query.where(sql<SqlBool>`${regionOfEntry} = (select id from region where slug = ${filters.region})`);
  if (filters.actor) {
    const pattern = `%${filters.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb("actor.email", "ilike", pattern), eb("actor.display_name", "ilike", pattern)]));
  }
  if (filters.from) query = query.where("e.occurred_at", ">=", sql<Date>`(${filters.from}::date)::timestamp at time zone 'Europe/Zurich'`);
  if (filters.to) query = query.where("e.occurred_at", "<", sql<Date>`(${filters.to}::date + 1)::timestamp at time zone 'Europe/Zurich'`);

  const { total } = await query.select(sql<number>`count(*)::int`.as("total")).executeTakeFirstOrThrow();
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);
  const rows = await query
    .select([
      "e.id",
      "e.occurred_at as occurredAt",
      "e.action",
      "actor.display_name as actorName",
      "actor.email as actorEmail",
      "e.subject_type as subjectType",
      "e.subject_id as subjectId",
      sql<string | null>`(select name from region where id = ${regionOfEntry})`.as("regionName"),
      "e.details",
      sql<string | null>`case e.subject_type
        when 'opportunity' then (select title from opportunity where id = ${numericId})
        when 'organisation' then (select name from organisation where id = ${numericId})
        when 'region' then (select name from region where id = ${numericId})
        when 'user' then (select display_name from app_user where id = ${numericId})
      end`.as("subjectLabel"),
    ])
    .orderBy("e.occurred_at", "desc")
    .orderBy("e.id", "desc")
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return { items: rows as AuditRow[], total, page, pageCount };
}

function summarise(value: unknown): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`);
    return entries.join(", ");
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** What the page shows of an entry: before → after (shortened), and a reason or note if there is one. */
export function auditEntryView(row: AuditRow) {
  const details = row.details ?? {};
  let change: string | null = null;
  if ("added" in details || "removed" in details) {
    const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
    change = `+${count(details.added)} / −${count(details.removed)}`;
  } else if ("before" in details || "after" in details) {
    change = `${summarise(details.before)} → ${summarise(details.after)}`;
  }
  const reason = typeof details.reason === "string" ? details.reason : typeof details.note === "string" ? details.note : null;
  const { details: _details, ...rest } = row;
  return { ...rest, change: change ? change.slice(0, 300) : null, reason: reason ? reason.slice(0, 500) : null };
}

/** Everything an audit page needs: the viewer's filters applied, one page of entries, the filter choices. */
export async function loadAuditPage({
  url,
  viewer,
  regions,
}: {
  url: URL;
  viewer: AuditViewer;
  regions: { slug: string; name: string }[];
}) {
  const filters = parseAuditFilters(url.searchParams, { regionSlugs: regions.map((r) => r.slug), isAdmin: viewer.isAdmin });
  const result = await listAuditEntries({ viewer, filters });
  return {
    kinds: viewer.isAdmin ? AUDIT_KINDS : AUDIT_KINDS.filter((k) => k !== "other"),
    regions,
    allowNoRegion: viewer.isAdmin,
    filters: { actor: filters.actor ?? "", kind: filters.kind ?? "", region: filters.region ?? "", from: filters.from ?? "", to: filters.to ?? "" },
    items: result.items.map(auditEntryView),
    page: result.page,
    pageCount: result.pageCount,
    total: result.total,
  };
}
