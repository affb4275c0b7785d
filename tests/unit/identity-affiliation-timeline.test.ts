/**
 * DESIGN §5 „A person's organisation“ for forge-account contributions: the person's timeline from
 * their email-affiliated commits (src/lib/identity/affiliation.ts), and the rule's text, which the
 * doc comment and the Methodik page state identically.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PERSONAL_EMAIL_DOMAINS } from '../../src/lib/catalog/schema';
import {
  accountAffiliation,
  affiliationTimeline,
  buildAffiliationIndex,
  emailOrganisation,
  organisationAt,
  type AffiliationEvidence
} from '../../src/lib/identity/affiliation';
import { M } from '../../src/lib/methodik';
import { METHODIK } from '../../src/lib/methodikText';

const t = (date: string) => Date.parse(`${date}T12:00:00Z`) / 1000;

const index = buildAffiliationIndex(
  [
    { id: 'ulm', domains: ['ulm.de'] },
    { id: 'dortmund', domains: ['dortmund.de'] },
    { id: 'dataport', domains: ['dataport.de'] }
  ],
  DEFAULT_PERSONAL_EMAIL_DOMAINS,
  new Map([['github:ulm-member', 'ulm']])
);

/** Evidence from (date, email domain) commits, as the derive step makes it: affiliating emails only. */
function evidence(commits: [string, string][]): AffiliationEvidence[] {
  return commits.flatMap(([date, domain]) => {
    const organisationId = emailOrganisation(domain, index);
    return organisationId ? [{ at: t(date), organisationId }] : [];
  });
}

describe('affiliationTimeline and organisationAt', () => {
  // Eva commits from ulm.de until spring 2025, then from dortmund.de; privately from gmail.com.
  const eva = affiliationTimeline(
    evidence([
      ['2024-03-01', 'ulm.de'],
      ['2024-09-01', 'ulm.de'],
      ['2025-02-01', 'gmail.com'],
      ['2025-06-01', 'dortmund.de'],
      ['2025-01-15', 'ulm.de'],
      ['2026-01-01', 'dortmund.de']
    ])
  );

  it('is one period per stretch of commits for one organisation, from the change on', () => {
    expect(eva).toEqual([
      { from: null, to: t('2025-06-01'), organisationId: 'ulm' },
      { from: t('2025-06-01'), to: null, organisationId: 'dortmund' }
    ]);
  });

  it('a person who changes employer: an issue before the change is the old one’s, after it the new one’s', () => {
    expect(organisationAt(eva, t('2024-10-10'))).toBe('ulm');
    // Between the last ulm.de commit and the first dortmund.de one: the nearest commit before counts.
    expect(organisationAt(eva, t('2025-05-31'))).toBe('ulm');
    expect(organisationAt(eva, t('2025-06-01'))).toBe('dortmund');
    expect(organisationAt(eva, t('2025-06-01') - 1)).toBe('ulm');
    expect(organisationAt(eva, t('2026-11-20'))).toBe('dortmund');
  });

  it('before the first affiliated commit, the earliest one after counts', () => {
    expect(organisationAt(eva, t('2019-01-01'))).toBe('ulm');
    const late = affiliationTimeline(evidence([['2026-01-01', 'dataport.de']]));
    expect(organisationAt(late, t('2020-01-01'))).toBe('dataport');
    expect(organisationAt(late, t('2030-01-01'))).toBe('dataport');
  });

  it('follows back-and-forth changes, each commit being where the person was then', () => {
    const periods = affiliationTimeline(
      evidence([
        ['2024-01-01', 'ulm.de'],
        ['2024-02-01', 'dataport.de'],
        ['2024-03-01', 'ulm.de']
      ])
    );
    expect(periods.map((p) => p.organisationId)).toEqual(['ulm', 'dataport', 'ulm']);
    expect(organisationAt(periods, t('2024-01-20'))).toBe('ulm');
    expect(organisationAt(periods, t('2024-02-20'))).toBe('dataport');
    expect(organisationAt(periods, t('2024-03-20'))).toBe('ulm');
  });

  it('commits of the same second count for the alphabetically first organisation id', () => {
    const periods = affiliationTimeline([
      { at: 100, organisationId: 'ulm' },
      { at: 200, organisationId: 'ulm' },
      { at: 200, organisationId: 'dataport' }
    ]);
    expect(organisationAt(periods, 150)).toBe('ulm');
    expect(organisationAt(periods, 200)).toBe('dataport');
    expect(organisationAt(periods, 999)).toBe('dataport');
  });

  it('a person with only personal (or unlisted) emails has no timeline: „ohne Zuordnung“', () => {
    const paul = affiliationTimeline(
      evidence([
        ['2025-01-01', 'gmail.com'],
        ['2025-02-01', 'mail.gmx.de'],
        ['2025-03-01', 'users.noreply.github.com'],
        ['2025-04-01', 'neu-ulm.de']
      ])
    );
    expect(paul).toEqual([]);
    expect(organisationAt(paul, t('2025-02-01'))).toBeNull();
  });
});

