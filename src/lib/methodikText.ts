/**
 * The text of the Methodik page: every definition of DESIGN §5–§7 in plain German, each with an
 * example, under the anchors of methodik.ts. Plain strings only (rendered as text).
 *
 * Every threshold, window and point table the text states comes from the constants of the metrics
 * (METHODIK_CONSTANTS): change a constant and the page changes with it. buildMethodik renders the
 * text for any set of constants (tests/dashboard/methodik.test.ts changes each one in turn).
 */
import { formatDate, formatDays, formatNumber, formatPercent, plural } from './format';
import { CHANGES_PER_KIND, EARLIER_DAYS, FEED_ENTRIES, RECENT_DAYS } from './changeText';
import { CHANGE_KIND_LABELS, COMPONENT_LABELS, OPENCODE_CRITERION_LABELS, READINESS_ITEM_LABELS } from './labels';
import { HEADER_BYTES, HEADER_SAMPLE } from './licence/sample';
import { M, findingAnchor, opencodeAnchor, readinessAnchor } from './methodik';
import { FRAGMENTATION_COMMITS, ONE_ORGANISATION_SHARE, ONE_PERSON_SHARE } from './metrics/findings';
import { ANSWERED_WITHIN_DAYS, UNANSWERED_DAYS } from './metrics/firstResponse';
import { DECLINE_MAX_COMMITS, DECLINE_SHARE, STABLE_MAX_ACTIVE_WEEKS, STABLE_RESPONSE_DAYS } from './metrics/lifecycle';
import {
  OPENCODE_BADGE_RULES_VERSION,
  OPENCODE_MEMBER_SHARE,
  OPENCODE_MIN_BUS_FACTOR,
  OPENCODE_MIN_COMMITS,
  OPENCODE_REACTION_DAYS,
  OPENCODE_REACTION_MAX_DAYS,
  OPENCODE_WINDOW_DAYS
} from './metrics/opencodeBadges';
import {
  READINESS_FILE_WORDS,
  READINESS_MAX_AGE_DAYS,
  READINESS_MIN_AUTHORS,
  READINESS_MIN_ORGANISATIONS,
  READINESS_MIN_PUBLIC_BODIES,
  READINESS_RULES_VERSION
} from './metrics/reuseReadiness';
import {
  COMPONENT_MAX,
  MIN_COVERAGE,
  ORGANISATIONS_POINTS,
  PERSONS_POINTS,
  RELEASE_POINTS,
  RESPONSIVENESS_POINTS,
  VOLUME_FULL_COMMITS
} from './metrics/vitality';
import { ACTIVE_WEEKS, MONTHS_12, MONTHS_18, MONTHS_6, RESPONSE_DAYS, windowRange } from './metrics/window';
import type { VitalityComponentKey } from './reports/types';

export interface Definition {
  id: string;
  title: string;
  text: string[];
  example?: string;
  /** Optional rows of a small table (first row = header). */
  table?: string[][];
}

export interface DefinitionGroup {
  id: string;
  title: string;
  intro?: string;
  definitions: Definition[];
}

/** The numbers the Methodik text states, as the metrics define them. */
export interface MethodikConstants {
  /** Windows in days: „6, 12, 18 Monate“, first responses, active weeks. */
  months6: number;
  months12: number;
  months18: number;
  responseDays: number;
  activeWeeks: number;
  answeredWithinDays: number;
  unansweredDays: number;
  onePersonShare: number;
  oneOrganisationShare: number;
  fragmentationCommits: number;
  declineShare: number;
  declineMaxCommits: number;
  stableMaxActiveWeeks: number;
  stableResponseDays: number;
  componentMax: Readonly<Record<VitalityComponentKey, number>>;
  volumeFullCommits: number;
  responsivenessPoints: readonly { below: number; points: number }[];
  personsPoints: readonly { atLeast: number; points: number }[];
  organisationsPoints: readonly { atLeast: number; points: number }[];
  releasePoints: readonly { within: number; points: number }[];
  minCoverage: number;
  headerSample: number;
  headerBytes: number;
  /** Bereit zur Nachnutzung? (metrics/reuseReadiness.ts) */
  readinessMaxAgeDays: number;
  readinessMinAuthors: number;
  readinessMinOrganisations: number;
  readinessMinPublicBodies: number;
  /** openCode badges (metrics/opencodeBadges.ts) */
  opencodeWindowDays: number;
  opencodeMinCommits: number;
  opencodeReactionDays: number;
  opencodeReactionMaxDays: number;
  opencodeMinBusFactor: number;
  opencodeMemberShare: number;
  /** Änderungen (reports/changes.ts, changeText.ts): the overview's periods, per kind, per feed. */
  changesRecentDays: number;
  changesEarlierDays: number;
  changesPerKind: number;
  feedEntries: number;
}

export const METHODIK_CONSTANTS: MethodikConstants = {
  months6: MONTHS_6,
  months12: MONTHS_12,
  months18: MONTHS_18,
  responseDays: RESPONSE_DAYS,
  activeWeeks: ACTIVE_WEEKS,
  answeredWithinDays: ANSWERED_WITHIN_DAYS,
  unansweredDays: UNANSWERED_DAYS,
  onePersonShare: ONE_PERSON_SHARE,
  oneOrganisationShare: ONE_ORGANISATION_SHARE,
  fragmentationCommits: FRAGMENTATION_COMMITS,
  declineShare: DECLINE_SHARE,
  declineMaxCommits: DECLINE_MAX_COMMITS,
  stableMaxActiveWeeks: STABLE_MAX_ACTIVE_WEEKS,
  stableResponseDays: STABLE_RESPONSE_DAYS,
  componentMax: COMPONENT_MAX,
  volumeFullCommits: VOLUME_FULL_COMMITS,
  responsivenessPoints: RESPONSIVENESS_POINTS,
  personsPoints: PERSONS_POINTS,
  organisationsPoints: ORGANISATIONS_POINTS,
  releasePoints: RELEASE_POINTS,
  minCoverage: MIN_COVERAGE,
  headerSample: HEADER_SAMPLE,
  headerBytes: HEADER_BYTES,
  readinessMaxAgeDays: READINESS_MAX_AGE_DAYS,
  readinessMinAuthors: READINESS_MIN_AUTHORS,
  readinessMinOrganisations: READINESS_MIN_ORGANISATIONS,
  readinessMinPublicBodies: READINESS_MIN_PUBLIC_BODIES,
  opencodeWindowDays: OPENCODE_WINDOW_DAYS,
  opencodeMinCommits: OPENCODE_MIN_COMMITS,
  opencodeReactionDays: OPENCODE_REACTION_DAYS,
  opencodeReactionMaxDays: OPENCODE_REACTION_MAX_DAYS,
  opencodeMinBusFactor: OPENCODE_MIN_BUS_FACTOR,
  opencodeMemberShare: OPENCODE_MEMBER_SHARE,
  changesRecentDays: RECENT_DAYS,
  changesEarlierDays: EARLIER_DAYS,
  changesPerKind: CHANGES_PER_KIND,
  feedEntries: FEED_ENTRIES
};

/** „90 Tage“, „90 Tagen“ */
const days = (n: number) => plural(n, 'Tag', 'Tage');
const daysDative = (n: number) => plural(n, 'Tag', 'Tagen');
/** „12 Monate“, „12 Monaten“ for a window of days. */
const months = (n: number) => formatDays(n);
const monthsDative = (n: number) => formatDays(n, 'dative');
/** 16,9 */
const points1 = (n: number) => formatNumber(Math.round(n * 10) / 10, 1);
/** „die Hälfte“ for 0.5, else „40 %“. */
const shareWords = (share: number) => (share === 0.5 ? 'die Hälfte' : formatPercent(share));
/** „halb so viele“ for 0.5, else „40 % so viele“. */
const asMany = (share: number) => (share === 0.5 ? 'halb so viele' : `${formatPercent(share)} so viele`);

/** „unter 1 Tag 20, unter 3 Tagen 16, …, sonst 0“ */
function responsivenessRule(c: MethodikConstants): string {
  const rows = c.responsivenessPoints.map((r) => `unter ${r.below === 1 ? '1 Tag' : daysDative(r.below)} ${r.points}`);
  return `${rows.join(', ')}, sonst 0`;
}

/** „≥ 5: 18, 3–4: 15, 2: 10, 1: 3“ — each row from its own bound to the one before. */
function factorRule(table: MethodikConstants['personsPoints'], first: (bound: number, points: number) => string): string {
  return table
    .map((r, i) => {
      if (i === 0) return first(r.atLeast, r.points);
      const upper = table[i - 1].atLeast - 1;
      return `${upper > r.atLeast ? `${r.atLeast}–${upper}` : r.atLeast}: ${r.points}`;
    })
    .join(', ');
}

/** „binnen 90 Tagen 15, 180 Tagen 11, …“ */
function releaseRule(c: MethodikConstants, each: string): string {
  return c.releasePoints.map((r, i) => `${i === 0 || each ? each : ''}${daysDative(r.within)} ${r.points}`).join(', ');
}

