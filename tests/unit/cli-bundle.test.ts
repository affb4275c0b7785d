/** The precompiled CLI (bin/cli-bundle.js): built once, rebuilt when a source changed, runnable on its own. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledCli } from '../../bin/cli-bundle.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const made: string[] = [];

/** A cache of its own below node_modules, where the bundle's packages resolve as they do for the real one. */
function cacheDir(): string {
  const parent = join(ROOT, 'node_modules', '.cache');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'allmende-cli-test-'));
  made.push(dir);
  return dir;
}

describe('CLI bundle', () => {
  const saved = process.env.ALLMENDE_NO_BUNDLE;
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.ALLMENDE_NO_BUNDLE;
    else process.env.ALLMENDE_NO_BUNDLE = saved;
  });

  it('is built into the cache, lists its sources and keeps each module’s own import.meta.url', async () => {
    delete process.env.ALLMENDE_NO_BUNDLE;
    const cache = cacheDir();
    const url = await bundledCli(cache);
    expect(url).toBe(pathToFileURL(join(cache, 'cli.mjs')).href);
    const manifest = JSON.parse(readFileSync(join(cache, 'manifest.json'), 'utf8')) as { inputs: Record<string, unknown> };
    expect(Object.keys(manifest.inputs)).toEqual(expect.arrayContaining(['jobs/cli.ts', 'db/index.ts', 'bin/cli-bundle.js']));
    const code = readFileSync(join(cache, 'cli.mjs'), 'utf8');
    // The migrations are found beside db/index.ts, not beside the bundle.
    expect(code).toContain(JSON.stringify(pathToFileURL(join(ROOT, 'db/index.ts')).href));
    expect(code).not.toMatch(/\bimport\.meta\.url\b/);
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(url)}); process.exitCode = await m.main(['node', 'allmende', '--help']);`
      ],
      { encoding: 'utf8', cwd: ROOT }
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('collect');
  });

  it('is reused while its sources are unchanged and rebuilt when one changed', async () => {
    delete process.env.ALLMENDE_NO_BUNDLE;
    const cache = cacheDir();
    await bundledCli(cache);
    const bundle = join(cache, 'cli.mjs');
    const built = statSync(bundle).mtimeMs;
    await bundledCli(cache);
    expect(statSync(bundle).mtimeMs).toBe(built);
    // A manifest whose size of jobs/cli.ts differs from the file's: as if the file had been edited.
    const file = join(cache, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { inputs: Record<string, [number, number]> };
    manifest.inputs['jobs/cli.ts'] = [manifest.inputs['jobs/cli.ts'][0], manifest.inputs['jobs/cli.ts'][1] + 1];
    writeFileSync(file, JSON.stringify(manifest));
    await new Promise((ok) => setTimeout(ok, 20));
    await bundledCli(cache);
    expect(statSync(bundle).mtimeMs).toBeGreaterThan(built);
    const rebuilt = JSON.parse(readFileSync(file, 'utf8')) as { inputs: Record<string, [number, number]> };
    expect(rebuilt.inputs['jobs/cli.ts'][1]).toBe(statSync(join(ROOT, 'jobs/cli.ts')).size);
  });

  it('is not used when ALLMENDE_NO_BUNDLE is set (bin/allmende.js then runs the sources through tsx)', async () => {
    process.env.ALLMENDE_NO_BUNDLE = '1';
    expect(await bundledCli(cacheDir())).toBeNull();
  });
});
