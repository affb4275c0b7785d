/**
 * Which remotes reach git (src/lib/remote-url.ts) and which forge paths reach an API route
 * (src/lib/forge-path.ts), and the catalog errors that follow from them.
 */
import { describe, expect, it } from 'vitest';
import { CatalogError, parseCatalog } from '../../src/lib/catalog/load';
import { encodeForgePath, forgePathValid } from '../../src/lib/forge-path';
import { forgeCloneUrl, remoteProblem } from '../../src/lib/remote-url';

describe('remoteProblem', () => {
  it.each([
    'https://github.com/stadt-ulm/terminbuchung.git',
    'http://127.0.0.1:8080/_emulator/git/github/a/b.git',
    'ssh://git@git.example.org/a/b.git',
    'git://git.example.org/a/b.git',
    'file:///srv/mirrors/c.git',
    '/srv/mirrors/c.git',
    '/tmp/x:1/repo.git',
    'git@gitlab.opencode.de:ulm/terminbuchung.git'
  ])('accepts %s', (remote) => {
    expect(remoteProblem(remote)).toBeNull();
  });

  it.each([
    ['--upload-pack=touch /tmp/pwned', 'mit „-“'],
    ['-u', 'mit „-“'],
    ['ext::sh -c touch% /tmp/pwned', 'Hilfsprotokoll'],
    ['https://example.org/a b.git', 'Leerzeichen'],
    ['ext::sh', 'Hilfsprotokoll'],
    ['fd::3', 'Hilfsprotokoll'],
    ['fd::3,4', 'Hilfsprotokoll'],
    ['transport::https://example.org/x', 'Hilfsprotokoll'],
    ['ftp://example.org/x.git', 'Protokoll „ftp“'],
    ['javascript://x', 'Protokoll'],
    ['https://user:secret@example.org/x.git', 'Zugangsdaten'],
    ['https://token@example.org/x.git', 'Zugangsdaten'],
    ['https://-oProxyCommand=x/y', 'Host'],
    ['ssh://-oProxyCommand=touch%20x/y', 'Host'],
    ['relative/path.git', 'absoluten Pfad'],
    ['https://example.org/a\nb', 'Steuerzeichen'],
    ['/srv/a\u0000b', 'Steuerzeichen'],
    ['', 'leer']
  ])('refuses %j', (remote, reason) => {
    expect(remoteProblem(remote)).toContain(reason);
  });

  it('refuses a remote of more than 2,048 characters, accepts a local path with spaces', () => {
    expect(remoteProblem(`/${'a'.repeat(3000)}`)).toContain('länger');
    expect(remoteProblem('/srv/Meine Repos/x.git')).toBeNull();
  });
});

describe('forgeCloneUrl', () => {
  const github = 'https://github.com';
  const emulator = 'file:///tmp/world/github';

  it('takes an answer below the forge clone base', () => {
    expect(forgeCloneUrl('https://github.com/stadt-ulm/neu.git', github)).toBe('https://github.com/stadt-ulm/neu.git');
    expect(forgeCloneUrl('file:///tmp/world/github/a/b.git', emulator)).toBe('file:///tmp/world/github/a/b.git');
  });

  it.each([
    ['another host', 'https://evil.example/stadt-ulm/neu.git', github],
    ['a host that only starts alike', 'https://github.com.evil.example/a/b.git', github],
    ['another scheme', 'http://github.com/a/b.git', github],
    ['a local repository', 'file:///other/repo', github],
    ['a sibling folder', 'file:///tmp/world/githubx/a.git', emulator],
    ['a path that climbs out', 'file:///tmp/world/github/%2e%2e/%2e%2e/secret.git', emulator],
    ['an option', '--upload-pack=touch /tmp/pwned', github],
    ['a remote helper', 'ext::sh -c id', github],
    ['credentials', 'https://x:y@github.com/a/b.git', github],
    ['a query', 'https://github.com/a/b.git?x=1', github],
    ['nothing', null, github],
    ['no clone base', 'https://github.com/a/b.git', null]
  ])('refuses %s', (_what, answer, base) => {
    expect(forgeCloneUrl(answer, base)).toBeNull();
  });
});

describe('forge paths', () => {
  it('accepts forge names and refuses paths that leave the route', () => {
    expect(forgePathValid('stadt-ulm/terminbuchung', '2')).toBe(true);
    expect(forgePathValid('stadt-ulm/.github', '2')).toBe(true);
    expect(forgePathValid('ulm/fachverfahren/kita_portal', '2+')).toBe(true);
    for (const bad of ['../../etc', 'a/..', 'a/b?x=1#', 'a/b#x', 'a/b c', 'a//b', '-a/b', 'a/b/c', 'a', 'a/b%2f..']) {
      expect(forgePathValid(bad, '2'), bad).toBe(false);
    }
    expect(encodeForgePath('a b/c?d')).toBe('a%20b/c%3Fd');
  });
});

describe('catalog refuses unsafe repositories', () => {
  const catalog = (repository: string) => `projects:\n  - {id: p, name: P, repositories: [${JSON.stringify(repository)}]}\n`;
  const problemOf = (repository: string): string => {
    try {
      parseCatalog(catalog(repository), 'inj.yml');
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogError);
      return (error as CatalogError).message;
    }
    throw new Error(`accepted ${repository}`);
  };

  it.each([
    ['git:--upload-pack=touch /tmp/pwned', 'mit „-“'],
    ['git:fd::3', 'Hilfsprotokoll'],
    ['git:ext::sh -c touch% /tmp/pwned', 'Hilfsprotokoll'],
    ['git:relative/dir', 'absoluten Pfad'],
    ['github:../../etc', 'github:besitzer/name'],
    ['github:a/b?x=1#', 'github:besitzer/name'],
    ['github:a/b/c', 'github:besitzer/name'],
    ['opencode:ulm/../../x', 'opencode:besitzer/name']
  ])('%s', (repository, reason) => {
    const message = problemOf(repository);
    expect(message).toMatch(/^inj\.yml:2:\d+: projects\[0\]\.repositories\[0\]: /);
    expect(message).toContain(reason);
  });

  it('refuses an unsafe forge clone base', () => {
    expect(() => parseCatalog('forges:\n  - {id: eigen, type: gitlab, api: "https://g.example/api/v4", clone: "file://-x"}\n')).toThrow(
      /forges\[0\]\.clone/
    );
  });

  it('keeps accepting what real catalogs name', () => {
    const ok = parseCatalog(
      catalog('git:/srv/mirrors/c.git').replace(
        '"git:/srv/mirrors/c.git"',
        '"git:/srv/mirrors/c.git", "git:https://git.example.org/a/b.git", "git:git@git.example.org:a/b.git", github:stadt-ulm/.github, opencode:ulm/sub/gruppe'
      )
    );
    expect(ok.projects[0].repositories).toHaveLength(5);
  });
});
