import { describe, expect, it } from 'vitest';
import { affiliate, buildAffiliationIndex } from '../../src/lib/identity/affiliation';
import { DEFAULT_PERSONAL_EMAIL_DOMAINS } from '../../src/lib/catalog/schema';

const ORGS = [
  { id: 'ulm', domains: ['ulm.de'], accounts: ['github:stadt-ulm', 'opencode:ulm'] },
  { id: 'ulm-it', domains: ['IT.Ulm.de'] },
  { id: 'dataport', domains: ['dataport.de', 'dataport.example-mail.de'], accounts: ['opencode:dataport'] },
  { id: 'confused', domains: ['gmail.com'] }
];

const index = buildAffiliationIndex(
  ORGS,
  DEFAULT_PERSONAL_EMAIL_DOMAINS,
  new Map([
    ['github:anna', 'ulm'],
    ['opencode:Bernd', 'opencode:dataport'],
    ['github:nobody', 'not-an-org']
  ])
);

describe('affiliate', () => {
  it('maps an email domain to the organisation listing it', () => {
    expect(affiliate({ emailDomain: 'ulm.de', source: 'git' }, index)).toBe('ulm');
    expect(affiliate({ emailDomain: 'DATAPORT.DE', source: 'git' }, index)).toBe('dataport');
  });

  it('maps parent domains, the most specific listed domain winning', () => {
    expect(affiliate({ emailDomain: 'verwaltung.ulm.de', source: 'git' }, index)).toBe('ulm');
    expect(affiliate({ emailDomain: 'a.b.c.ulm.de', source: 'git' }, index)).toBe('ulm');
    expect(affiliate({ emailDomain: 'it.ulm.de', source: 'git' }, index)).toBe('ulm-it');
    expect(affiliate({ emailDomain: 'dev.it.ulm.de', source: 'git' }, index)).toBe('ulm-it');
  });

  it('does not match on a mere suffix that is not a parent domain', () => {
    expect(affiliate({ emailDomain: 'neu-ulm.de', source: 'git' }, index)).toBeNull();
    expect(affiliate({ emailDomain: 'ulm.de.evil.com', source: 'git' }, index)).toBeNull();
  });

  it('never affiliates personal email domains, even when an organisation lists one', () => {
    expect(affiliate({ emailDomain: 'gmail.com', source: 'git' }, index)).toBeNull();
    expect(affiliate({ emailDomain: 'web.de', source: 'git' }, index)).toBeNull();
    expect(affiliate({ emailDomain: 'mail.gmx.de', source: 'git' }, index)).toBeNull();
  });

  it('falls back to forge account membership', () => {
    expect(affiliate({ emailDomain: null, source: 'github', login: 'Anna' }, index)).toBe('ulm');
    expect(affiliate({ emailDomain: 'gmail.com', source: 'github', login: 'anna' }, index)).toBe('ulm');
    expect(affiliate({ emailDomain: null, source: 'opencode', login: 'bernd' }, index)).toBe('dataport');
    expect(affiliate({ emailDomain: null, source: 'opencode', login: 'anna' }, index)).toBeNull();
    expect(affiliate({ emailDomain: null, source: 'github', login: 'nobody' }, index)).toBeNull();
  });

  it('prefers the email domain over membership: affiliation follows the email used', () => {
    expect(affiliate({ emailDomain: 'dataport.de', source: 'github', login: 'anna' }, index)).toBe('dataport');
  });

  it('returns null ("ohne Zuordnung") when nothing is known', () => {
    expect(affiliate({ emailDomain: null, source: 'git' }, index)).toBeNull();
    expect(affiliate({ emailDomain: 'users.noreply.github.com', source: 'git' }, index)).toBeNull();
    expect(affiliate({ emailDomain: 'localhost', source: 'git' }, index)).toBeNull();
    expect(affiliate({ emailDomain: 'ulm.de', source: 'git' }, buildAffiliationIndex([], []))).toBeNull();
  });

  it('accepts memberships as a plain object', () => {
    const idx = buildAffiliationIndex(ORGS, [], { 'github:carla': 'ulm-it' });
    expect(affiliate({ emailDomain: null, source: 'github', login: 'carla' }, idx)).toBe('ulm-it');
  });
});
