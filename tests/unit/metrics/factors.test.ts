import { describe, expect, it } from 'vitest';
import { absenceFactor } from '../../../src/lib/metrics/absenceFactor';
import { organisationsFactor } from '../../../src/lib/metrics/organisationsFactor';
import { personsFactor } from '../../../src/lib/metrics/personsFactor';
import { organisationFigures } from '../../../src/lib/metrics/organisations';
import { AS_OF, ago, bot, commit, commits, person } from './fixtures';

describe('absenceFactor', () => {
  it('smallest number of buckets reaching 50 %', () => {
    expect(
      absenceFactor(
        new Map([
          ['a', 5],
          ['b', 5]
        ])
      ).factor
    ).toBe(1);
    expect(
      absenceFactor(
        new Map([
          ['a', 4],
          ['b', 3],
          ['c', 3]
        ])
      ).factor
    ).toBe(2);
    expect(
      absenceFactor(
        new Map([
          ['a', 1],
          ['b', 1],
          ['c', 1],
          ['d', 1],
          ['e', 1]
        ])
      ).factor
    ).toBe(3);
    expect(absenceFactor(new Map()).factor).toBeNull();
  });
});

describe('personsFactor (Abhängigkeit von wenigen Personen)', () => {
  it('counts human non-merge commits of the window', () => {
    const list = [
      ...commits(person(1), 6),
      ...commits(person(2), 3),
      ...commits(person(3), 3),
      ...commits(bot(9), 50),
      commit(person(4), ago(1), { merge: true })
    ];
    const f = personsFactor(list, AS_OF);
    expect(f.factor).toBe(1);
    expect(f.total).toBe(12);
    expect(f.shares[0]).toMatchObject({ key: 1, count: 6, share: 0.5 });
  });

  it('leaves out commits outside the window; null without human commits', () => {
    expect(personsFactor([commit(person(1), ago(400))], AS_OF).factor).toBeNull();
    expect(personsFactor(commits(bot(9), 10), AS_OF).factor).toBeNull();
    expect(personsFactor([], AS_OF).factor).toBeNull();
  });
});

describe('organisationsFactor (Abhängigkeit von wenigen Organisationen)', () => {
  it('ohne Zuordnung is one bucket per person, never one big bucket', () => {
    const list = [...commits(person(1, 'ulm'), 4), ...commits(person(2), 2), ...commits(person(3), 2), ...commits(person(4), 2)];
    const f = organisationsFactor(list, AS_OF);
    // ulm 4 of 10 < 50 %; with one more person bucket 6 ≥ 5.
    expect(f.factor).toBe(2);
    expect(f.shares.map((s) => s.key)).toContain('person:2');
  });

  it('affiliation is per contribution: a person who changed employer counts for both', () => {
    const list = [
      ...commits({ personId: 1, isBot: false, organisationId: 'ulm' }, 3, 1),
      ...commits({ personId: 1, isBot: false, organisationId: 'dortmund' }, 3, 100)
    ];
    const f = organisationsFactor(list, AS_OF);
    expect(f.shares.map((s) => s.key).sort()).toEqual(['dortmund', 'ulm']);
    expect(f.factor).toBe(1);
  });

  it('organisations by kind', () => {
    const orgs = new Map([
      ['ulm', { id: 'ulm', name: 'Stadt Ulm', kind: 'municipality' as const, accounts: [] }],
      ['dataport', { id: 'dataport', name: 'Dataport', kind: 'it-service-provider' as const, accounts: [] }]
    ]);
    const list = [...commits(person(1, 'ulm'), 3), ...commits(person(2, 'dataport'), 1), ...commits(person(3), 1), ...commits(bot(9), 5)];
    const f = organisationFigures(list, orgs, AS_OF);
    expect(f.count).toBe(2);
    expect(f.byKind).toEqual({ municipality: 1, 'it-service-provider': 1 });
    expect(f.rows.map((r) => [r.name, r.humanCommits, r.share])).toEqual([
      ['Stadt Ulm', 3, 0.6],
      ['Dataport', 1, 0.2],
      ['ohne Zuordnung', 1, 0.2]
    ]);
  });
});
