import { describe, expect, it } from 'vitest';
import { findings, type FindingsInput } from '../../../src/lib/metrics/findings';
import { ago } from './fixtures';

const quiet: FindingsInput = {
  archived: false,
  hasCommits: true,
  lastHumanCommitAt: ago(1),
  humanCommits365: 100,
  topPerson: { share: 0.4, commits: 40 },
  topOrganisation: { name: 'Stadt Ulm', kind: 'municipality', share: 0.5 },
  waiting: { count: 0, oldestDays: 0 },
  licenceChanges: [],
  humanCommits180: 50,
  daysSinceLastRelease: 20,
  projectAgeDays: 1000,
  fragmentation: [],
  publiccode: null,
  securityPolicy: null
};
const keys = (input: FindingsInput) => findings(input).map((f) => `${f.key}:${f.severity}`);

describe('findings (Hinweise)', () => {
  it('a healthy project has none', () => {
    expect(findings(quiet)).toEqual([]);
  });

  it('one person: plain German evidence', () => {
    const [f] = findings({ ...quiet, topPerson: { share: 0.86, commits: 86 } });
    expect(f).toEqual({
      key: 'one-person',
      severity: 'warning',
      title: 'Hängt an einer Person',
      evidence: '1 Person leistet 86\u202f% der Beiträge (12 Monate).'
    });
    expect(findings({ ...quiet, topPerson: { share: 0.8, commits: 80 } })).toEqual([]);
  });

  it('one organisation above 90 %', () => {
    const [f] = findings({ ...quiet, topOrganisation: { name: 'Beispiel GmbH', kind: 'company', share: 0.95 } });
    expect(f.title).toBe('Nur ein Unternehmen entwickelt mit');
    expect(f.evidence).toBe('Beispiel GmbH (Unternehmen) leistet 95\u202f% der Beiträge (12 Monate).');
  });

  it('archived, no human commit, unanswered issues, licence change, no release, fragmentation', () => {
    const input: FindingsInput = {
      ...quiet,
      archived: true,
      humanCommits365: 0,
      lastHumanCommitAt: Date.UTC(2024, 2, 1) / 1000,
      waiting: { count: 3, oldestDays: 84 },
      licenceChanges: [{ date: '2024-03-12', from: 'GPL-3.0-only', to: 'MIT', commit: 'abcdef1234' }],
      daysSinceLastRelease: 600,
      fragmentation: [
        { key: 'github:stadt-dortmund/terminbuchung', organisationName: 'Stadt Dortmund', aheadBy: 41 },
        { key: 'github:x/y', organisationName: 'X', aheadBy: 20 }
      ]
    };
    const all = findings(input);
    expect(all.map((f) => f.key)).toEqual([
      'archived',
      'no-human-commit-12m',
      'unanswered-issues',
      'licence-changed',
      'no-release-18m',
      'fragmentation'
    ]);
    expect(all[1].evidence).toBe('Der letzte Commit einer Person stammt vom 01.03.2024.');
    expect(all[2].evidence).toBe(
      '3 Issues oder Pull Requests warten seit mehr als 30 Tagen auf eine erste Antwort (das älteste seit 84 Tagen).'
    );
    expect(all[3].title).toBe('Lizenz geändert am 12.03.2024');
    expect(all[3].evidence).toContain('von GPL-3.0-only zu MIT (Commit abcdef1)');
    expect(all[5].title).toBe('1 abgespaltene Weiterentwicklung (Forks) mit eigenen Änderungen');
    expect(all[5].evidence).toContain('github:stadt-dortmund/terminbuchung (Stadt Dortmund, 41 eigene Commits)');
  });

  it('no release: only while commits continue and for projects older than 18 months', () => {
    expect(keys({ ...quiet, daysSinceLastRelease: null })).toEqual(['no-release-18m:info']);
    expect(keys({ ...quiet, daysSinceLastRelease: null, humanCommits180: 0 })).toEqual([]);
    expect(keys({ ...quiet, daysSinceLastRelease: null, projectAgeDays: 300 })).toEqual([]);
  });

  it('publiccode.yml and SECURITY.md: warnings and ok findings, nothing when unknown', () => {
    expect(keys({ ...quiet, publiccode: { state: 'missing' }, securityPolicy: false })).toEqual([
      'publiccode-missing:info',
      'no-security-policy:info'
    ]);
    expect(keys({ ...quiet, publiccode: { state: 'invalid', error: 'legal.license fehlt' } })).toEqual(['publiccode-invalid:warning']);
    expect(findings({ ...quiet, publiccode: { state: 'invalid', error: 'legal.license fehlt' } })[0].evidence).toContain(
      'legal.license fehlt'
    );
    expect(findings({ ...quiet, publiccode: { state: 'valid' }, securityPolicy: true }).map((f) => f.title)).toEqual([
      'publiccode.yml gültig',
      'Sicherheitsrichtlinie vorhanden'
    ]);
  });

  it('all-bot activity: no human commit in 12 months', () => {
    const [f] = findings({ ...quiet, humanCommits365: 0, lastHumanCommitAt: null, topPerson: null, topOrganisation: null });
    expect(f.key).toBe('no-human-commit-12m');
    expect(f.evidence).toMatch(/Bots/);
  });
});