describe('accountAffiliation', () => {
  const eva = affiliationTimeline(
    evidence([
      ['2024-03-01', 'ulm.de'],
      ['2025-06-01', 'dortmund.de']
    ])
  );

  it('a forge account without email follows its person’s timeline', () => {
    const periods = accountAffiliation({ emailDomain: null, source: 'github', login: 'eva-m' }, index, eva);
    expect(organisationAt(periods, t('2025-01-01'))).toBe('ulm');
    expect(organisationAt(periods, t('2025-07-01'))).toBe('dortmund');
  });

  it('an account’s own affiliating email, else its known membership, counts for all time', () => {
    const byEmail = accountAffiliation({ emailDomain: 'dataport.de', source: 'opencode', login: 'eva' }, index, eva);
    expect(byEmail).toEqual([{ from: null, to: null, organisationId: 'dataport' }]);
    const member = accountAffiliation({ emailDomain: null, source: 'github', login: 'Ulm-Member' }, index, eva);
    expect(member).toEqual([{ from: null, to: null, organisationId: 'ulm' }]);
    // A personal email of the account says nothing: the person's timeline decides.
    const personal = accountAffiliation({ emailDomain: 'web.de', source: 'opencode', login: 'eva' }, index, eva);
    expect(organisationAt(personal, t('2025-07-01'))).toBe('dortmund');
  });

  it('an account without a person, or whose person has no affiliated commit, is „ohne Zuordnung“', () => {
    expect(accountAffiliation({ emailDomain: null, source: 'github', login: 'x' }, index, undefined)).toEqual([]);
    expect(accountAffiliation({ emailDomain: null, source: 'github', login: 'x' }, index, [])).toEqual([]);
  });

  it('commits keep the per-email rule: a commit author never takes its person’s timeline', () => {
    expect(accountAffiliation({ emailDomain: 'gmail.com', source: 'git' }, index, eva)).toEqual([]);
    expect(accountAffiliation({ emailDomain: 'ulm.de', source: 'git' }, index, eva)).toEqual([
      { from: null, to: null, organisationId: 'ulm' }
    ]);
  });
});

describe('the rule’s text', () => {
  /** The doc comment's text without comment markers, whitespace collapsed. */
  const docComment = (() => {
    const source = readFileSync(new URL('../../src/lib/identity/affiliation.ts', import.meta.url), 'utf8');
    const comment = source.slice(source.indexOf('/**'), source.indexOf('*/'));
    return comment
      .split('\n')
      .map((line) => line.replace(/^\s*\/?\*+\s?/, ''))
      .join(' ')
      .replace(/\s+/g, ' ');
  })();

  it('is the same in the Methodik text and in the doc comment of affiliation.ts', () => {
    const definition = METHODIK.flatMap((g) => g.definitions).find((d) => d.id === M.zuordnung)!;
    expect(definition.text.length).toBeGreaterThanOrEqual(3);
    for (const paragraph of definition.text) expect(docComment).toContain(paragraph.replace(/\s+/g, ' '));
  });
});
