/**
 * The words of a search text that the forgiving search (trigram similarity and substrings, search.server.ts)
 * looks for beside the German full text: plain words of three or more letters or digits, the excluded ones
 * ("-kurs" in websearch syntax) apart. Folding (ü → u, accents) happens in the database (mitenand_fold_loose),
 * the same function that folds the listings' text, so both sides always agree.
 */

/** at most this many words are matched loosely (each one is an index condition) */
export const MAX_FORGIVING_WORDS = 6;
/** shorter words give too few trigrams to tell anything apart (and drop websearch's operator "or") */
export const MIN_FORGIVING_LENGTH = 3;

export interface ForgivingTerms {
  /** every one of these must occur in the listing's text, or a word close to it */
  words: string[];
  /** none of these may occur in the listing's text */
  excluded: string[];
  /** quoted text: asked for exactly, so it must match the full text as a phrase (not forgiven) */
  phrases: string[];
}

export function forgivingTerms(q: string): ForgivingTerms {
  const words: string[] = [];
  const excluded: string[] = [];
  const phrases: string[] = [];
  // as websearch_to_tsquery reads quotes: every second part is quoted, an unclosed quote runs to the end
  q.split('"').forEach((segment, index) => {
    if (index % 2 === 1) {
      const phrase = segment.trim();
      if (/[\p{L}\p{N}]/u.test(phrase)) phrases.push(phrase);
      return;
    }
    // a token is a run of anything but spaces; a leading "-" (ASCII hyphen-minus only, as websearch_to_tsquery
    // reads it) excludes its first word; every other character that is no letter or digit separates words
    for (const token of segment.split(/\s+/)) {
      const negated = /^-[\p{L}\p{N}]/u.test(token);
      token
        .split(/[^\p{L}\p{N}]+/u)
        .filter((part) => part.length > 0)
        .forEach((part, i) => {
          const word = part.toLowerCase();
          if (word.length < MIN_FORGIVING_LENGTH) return;
          if (negated && i === 0) {
            if (!excluded.includes(word)) excluded.push(word);
          } else if (!words.includes(word) && words.length < MAX_FORGIVING_WORDS) words.push(word);
        });
    }
  });
  return { words, excluded, phrases };
}

/**
 * Similar words without those that contain another one: a text containing "deutschkurs" contains "deutsch", so
 * "deutsh" → deutsch, deutschkurs, deutschkursen … is searched as "deutsch" alone (one substring test per row
 * instead of five, same matches).
 */
export function shortestOnly(words: string[]): string[] {
  const kept: string[] = [];
  for (const word of [...words].sort((a, b) => a.length - b.length)) {
    if (!kept.some((shorter) => word.includes(shorter))) kept.push(word);
  }
  return words.filter((word) => kept.includes(word));
}
