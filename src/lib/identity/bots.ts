/**
 * Recognising bots by name and login (DESIGN §5). The email side (known bot addresses, "[bot]" in
 * the address) is decided at collection time in email.ts and arrives as `emailBot`; the forge's own
 * flag (GitHub `type: "Bot"`, GitLab `bot: true`) arrives as `forgeBot`.
 *
 * A login is split into words at separators (- _ . space), at digits and at camelCase humps
 * ("AutorestCI" → autorest ci). It is a bot's login when
 *  - it ends with "[bot]", is a known bot name or a known service account (coveralls, codeclimate,
 *    codecov-io, sentry-io, stale, lock, welcome, request-info, rultor, …, scrutinizer-…);
 *  - "bot" (bots, b0t, probot) stands as a word between separators ("kf-label-bot-dev", "bsn-bot3");
 *  - one of its words names CI or automation: ci, build(s/er), buildbot, release(r/s), sync(er),
 *    automation, autoroll, autoupdate(r), deploy(er), circleci, teamcity, bors, homu, svc, cla(s),
 *    clabot, autofix(er), assistant ("akka-ci", "hashicorp-cla"); jenkins and hudson only as the
 *    first word ("jenkins-x", not "sarah-jenkins"); cd, gerrit, travis, robot and auto only after the
 *    first word ("vtex-io-ci-cd", "openstack-gerrit", "k8s-ci-robot"; not "travis-smith"); its last
 *    word ends in cla(s), clabot or automation ("msftclas", "openapi-sdkautomation");
 *  - glued: it ends with "bot" ("pytorchbot", "RealmBot"), with a guard against people's handles:
 *    not after the surnames Talbot, Cabot, Abbot, Chabot, Turbot; not "robot" glued ("greenrobot");
 *    not followed by digits ("cbot83"); not after a form of address ("mrjonesbot"), after "the"
 *    ("AtlasTheBot") or after a common given name or its beginning ("tombot", "guillebot").
 * A display name is a bot's name when it ends with "[bot]", is a known bot name, ends with the word
 * bot, robot or roboter ("CI Roboter"; not "Roboter Müller", "Talbot"), or — at most three words —
 * starts with a CI/automation word or jenkins/hudson ("Jenkins", "Build Server") or ends with ci,
 * cd, automation, builder, deployer, releaser or sync(er) ("Acme CI", "Release Automation"; not
 * "Sarah Jenkins": a surname after a first name is no automation word).
 *
 * Measured on the ground truth of Golzadeh et al. (5,000 GitHub accounts, 527 bots; tests/fixtures/bots)
 * from the login alone: precision 95.3 %, recall 88.4 % (before these rules: 97.7 % and 49.1 %).
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

/** Well-known service accounts whose login carries no bot or CI word (lowercase logins). */
export const KNOWN_SERVICE_LOGINS: ReadonlySet<string> = new Set([
  'coveralls',
  'codeclimate',
  'codecov-io',
  'sentry-io',
  'stale',
  'lock',
  'welcome',
  'request-info',
  'rultor',
  'stickler-ci',
  'netlify',
  'vercel',
  'sonarcloud',
  'claassistantio',
  'claassistant',
  'travis-ci',
  'circleci',
  'greenkeeperio-bot'
]);

const BOT_SUFFIX = /\[bot\]$/i;
const BOT_WORD_AT_END = /(?:^| )(?:bot|robot|roboter)$/;

/** Words that name CI or automation accounts. */
const AUTOMATION_WORDS = new Set([
  'ci',
  'build',
  'builds',
  'builder',
  'buildbot',
  'release',
  'releaser',
  'releases',
  'sync',
  'syncer',
  'automation',
  'autoroll',
  'autoupdate',
  'autoupdater',
  'deploy',
  'deployer',
  'circleci',
  'teamcity',
  'bors',
  'homu',
  'svc',
  'cla',
  'clas',
  'clabot',
  'autofix',
  'autofixer',
  'assistant'
]);

/** Automation words that count anywhere but first, being names too ("openstack-gerrit", not "gerrit-smith"). */
const TRAILING_AUTOMATION_WORDS = new Set(['cd', 'gerrit', 'travis', 'robot', 'auto']);

/** Glued endings of automation logins ("msftclas", "openapi-sdkautomation"). */
const GLUED_AUTOMATION = /(?:cla|clas|clabot|automation)$/;

/**
 * Common given names that people glue to "bot" for a playful handle ("tombot", "mrjonesbot", after
 * a form of address): with one of these before "bot", the glued form is not taken as a bot.
 */
