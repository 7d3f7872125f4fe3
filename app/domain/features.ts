/**
 * Which parts of the product exist yet, for texts that would otherwise promise them (issue 12, item 13). A
 * text about a feature shows only while its flag is on; the issue that builds the feature turns the flag on
 * (sign-ups: issue 10). Pure: the browser bundle reads it too.
 */
export const FEATURES = {
  /** volunteers can sign up for an opportunity on Mitenand (and organisations confirm sign-ups) */
  signups: true,
} as const;
