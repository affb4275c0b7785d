import { describe, expect, it } from 'vitest';
import {
  READINESS_MAX_AGE_DAYS,
  READINESS_MIN_PUBLIC_BODIES,
  READINESS_RULES_VERSION,
  readinessSince,
  reuseReadiness,
  type ReadinessFacts
} from '../../../src/lib/metrics/reuseReadiness';
import { READINESS_ITEMS, type ReadinessItemKey, type ReuseEvidence } from '../../../src/lib/reports/types';
import { findWellKnownFiles } from '../../../src/lib/repository-files';
import type { OrganisationFact } from '../../../src/lib/metrics/facts';

const AS_OF = '2026-11-30';
const DAY = 86_400;
const at = (date: string) => Date.parse(`${date}T12:00:00Z`) / 1000;

const ALL_FILES = findWellKnownFiles([
  'README.md',
  'docs/index.md',
  'CONTRIBUTING.md',
  'CODE_OF_CONDUCT.md',
  'GOVERNANCE.md',
  'CHANGELOG.md',
  'ROADMAP.md',
  'AUTHORS',
  'LICENSE',
  'publiccode.yml'
]);

const evidence = (organisationId: string, strength: ReuseEvidence['strength']): ReuseEvidence => ({
  organisationId,
  organisationName: organisationId.toUpperCase(),
  kind: strength === 'beobachtet' ? 'fork' : 'declared-catalog',
  strength,
  detail: '',
  source: '',
  date: null
});

const organisations = new Map<string, Pick<OrganisationFact, 'kind'>>([
  ['ulm', { kind: 'municipality' }],
  ['jena', { kind: 'municipality' }],
  ['bw', { kind: 'state' }],
  ['uni', { kind: 'research' }],
  ['dataport', { kind: 'it-service-provider' }]
]);

type Repo = ReadinessFacts['repositories'][number];
const repo = (over: Partial<Repo> = {}): Repo => ({
  key: 'github:ulm/demo',
  wellKnownFiles: ALL_FILES,
  hasLicenseFile: true,
  hasPubliccode: true,
  publiccode: { name: 'Demo' },
  publiccodeError: null,
  ...over
});

/** A project that meets every item. */
function ready(over: Partial<ReadinessFacts> = {}): ReadinessFacts {
  return {
    coverage: { history: true, forge: true, noHistoryReason: null },
    repositories: [repo()],
    lastCommitAt: at('2026-11-20'),
    lastRelease: { name: 'v1.2.0', date: '2026-10-01', source: 'release' },
    authors: 4,
    organisations: 2,
    reuse: [evidence('jena', 'beobachtet'), evidence('bw', 'beobachtet')],
    organisationsById: organisations,
    ...over
  };
}

const item = (facts: ReadinessFacts, key: ReadinessItemKey, asOf = AS_OF) => {
  const found = reuseReadiness(facts, asOf).items.find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
};

