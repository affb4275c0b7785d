/**
 * A small hand-made World for the emulator's own tests (independent of the world generator),
 * with real bare git repositories written by git fast-import.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { World, WorldAccount, WorldComment, WorldItem, WorldRelease, WorldRepository } from '../world/model';

export const GITHUB_TOKENS = ['ghp_alpha', 'ghp_beta'];
export const GITLAB_TOKENS = ['glpat-alpha'];

const T0 = Date.parse('2024-01-01T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function iso(t: number): string {
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A bare repository with three commits on `main`, a lightweight tag v1.0.0 and an annotated tag v1.1.0. */
export function makeBareRepo(gitDir: string, name: string): void {
  mkdirSync(gitDir, { recursive: true });
  execFileSync('git', ['init', '--bare', '-q', gitDir]);
  execFileSync('git', ['--git-dir', gitDir, 'symbolic-ref', 'HEAD', 'refs/heads/main']);
  const lines: string[] = [];
  const data = (s: string) => {
    lines.push(`data ${Buffer.byteLength(s)}`, s);
  };
  const files: [string, string][] = [
    ['README.md', `# ${name}\n`],
    ['publiccode.yml', `publiccodeYmlVersion: "0.4"\nname: ${name}\nurl: https://example.org/${name}\n`],
    ['docs/guide.md', 'Anleitung für Entwickler*innen\n']
  ];
  for (let i = 0; i < files.length; i++) {
    const t = Math.floor((T0 + i * DAY) / 1000);
    lines.push(
      'commit refs/heads/main',
      `mark :${i + 1}`,
      `author Alice Example <alice@ulm.de> ${t} +0000`,
      `committer Alice Example <alice@ulm.de> ${t} +0000`
    );
    data(`Add ${files[i][0]}\n`);
    if (i > 0) lines.push(`from :${i}`);
    lines.push(`M 100644 inline ${files[i][0]}`);
    data(files[i][1]);
  }
  lines.push('reset refs/tags/v1.0.0', 'from :2', '');
  lines.push('tag v1.1.0', 'from :3', `tagger Alice Example <alice@ulm.de> ${Math.floor((T0 + 3 * DAY) / 1000)} +0000`);
  data('Version 1.1.0\n');
  execFileSync('git', ['--git-dir', gitDir, 'fast-import', '--quiet'], { input: lines.join('\n') + '\n' });
}

let nextId = 1;

function comment(author: string, t: number, system = false): WorldComment {
  const id = 500_000 + nextId++;
  return {
    id,
    author,
    body: system ? 'changed the description' : `Kommentar ${id}`,
    createdAt: iso(t),
    updatedAt: iso(t),
    system: system || undefined
  };
}

/**
 * Items numbered 1..count: every third one a pull/merge request. Times grow with the number;
 * every fourth item is closed, pulls divisible by six (not four) are merged, by nine closed.
 */
export function makeItems(count: number, authors: string[], forge: 'github' | 'gitlab', idBase: number): WorldItem[] {
  const items: WorldItem[] = [];
  let issueIid = 0;
  let mrIid = 0;
  for (let i = 1; i <= count; i++) {
    const kind: WorldItem['kind'] = i % 3 === 0 ? 'pull' : 'issue';
    const created = T0 + i * HOUR;
    const updated = created + (i % 5) * DAY;
    const merged = kind === 'pull' && i % 6 === 0 && i % 4 !== 0;
    const closed = merged || i % 4 === 0 || (kind === 'pull' && i % 9 === 0);
    const author = authors[i % authors.length];
    const other = authors[(i + 1) % authors.length];
    const comments: WorldComment[] = [];
    for (let c = 0; c < i % 4; c++) comments.push(comment(other, created + (c + 1) * HOUR));
    if (forge === 'gitlab' && i % 5 === 0) comments.push(comment(author, created + 2 * HOUR, true));
    const number = forge === 'github' ? i : kind === 'pull' ? ++mrIid : ++issueIid;
    items.push({
      id: idBase + i,
      number,
      kind,
      title: `${kind === 'pull' ? 'Änderung' : 'Fehler'} ${i} <script>`,
      body: `Beschreibung ${i}`,
      author,
      state: merged ? 'merged' : closed ? 'closed' : 'open',
      labels: i % 2 === 0 ? ['bug'] : [],
      createdAt: iso(created),
      updatedAt: iso(updated),
      closedAt: closed ? iso(updated) : null,
      mergedAt: merged ? iso(updated) : null,
      closedBy: closed ? other : null,
      comments,
      reviews:
        forge === 'github' && kind === 'pull'
          ? [
              {
                id: 700_000 + i,
                author: other,
                state: i % 2 ? 'APPROVED' : 'COMMENTED',
                body: 'LGTM',
                submittedAt: iso(created + 3 * HOUR)
              }
            ]
          : [],
      reviewComments: forge === 'github' && kind === 'pull' ? [comment(other, created + 4 * HOUR)] : []
    });
  }
  return items;
}