/** Where each file of the checklist may lie (src/lib/repository-files.ts). */
const READINESS_PLACES: Readonly<Record<keyof typeof READINESS_FILE_WORDS, string>> = {
  readme: 'Sie darf im Wurzelverzeichnis, in .github/ oder in docs/ liegen.',
  documentation: 'Der Ordner muss im Wurzelverzeichnis liegen und mindestens eine Datei enthalten.',
  contributing: 'Sie darf im Wurzelverzeichnis, in .github/ oder in docs/ liegen.',
  'code-of-conduct': 'Er darf im Wurzelverzeichnis, in .github/ oder in docs/ liegen.',
  governance: 'Sie darf im Wurzelverzeichnis, in .github/ oder in docs/ liegen.',
  changelog: 'Es darf im Wurzelverzeichnis oder in docs/ liegen.',
  roadmap: 'Sie darf im Wurzelverzeichnis, in .github/ oder in docs/ liegen.',
  authors: 'Sie darf im Wurzelverzeichnis oder in docs/ liegen.'
};

const pointsFor = <T extends { points: number }>(table: readonly T[], match: (row: T) => boolean) => table.find(match)?.points ?? 0;

/** The Methodik text for a set of constants (the metrics' own by default). */
export function buildMethodik(c: MethodikConstants = METHODIK_CONSTANTS): DefinitionGroup[] {
  const max = c.componentMax;
  const total = Object.values(max).reduce((a, b) => a + b, 0);
  const year = monthsDative(c.months12);
  const exampleAsOf = '2026-11-23';
  const exampleWindow = windowRange(exampleAsOf, c.responseDays);
  const regularity = (weeks: number) => (max.regularity * weeks) / c.activeWeeks;
  const volume = (commits: number) => Math.min(max.volume, (max.volume * Math.log(1 + commits)) / Math.log(1 + c.volumeFullCommits));
  const personsAt = (f: number) => pointsFor(c.personsPoints, (r) => f >= r.atLeast);
  const organisationsAt = (f: number) => pointsFor(c.organisationsPoints, (r) => f >= r.atLeast);
  const responseExample = c.responsivenessPoints.find((r) => 46 < r.below * 24);
  const withoutTracker = total - max.responsiveness - max.backlog;
  const gitOnly = max.regularity + max.volume + max.breadth;
  const breadthRule = `Abhängigkeit von wenigen Personen ${factorRule(c.personsPoints, (b, p) => `≥ ${b}: ${p}`)}; dazu Organisationen ${factorRule(c.organisationsPoints, (b, p) => `≥ ${b}: ${p}`)}`;
  const stableRule = `höchstens ${c.stableMaxActiveWeeks} aktive von ${c.activeWeeks} Wochen`;
  return [
    {
      id: 'grundlagen',
      title: 'Grundlagen',
      intro:
        'allmende liest die Repositories der Projekte aus dem Katalog (git, GitHub, OpenCoDE und andere git-Server), speichert die Fakten in einer Datenbank und berechnet daraus einmal am Tag die Kennzahlen. Das Dashboard zeigt nur diese gespeicherten Werte; es fragt selbst keine Plattform ab.',
      definitions: [
        {
          id: M.zeitfenster,
          title: 'Stichtag und Zeiträume',
          text: [
            `Alle Kennzahlen gelten für einen Stichtag (ein Kalendertag in UTC, normalerweise heute) und einen Zeitraum davor: ${days(c.months12)} für Personen und Organisationen, ${days(c.responseDays)} für Reaktionen auf Issues, ${days(c.months6)} für den Umfang der Aktivität, ${c.activeWeeks} Wochen für die aktiven Wochen.`,
            `Ein Zeitraum von N Tagen sind die N Kalendertage bis einschließlich zum Stichtag. Woche k (k = 0 … ${c.activeWeeks - 1}) sind die 7 Tage, die 7·k Tage vor dem Stichtag enden. Ein Commit zählt an seinem Autorendatum.`,
            'Ein Projekt kann mehrere Repositories haben (etwa GitHub und einen Spiegel auf OpenCoDE). Commits, die in mehreren davon liegen, zählen nur einmal.'
          ],
          example: `Stichtag ${formatDate(exampleAsOf)}, Zeitraum ${days(c.responseDays)}: vom ${formatDate(exampleWindow.start)} bis einschließlich ${formatDate(exampleAsOf)}. Woche 0 ist der 17. bis 23.11.2026.`
        },
        {
          id: M.datenstand,
          title: 'Stand und Datenstand',
          text: [
            '„Stand“ ist der Stichtag der angezeigten Kennzahlen. Für jedes Repository zeigt der Steckbrief außerdem, wann es zuletzt erfolgreich erhoben wurde und ob die letzte Erhebung fehlschlug (mit Grund und seit wann). Schlägt ein Repository fehl, bleiben seine letzten Fakten stehen; die anderen Repositories werden trotzdem erhoben.'
          ],
          example:
            'Stand 23.11.2026, zuletzt erhoben 23.11.2026, 04:10 UTC; ein git-Server war seit dem 15.11. nicht erreichbar – dessen Daten sind älter.'
        },
        {
          id: M.commits,
          title: 'Commits',
          text: [
            'Gezählt werden die Commits im Hauptzweig (dem Standardzweig des Repositories). Für Beiträge zählen nur Commits, die keine Merge-Commits sind („nicht zusammenführende Commits“). Commits von Bots werden getrennt gezählt und nie Personen zugerechnet.'
          ],
          example: '320 Commits, davon 20 Merges: 300 Beiträge; davon 40 von Bots (z. B. dependabot), bleiben 260 Commits von Menschen.'
        },
        {
          id: M.aktive_wochen,
          title: 'Aktive Wochen',
          text: [
            `Eine Woche der letzten ${c.activeWeeks} ist aktiv, wenn in ihr ein Mensch einen Commit, ein Issue, einen Kommentar oder eine Veröffentlichung beigetragen hat.`
          ],
          example: `In 22 der letzten ${c.activeWeeks} Wochen gab es Beiträge von Menschen: 22 aktive Wochen.`
        }
      ]
    },
    {
      id: 'personen-und-organisationen',
      title: 'Personen, Bots und Organisationen',
      definitions: [
        {
          id: M.personen,
          title: 'Wer ist eine Person?',
          text: [
            'Eine Identität ist ein Name mit E-Mail-Adresse aus einem Commit oder ein Konto auf einer Plattform. Identitäten gehören zur selben Person, wenn (auch über Zwischenschritte) gilt: gleiche E-Mail-Adresse (außer allgemeinen Adressen wie root@, noreply@, @localhost oder @example.com); gleiche GitHub-noreply-Kennung; der Kontoname der einen gleicht dem Namen der anderen; oder die vereinheitlichten Namen sind gleich und bestehen aus mindestens zwei Wörtern (oder einem Wort mit mindestens fünf Buchstaben, das kein Allerweltswort wie „admin“ ist).',
            'Namen werden dafür vereinheitlicht: Kleinschreibung, ä→ae, ö→oe, ü→ue, ß→ss, andere Akzente entfernt, Punkte, Binde- und Unterstriche als Leerzeichen. Im Katalog lassen sich Identitäten zusätzlich von Hand zusammenführen.'
          ],
          example:
            '„Jürgen Müller <jm@ulm.de>“ und „juergen.mueller“ (GitHub) sind eine Person: Die vereinheitlichten Namen „juergen mueller“ sind gleich und haben zwei Wörter.'
        },
        {
          id: M.bots,
          title: 'Bots',
          text: [
            'Eine Person ist ein Bot, wenn die Plattform es für eines ihrer Konten sagt (GitHub: Kontotyp „Bot“, GitLab: Bot-Konto), wenn die E-Mail-Adresse eine bekannte Bot-Adresse ist, wenn der Katalog es sagt – oder nach dem Namen:',
            'Ein Login (auch der Login in einer GitHub-noreply-Adresse und ein Autorenname aus einem Wort) gilt als Bot, wenn er auf „[bot]“ endet, ein bekannter Bot- oder Dienstname ist (dependabot, renovate, coveralls, codecov-io …), wenn „bot“ als eigenes Wort darin steht („kf-label-bot-dev“), wenn ein Wort CI oder Automatisierung nennt (ci, build, release, sync, automation, deploy, bors, cla …: „akka-ci“, „aws-cdk-automation“; jenkins nur am Anfang, travis, gerrit und robot nur nach dem ersten Wort, denn es sind auch Namen) oder wenn er auf „bot“ endet („pytorchbot“). Diese angehängte Form gilt nicht bei Namen, die selbst so enden (Talbot, Cabot, Abbot), nach einem verbreiteten Vornamen oder einer Anrede („tombot“, „mrjonesbot“), nach „the“ („AtlasTheBot“) und nicht, wenn Ziffern folgen („cbot83“): So wählen Menschen ihre Spitznamen.',
            'Ein Anzeigename gilt als Bot, wenn er auf „[bot]“, „bot“, „robot“ oder „roboter“ endet, ein bekannter Bot-Name ist oder – bei höchstens drei Wörtern – mit einem CI- oder Automatisierungswort beginnt („Jenkins“, „Build Server“) oder mit ci, automation, builder oder deployer endet. „Sarah Jenkins“ und „Roboter Müller“ sind Menschen.',
            'Gemessen an einer veröffentlichten, von Hand geprüften Liste von 5.000 GitHub-Konten (Golzadeh u. a. 2021, davon 527 Bots) erkennen diese Regeln allein am Login 88\u202f% der Bots, und 95\u202f% der als Bot erkannten Konten sind Bots. Wer falsch eingeordnet ist, lässt sich im Katalog mit people.bots und people.notBots berichtigen. Bots werden überall getrennt gezählt und zählen nie als Beitragende.'
          ],
          example:
            '„dependabot[bot]“ mit 64 Commits erscheint als Bot; die Abhängigkeit von wenigen Personen rechnet ohne diese 64 Commits.'
        },
        {
          id: M.zuordnung,
          title: 'Zuordnung zu Organisationen',
          // The same text is the doc comment of src/lib/identity/affiliation.ts (a unit test compares them).
          text: [
            'Ein Commit gehört zu der Organisation, deren E-Mail-Domain (oder eine übergeordnete Domain) die verwendete Adresse hat; bei mehreren passt die genaueste. Private Adressen (gmail.com, web.de, posteo.de …) ordnen nie zu.',
            'Issues, Pull Requests, Kommentare, Reviews und Releases stammen von Plattform-Konten, die meist keine E-Mail-Adresse zeigen. Sie gehören zu der Organisation der Adresse des Kontos, falls es eine zuordnende hat; sonst zu der Organisation, bei der das Konto Mitglied ist, soweit bekannt; sonst zu der Organisation des zeitlich nächsten Commits derselben Person mit zuordnender Adresse (ohne Merge-Commits): des letzten zum Zeitpunkt des Beitrags oder davor, und gibt es keinen davor, des ersten danach. Haben mehrere solche Commits denselben Zeitpunkt, gilt die Organisation mit der im Alphabet ersten Kennung. Hat die Person keinen Commit mit zuordnender Adresse, bleibt der Beitrag „ohne Zuordnung“.',
            'Die Zuordnung gilt pro Beitrag: Wer die Stelle wechselt, zählt vorher für die alte, danach für die neue Organisation.'
          ],
          example:
            'Ein Commit von jemand@it.ulm.de gehört zur Stadt Ulm (Domain ulm.de); ein Commit derselben Person von privat@web.de bleibt „ohne Zuordnung“. Eröffnet sie im Juli mit ihrem GitHub-Konto ein Issue und hat zuletzt im Juni mit ihrer Ulmer Adresse committet, zählt das Issue für Ulm – auch wenn ihr nächster Commit im August von einer Dortmunder Adresse kommt.'
        },
        {
          id: M.datenschutz,
          title: 'Datenschutz',
          text: [
            'allmende speichert keine E-Mail-Adressen, nur einen verschlüsselten Prüfwert und die Domain. Personen erscheinen unter einem gleichbleibenden Pseudonym („Person 7f3a“), außer der Katalog gibt Namen ausdrücklich frei.'
          ],
          example: 'Im Steckbrief steht „Person 7f3a – Stadt Ulm – 98 Commits“ statt eines Namens.'
        },
        {
          id: M.beitragende,
          title: 'Beitragende',
          text: [
            `Beitragende sind die Personen (keine Bots) mit eigenen Beiträgen im Zeitraum von ${year}. Neu ist, wer in diesem Zeitraum zum ersten Mal beiträgt; wiederkehrend, wer schon vorher beigetragen hat; nicht mehr aktiv, wer in den ${year} davor aktiv war, in diesen aber nicht.`
          ],
          example: '9 Beitragende: 3 neu, 6 wiederkehrend; 2 Personen vom Vorjahr sind nicht mehr aktiv.'
        }
      ]
    },
    {
      id: 'abhaengigkeit',
      title: 'Abhängigkeit',
      definitions: [
        {
          id: M.abhaengigkeit_personen,
          title: 'Abhängigkeit von wenigen Personen',
          text: [
            `Die kleinste Zahl von Personen, die zusammen die Hälfte der Commits von Menschen im Zeitraum von ${year} geleistet haben (nach CHAOSS „Contributor Absence Factor“, oft „Bus-Faktor“ genannt). Je kleiner, desto mehr hängt das Projekt an einzelnen Menschen. 1 heißt: Fällt eine Person aus, fehlt die Hälfte der Arbeit.`
          ],
          example: `Commits in ${year}: A 98, B 71, C 46, D 27, E 59 (andere) – zusammen 301. A und B kommen auf 169, mehr als die Hälfte (150,5): Abhängigkeit von wenigen Personen = 2.`
        },
        {
          id: M.abhaengigkeit_organisationen,
          title: 'Abhängigkeit von wenigen Organisationen',
          text: [
            'Dasselbe über Organisationen (nach CHAOSS „Elephant Factor“): die kleinste Zahl von Organisationen, die zusammen die Hälfte der Commits von Menschen geleistet haben. Beiträge „ohne Zuordnung“ zählen dabei je Person als eigene kleine Gruppe, nie als ein großer Block.'
          ],
          example: `Stadt Ulm ${formatPercent(0.57)}, Beispiel GmbH ${formatPercent(0.29)}, Kreis Lippe ${formatPercent(0.09)}: Die Stadt Ulm allein hat mehr als die Hälfte – Abhängigkeit von wenigen Organisationen = 1.`
        },
        {
          id: M.organisationen,
          title: 'Beteiligte Organisationen',
          text: [
            `Die Zahl der verschiedenen Organisationen, deren Leute im Zeitraum von ${year} beigetragen haben, auch nach Art (Kommune, IT-Dienstleister, Unternehmen …).`
          ],
          example: '3 Organisationen: 2 Kommunen und 1 Unternehmen.'
        }
      ]
    },
    {
      id: 'reaktion',
      title: 'Reaktion auf Issues und Pull Requests',
      definitions: [
        {
          id: M.erste_reaktion,
          title: 'Erste Reaktion',
          text: [
            `Für Issues und Pull/Merge Requests, die in den letzten ${daysDative(c.responseDays)} eröffnet wurden: die Zeit von der Eröffnung bis zur ersten Antwort, Prüfung (Review) oder Schließung durch einen Menschen, der nicht selbst der Autor ist. Angegeben wird der Median: Die Hälfte wartet kürzer, die Hälfte länger.`,
            'Noch unbeantwortete Einträge fallen nicht heraus, sondern zählen mit ihrer bisherigen Wartezeit (sie warten mindestens so lange). Projekte ohne Issue-Tracker oder mit abgeschaltetem Tracker haben hier „keine Daten“, nicht 0.',
            'Beide Plattformen werden gleich gemessen: Wer auf GitHub ein Issue geschlossen oder einen Pull Request zusammengeführt hat, steht in den Ereignissen des Repositorys; auf GitLab zählen Freigaben (Approvals) eines Merge Requests als Prüfung, mit ihrem Zeitpunkt (GitLab nennt ihn seit Version 18.4). Schließt ein Bot, ist das keine Antwort.'
          ],
          example: 'Fünf Issues, beantwortet nach 2 Stunden, 1 Tag, 2 Tagen, 5 Tagen; eines wartet seit 20 Tagen: Der Median ist 2 Tage.'
        },
        {
          id: M.binnen_7_tagen,
          title: `Antwort binnen ${daysDative(c.answeredWithinDays)}`,
          text: [
            `Der Anteil derselben Issues und Pull Requests, die innerhalb von ${daysDative(c.answeredWithinDays)} eine erste Reaktion bekamen.`
          ],
          example: `Im Beispiel oben: 4 von 5 binnen ${daysDative(c.answeredWithinDays)} – ${formatPercent(4 / 5)}.`
        },
        {
          id: M.ohne_antwort,
          title: 'Offen ohne Antwort',
          text: ['Offene Issues und Pull Requests, auf die bisher niemand außer der Autorin oder dem Autor reagiert hat.'],
          example: '3 offen ohne Antwort: drei Anfragen warten noch auf eine erste Rückmeldung.'
        },
        {
          id: M.schliessquote,
          title: 'Schließquote',
          text: [
            `Geschlossene Issues geteilt durch geöffnete Issues im Zeitraum von ${year}. Über ${formatPercent(1)} heißt: Es wird mehr abgearbeitet als neu hinzukommt.`
          ],
          example: `40 Issues geöffnet, 35 geschlossen: ${formatPercent(35 / 40)}.`
        },
        {
          id: M.alter_offener_issues,
          title: 'Alter offener Issues',
          text: ['Der Median des Alters aller am Stichtag offenen Issues.'],
          example: 'Offene Issues sind 3, 41 und 200 Tage alt: Median 41 Tage.'
        },
        {
          id: M.merge_dauer,
          title: 'Dauer bis zum Merge',
          text: [
            'Der Median der Zeit von der Eröffnung eines Pull/Merge Requests bis zu seiner Übernahme, für die im Zeitraum übernommenen.'
          ],
          example: 'Drei Pull Requests übernommen nach 5, 30 und 72 Stunden: 30 Stunden.'
        }
      ]
    },
    {
      id: 'veroeffentlichungen-und-lizenz',
      title: 'Veröffentlichungen und Lizenz',
      definitions: [
        {
          id: M.veroeffentlichungen,
          title: 'Veröffentlichungen (Releases)',
          text: [
            'Veröffentlichungen sind die Releases auf der Plattform; gibt es keine, zählen Versions-Tags im git-Repository (wie v1.4.0 oder 2.1). Angegeben werden die letzte Veröffentlichung, die Tage seitdem und die Veröffentlichungen pro Jahr.'
          ],
          example: 'Kein Release auf GitHub, aber die Tags v2.0.2 und v2.0.3: Letzte Veröffentlichung v2.0.3 (Versions-Tag).'
        },
        {
          id: M.lizenz,
          title: 'Lizenz',
          text: [
            'Die Lizenz als SPDX-Kennung, aus der ersten Quelle, die eine nennt: der Angabe der Plattform, publiccode.yml (legal.license, ein gültiger SPDX-Ausdruck), den Lizenzdateien, den SPDX-Angaben der Dateien selbst. Dazu: ob die Open Source Initiative (OSI) sie anerkennt und die Free Software Foundation (FSF) sie als frei einstuft, und wie stark ihr Copyleft ist: stark (Änderungen und darauf aufbauende Werke müssen unter derselben Lizenz stehen, z. B. GPL, AGPL, EUPL), schwach (nur Änderungen an den Dateien oder der Bibliothek selbst, z. B. MPL, LGPL) oder freizügig (kein Copyleft, z. B. MIT, Apache-2.0).',
            'Lizenzdateien sind LICENSE, LICENCE, COPYING und UNLICENSE in jeder Schreibweise und Endung (auch COPYING.LESSER, LICENSE-MIT, license.html) und der Ordner LICENSES/ nach REUSE. Ihr Text wird mit den Lizenztexten der SPDX-Liste verglichen, unabhängig von Zeilenumbruch, Titelzeile und Copyright-Zeile. Mehrere Lizenzdateien im Hauptverzeichnis gelten als Wahl zwischen Lizenzen (OR), die Dateien in LICENSES/ zusammen (AND); COPYING mit der GPL neben COPYING.LESSER mit der LGPL ist die LGPL.',
            `Nach REUSE nennen Dateien ihre Lizenz auch selbst: mit einer Zeile „SPDX-License-Identifier: EUPL-1.2“ im Kopf einer Quelldatei oder in einer Datei <Name>.license daneben, und in REUSE.toml oder .reuse/dep5. Gelesen werden REUSE.toml, .reuse/dep5 und eine Stichprobe von höchstens ${c.headerSample} Dateien – Quelltext, Auszeichnung, Stile, Skripte und .license-Dateien, gleichmäßig über das Repository verteilt, ohne fremden und erzeugten Code (node_modules, vendor, third_party, dist, build, *.min.js) –, von jeder die ersten ${formatNumber(c.headerBytes / 1024)} kB. Es zählt nur ein gültiger SPDX-Ausdruck auf einer eigenen Zeile, nicht eine Erwähnung im Text. Verschiedene Lizenzen verschiedener Dateien gelten zusammen (AND). Nennen weder die Plattform noch publiccode.yml noch eine Lizenzdatei eine erkennbare Lizenz, gilt diese Angabe, und es steht dabei, dass sie aus den Dateien stammt; sonst steht dabei, ob die Dateien dieselbe Lizenz nennen oder eine andere.`,
            'Ein Lizenztext, der Bedingungen hinzufügt (etwa „nicht für kommerzielle Nutzung“), ist „abgewandelt“ und nicht die ursprüngliche Lizenz; ein Text, der keiner bekannten Lizenz entspricht, ist „andere Lizenz“ – beide mit der Datei. Der Text der GNU-Lizenzen allein sagt nicht, ob „nur diese Version“ (-only) oder „oder jede spätere“ (-or-later) gilt; dann steht das so da, statt zu raten.',
            'Ändert sich die erkannte Lizenz einer Lizenzdatei im Lauf der Geschichte, ist das ein Hinweis – nicht aber, wenn nur die Form wechselt (der volle GPL-Text wird durch einen Hinweis „GPL-3.0-or-later“ ersetzt).'
          ],
          example:
            'EUPL-1.2 – OSI-anerkannt, von der FSF als frei eingestuft, starkes Copyleft, unverändert seit 2016. Ohne LICENSE, aber mit „SPDX-License-Identifier: EUPL-1.2“ in 38 von 40 gelesenen Dateien: EUPL-1.2, Quelle „SPDX-Angaben der Dateien selbst“.'
        },
        {
          id: M.wartung,
          title: 'Wartung',
          text: [
            'Aus publiccode.yml: die Art der Wartung (intern, per Vertrag, durch die Community, keine), die beauftragten Dienstleister und Ansprechpartner*innen. Fehlt die Datei oder ist sie ungültig, gibt es dazu keine Daten.'
          ],
          example:
            'maintenance.type: contract, contractors: Beispiel Software GmbH – „per Vertrag (Dienstleister): Beispiel Software GmbH“.'
        }
      ]
    },
    {
      id: 'zustand-und-vitalitaet',
      title: 'Zustand und Vitalität',
      definitions: [
        {
          id: M.zustand,
          title: 'Zustand',
          text: [
            'Der Zustand kommt vor jeder Zahl: Er sagt in einem Wort, ob ein Projekt lebt. Es gilt die erste zutreffende Zeile der Tabelle. „neu“ wird zusätzlich angezeigt.'
          ],
          table: [
            ['Zustand', 'Regel'],
            [
              'unbekannt – keine Daten',
              `Kein Repository des Projekts konnte je gelesen werden (oder keines enthält Commits) – oder ${months(c.months12)} ohne Commits, während Issues und Veröffentlichungen noch nie von der Plattform gelesen werden konnten. Ohne Daten gibt es kein Urteil und keine Vitalität.`
            ],
            ['archiviert', 'Die Plattform meldet das Repository als archiviert.'],
            ['aufgegeben', `${months(c.months12)} lang kein Commit von Menschen, keine Issue-Aktivität, keine Veröffentlichung.`],
            ['ruhend', `${months(c.months6)} lang kein Commit von Menschen, aber noch Issue-Aktivität.`],
            [
              'abnehmend',
              `Commits von Menschen in den letzten ${monthsDative(c.months6)} weniger als ${shareWords(c.declineShare)} der ${months(c.months6)} davor und weniger als ${c.declineMaxCommits}.`
            ],
            [
              'stabil',
              `Wenige Änderungen (${stableRule}), aber Issues bekommen binnen ${daysDative(c.stableResponseDays)} eine Antwort und es gab in ${monthsDative(c.months18)} eine Veröffentlichung. Fertige Software ist nicht tot.`
            ],
            ['aktiv', 'alle übrigen'],
            ['neu', `erster Commit vor weniger als ${monthsDative(c.months6)} (zusätzlich)`]
          ],
          example:
            'Ein Formular-Baukasten mit 2 Änderungen im letzten Halbjahr, Antworten auf Issues nach 4 Tagen und einer Veröffentlichung vor 5 Monaten ist „stabil“, nicht „abnehmend“.'
        },
        {
          id: 'zustand-unbekannt',
          title: 'unbekannt – keine Daten',
          text: [
            'allmende leitet einen Zustand nie aus fehlenden Daten ab. Ist ein Repository privat, gelöscht oder falsch eingetragen, steht beim Projekt der Grund; fehlt nur eine Quelle (etwa die Plattform, während git gelesen wurde), nennt der Steckbrief, welchen Zahlen die Daten fehlen.'
          ],
          example: 'Ein Repository, das die Plattform mit „nicht gefunden (404)“ beantwortet: unbekannt – keine Daten, statt „aufgegeben“.'
        },
        {
          id: 'zustand-archiviert',
          title: 'archiviert',
          text: ['Die Plattform meldet das Repository als archiviert: Es ist nur noch lesbar, Änderungen sind nicht mehr möglich.'],
          example: 'Ein Projekt, dessen Repository auf OpenCoDE archiviert wurde.'
        },
        {
          id: 'zustand-aufgegeben',
          title: 'aufgegeben',
          text: [`${months(c.months12)} ohne Commit von Menschen, ohne Issue-Aktivität und ohne Veröffentlichung.`],
          example: 'Letzter Commit im August 2024, seitdem nichts: am 23.11.2026 aufgegeben.'
        },
        {
          id: 'zustand-ruhend',
          title: 'ruhend',
          text: [`${months(c.months6)} ohne Commit von Menschen, aber es gibt noch Issue-Aktivität (neue Issues oder Kommentare).`],
          example: 'Letzter Commit im Februar, aber im Oktober wurde ein Fehler gemeldet und kommentiert.'
        },
        {
          id: 'zustand-abnehmend',
          title: 'abnehmend',
          text: [
            `In den letzten ${monthsDative(c.months6)} weniger als ${asMany(c.declineShare)} Commits von Menschen wie in den ${monthsDative(c.months6)} davor, und weniger als ${c.declineMaxCommits}.`
          ],
          example: '28 Commits im Halbjahr davor, 8 im letzten: abnehmend.'
        },
        {
          id: 'zustand-stabil',
          title: 'stabil',
          text: [
            `Wenige Änderungen (${stableRule}), aber gepflegt: Antworten binnen ${daysDative(c.stableResponseDays)} und eine Veröffentlichung in ${monthsDative(c.months18)}. Regelmäßigkeit und Umfang zählen für die Vitalität dann nicht.`
          ],
          example: `2 aktive Wochen von ${c.activeWeeks}, Antwort im Median nach 4 Tagen, letzte Veröffentlichung vor 5 Monaten.`
        },
        {
          id: 'zustand-aktiv',
          title: 'aktiv',
          text: ['Alle Projekte, auf die keine der Regeln davor zutrifft.'],
          example: `22 aktive Wochen von ${c.activeWeeks} und regelmäßige Veröffentlichungen.`
        },
        {
          id: M.neu,
          title: 'neu',
          text: [`Der erste Commit liegt weniger als ${months(c.months6)} zurück. „neu“ steht zusätzlich zum Zustand.`],
          example: 'Erster Commit vor 4 Monaten: „aktiv“ und „neu“.'
        },
        {
          id: M.vitalitaet,
          title: 'Vitalität',
          text: [
            `Die Vitalität (0–${total}) fasst sechs Teile zusammen. Sie steht immer mit ihren Teilen und der Datenabdeckung: Sie ist eine Zusammenfassung, kein Urteil. Ein Teil ohne Daten (etwa ohne Issue-Tracker) wird weggelassen und die übrigen werden hochgerechnet. Bei „stabilen“ Projekten zählen Regelmäßigkeit und Umfang nicht.`
          ],
          table: [
            ['Teil', 'Punkte', 'Regel'],
            [COMPONENT_LABELS.regularity, String(max.regularity), `${max.regularity} × aktive Wochen / ${c.activeWeeks}`],
            [
              COMPONENT_LABELS.volume,
              String(max.volume),
              `${max.volume} × log(1 + Commits von Menschen in ${daysDative(c.months6)}) / log(${1 + c.volumeFullCommits}), höchstens ${max.volume}`
            ],
            [
              COMPONENT_LABELS.responsiveness,
              String(max.responsiveness),
              `Median erste Reaktion (${days(c.responseDays)}): ${responsivenessRule(c)}`
            ],
            [COMPONENT_LABELS.backlog, String(max.backlog), `${max.backlog} × Schließquote (höchstens 1)`],
            [COMPONENT_LABELS.breadth, String(max.breadth), breadthRule],
            [COMPONENT_LABELS.releases, String(max.releases), `letzte Veröffentlichung binnen ${releaseRule(c, '')}`]
          ],
          example: `Ein Projekt ohne Issue-Tracker hat für ${COMPONENT_LABELS.responsiveness} und ${COMPONENT_LABELS.backlog} keine Daten: ${withoutTracker} von ${total} möglichen Punkten sind abgedeckt. Erreicht es davon 42, ist die Vitalität 42 / ${withoutTracker} × 100 = ${Math.round((42 / withoutTracker) * 100)} bei ${formatPercent(withoutTracker / total)} Datenabdeckung.`
        },
        {
          id: M.datenabdeckung,
          title: 'Datenabdeckung',
          text: [
            `Der Anteil der möglichen Punkte, für deren Teile Daten vorliegen. Unter ${formatPercent(c.minCoverage)} ist die Vitalität „nicht bewertbar“ – nie 0, denn fehlende Daten sind kein schlechtes Zeichen des Projekts.`
          ],
          example: `Nur ein git-Repository, keine Issues, keine Releases: Regelmäßigkeit, Umfang und Breite (${gitOnly} Punkte) wären bewertbar, doch ohne Beitragende zählt auch die Breite nicht – unter ${formatPercent(c.minCoverage)}: nicht bewertbar.`
        },
        {
          id: M.regelmaessigkeit,
          title: `${COMPONENT_LABELS.regularity} (${max.regularity} Punkte)`,
          text: [`${max.regularity} × aktive Wochen der letzten ${c.activeWeeks} / ${c.activeWeeks}.`],
          example: `22 aktive Wochen: ${max.regularity} × 22 / ${c.activeWeeks} = ${points1(regularity(22))} Punkte.`
        },
        {
          id: M.umfang,
          title: `${COMPONENT_LABELS.volume} (${max.volume} Punkte)`,
          text: [
            `${max.volume} × log(1 + Commits von Menschen in ${daysDative(c.months6)}) / log(${1 + c.volumeFullCommits}), höchstens ${max.volume}: Ab ${c.volumeFullCommits} Commits in ${daysDative(c.months6)} gibt es die volle Punktzahl, darunter wächst sie schnell.`
          ],
          example: `14 Commits: ${max.volume} × log(15) / log(${1 + c.volumeFullCommits}) = ${points1(volume(14))} Punkte.`
        },
        {
          id: M.reaktionsfaehigkeit,
          title: `${COMPONENT_LABELS.responsiveness} (${max.responsiveness} Punkte)`,
          text: [`Nach dem Median der ersten Reaktion in ${daysDative(c.responseDays)}: ${responsivenessRule(c)}.`],
          example: responseExample
            ? `Median 46 Stunden (unter ${responseExample.below === 1 ? '1 Tag' : daysDative(responseExample.below)}): ${responseExample.points} Punkte.`
            : 'Median 46 Stunden: 0 Punkte.'
        },
        {
          id: M.rueckstau,
          title: `${COMPONENT_LABELS.backlog} (${max.backlog} Punkte)`,
          text: [`${max.backlog} × Schließquote, höchstens ${max.backlog}.`],
          example: `Schließquote ${formatPercent(0.87)}: ${points1(max.backlog * 0.87)} Punkte.`
        },
        {
          id: M.breite,
          title: `${COMPONENT_LABELS.breadth} (${max.breadth} Punkte)`,
          text: [
            `Abhängigkeit von wenigen Personen: ${factorRule(c.personsPoints, (b, p) => `ab ${b} ${p} Punkte`)}; dazu Abhängigkeit von wenigen Organisationen: ${factorRule(c.organisationsPoints, (b, p) => `ab ${b} ${p} Punkte`)}.`
          ],
          example: `Personen 3, Organisationen 2: ${personsAt(3)} + ${organisationsAt(2)} = ${personsAt(3) + organisationsAt(2)} Punkte.`
        },
        {
          id: M.punkte_veroeffentlichungen,
          title: `${COMPONENT_LABELS.releases} (${max.releases} Punkte)`,
          text: [`Letzte Veröffentlichung ${releaseRule(c, 'binnen ')}, sonst 0.`],
          example: `Letzte Veröffentlichung vor 152 Tagen: ${pointsFor(c.releasePoints, (r) => 152 < r.within)} Punkte.`
        }
      ]
    },
    {
      id: 'hinweise-gruppe',
      title: 'Hinweise',
      intro:
        'Hinweise benennen Risiken in einfachen Worten, jeweils mit dem Beleg. Ein Häkchen (✓) zeigt, dass eine Prüfung bestanden ist.',
      definitions: [
        {
          id: M.hinweise,
          title: 'Was sind Hinweise?',
          text: [
            'Auffälligkeiten aus den Fakten, die vor einer Nutzung oder Beteiligung bekannt sein sollten. Jeder Hinweis nennt seinen Beleg mit Zahlen.'
          ],
          example: `„Hängt an einer Person: Eine Person leistet ${formatPercent(0.86)} der Commits von Menschen (${months(c.months12)}).“`
        },
        {
          id: findingAnchor('archived'),
          title: 'Archiviert',
          text: ['Die Plattform meldet das Repository als archiviert.'],
          example: 'OpenCoDE meldet das Repository seit 12.05.2026 als archiviert.'
        },
        {
          id: findingAnchor('no-human-commit-12m'),
          title: `Seit ${year} kein Commit von Menschen`,
          text: [`Im Zeitraum von ${year} gab es keinen Commit eines Menschen (Bots zählen nicht).`],
          example: 'Letzter Commit von Menschen am 19.08.2024; seitdem nur automatische Aktualisierungen durch Bots.'
        },
        {
          id: findingAnchor('one-person'),
          title: 'Hängt an einer Person',
          text: [`Eine Person leistet mehr als ${formatPercent(c.onePersonShare)} der Commits von Menschen (${months(c.months12)}).`],
          example: `Eine Person: 36 von 42 Commits (${formatPercent(36 / 42)}).`
        },
        {
          id: findingAnchor('one-organisation'),
          title: 'Nur eine Organisation entwickelt mit',
          text: [
            `Eine Organisation leistet mehr als ${formatPercent(c.oneOrganisationShare)} der Commits von Menschen (${months(c.months12)}). Ist es ein Unternehmen, heißt der Hinweis „Nur ein Unternehmen entwickelt mit“ – ein Zeichen für Herstellerabhängigkeit.`
          ],
          example: `Beispiel Software GmbH: 240 von 240 Commits (${formatPercent(1)}).`
        },
        {
          id: findingAnchor('unanswered-issues'),
          title: 'Issues ohne Antwort',
          text: [`Issues oder Pull Requests warten seit mehr als ${daysDative(c.unansweredDays)} auf eine erste Reaktion.`],
          example: `9 offene Einträge warten seit mehr als ${daysDative(c.unansweredDays)}.`
        },
        {
          id: findingAnchor('licence-changed'),
          title: 'Lizenz geändert',
          text: [
            'Die erkannte Lizenz der Lizenzdatei hat sich im Lauf der Geschichte geändert. Das ist nicht schlecht, aber für bestehende Nutzungen wichtig.'
          ],
          example: 'Lizenz geändert am 17.04.2023: von GPL-3.0-only zu AGPL-3.0-only.'
        },
        {
          id: findingAnchor('no-release-18m'),
          title: `Keine Veröffentlichung in ${monthsDative(c.months18)}`,
          text: [
            `Seit ${monthsDative(c.months18)} keine Veröffentlichung, obwohl weiter Commits kommen: Nutzende müssen einen beliebigen Entwicklungsstand übernehmen.`
          ],
          example: `Letzte Veröffentlichung vor ${monthsDative(c.months18 + 61)}, seitdem 140 Commits.`
        },
        {
          id: findingAnchor('fragmentation'),
          title: 'Zersplitterung',
          text: [
            `Abspaltungen (Forks) anderer Organisationen mit mehr als ${c.fragmentationCommits} eigenen Commits, die nicht ins Original zurückgeflossen sind.`
          ],
          example: '1 abgespaltene Weiterentwicklung: stadt-dortmund/terminbuchung mit 41 eigenen Commits.'
        },
        {
          id: findingAnchor('publiccode-missing'),
          title: 'Keine publiccode.yml',
          text: [
            'Im Hauptzweig liegt keine publiccode.yml – die Beschreibung, mit der öffentliche Software auffindbar und nachnutzbar wird.'
          ],
          example: 'Keine Angaben zu Wartung, Ansprechpartner*innen und Nutzenden.'
        },
        {
          id: findingAnchor('publiccode-invalid'),
          title: 'publiccode.yml ungültig',
          text: [
            'Die publiccode.yml lässt sich nicht lesen oder verletzt das Schema; der Hinweis nennt den Grund. Ist sie gültig, erscheint dieser Punkt als bestandene Prüfung.'
          ],
          example: 'legal.license fehlt (Zeile 12).'
        },
        {
          id: findingAnchor('no-security-policy'),
          title: 'Keine Sicherheitsrichtlinie',
          text: ['Im Hauptzweig fehlt eine SECURITY.md, die sagt, wie Sicherheitslücken vertraulich gemeldet werden.'],
          example: 'Keine SECURITY.md: Wer eine Lücke findet, weiß nicht, wohin damit.'
        }
      ]
    },
    {
      id: 'bereit-zur-nachnutzung-gruppe',
      title: 'Bereit zur Nachnutzung?',
      definitions: [
        {
          id: M.nachnutzbarkeit,
          title: 'Bereit zur Nachnutzung?',
          text: [
            'Eine Prüfliste dessen, was eine andere Verwaltung braucht, um ein Projekt zu übernehmen: zusammengestellt aus den Kriterien von code.gouv.fr („Awesome CodeGouvFr“: veröffentlicht unter freier Lizenz und dokumentiert, gepflegt, von mehreren Verwaltungen genutzt; dazu CONTRIBUTING, CHANGELOG, CODE_OF_CONDUCT, GOVERNANCE, ROADMAP, AUTHORS, letzter Commit und letzte Veröffentlichung jünger als sechs Monate) und dem Standard for Public Code (Beitragende willkommen heißen, Ziele dokumentieren, mit freier Lizenz veröffentlichen, auffindbar machen, von mehreren Beteiligten genutzt und entwickelt).',
            'allmende liest die Dateien aus dem Klon des Repositories (kein Abruf bei der Plattform) und nimmt die übrigen Punkte aus den Kennzahlen. Jeder Punkt ist „erfüllt“, „nicht erfüllt“ oder „nicht prüfbar“ – etwa solange die Dateien eines Repositories noch nicht gelesen wurden. Eine Datei zählt, wenn eines der Repositories des Projekts sie hat; die Lizenzdatei muss in jedem Repository liegen. Ohne gelesene Daten („unbekannt – keine Daten“) gibt es kein Urteil.',
            `In der Übersicht lassen sich die Projekte zeigen, die alle Punkte erfüllen. Stand der Regeln: ${formatDate(READINESS_RULES_VERSION)}.`
          ],
          example: '11 von 13 Punkten erfüllt: GOVERNANCE und ROADMAP fehlen.'
        },
        ...(['readme', 'documentation', 'contributing', 'code-of-conduct', 'governance', 'changelog', 'roadmap'] as const).map((key) => ({
          id: readinessAnchor(key),
          title: READINESS_ITEM_LABELS[key],
          text: [
            `Erfüllt, wenn ${READINESS_FILE_WORDS[key]} im Hauptzweig liegt (Groß- und Kleinschreibung egal, mit oder ohne Endung wie .md). ${READINESS_PLACES[key]}`
          ]
        })),
        {
          id: readinessAnchor('authors'),
          title: READINESS_ITEM_LABELS.authors,
          text: [
            `Erfüllt, wenn ${READINESS_FILE_WORDS.authors} im Wurzelverzeichnis oder in docs/ liegt und Commits von mindestens ${plural(c.readinessMinAuthors, 'Person', 'Personen')} aus mindestens ${plural(c.readinessMinOrganisations, 'Organisation', 'Organisationen')} stammen (über die ganze Geschichte, ohne Bots und ohne „ohne Zuordnung“). Die Datei allein macht noch keine gemeinsame Entwicklung.`
          ]
        },
        {
          id: readinessAnchor('licence'),
          title: READINESS_ITEM_LABELS.licence,
          text: [
            'Erfüllt, wenn jedes Repository des Projekts im Wurzelverzeichnis eine Lizenzdatei hat (LICENSE, LICENCE, COPYING, auch mit Endung). Welche Lizenz es ist, steht unter „Lizenz“.'
          ]
        },
        {
          id: readinessAnchor('publiccode'),
          title: READINESS_ITEM_LABELS.publiccode,
          text: [
            'Erfüllt, wenn ein Repository eine gültige publiccode.yml im Wurzelverzeichnis hat. Eine ungültige Datei zählt nicht (siehe „publiccode.yml ungültig“).'
          ]
        },
        {
          id: readinessAnchor('last-commit'),
          title: `Letzter Commit jünger als ${months(c.readinessMaxAgeDays)}`,
          text: [
            `Erfüllt, wenn der neueste Commit (von wem auch immer) in den letzten ${daysDative(c.readinessMaxAgeDays)} bis zum Stichtag liegt; der erste dieser Tage zählt mit.`
          ]
        },
        {
          id: readinessAnchor('last-release'),
          title: `Letzte Veröffentlichung jünger als ${months(c.readinessMaxAgeDays)}`,
          text: [
            `Erfüllt, wenn die letzte Veröffentlichung (Releases der Plattform, sonst Tags; wie unter „Veröffentlichungen“) in den letzten ${daysDative(c.readinessMaxAgeDays)} liegt. Nicht prüfbar, solange die Veröffentlichungen der Plattform nicht gelesen wurden und kein Tag im Zeitraum liegt.`
          ]
        },
        {
          id: readinessAnchor('public-reuse'),
          title: `Genutzt von mindestens ${c.readinessMinPublicBodies} öffentlichen Stellen (beobachtet)`,
          text: [
            `Erfüllt, wenn mindestens ${plural(c.readinessMinPublicBodies, 'öffentliche Stelle', 'öffentliche Stellen')} – Kommunen, Landkreise, Länder oder der Bund, nicht die Eigentümerin – das Projekt beobachtbar nachnutzen (siehe „erklärt und beobachtet“). Nur erklärte Nutzung zählt nicht; Forschung, Zivilgesellschaft und Unternehmen zählen hier nicht als öffentliche Stellen.`
          ],
          example: '1 öffentliche Stelle beobachtet: Stadt Jena; nur erklärt: Landkreis Harz – nicht erfüllt.'
        }
      ]
    },
    {
      id: 'opencode-gruppe',
      title: 'openCode-Badges',
      definitions: [
        {
          id: M.opencode,
          title: 'openCode-Badges (ZenDiS)',
          text: [
            'Das Zentrum für Digitale Souveränität der Öffentlichen Verwaltung (ZenDiS) vergibt auf openCode Badges für gepflegte, sichere und richtig lizenzierte Software (badges.opencode.de). allmende rechnet die Stufen aus seinen eigenen Fakten nach denselben Regeln nach – das ist eine Einschätzung, keine Auszeichnung durch openCode.',
            `Maintained: Bronze verlangt mindestens ${plural(c.opencodeMinCommits, 'Commit', 'Commits')} und eine Reaktionszeit auf Issues unter ${daysDative(c.opencodeReactionMaxDays)}; Silber zusätzlich eine Veröffentlichung oder einen Tag; Gold zusätzlich einen Busfaktor von mindestens ${formatNumber(c.opencodeMinBusFactor)}. Security (erste Stufe) verlangt die Reaktionszeit, einen geschützten Standard-Branch ohne Force-Push und eine SECURITY.md. Dazu kommt die Lizenzprüfung.`,
            'Jedes Kriterium ist „erfüllt“, „nicht erfüllt“ oder „nicht prüfbar“ und zeigt den gemessenen Wert, die Schwelle und den Zeitraum. Eine Stufe gilt, wenn ihre Kriterien und die aller Stufen darunter erfüllt sind; ist ein Kriterium der nächsten Stufe nicht prüfbar, steht das dabei. Hat ein Projekt mehrere Repositories, müssen die Kriterien der Repositories (Branch-Schutz, SECURITY.md, Lizenzdatei) in jedem erfüllt sein. Ohne gelesene Daten („unbekannt – keine Daten“) gibt es keine Stufen.',
            `Stand der Regeln: ${formatDate(OPENCODE_BADGE_RULES_VERSION)} (an diesem Tag mit badges.opencode.de verglichen).`
          ],
          example: `Maintained Silber – Gold nicht erreicht, weil der Busfaktor unter ${formatNumber(c.opencodeMinBusFactor)} liegt; Security ohne Stufe, weil GitHub den Force-Push-Schutz ohne Admin-Rechte nicht zeigt (nicht prüfbar); Lizenz erfüllt.`
        },
        {
          id: opencodeAnchor('commits'),
          title: OPENCODE_CRITERION_LABELS.commits,
          text: [
            `Erfüllt ab ${plural(c.opencodeMinCommits, 'Commit', 'Commits')} in den letzten ${daysDative(c.opencodeWindowDays)} bis zum Stichtag. Jeder Commit zählt einmal, auch Merges und Commits von Bots („versionierte Code-Änderungen“ bei openCode).`
          ]
        },
        {
          id: opencodeAnchor('reaction-time'),
          title: OPENCODE_CRITERION_LABELS['reaction-time'],
          text: [
            `Der Durchschnitt (nicht der Median) der Zeit bis zur ersten Reaktion eines Projektmitglieds auf die Issues, die Nicht-Mitglieder in den letzten ${daysDative(c.opencodeReactionDays)} eröffnet haben; erfüllt unter ${daysDative(c.opencodeReactionMaxDays)}. Eine Reaktion ist ein Kommentar (keine Systemnotiz) oder das Schließen. Ein Issue ohne Reaktion zählt mit seinem Alter am Stichtag, der Durchschnitt ist dann eine Untergrenze. Gibt es kein solches Issue, gilt das Kriterium wie bei openCode als erfüllt.`,
            `Mitglied ist bei openCode, wer laut GitLab zum Projekt gehört oder mindestens ${formatPercent(c.opencodeMemberShare)} der Issues und Commits verfasst hat. allmende kennt die Mitgliederliste nicht: Mitglied ist, wer ein Issue oder einen Pull-Request einer anderen Person geschlossen oder zusammengeführt hat (dazu braucht es Rechte im Projekt), oder wer mindestens ${formatPercent(c.opencodeMemberShare)} aller Commits und Issues zusammen verfasst hat; Bots nie. Anders als die „Erste Reaktion“ (Median über Issues und Pull-Requests, jede andere Person antwortet) zählen hier nur Issues und nur Mitglieder.`,
            'Nicht prüfbar, solange die Issues bei der Plattform nicht gelesen wurden oder wenn das Projekt nur git-Repositories hat.'
          ]
        },
        {
          id: opencodeAnchor('release'),
          title: OPENCODE_CRITERION_LABELS.release,
          text: [
            `Erfüllt, wenn in den letzten ${daysDative(c.opencodeWindowDays)} eine Veröffentlichung der Plattform (auch eine Vorabversion) oder ein git-Tag mit beliebigem Namen entstand. Nicht prüfbar, wenn kein Tag im Zeitraum liegt und die Veröffentlichungen der Plattform noch nicht gelesen wurden.`
          ]
        },
        {
          id: opencodeAnchor('bus-factor'),
          title: OPENCODE_CRITERION_LABELS['bus-factor'],
          text: [
            `Die kleinste Zahl von Personen, die zusammen mindestens die Hälfte der Commits von Menschen (ohne Merges) der letzten ${daysDative(c.opencodeWindowDays)} verfasst haben – berechnet wie „Abhängigkeit von wenigen Personen“, aber über diesen Zeitraum; erfüllt ab ${formatNumber(c.opencodeMinBusFactor)}.`
          ]
        },
        {
          id: opencodeAnchor('branch-protection'),
          title: OPENCODE_CRITERION_LABELS['branch-protection'],
          text: [
            'Erfüllt, wenn der Standard-Branch jedes Repository bei der Plattform geschützt ist und Force-Push dort gesperrt ist. allmende liest das ohne Admin-Rechte, höchstens einmal am Tag.',
            'GitHub zeigt jeder Leserin, ob ein Branch klassisch geschützt ist, und die Regeln seiner Rulesets; die Regel „non_fast_forward“ sperrt Force-Push. Ob der klassische Schutz Force-Push erlaubt, sieht nur, wer Admin-Rechte hat: ohne passendes Ruleset ist das Kriterium dann „nicht prüfbar“. GitLab und OpenCoDE zeigen, ob ein Branch geschützt ist, und – wenn die Plattform es dem Zugang von allmende zeigt – ob Force-Push erlaubt ist; sonst „nicht prüfbar“.',
            'openCode verlangt zusätzlich, dass nur Maintainer auf den Branch pushen dürfen; das vergleicht allmende nicht. Repositories auf einfachen git-Servern haben keinen sichtbaren Schutz und zählen hier nicht mit.'
          ]
        },
        {
          id: opencodeAnchor('security-policy'),
          title: OPENCODE_CRITERION_LABELS['security-policy'],
          text: [
            'Erfüllt, wenn jedes Repository eine SECURITY.md im Wurzelverzeichnis des Hauptzweigs hat, wie openCode es prüft. Eine Sicherheitsrichtlinie nur in .github/ oder docs/ (die GitHub anzeigt und die für den Hinweis „Sicherheitsrichtlinie vorhanden“ zählt) oder eine SECURITY.txt erfüllt das Kriterium nicht. Nicht prüfbar, solange die Dateien eines Repositories nicht gelesen wurden.'
          ]
        },
        {
          id: opencodeAnchor('licence'),
          title: OPENCODE_CRITERION_LABELS.licence,
          text: [
            'Erfüllt, wenn jedes Repository im Wurzelverzeichnis eine Lizenzdatei (LICENSE, LICENCE, COPYING, auch mit Endung) hat, deren Text allmende als eine von der OSI anerkannte Lizenz erkennt. Eine Lizenz nur in LICENSES/ (REUSE) zählt hier nicht.',
            'openCode prüft gegen die von ZenDiS zugelassenen Lizenzen; diese Liste folgt der Open-Source-Definition der Open Source Initiative (OSI). allmende nimmt deshalb die OSI-Anerkennung aus der SPDX-Lizenzliste (Paket spdx-license-list), nicht die Einstufung der FSF.'
          ]
        }
      ]
    },
    {
      id: 'nachnutzung-gruppe',
      title: 'Nachnutzung',
      definitions: [
        {
          id: M.nachnutzung,
          title: 'Nachnutzung',
          text: [
            'Belege dafür, dass eine Organisation ein Projekt einer anderen nutzt, jeweils mit Quelle und Datum. Nachnutzen können öffentliche Stellen (Kommunen, Landkreise, Länder, Bund), Forschung und Zivilgesellschaft. Was Unternehmen und IT-Dienstleister mit einem Projekt tun, ist Mitentwicklung, keine Nachnutzung (siehe unten).'
          ],
          table: [
            ['Beleg', 'Art'],
            ['im Katalog (usedBy) oder in der publiccode.yml (usedBy) genannt', 'erklärt'],
            [
              'Abspaltung (Fork) oder Spiegel des Repositories in einem Konto der Organisation (laut Plattform oder gleicher Ursprungs-Commit)',
              'beobachtet'
            ],
            ['Beiträge (Commits, Issues, Reviews) von Leuten der Organisation, die nicht die Eigentümerin ist', 'beobachtet'],
            ['ein Projekt der Organisation nennt es in publiccode.yml als Grundlage (isBasedOn)', 'beobachtet']
          ],
          example: 'Stadt Dortmund: Fork mit 41 eigenen Commits (beobachtet). Stadt Jena: im Katalog eingetragen (erklärt).'
        },
        {
          id: M.erklaert_beobachtet,
          title: 'erklärt und beobachtet',
          text: [
            '„Erklärt“ heißt: Jemand sagt, dass die Organisation das Projekt nutzt. „Beobachtet“ heißt: In den Repositories ist es zu sehen. Als belegte Nachnutzung gilt, wer mindestens einen beobachteten Beleg hat; nur erklärte Nutzung wird getrennt ausgewiesen.'
          ],
          example: '5 Organisationen nutzen das Projekt: 3 beobachtet, 2 nur erklärt.'
        },
        {
          id: M.mitentwicklung,
          title: 'Mitentwicklung',
          text: [
            'Unternehmen und IT-Dienstleister, die zu einem Projekt beitragen, es abspalten (Fork) oder ein eigenes Projekt darauf aufbauen, entwickeln es mit – sie nutzen es nicht nach. Diese Belege stehen beim Projekt unter „Mitentwicklung“ und beantworten im Beschaffungs-Check die Frage „Gibt es mehrere Dienstleister?“; abgespaltene Weiterentwicklungen zählen außerdem zur Zersplitterung. Eine Nennung als Nutzer (usedBy) gilt bei Unternehmen und IT-Dienstleistern weder als Nachnutzung noch als Mitentwicklung.'
          ],
          example: 'Dataport AöR: 57 Commits von 3 Personen (Mitentwicklung) – die Kommune, die das Projekt einsetzt, ist die Nachnutzerin.'
        },
        {
          id: M.zersplitterung,
          title: 'Zersplitterung',
          text: [
            `Wenn Organisationen ein Projekt abspalten und eigene Änderungen nicht zurückgeben, entstehen getrennte Versionen, die einzeln gewartet werden müssen. allmende zählt Forks anderer Organisationen mit mehr als ${c.fragmentationCommits} Commits, die nicht im Original sind.`
          ],
          example: '3 abgespaltene Weiterentwicklungen (Forks) mit eigenen Änderungen: 41, 27 und 22 Commits.'
        }
      ]
    },
    {
      id: 'organisationsbericht',
      title: 'Bericht einer Organisation',
      definitions: [
        {
          id: M.vorzeitraum,
          title: 'Vergleich mit dem Vorzeitraum',
          text: [
            'Der Bericht einer Organisation gilt für einen frei gewählten Zeitraum (beide Tage zählen mit) und wird mit dem Vorzeitraum verglichen, der genauso berechnet wird. Ohne Wahl gelten die zwölf letzten vollständigen Kalendermonate bis zum Stand: Berichte für Rat und Verwaltung rechnen in Monaten und Jahren, und ganze Monate lassen sich mit ganzen Monaten vergleichen. Die Tage seit dem letzten vollständigen Monat zeigt die Schnellwahl „365 Tage bis zum Stand“ – derselbe Zeitraum wie die Kennzahlen der Projekt-Steckbriefe. Umfasst der Zeitraum ganze Kalendermonate (vom Ersten eines Monats bis zum Letzten eines Monats), ist der Vorzeitraum die gleiche Zahl von Kalendermonaten direkt davor – ein Monat wird mit dem Vormonat verglichen, ein Kalenderjahr mit dem Vorjahr, auch wenn Februar oder ein Schaltjahr kürzer oder länger sind. Sonst hat der Vorzeitraum dieselbe Zahl von Tagen und endet am Tag vor dem Beginn des Zeitraums.',
            'Verglichen werden Anzahlen: aktive eigene Projekte (Zustand am Ende des Zeitraums), Commits von Menschen in eigenen Projekten, fremde Projekte mit Beiträgen und die Commits, Issues und Kommentare dazu, Organisationen, die eigene Projekte nachnutzen (alle und beobachtete), genutzte Projekte anderer und beitragende Personen. Die Veränderung steht als Differenz und, wenn der Vorzeitraum mehr als null hatte, relativ zu ihm in Prozent; von null auf eine Zahl gibt es keine Prozentangabe („vorher 0“).',
            'Fehlt eine Zahl in einem der beiden Zeiträume, heißt es „nicht vergleichbar“ statt null Prozent: Aktive eigene Projekte fehlen, wenn am Ende des Zeitraums für keines der eigenen Projekte ein Zustand berechnet ist (etwa vor der ersten Berechnung), Commits in eigenen Projekten, wenn die Organisation keine hat.',
            'Nachnutzung zählt mit allen Nachweisen bis zum Ende des jeweiligen Zeitraums. „Neu“ ist eine Organisation, die ein eigenes Projekt im Zeitraum nachnutzt, im Vorzeitraum aber nicht; „jetzt beobachtet“, wer es vorher nur erklärt hatte; „nicht mehr belegt“, wer im Vorzeitraum belegt war und im Zeitraum nicht mehr. Beide Zeiträume werden aus denselben gespeicherten, aktuellen Nachweisen berechnet, und ein Nachweis gilt bis zum Ende jedes späteren Zeitraums: „nicht mehr belegt“ kommt deshalb derzeit nicht vor. Verschwindet ein Nachweis (etwa ein gelöschter Fork), fehlt er in beiden Zeiträumen.'
          ],
          example:
            'Stand 23.11.2026: Standard-Zeitraum 01.11.2025–31.10.2026, Vorzeitraum 01.11.2024–31.10.2025; Stand 30.11.2026: 01.12.2025–30.11.2026. Zeitraum 24.11.2025–23.11.2026 (365 Tage): Vorzeitraum 24.11.2024–23.11.2025. Kalenderjahr 2025: Vorzeitraum 2024 (366 Tage). März 2026 (31 Tage): Vorzeitraum Februar 2026 (28 Tage). 02.03.–31.03.2026 (30 Tage): Vorzeitraum 31.01.–01.03.2026. 60 Commits zu fremden Projekten nach 50: „+10 (+20 %)“.'
        }
      ]
    },
    {
      id: 'aenderungen-und-feeds',
      title: 'Änderungen und Feeds',
      definitions: [
        {
          id: M.aenderungen,
          title: 'Was als Änderung gilt',
          text: [
            'Bei jeder Berechnung vergleicht allmende den neuen Steckbrief eines Projekts mit seinem vorherigen vollständigen Steckbrief – dem neuesten vor dem Stichtag; die rückwirkend berechneten Monatswerte der Verlaufskurve werden nicht verglichen – und hält fest, was sich geändert hat (Tabelle). Eine Änderung ist auf den Stichtag datiert, eine Veröffentlichung auf ihren eigenen Tag.',
            'Der erste Steckbrief eines Projekts mit Daten ist der Ausgangspunkt, keine Änderung: Ohne vorherigen Steckbrief, oder wenn der vorherige noch keine Daten hatte (Zustand „unbekannt“), wird nichts festgehalten. Ein neu aufgenommenes Projekt erscheint deshalb erst mit seiner ersten Änderung. Ein Steckbrief ohne Daten zwischen zwei Steckbriefen mit Daten (etwa wenn einem Projekt kurz kein Repository zugeordnet war) ist keine Änderung: Fehlende Daten gelten nicht als erledigte Hinweise, verglichen wird mit dem letzten Steckbrief mit Daten.',
            'Wird ein Tag noch einmal berechnet, ersetzen seine Änderungen die für diesen Tag festgehaltenen; nichts erscheint doppelt. Wird ein früherer Tag nachträglich berechnet, wird auch der folgende Steckbrief mit ihm neu verglichen. Mehrere Veröffentlichungen zwischen zwei Berechnungen sind eine Änderung (die neueste). Änderungen nennen keine Personen, nur Zustände, Hinweise, Veröffentlichungen und Organisationen.',
            `Die Übersicht zeigt unter „Was hat sich geändert“ die Änderungen der letzten ${days(c.changesRecentDays)} bis zum neuesten Stand und davor die bis ${daysDative(c.changesEarlierDays)} zurück, je Art die neuesten ${formatNumber(c.changesPerKind)}. Die Atom-Feeds – alle Projekte (/feed.atom), ein Projekt (/projekte/…/feed.atom) und die eigenen Projekte einer Organisation (/organisationen/…/feed.atom) – enthalten jeweils die neuesten ${formatNumber(c.feedEntries)} Änderungen.`
          ],
          table: [
            ['Änderung', 'Wann sie festgehalten wird'],
            [CHANGE_KIND_LABELS.lifecycle, 'Der Zustand ist ein anderer als vorher, etwa „aktiv“ → „ruhend“.'],
            [
              CHANGE_KIND_LABELS.release,
              'Die neueste Veröffentlichung (ohne Veröffentlichungen: der neueste Versions-Tag) ist eine andere und nicht älter als die vorherige.'
            ],
            [
              CHANGE_KIND_LABELS['finding-new'],
              'Ein Hinweis (Achtung oder Hinweis) kommt hinzu; eine Lizenzänderung ist je Änderung ein eigener Hinweis.'
            ],
            [
              CHANGE_KIND_LABELS['finding-resolved'],
              'Ein Hinweis des vorherigen Steckbriefs fehlt; wird er „in Ordnung“ (etwa eine gültige publiccode.yml), ist er erledigt.'
            ],
            [
              CHANGE_KIND_LABELS['reuse-new'],
              'Eine Organisation nutzt das Projekt nach, die vorher nicht genannt war (erklärt oder beobachtet; nie die Eigentümerin).'
            ],
            [CHANGE_KIND_LABELS['reuse-observed'], 'Eine Organisation, deren Nachnutzung vorher nur erklärt war, ist jetzt beobachtet.']
          ],
          example: `Stand 23.11.2026: Der letzte Commit einer Person liegt jetzt mehr als ${months(c.months6)} zurück, in den Issues wird weiter geschrieben – „Zustand jetzt „ruhend“ (vorher „aktiv“)“, in der Übersicht unter den letzten ${days(c.changesRecentDays)} und als Eintrag in den Feeds des Projekts, seiner Eigentümerin und des Katalogs.`
        }
      ]
    }
  ];
}

export const METHODIK: DefinitionGroup[] = buildMethodik();

/** Every anchor the Methodik page defines. */
export function methodikAnchors(): string[] {
  return METHODIK.flatMap((g) => g.definitions.map((d) => d.id));
}
