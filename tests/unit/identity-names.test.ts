import { describe, expect, it } from 'vitest';
import { isBotName } from '../../src/lib/identity/bots';
import { isSignificantName, normaliseName } from '../../src/lib/identity/names';

describe('normaliseName', () => {
  it('treats NFC and NFD spellings alike', () => {
    const nfc = 'Jürgen Müller'.normalize('NFC');
    const nfd = 'Jürgen Müller'.normalize('NFD');
    expect(nfc).not.toBe(nfd);
    expect(normaliseName(nfc)).toBe('juergen mueller');
    expect(normaliseName(nfd)).toBe('juergen mueller');
  });

  it('transliterates German umlauts and ß, also in capitals', () => {
    expect(normaliseName('Jürgen Müller')).toBe(normaliseName('juergen.mueller'));
    expect(normaliseName('Juergen_Mueller')).toBe('juergen mueller');
    expect(normaliseName('ÄÖÜ Straße')).toBe('aeoeue strasse');
    expect(normaliseName('GROẞ')).toBe('gross');
  });

  it('drops other diacritics', () => {
    expect(normaliseName('Zoë Çelik-Đoković')).toBe('zoe celik đokovic');
    expect(normaliseName('José Ñúñez')).toBe('jose nunez');
  });

  it('turns runs of . _ - into one space and collapses whitespace', () => {
    expect(normaliseName('  max..__--mustermann  ')).toBe('max mustermann');
    expect(normaliseName('Anna\t\n Schmidt')).toBe('anna schmidt');
    expect(normaliseName('a . b')).toBe('a b');
    expect(normaliseName('')).toBe('');
    expect(normaliseName(' ._- ')).toBe('');
  });
});

describe('isSignificantName', () => {
  it('accepts two or more words', () => {
    expect(isSignificantName('max mustermann')).toBe(true);
    expect(isSignificantName('a b')).toBe(true);
  });

  it('accepts one word of at least five characters that is not generic', () => {
    expect(isSignificantName('mustermann')).toBe(true);
    expect(isSignificantName('jdoe1')).toBe(true);
    expect(isSignificantName('jdoe')).toBe(false);
    expect(isSignificantName('max')).toBe(false);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(isSignificantName('𝔞𝔟𝔠𝔡')).toBe(false);
  });

  it.each([
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
  ])('rejects the generic word %s', (word) => expect(isSignificantName(word)).toBe(false));

  it('rejects empty names and the git placeholder "Your Name"', () => {
    expect(isSignificantName('')).toBe(false);
    expect(isSignificantName(normaliseName('Your Name'))).toBe(false);
  });
});

describe('isBotName', () => {
  it.each([
    'dependabot[bot]',
    'github-actions[bot]',
    'Renovate[BOT]',
    'github-actions',
    'GitHub Actions',
    'dependabot',
    'dependabot-preview',
    'renovate',
    'pre-commit-ci',
    'pre-commit.ci',
    'greenkeeper',
    'snyk-bot',
    'ImgBot',
    'allcontributors',
    'semantic-release-bot',
    'Weblate',
    'deppbot',
    'depfu',
    'codecov',
    'mergify',
    'Copilot',
    'gitlab-bot',
    'ghost',
    'renovate-bot',
    'CI Bot',
    'Build_Robot',
    'Der Roboter',
    'bot'
  ])('recognises %s', (name) => expect(isBotName(name)).toBe(true));

  it.each(['Talbot', 'Abbot Müller', 'Roboter Müller', 'Robotik Team', 'Max Mustermann', '', 'Botschaft Wien'])(
    'does not flag %s',
    (name) => expect(isBotName(name)).toBe(false)
  );
});
