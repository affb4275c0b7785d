import { describe, expect, it } from 'vitest';
import { CatalogError, parseCatalog, resolveRepositoryRef } from '../../src/lib/catalog/load';

function problems(text: string) {
  try {
    parseCatalog(text, 'katalog.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return (error as CatalogError).problems;
  }
  throw new Error('expected the catalog to be rejected');
}

const FULL = `
forges:
  - id: github
    type: github
    api: https://api.github.com
    clone: https://github.com
    token: env:GITHUB_TOKEN
  - id: opencode
    type: gitlab
    api: https://gitlab.opencode.de/api/v4
    clone: https://gitlab.opencode.de
    token: env:OPENCODE_TOKEN
organisations:
  - id: ulm
    name: Stadt Ulm
    kind: municipality
    region: DE-BW
    ags: "08421000"
    domains: [ulm.de]
    accounts: [github:stadt-ulm, opencode:ulm]
  - id: dortmund
    name: Stadt Dortmund
    kind: municipality
projects:
  - id: terminbuchung
    name: Terminbuchung
    owner: ulm
    repositories: [github:stadt-ulm/terminbuchung, opencode:ulm/terminbuchung]
    usedBy: [dortmund]
  - id: stadtwerk
    name: Beispiel mit eigenem Git-Server
    owner: ulm
    repositories: ["git:https://git.example.org/a/b.git", "git:/srv/mirrors/c.git"]
discover:
  - github:stadt-ulm
people:
  aliases: [[alice@old.example, alice@new.example]]
  bots: [ci-user@example.org]
  notBots: [Roboter Müller]
personalEmailDomains: [gmail.com, web.de, gmx.de, posteo.de, outlook.com, t-online.de]
privacy:
  showNames: false
`;

describe('catalog', () => {
  it('accepts the full format of DESIGN §3', () => {
    const catalog = parseCatalog(FULL);
    expect(catalog.organisations.map((o) => o.id)).toEqual(['ulm', 'dortmund']);
    expect(catalog.forgeById.get('opencode')).toMatchObject({
      type: 'gitlab',
      tokenEnv: 'OPENCODE_TOKEN',
      api: 'https://gitlab.opencode.de/api/v4'
    });
    expect(catalog.people.aliases).toEqual([['alice@old.example', 'alice@new.example']]);
    expect(catalog.privacy.showNames).toBe(false);
    expect(resolveRepositoryRef(catalog, 'opencode:ulm/terminbuchung').cloneUrl).toBe('https://gitlab.opencode.de/ulm/terminbuchung.git');
    expect(resolveRepositoryRef(catalog, 'git:/srv/mirrors/c.git')).toMatchObject({
      forgeId: 'git',
      path: '/srv/mirrors/c.git',
      cloneUrl: '/srv/mirrors/c.git'
    });
  });

  it('accepts a catalog with only organisations and projects, using built-in forges', () => {
    const catalog = parseCatalog(
      `organisations:\n  - {id: jena, name: Stadt Jena, kind: municipality}\nprojects:\n  - {id: p, name: P, owner: jena, repositories: [github:stadt-jena/p]}\n`
    );
    expect(catalog.forgeById.get('github')?.api).toBe('https://api.github.com');
    expect(catalog.personalEmailDomains).toContain('gmail.com');
    expect(catalog.schedule.cron).toBe('17 3 * * *');
  });

  it('rejects a literal token with its position', () => {
    const [p] = problems(`forges:\n  - id: github\n    type: github\n    token: ghp_abcdef123456\n`);
    expect(p).toMatchObject({ file: 'katalog.yml', line: 4, column: 12, path: 'forges[0].token' });
    expect(p.message).toContain('env:NAME');
    expect(p.message).not.toContain('ghp_abcdef123456'.slice(4));
  });

  it('names the expected values of a wrong type', () => {
    const [p] = problems(`organisations:\n  - id: ulm\n    name: Ulm\n    kind: city\n`);
    expect(p).toMatchObject({ line: 4, column: 11, path: 'organisations[0].kind' });
    expect(p.message).toContain('municipality');
    expect(p.message).toContain('"city"');
  });

  it('bounds ids and names: a 100 kB id or a megabyte name is refused, not stored', () => {
    const [longId] = problems(`projects:\n  - id: ${'a'.repeat(100_000)}\n    name: P\n    repositories: [github:a/b]\n`);
    expect(longId).toMatchObject({ line: 2, path: 'projects[0].id' });
    expect(longId.message).toContain('höchstens 100 Zeichen');
    expect(longId.message.length).toBeLessThan(300);
    const [longName] = problems(`organisations:\n  - id: ulm\n    name: ${'x'.repeat(1_000_000)}\n    kind: municipality\n`);
    expect(longName).toMatchObject({ line: 3, path: 'organisations[0].name' });
    expect(longName.message).toContain('höchstens 300 Zeichen');
  });

  it('rejects an unknown forge in a repository reference', () => {
    const [p] = problems(`projects:\n  - id: p\n    name: P\n    repositories: [gitea:x/y]\n`);
    expect(p).toMatchObject({ line: 4, column: 20 });
    expect(p.message).toContain('unbekannte Plattform „gitea“');
  });

  it('rejects duplicate ids at the second occurrence', () => {
    const found = problems(
      `organisations:\n  - {id: ulm, name: Ulm, kind: municipality}\n  - {id: ulm, name: Ulm 2, kind: municipality}\n`
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 3, path: 'organisations[1].id' });
    expect(found[0].message).toContain('doppelt');
  });

  it('rejects unknown owners, unknown usedBy and unknown fields', () => {
    const found = problems(
      `organisations:\n  - {id: ulm, name: Ulm, kind: municipality}\nprojects:\n  - id: p\n    name: P\n    owner: köln\n    usedBy: [jena]\n    repos: [github:a/b]\n`
    );
    const messages = found.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n');
    expect(messages).toContain('unbekanntes Feld „repos“');
    expect(found.find((p) => p.message.includes('repos'))).toMatchObject({ line: 8, column: 5 });
  });

  it('reports broken YAML with line and column', () => {
    const [p] = problems(`organisations:\n  - id: ulm\n    name: [Ulm\n`);
    expect(p.line).toBeGreaterThan(0);
    expect(p.message).toContain('ungültiges YAML');
  });

  it('limits YAML alias expansion', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
    expect(problems(bomb)[0].message).toMatch(/YAML|unbekanntes Feld/);
  });

  it('requires ags as quoted text, keeping leading zeros', () => {
    const [p] = problems(`organisations:\n  - {id: ulm, name: Ulm, kind: municipality, ags: 08421000}\n`);
    expect(p.path).toBe('organisations[0].ags');
    expect(p.message).toContain('Anführungszeichen');
  });
});

describe('catalog secrets', () => {
  it('rejects credentials inside a git: URL without echoing them', () => {
    const [p] = problems(`projects:\n  - {id: p, name: P, repositories: ["git:https://user:geheim123@git.example.org/a/b.git"]}\n`);
    expect(p.message).toContain('Zugangsdaten gehören nicht in die URL');
    expect(p.message).not.toContain('geheim123');
  });

  it('accepts an ssh user (no secret) and plain URLs', () => {
    expect(() =>
      parseCatalog(
        `projects:\n  - {id: p, name: P, repositories: ["git:ssh://git@git.example.org/a/b.git", "git:https://git.example.org/c.git"]}\n`
      )
    ).not.toThrow();
  });
});