function releases(idBase: number): WorldRelease[] {
  return [
    {
      id: idBase + 1,
      tagName: 'v1.0.0',
      name: 'Version 1.0.0',
      body: 'Erste Version',
      author: 'alice',
      createdAt: iso(T0 + 2 * DAY),
      publishedAt: iso(T0 + 2 * DAY),
      draft: false,
      prerelease: false
    },
    {
      id: idBase + 2,
      tagName: 'v1.1.0',
      name: 'Version 1.1.0',
      body: 'Zweite Version',
      author: 'alice',
      createdAt: iso(T0 + 4 * DAY),
      publishedAt: iso(T0 + 4 * DAY),
      draft: false,
      prerelease: false
    },
    {
      id: idBase + 3,
      tagName: 'v2.0.0',
      name: 'Entwurf',
      body: 'Noch nicht fertig',
      author: 'alice',
      createdAt: iso(T0 + 9 * DAY),
      publishedAt: iso(T0 + 9 * DAY),
      draft: true,
      prerelease: false
    }
  ];
}

function repo(partial: Partial<WorldRepository> & Pick<WorldRepository, 'forge' | 'id' | 'path' | 'gitDir'>): WorldRepository {
  return {
    previousPaths: [],
    description: `Repository ${partial.path}`,
    defaultBranch: 'main',
    archived: false,
    visibility: 'public',
    licenseSpdx: 'EUPL-1.2',
    topics: ['kommune', 'open-source'],
    hasIssues: true,
    createdAt: iso(T0),
    pushedAt: iso(T0 + 3 * DAY),
    forkOf: null,
    items: [],
    releases: [],
    stars: 12,
    ...partial
  };
}

function account(
  forge: 'github' | 'gitlab',
  id: number,
  login: string,
  type: WorldAccount['type'],
  name: string | null,
  parentPath?: string
): WorldAccount {
  return { forge, id, login, type, name, createdAt: iso(T0 - 100 * DAY), ...(parentPath ? { parentPath } : {}) };
}

export interface FixtureOptions {
  /** Items in the main GitHub repository (default 75). */
  githubItems?: number;
  /** Items in the main GitLab project (default 45). */
  gitlabItems?: number;
  dir?: string;
}

