/**
 * Places left, as SQL fragments, in one place for every query that counts them (search, matching): the places
 * minus those held by sign-ups (pending, confirmed, offered, attended; `places_taken` is kept by a trigger on
 * signup, see the signups migration), never below 0. They read a shift as `s` and an opportunity as `o`.
 */
import { sql } from "kysely";

/** places left on shift `s` */
export const shiftPlacesLeft = sql<number>`greatest(s.places - s.places_taken, 0)`;

/** places left of a flexible opportunity `o` (without shifts); null when it has no number of places */
export const flexiblePlacesLeft = sql<number | null>`case when o.total_places is null then null else greatest(o.total_places - o.places_taken, 0) end`;
