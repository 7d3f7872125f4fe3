/**
 * Public flags on published listings: the reason categories a visitor picks, the outcomes a coordinator records
 * when resolving one, and the message limit. Shared by the forms, the domain and the database schema.
 */
export const FLAG_CATEGORIES = ["wrong_information", "inappropriate", "suspicious", "discrimination", "other"] as const;
export type FlagCategory = (typeof FLAG_CATEGORIES)[number];

export const FLAG_OUTCOMES = ["no_action", "edited", "unpublished"] as const;
export type FlagOutcome = (typeof FLAG_OUTCOMES)[number];

/** the message's maximum length (also a CHECK in the database) */
export const FLAG_MESSAGE_MAX = 2000;
