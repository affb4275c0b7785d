/**
 * Normalising and judging person names for the identity rules (DESIGN §5 rule 4).
 *
 * Normalising a name: Unicode NFC, lowercase, ä→ae ö→oe ü→ue ß→ss, remove the remaining diacritics
 * (NFD, drop combining marks), turn runs of ".", "_", "-" into a space, collapse whitespace, trim.
 * So "Jürgen Müller" (NFC or NFD), "juergen.mueller" and "Juergen_Mueller" all become
 * "juergen mueller".
 */

const TRANSLITERATION: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** Single words that never identify a person (DESIGN §5 rule 4). */
export const GENERIC_NAME_WORDS: ReadonlySet<string> = new Set([
  'admin',
  'administrator',
  'root',
  'ubuntu',
  'unknown',
  'localhost',
  'developer',
  'github',
  'gitlab',
  'nobody',
  'local',
  'users',
  'default'
]);

/**
 * Multi-word placeholders that tools write when nobody configured a name (git's own documentation
 * suggests `git config user.name "Your Name"`). Not in DESIGN §5's list, but joining everyone who
 * left the placeholder in place would merge strangers, so they are treated like the generic words.
 */
export const PLACEHOLDER_NAMES: ReadonlySet<string> = new Set(['your name', 'first last', 'firstname lastname', 'vorname nachname']);

export function normaliseName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => TRANSLITERATION[c])
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[._-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether a normalised name is specific enough to join identities by itself: at least two words, or
 * one word of at least five characters that is not generic.
 */
export function isSignificantName(normalised: string): boolean {
  if (!normalised) return false;
  if (PLACEHOLDER_NAMES.has(normalised)) return false;
  const words = normalised.split(' ').filter(Boolean);
  if (words.length >= 2) return true;
  const word = words[0] ?? '';
  return [...word].length >= 5 && !GENERIC_NAME_WORDS.has(word);
}
