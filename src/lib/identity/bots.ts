/**
 * Recognising bots by name (DESIGN §5). The email side (known bot addresses, "[bot]" in the
 * address) is decided at collection time in email.ts and arrives as `emailBot`.
 */
import { normaliseName } from './names';

/** Known bot names, already normalised (so "github-actions" is "github actions"). */
export const KNOWN_BOT_NAMES: ReadonlySet<string> = new Set([
  'github actions',
  'dependabot',
  'dependabot preview',
  'renovate',
  'pre commit ci',
  'greenkeeper',
  'snyk bot',
  'imgbot',
  'allcontributors',
  'semantic release bot',
  'weblate',
  'deppbot',
  'depfu',
  'codecov',
  'mergify',
  'copilot',
  'gitlab bot',
  'ghost'
]);

const BOT_SUFFIX = /\[bot\]$/i;
const BOT_WORD_AT_END = /(?:^| )(?:bot|robot|roboter)$/;

/**
 * A name (or login) that marks its bearer as a bot: it ends with "[bot]", its normalised form is a
 * known bot name, or it ends with the word bot, robot or roboter ("renovate-bot", "CI Roboter";
 * not "Talbot"). Pass `normalised` when normaliseName(name) is already at hand.
 */
export function isBotName(name: string, normalised: string = normaliseName(name)): boolean {
  const trimmed = name.trim();
  if (!trimmed) return false;
  if (BOT_SUFFIX.test(trimmed)) return true;
  return KNOWN_BOT_NAMES.has(normalised) || BOT_WORD_AT_END.test(normalised);
}
