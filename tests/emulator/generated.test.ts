/**
 * The emulator over a generated world (tests/world/generate.ts): every repository answers with what
 * the world holds, the catalog for it is valid, clones work, the world advances, and the CLI starts
 * and stops.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Gitlab } from '@gitbeaker/rest';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalogSchema } from '../../src/lib/catalog/schema';
import { generateWorld } from '../world/generate';
import type { World } from '../world/model';
import { writeCatalogFor } from './catalog';
import { startEmulator, type Emulator } from './server';

const execFileAsync = promisify(execFile);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

describe('emulator over a generated world', () => {
  let world: World;
  let emu: Emulator;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'allmende-emu-gen-'));
    world = await generateWorld({ seed: 'emulator-test', size: 'tiny', dir: join(tmp, 'world') });
    emu = await startEmulator(world);
  });

  afterAll(async () => {
    await emu?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('serves every public GitHub repository with all its issues and pull requests, one request per 100', async () => {
    const octokit = new Octokit({ baseUrl: `${emu.url}/github`, auth: world.github.tokens[0] });
    emu.resetStats();
    let expectedRequests = 0;
    for (const repo of world.github.repositories.filter((r) => r.visibility === 'public')) {
      const [owner, name] = [repo.path.slice(0, repo.path.indexOf('/')), repo.path.slice(repo.path.indexOf('/') + 1)];
      const items = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo: name, state: 'all', per_page: 100 });
      const expected = repo.items.filter((i) => repo.hasIssues || i.kind === 'pull');
      expect(items.length, repo.path).toBe(expected.length);
      expectedRequests += Math.max(1, Math.ceil(expected.length / 100));
    }
    expect(emu.stats().requests).toBe(expectedRequests);
  });

  it('serves every public GitLab project with its issues and merge requests', async () => {
    const api = new Gitlab({ host: `${emu.url}/gitlab`, token: world.gitlab.tokens[0] });
    for (const repo of world.gitlab.repositories.filter((r) => r.visibility === 'public')) {
      const project = await api.Projects.show(repo.path);
      expect(project.id).toBe(repo.id);
      const mrs = await api.MergeRequests.all({ projectId: repo.id, perPage: 100 });
      expect(mrs.length, repo.path).toBe(repo.items.filter((i) => i.kind === 'pull').length);
      if (repo.hasIssues) {
        const issues = await api.Issues.all({ projectId: repo.id, perPage: 100 });
        expect(issues.length, repo.path).toBe(repo.items.filter((i) => i.kind === 'issue').length);
      }
    }
  });

  it('redirects renamed GitHub repositories and hides private ones', async () => {
    for (const repo of world.github.repositories) {
      for (const old of repo.previousPaths) {
        const res = await fetch(`${emu.url}/github/repos/${old}`, {
          redirect: 'manual',
          headers: { authorization: `token ${world.github.tokens[0]}` }
        });
        expect(res.status, old).toBe(repo.visibility === 'public' ? 301 : 404);
      }
      if (repo.visibility === 'private') {
        expect((await fetch(`${emu.url}/github/repos/${repo.path}`)).status).toBe(404);
      }
    }
  });

  it('writes a valid catalog whose forges point at the emulator and whose clone URLs work', async () => {
    const file = join(tmp, 'catalog.yml');
    writeCatalogFor(world, emu.url, file);
    const parsed = catalogSchema.safeParse(parse(readFileSync(file, 'utf8')));
    expect(parsed.success, JSON.stringify(parsed.error?.issues?.slice(0, 3))).toBe(true);
    const forges = parsed.data?.forges ?? [];
    expect(forges.map((f) => [f.id, f.type, f.api, f.token])).toEqual([
      ['github', 'github', `${emu.url}/github`, 'env:GITHUB_TOKEN'],
      ['opencode', 'gitlab', `${emu.url}/gitlab/api/v4`, 'env:OPENCODE_TOKEN']
    ]);
    const gh = forges[0];
    const repo = world.github.repositories.find((r) => r.visibility === 'public') as World['github']['repositories'][number];
    await execFileAsync('git', ['clone', '-q', '--bare', `${gh.clone}/${repo.path}.git`, join(tmp, 'clone.git')]);
    const head = async (dir: string) => (await execFileAsync('git', ['--git-dir', dir, 'rev-parse', 'HEAD'])).stdout.trim();
    expect(await head(join(tmp, 'clone.git'))).toBe(await head(repo.gitDir));
  });

  it('advances the world over HTTP and answers what changed; list ETags change with it', async () => {
    const repo = world.gitlab.repositories.find((r) => r.visibility === 'public' && r.hasIssues) ?? world.gitlab.repositories[0];
    const url = `${emu.url}/gitlab/api/v4/projects/${repo.id}/issues?per_page=100`;
    const before = await fetch(url, { headers: { 'private-token': world.gitlab.tokens[0] } });
    await before.arrayBuffer();
    const res = await fetch(`${emu.url}/_emulator/advance`, { method: 'POST', body: JSON.stringify({ days: 30 }) });
    const body = (await res.json()) as {
      now: string;
      from: string;
      before: { issues: number };
      after: { issues: number };
      result?: Record<string, unknown>;
    };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(Date.parse(body.now) - Date.parse(body.from)).toBe(30 * 86_400_000);
    expect(body.after.issues).toBeGreaterThanOrEqual(body.before.issues);
    expect(body.result).not.toHaveProperty('truth');
    expect(emu.world.now).toBe(body.now);
    const again = await fetch(url, {
      headers: { 'private-token': world.gitlab.tokens[0], 'if-none-match': before.headers.get('etag') ?? '' }
    });
    // The project's issues changed or did not; either way the answer is consistent with the world.
    const now = repo.items.filter((i) => i.kind === 'issue').length;
    if (again.status === 200) expect(((await again.json()) as unknown[]).length).toBe(Math.min(100, now));
    else expect(again.status).toBe(304);
  });
});

describe('cli', () => {
  it('generates, serves, writes the catalog, prints tokens and "emulator ready", stops on SIGTERM', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'allmende-emu-cli-'));
    const catalog = join(tmp, 'catalog.yml');
    const tsx = here('../../node_modules/.bin/tsx');
    const child = spawn(
      tsx,
      [here('./cli.ts'), '--world', 'tiny', '--seed', 'cli-test', '--dir', join(tmp, 'world'), '--catalog', catalog],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    );
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "emulator ready" line: ${out}`)), 90_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^emulator ready (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.on('exit', (code) => reject(new Error(`cli exited with ${code}: ${out}`)));
      });
      expect(out).toMatch(/^export GITHUB_TOKEN=\S+$/m);
      expect(out).toMatch(/^export OPENCODE_TOKEN=\S+$/m);
      expect(out).toContain(`catalog: ${catalog}`);
      const stats = (await (await fetch(`${url}/_emulator/stats`)).json()) as { repositories: number; requests: number };
      expect(stats.repositories).toBeGreaterThan(0);
      expect(stats.requests).toBe(0);
      expect(readFileSync(catalog, 'utf8')).toContain(`api: ${url}/github`);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);
});