describe('reuse readiness (Bereit zur Nachnutzung?)', () => {
  it('meets every item of a ready project, in the listed order, with its rules version', () => {
    const r = reuseReadiness(ready(), AS_OF);
    expect(r.items.map((i) => i.key)).toEqual([...READINESS_ITEMS]);
    expect(r.items.filter((i) => i.state !== 'met')).toEqual([]);
    expect(r).toMatchObject({ allMet: true, met: READINESS_ITEMS.length, rulesVersion: READINESS_RULES_VERSION, noVerdictReason: null });
    expect(item(ready(), 'readme')).toMatchObject({ valueText: 'README.md', found: 'README.md' });
    expect(item(ready(), 'documentation').found).toBe('docs/');
  });

  it('gives no verdicts without data („unbekannt – keine Daten“)', () => {
    const r = reuseReadiness(
      ready({ coverage: { history: false, forge: null, noHistoryReason: 'Noch kein Repository wurde gelesen.' } }),
      AS_OF
    );
    expect(r).toMatchObject({ items: [], allMet: null, met: 0, noVerdictReason: 'Noch kein Repository wurde gelesen.' });
  });

  it('gives no verdicts either when the Zustand is „unbekannt“ for lack of forge data (history read)', () => {
    const reason =
      'Keine Daten: seit 12 Monaten keine Commits von Personen, aber Issues und Veröffentlichungen konnten noch nie gelesen werden.';
    const r = reuseReadiness(ready({ coverage: { history: true, forge: false, noHistoryReason: null }, noVerdict: reason }), AS_OF);
    expect(r).toMatchObject({ items: [], allMet: null, met: 0, noVerdictReason: reason });
  });

  describe('files', () => {
    it('is not met when every repository was read and none has the file, met when one has it', () => {
      const { governance: _g, ...noGovernance } = ALL_FILES;
      const one = ready({ repositories: [repo({ wellKnownFiles: noGovernance })] });
      expect(item(one, 'governance')).toMatchObject({ state: 'not-met', valueText: 'nicht gefunden', found: null });
      const two = ready({
        repositories: [
          repo({ wellKnownFiles: noGovernance }),
          repo({ key: 'github:ulm/docs', wellKnownFiles: { governance: 'docs/GOVERNANCE.md' } })
        ]
      });
      expect(item(two, 'governance')).toMatchObject({
        state: 'met',
        valueText: 'docs/GOVERNANCE.md (github:ulm/docs)',
        found: 'docs/GOVERNANCE.md'
      });
      expect(reuseReadiness(one, AS_OF).allMet).toBe(false);
    });

    it('is „nicht prüfbar“ while a repository’s files were not read (e.g. no clone read since the files were added)', () => {
      const r = ready({ repositories: [repo({ wellKnownFiles: { readme: 'README.md' } }), repo({ key: 'git:x', wellKnownFiles: null })] });
      expect(item(r, 'readme').state).toBe('met');
      expect(item(r, 'roadmap')).toMatchObject({ state: 'unknown', valueText: 'nicht prüfbar' });
      expect(item(r, 'roadmap').reason).toContain('noch nicht gelesen');
      expect(reuseReadiness(r, AS_OF).allMet).toBe(false);
    });

    it('takes the files the collector finds: case and folders count, a symlink (not in the regular files) does not', () => {
      const files = findWellKnownFiles(['readme.rst', '.github/code_of_conduct.md', 'docs/Roadmap.md']);
      const r = ready({ repositories: [repo({ wellKnownFiles: files })] });
      expect(item(r, 'readme').found).toBe('readme.rst');
      expect(item(r, 'code-of-conduct').found).toBe('.github/code_of_conduct.md');
      expect(item(r, 'roadmap').found).toBe('docs/Roadmap.md');
      // The collector passes regular files only: a symlinked CHANGELOG never reaches the patterns.
      expect(item(r, 'changelog').state).toBe('not-met');
    });
  });

  describe('authors: the file and more than one author and organisation', () => {
    it('needs two persons and two organisations besides the file', () => {
      expect(item(ready({ authors: 2, organisations: 2 }), 'authors').state).toBe('met');
      expect(item(ready({ authors: 1, organisations: 2 }), 'authors').state).toBe('not-met');
      expect(item(ready({ authors: 5, organisations: 1 }), 'authors')).toMatchObject({
        state: 'not-met',
        valueText: 'AUTHORS; 5 Personen aus 1 Organisation'
      });
    });
    it('the figures alone do not make it: without the file it is not met', () => {
      const { authors: _a, ...noAuthors } = ALL_FILES;
      expect(item(ready({ repositories: [repo({ wellKnownFiles: noAuthors })] }), 'authors')).toMatchObject({
        state: 'not-met',
        valueText: 'keine Datei; 4 Personen aus 2 Organisationen'
      });
    });
  });

  describe('licence and publiccode.yml', () => {
    it('needs a licence file in every repository', () => {
      expect(item(ready(), 'licence')).toMatchObject({ state: 'met', found: 'LICENSE' });
      const r = ready({ repositories: [repo(), repo({ key: 'git:y', hasLicenseFile: false })] });
      expect(item(r, 'licence')).toMatchObject({ state: 'not-met', valueText: 'keine Lizenzdatei (git:y)' });
      expect(item(ready({ repositories: [repo({ hasLicenseFile: null })] }), 'licence').state).toBe('unknown');
    });

    it('counts a valid publiccode.yml, not an invalid one', () => {
      expect(item(ready(), 'publiccode')).toMatchObject({ state: 'met', valueText: 'publiccode.yml gültig' });
      const invalid = ready({ repositories: [repo({ publiccode: null, publiccodeError: 'name fehlt' })] });
      expect(item(invalid, 'publiccode')).toMatchObject({ state: 'not-met', valueText: 'publiccode.yml ungültig' });
      const none = ready({ repositories: [repo({ publiccode: null, hasPubliccode: false })] });
      expect(item(none, 'publiccode')).toMatchObject({ state: 'not-met', valueText: 'keine publiccode.yml' });
    });
  });

  describe('the 6-month edge of the last commit and the last release', () => {
    const since = readinessSince(AS_OF);
    const dayBefore = new Date(Date.parse(since) - DAY * 1000).toISOString().slice(0, 10);

    it('the first day of the window is the asOf day minus READINESS_MAX_AGE_DAYS − 1', () => {
      expect(since).toBe(new Date(Date.parse(AS_OF) - (READINESS_MAX_AGE_DAYS - 1) * DAY * 1000).toISOString().slice(0, 10));
    });

    it('a commit on the first day counts, one a second earlier does not', () => {
      const start = Date.parse(`${since}T00:00:00Z`) / 1000;
      expect(item(ready({ lastCommitAt: start }), 'last-commit')).toMatchObject({ state: 'met', found: since });
      expect(item(ready({ lastCommitAt: start - 1 }), 'last-commit')).toMatchObject({ state: 'not-met', found: dayBefore });
      expect(item(ready({ lastCommitAt: null }), 'last-commit')).toMatchObject({ state: 'not-met', valueText: 'kein Commit' });
    });

    it('a release on the first day counts, one the day before does not', () => {
      expect(item(ready({ lastRelease: { name: 'v1', date: since, source: 'tag' } }), 'last-release')).toMatchObject({
        state: 'met',
        valueText: `Tag v1 vom ${since.split('-').reverse().join('.')}`
      });
      expect(item(ready({ lastRelease: { name: 'v1', date: dayBefore, source: 'release' } }), 'last-release').state).toBe('not-met');
    });

    it('is „nicht prüfbar“ without a recent tag while the forge’s releases were not read', () => {
      const r = ready({ lastRelease: null, coverage: { history: true, forge: false, noHistoryReason: null } });
      expect(item(r, 'last-release')).toMatchObject({ state: 'unknown', valueText: 'nicht prüfbar' });
      expect(item(ready({ lastRelease: null }), 'last-release').state).toBe('not-met');
    });
  });

  describe('used by at least two public bodies, observed', () => {
    it('one public adopter is not enough, two are', () => {
      expect(READINESS_MIN_PUBLIC_BODIES).toBe(2);
      expect(item(ready({ reuse: [evidence('jena', 'beobachtet')] }), 'public-reuse').state).toBe('not-met');
      expect(item(ready(), 'public-reuse')).toMatchObject({ state: 'met', valueText: '2 öffentliche Stellen beobachtet: BW, JENA' });
    });

    it('declared use alone does not count; observed and declared rows of one body count once', () => {
      const declared = ready({ reuse: [evidence('jena', 'beobachtet'), evidence('bw', 'erklärt')] });
      expect(item(declared, 'public-reuse')).toMatchObject({
        state: 'not-met',
        valueText: '1 öffentliche Stelle beobachtet: JENA; nur erklärt: BW'
      });
      const twice = ready({ reuse: [evidence('jena', 'beobachtet'), evidence('jena', 'erklärt'), evidence('jena', 'beobachtet')] });
      expect(item(twice, 'public-reuse')).toMatchObject({ state: 'not-met', valueText: '1 öffentliche Stelle beobachtet: JENA' });
    });

    it('research, civil society and providers are no public bodies', () => {
      const r = ready({ reuse: [evidence('jena', 'beobachtet'), evidence('uni', 'beobachtet'), evidence('dataport', 'beobachtet')] });
      expect(item(r, 'public-reuse').state).toBe('not-met');
    });
  });
});
