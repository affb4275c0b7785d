import { describe, expect, it } from 'vitest';
import { hashEmail, isGenericEmail, describeEmail } from '../../src/lib/identity/email';
import { matches, preparePeopleRules } from '../../src/lib/identity/rules';
import { SECRET } from './identity-helpers';

const rules = preparePeopleRules(
  {
    aliases: [
      ['alice@old.example.de', 'Alice@New.Example.de'],
      ['Jürgen Müller', 'jmueller', 'github:JM']
    ],
    bots: ['ci-user@example.org'],
    notBots: ['Roboter Müller']
  },
  SECRET
);

const id = (over: Partial<{ source: string; name: string; login: string; emailHash: string }>) => ({
  source: 'git',
  name: '',
  login: '',
  emailHash: '',
  ...over
});

describe('preparePeopleRules', () => {
  it('compares emails by their keyed hash, never keeping the email', () => {
    expect(rules.aliases[0].emailHashes).toEqual(
      new Set([hashEmail('alice@old.example.de', SECRET), hashEmail('alice@new.example.de', SECRET)])
    );
    expect(JSON.stringify([...rules.aliases[0].emailHashes])).not.toContain('alice');
    expect(matches(rules.aliases[0], id({ emailHash: hashEmail(' ALICE@old.example.de', SECRET) }))).toBe(true);
    expect(matches(rules.bots, id({ emailHash: hashEmail('ci-user@example.org', SECRET) }))).toBe(true);
  });

  it('compares names normalised and logins lowercase', () => {
    const group = rules.aliases[1];
    expect(matches(group, id({ name: 'juergen.mueller' }))).toBe(true);
    expect(matches(group, id({ source: 'opencode', login: 'JMueller' }))).toBe(true);
    expect(matches(group, id({ source: 'github', login: 'jm' }))).toBe(true);
    expect(matches(group, id({ source: 'opencode', login: 'jm' }))).toBe(false);
    expect(matches(rules.notBots, id({ name: 'Roboter Mueller' }))).toBe(true);
    expect(matches(rules.notBots, id({ name: 'Roboter Meier' }))).toBe(false);
  });

  it('works without a people section', () => {
    const empty = preparePeopleRules(undefined, SECRET);
    expect(empty.aliases).toEqual([]);
    expect(matches(empty.bots, id({ name: 'x' }))).toBe(false);
    expect(empty.keySalt).toHaveLength(32);
  });
});

describe('email facts (email.ts)', () => {
  it.each([
    ['root@localhost', true],
    ['max@host', true],
    ['max@pc.localdomain', true],
    ['root@localhost.localdomain', true],
    ['max@box.local', true],
    ['admin@x.de', true],
    ['noreply@github.com', true],
    ['no-reply@firma.de', true],
    ['max@ulm.de', false],
    ['123+jdoe@users.noreply.github.com', false]
  ])('%s generic: %s', (email, generic) => expect(isGenericEmail(email)).toBe(generic));

  it('reads GitHub noreply addresses', () => {
    expect(describeEmail('123+JDoe@users.noreply.github.com', SECRET)).toMatchObject({
      noreplyId: '123',
      noreplyLogin: 'jdoe',
      domain: 'users.noreply.github.com'
    });
    expect(describeEmail('jdoe@users.noreply.github.com', SECRET)).toMatchObject({ noreplyId: null, noreplyLogin: 'jdoe' });
  });
});
