/**
 * An opportunity row as its preview shows it (the organisation's preview page and the coordinator's review):
 * category and Gemeinde as names, everything else as stored. Pure, so both loaders share it.
 */
import type { Opportunity } from "~db/schema";

export function toPreview(
  o: Opportunity,
  reference: { categories: { id: string; label: string }[]; gemeinden: { bfsNr: number; name: string }[] },
) {
  return {
    id: o.id,
    title: o.title,
    summary: o.summary,
    description: o.description,
    status: o.status,
    category: reference.categories.find((c) => c.id === o.category_id)?.label ?? o.category_id,
    gemeinde: reference.gemeinden.find((g) => g.bfsNr === o.bfs_nr)?.name ?? String(o.bfs_nr),
    address: o.address,
    addressPrivate: o.address_private,
    locationMode: o.location_mode,
    languagesHelpful: o.languages_helpful,
    languagesRequired: o.languages_required,
    germanLevel: o.german_level,
    tags: o.tags,
    targetGroups: o.target_groups,
    minAge: o.min_age,
    contactName: o.contact_name,
    contactEmail: o.contact_email,
    needsConfirmation: o.needs_confirmation,
    scheduleKind: o.schedule_kind,
    totalPlaces: o.total_places,
  };
}

export type OpportunityPreviewData = ReturnType<typeof toPreview>;
