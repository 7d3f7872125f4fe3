/**
 * The queue's filters from the URL. Values the actor cannot use (another region, an unknown category, a page
 * that is not a number) are dropped: the queue then shows everything the actor may see, never an error page.
 */
import { z } from "zod";
import { QUEUE_KINDS } from "./decisions";
import type { QueueFilters } from "./queue.server";

const schema = z.object({
  region: z.string().max(80).optional().catch(undefined),
  kind: z.enum(QUEUE_KINDS).optional().catch(undefined),
  category: z.string().max(80).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export function parseQueueFilters(
  params: URLSearchParams,
  allowed: { regionSlugs: string[]; allowCantonWide: boolean; categoryIds: ReadonlySet<string> },
): QueueFilters {
  const raw = schema.parse({
    region: params.get("region") || undefined,
    kind: params.get("kind") || undefined,
    category: params.get("category") || undefined,
    page: params.get("page") || undefined,
  });
  const regionOk = raw.region && (allowed.regionSlugs.includes(raw.region) || (raw.region === "none" && allowed.allowCantonWide));
  return {
    region: regionOk ? raw.region : undefined,
    kind: raw.kind,
    category: raw.category && allowed.categoryIds.has(raw.category) ? raw.category : undefined,
    page: raw.page,
  };
}