const GIVEN_NAMES = new Set(
  (
    'aaron abdul adam adel adrian ahmed aidan alan albert alex alexander alexandra alfred ali alice alina amanda ' +
    'amir amy ana andre andrea andreas andrew andy angela anna anne annika anthony anton antonio ari arthur ashley ' +
    'austin ava barbara ben benjamin bernd bert beth bill bob boris brad brandon brian bruce bruno caleb carl ' +
    'carla carlos carol caroline chad charles charlie chen chris christian christina christoph christopher claire ' +
    'clara claudia colin craig dan dana daniel danny dave david dean dennis derek diana diego dieter dirk dmitri ' +
    'dominik donald doug dylan ed eddie edward elena eli elias elizabeth ella emily emma eric erik ethan eva evan ' +
    'fabian felix fernando florian frank franz fred frederik gabriel gary george gerhard greg gregor guillermo hannah hans ' +
    'harry heinz helen helga henry hugo ian igor ingrid isaac ivan jack jacob jake james jan jane jared jason jean ' +
    'jeff jeffrey jennifer jens jeremy jerry jesse jessica jim jimmy joe joel johan johannes john johnny jon jonas ' +
    'jonathan jordan jorge jose josef joseph josh joshua juan judith julia julian julie jurgen justin karen karin ' +
    'karl kate katie keith kelly ken kenny kevin kim klaus kurt kyle lars laura lea lena leo leon lewis liam linda ' +
    'lisa louis luca lucas luis lukas luke marc marcel marco marcus maria marie mario mark markus martin mary matt ' +
    'matteo matthew matthias max maxim melanie mia michael michel miguel mike mila mohamed monika nadia nathan ' +
    'neil nick nico nicolas niklas nina noah norbert oleg olga oliver omar oscar otto pablo pascal pat patrick ' +
    'paul paula pedro peter petra phil philip philipp pierre rachel rafael ralf ralph ray rebecca richard rick rob ' +
    'robert robin roger roman ron ronald rosa ross rotem ruben rudi ryan sabine sam samuel sandra sara sarah scott ' +
    'sean sebastian sergey seth shane shawn simon sofia sophie stefan stephen steve steven stuart susan sven ' +
    'thomas tim timo tobias tod todd tom tommy tony torsten ulrich uwe valentin victor vincent walter wei will ' +
    'william wolfgang yann yuri zach'
  )
    .trim()
    .split(/\s+/)
);

/** Words that are automation only as the first word ("jenkins-ci", not "sarah-jenkins"). */
const LEADING_AUTOMATION_WORDS = new Set(['jenkins', 'hudson']);

/** Automation words that also close a display name ("Acme CI", "Release Automation"). */
const CLOSING_AUTOMATION_WORDS = new Set(['ci', 'cd', 'automation', 'builder', 'deployer', 'releaser', 'sync', 'syncer']);

/** Surnames (and words) that end in "bot" but are people: the guard for glued forms. */
const HUMAN_BOT_ENDINGS = /(?:tal|ca|ab|cha|tur)bot$/;
const GLUED_BOT = /(bot|b0t|probot)$/;

/** A login or name split into lowercase words at separators, digits and camelCase humps. */
export function loginWords(login: string): string[] {
  return login
    .replace(/\[bot\]$/i, ' bot')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether a forge login (or a login-like commit name) belongs to a bot, from the login alone. */
export function isBotLogin(login: string): boolean {
  const trimmed = login.trim();
  if (!trimmed) return false;
  if (BOT_SUFFIX.test(trimmed)) return true;
  const lower = trimmed.toLowerCase();
  if (KNOWN_SERVICE_LOGINS.has(lower) || KNOWN_BOT_NAMES.has(normaliseName(trimmed))) return true;
  if (/^scrutinizer[-_]/.test(lower)) return true;
  const words = loginWords(trimmed);
  // "bot" as a word of its own ("kf-label-bot-dev", "bsn-bot3"); a camelCase "…Bot" is a glued form.
  if (/(?:^|[-_. ])(?:bots?|b0t|probot)(?:$|[-_. \d])/i.test(trimmed) || words.some((w) => AUTOMATION_WORDS.has(w))) return true;
  if (LEADING_AUTOMATION_WORDS.has(words[0]) || words.slice(1).some((w) => TRAILING_AUTOMATION_WORDS.has(w))) return true;
  const last = words[words.length - 1] ?? '';
  if (last.length > 4 && GLUED_AUTOMATION.test(last)) return true;
  // Glued forms: "pytorchbot", "msftbot" — not "jtalbot", "abbot", "shawnbot" or "cbot83".
  const glued = lower.replace(/[^a-z0-9]/g, '');
  const bot = GLUED_BOT.exec(glued);
  if (!bot || glued.length <= 3 || /robots?$/.test(glued) || HUMAN_BOT_ENDINGS.test(glued.replace(/s$/, ''))) return false;
  const before = glued.slice(0, bot.index);
  // A form of address before a name ("mrjonesbot") or a given name ("tombot", "rotembot") is a person's handle.
  if (/^(?:mrs|mr|ms|dr)[a-z]{3}/.test(before)) return false;
  // A persona handle: "AtlasTheBot", "TheHipbot".
  if (words.includes('the')) return false;
  return ![...GIVEN_NAMES].some(
    (name) => before === name || (name.length >= 4 && before.startsWith(name)) || (before.length >= 4 && name.startsWith(before))
  );
}

/**
 * A name (or login) that marks its bearer as a bot: it ends with "[bot]", its normalised form is a
 * known bot name, it ends with the word bot, robot or roboter ("renovate-bot", "CI Roboter"; not
 * "Talbot"), or it is a short name led or closed by a CI/automation word ("Jenkins", "Build
 * Server"). Pass `normalised` when normaliseName(name) is already at hand.
 */
export function isBotName(name: string, normalised: string = normaliseName(name)): boolean {
  const trimmed = name.trim();
  if (!trimmed) return false;
  if (BOT_SUFFIX.test(trimmed)) return true;
  if (KNOWN_BOT_NAMES.has(normalised) || BOT_WORD_AT_END.test(normalised)) return true;
  const words = normalised.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 3) return false;
  const first = words[0];
  const last = words[words.length - 1];
  return AUTOMATION_WORDS.has(first) || LEADING_AUTOMATION_WORDS.has(first) || (words.length > 1 && CLOSING_AUTOMATION_WORDS.has(last));
}