export function makeFixtureWorld(opts: FixtureOptions = {}): World {
  nextId = 1;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'allmende-emu-'));
  const ghDir = (p: string) => join(dir, 'git', 'github', `${p}.git`);
  const glDir = (p: string) => join(dir, 'git', 'gitlab', `${p}.git`);
  const paths = {
    gh: ['stadt-ulm/terminbuchung', 'stadt-dortmund/terminbuchung', 'stadt-ulm/geheim', 'stadt-ulm/leer'],
    gl: ['ulm/terminbuchung', 'ulm/digital/formulare', 'ulm/digital/terminbuchung-fork', 'ulm/intern']
  };
  for (const p of paths.gh) if (p !== 'stadt-ulm/leer') makeBareRepo(ghDir(p), p.split('/')[1]);
  execFileSync('git', ['init', '--bare', '-q', ghDir('stadt-ulm/leer')]);
  for (const p of paths.gl) makeBareRepo(glDir(p), p.split('/').at(-1) ?? p);

  const ghAuthors = ['alice', 'bob', 'dependabot[bot]'];
  const glAuthors = ['carla', 'dieter', 'renovate-bot'];
  return {
    seed: 'fixture',
    size: 'tiny',
    now: '2024-06-01T00:00:00Z',
    dir,
    github: {
      kind: 'github',
      tokens: [...GITHUB_TOKENS],
      accounts: [
        account('github', 100, 'stadt-ulm', 'Organization', 'Stadt Ulm'),
        account('github', 101, 'stadt-dortmund', 'Organization', 'Stadt Dortmund'),
        account('github', 1, 'alice', 'User', 'Alice Example'),
        account('github', 2, 'bob', 'User', 'Bob Beispiel'),
        account('github', 3, 'dependabot[bot]', 'Bot', null)
      ],
      repositories: [
        repo({
          forge: 'github',
          id: 1000,
          path: 'stadt-ulm/terminbuchung',
          previousPaths: ['stadt-ulm/termine'],
          gitDir: ghDir('stadt-ulm/terminbuchung'),
          items: makeItems(opts.githubItems ?? 75, ghAuthors, 'github', 10_000),
          releases: releases(300),
          stars: 42,
          protection: { via: 'ruleset', forcePushBlocked: true }
        }),
        repo({
          forge: 'github',
          id: 1001,
          path: 'stadt-dortmund/terminbuchung',
          gitDir: ghDir('stadt-dortmund/terminbuchung'),
          forkOf: 'stadt-ulm/terminbuchung',
          createdAt: iso(T0 + 10 * DAY),
          licenseSpdx: 'GPL-3.0-or-later',
          protection: { via: 'classic', forcePushBlocked: true }
        }),
        repo({ forge: 'github', id: 1002, path: 'stadt-ulm/geheim', gitDir: ghDir('stadt-ulm/geheim'), visibility: 'private' }),
        repo({
          forge: 'github',
          id: 1003,
          path: 'stadt-ulm/leer',
          gitDir: ghDir('stadt-ulm/leer'),
          licenseSpdx: null,
          hasIssues: false,
          archived: true,
          createdAt: iso(T0 + 20 * DAY)
        })
      ]
    },
    gitlab: {
      kind: 'gitlab',
      tokens: [...GITLAB_TOKENS],
      accounts: [
        account('gitlab', 200, 'ulm', 'Group', 'Stadt Ulm'),
        account('gitlab', 201, 'ulm/digital', 'Group', 'Digitales', 'ulm'),
        account('gitlab', 10, 'carla', 'User', 'Carla Müller'),
        account('gitlab', 11, 'dieter', 'User', 'Dieter Groß'),
        account('gitlab', 12, 'renovate-bot', 'Bot', 'Renovate Bot')
      ],
      repositories: [
        repo({
          forge: 'gitlab',
          id: 2000,
          path: 'ulm/terminbuchung',
          gitDir: glDir('ulm/terminbuchung'),
          items: makeItems(opts.gitlabItems ?? 45, glAuthors, 'gitlab', 20_000),
          releases: releases(400).map((r) => ({ ...r, author: 'carla' })),
          protection: { via: 'protected-branch', forcePushBlocked: true, pushAccessLevel: 40 }
        }),
        repo({
          forge: 'gitlab',
          id: 2001,
          path: 'ulm/digital/formulare',
          previousPaths: ['ulm/formulare'],
          gitDir: glDir('ulm/digital/formulare'),
          hasIssues: false,
          createdAt: iso(T0 + 5 * DAY),
          protection: { via: 'protected-branch', forcePushBlocked: true, settingsHidden: true }
        }),
        repo({
          forge: 'gitlab',
          id: 2002,
          path: 'ulm/digital/terminbuchung-fork',
          gitDir: glDir('ulm/digital/terminbuchung-fork'),
          forkOf: 'ulm/terminbuchung',
          createdAt: iso(T0 + 6 * DAY)
        }),
        repo({ forge: 'gitlab', id: 2003, path: 'ulm/intern', gitDir: glDir('ulm/intern'), visibility: 'private' })
      ]
    },
    people: [],
    catalog: {
      organisations: [
        {
          id: 'ulm',
          name: 'Stadt Ulm',
          kind: 'municipality',
          region: 'DE-BW',
          domains: ['ulm.de'],
          accounts: ['github:stadt-ulm', 'opencode:ulm']
        }
      ],
      projects: [
        {
          id: 'terminbuchung',
          name: 'Terminbuchung',
          owner: 'ulm',
          repositories: ['github:stadt-ulm/terminbuchung', 'opencode:ulm/terminbuchung']
        }
      ]
    }
  };
}
