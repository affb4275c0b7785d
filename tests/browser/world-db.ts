/**
 * The database the browser tests run on: the `tiny` offline forge world (tests/world/), served by the
 * forge emulator, collected and derived by the real pipeline (jobs/pipeline.ts), with a few past days
 * derived for the recorded changes (derivePastDays) — what `npm run demo` does, at test size.
 *
 * Several browser test files start at the same time; the world is generated and collected once per
 * test run into a cache directory keyed by the seed (test-results/browser-world/<seed>/), guarded by a
 * lock directory like the build. The cache is reused while no input of the pipeline changed (same rule
 * as the build: newest source mtime). Within one vitest run it is never rebuilt, even when someone edits
 * a source meanwhile, so all files of a run see the same data. Each dashboard gets its own copy of the
 * database.
 *
 * Untrusted text: before the emulator starts, one repository's description and one of its issue titles
 * are set to XSS_TEXT and its project's catalog name gets XSS_MARKUP, so the `<script>` checks go
 * through the catalog, the collectors, the database and the pages like any other forge text.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeDatabase, openDatabase } from '../../db/index';
import { collectAndDerive, derivePastDays } from '../../jobs/pipeline';
import { loadCatalog } from '../../src/lib/catalog/load';
import { resolveDataPaths } from '../../src/lib/paths';
import { writeCatalogFor } from '../emulator/catalog';
import { startEmulator } from '../emulator/server';
import { generateWorld, readTruth, type WorldTruth } from '../world/generate';
import type { World, WorldRepository } from '../world/model';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The seed of the browser tests' world (ALLMENDE_BROWSER_SEED overrides it). */
export const WORLD_SEED = process.env.ALLMENDE_BROWSER_SEED ?? 'allmende';

/** Forge text that must show as text: a repository description and an issue title carry it. */
export const XSS_MARKUP = '<script>alert("xss")</script>';
export const XSS_TEXT = `${XSS_MARKUP} Terminverwaltung`;

const CACHE_ROOT = join(ROOT, 'test-results/browser-world');
const CACHE = join(CACHE_ROOT, WORLD_SEED.replace(/[^A-Za-z0-9_-]/g, '_'));
const LOCK = `${CACHE}.lock`;
const META = 'meta.json';

/** Inputs of the collected database: when one is newer than the cache, the cache is rebuilt. */
const INPUTS = ['jobs', 'src/lib', 'src/queries', 'db', 'tests/world', 'tests/emulator', 'tests/browser/world-db.ts', 'package-lock.json'];

export interface WorldMeta {
  seed: string;
  /** vitest's main process (the parent of the test file workers) that built the cache. */
  run: number;
  /** Where the XSS text went: the catalog project (renamed), its forge repository and the issue number. */
  xss: { project: string; projectName: string; forge: 'github' | 'gitlab'; repository: string; issue: number | null };
  collected: { repositories: number; failed: number; requests: number; items: number; seconds: number };
}

export interface BrowserWorld {
  /** The cached, collected database; copy it before use (copyDatabase). */
  dbFile: string;
  /** The generated world on disk (truth.json, world.json, bare repositories). */
  worldDir: string;
  truth: WorldTruth;
  meta: WorldMeta;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function readMeta(): WorldMeta | null {
  try {
    return JSON.parse(readFileSync(join(CACHE, META), 'utf8')) as WorldMeta;
  } catch {
    return null;
  }
}

/** The cache is usable when it is complete and either built in this run or newer than every input. */
function cacheIsCurrent(): boolean {
  const meta = readMeta();
  if (!meta || meta.seed !== WORLD_SEED || !existsSync(join(CACHE, 'data/allmende.db'))) return false;
  if (meta.run === process.ppid) return true;
  const built = statSync(join(CACHE, META)).mtimeMs;
  return INPUTS.every((p) => newestMtime(join(ROOT, p)) <= built);
}

/**
 * Puts XSS_TEXT into the description of a public repository of a catalog project and into one of its
 * issue titles, and XSS_MARKUP into that project's catalog name (names reach every page, the badge and
 * the exports).
 */
function plantUntrustedText(world: World): WorldMeta['xss'] {
  const forgeIds: Record<'github' | 'gitlab', string> = { github: 'github', gitlab: 'opencode' };
  const projects = (world.catalog.projects ?? []) as { id: string; name: string; repositories: string[] }[];
  const usable = (r: WorldRepository) => r.visibility === 'public' && !r.archived && r.forkOf === null && r.previousPaths.length === 0;
  const pairs = projects.flatMap((project) =>
    [...world.github.repositories, ...world.gitlab.repositories]
      .filter((r) => usable(r) && project.repositories.includes(`${forgeIds[r.forge]}:${r.path}`))
      .map((repo) => ({ project, repo }))
  );
  const pair = pairs.find((p) => p.repo.items.some((i) => i.kind === 'issue')) ?? pairs[0];
  if (!pair) throw new Error('Die Welt hat kein öffentliches Repository eines Katalogprojekts für den <script>-Test.');
  const { project, repo } = pair;
  repo.description = XSS_TEXT;
  const issue = repo.items.find((i) => i.kind === 'issue') ?? null;
  if (issue) issue.title = XSS_TEXT;
  project.name = `${project.name} ${XSS_MARKUP}`;
  return { project: project.id, projectName: project.name, forge: repo.forge, repository: repo.path, issue: issue?.number ?? null };
}

async function build(target: string): Promise<void> {
  const t0 = Date.now();
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const worldDir = join(target, 'world');
  const world = await generateWorld({ seed: WORLD_SEED, size: 'tiny', dir: worldDir });
  const xss = plantUntrustedText(world);
  const emulator = await startEmulator(world);
  const saved = { github: process.env.GITHUB_TOKEN, opencode: process.env.OPENCODE_TOKEN };
  try {
    const catalogFile = join(target, 'catalog.yml');
    writeCatalogFor(world, emulator.url, catalogFile);
    process.env.GITHUB_TOKEN = world.github.tokens[0] ?? '';
    process.env.OPENCODE_TOKEN = world.gitlab.tokens[0] ?? '';
    const paths = resolveDataPaths({ data: join(target, 'data') }, {});
    const db = openDatabase(paths.dbFile);
    try {
      const catalog = loadCatalog(catalogFile);
      const asOf = world.now.slice(0, 10);
      const summary = await collectAndDerive({ db, catalog, paths, trigger: 'test', asOf });
      // Past days too, as the demo does: the overview's „Was hat sich geändert“ and the feeds have a history.
      await derivePastDays({ db, catalog, paths, asOf });
      const meta: WorldMeta = {
        seed: WORLD_SEED,
        run: process.ppid,
        xss,
        collected: {
          repositories: summary.repositories,
          failed: summary.failed,
          requests: summary.requests,
          items: summary.items,
          seconds: Math.round((Date.now() - t0) / 100) / 10
        }
      };
      writeFileSync(join(target, 'meta.pending.json'), JSON.stringify(meta, null, 2));
    } finally {
      closeDatabase(db);
    }
  } finally {
    for (const [name, value] of [
      ['GITHUB_TOKEN', saved.github],
      ['OPENCODE_TOKEN', saved.opencode]
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await emulator.close();
  }
  // The clones are not needed by the dashboard; the world's bare repositories stay for truth.
  rmSync(join(target, 'data/git'), { recursive: true, force: true });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The collected world database, built at most once per test run. Safe when several test files call it
 * at once: one builds (lock directory), the others wait and reuse its result.
 */
export async function ensureWorldDatabase(): Promise<BrowserWorld> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (cacheIsCurrent()) return open();
    mkdirSync(CACHE_ROOT, { recursive: true });
    try {
      mkdirSync(LOCK);
    } catch {
      // Another test file collects; a lock older than 5 minutes is left over from a killed run.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('Zeitüberschreitung beim Warten auf die Datenbank der Browser-Tests.');
      await sleep(500);
      continue;
    }
    try {
      if (cacheIsCurrent()) return open();
      // meta.json is written last: a cache without it is incomplete and never read.
      await build(CACHE);
      renameSync(join(CACHE, 'meta.pending.json'), join(CACHE, META));
      return open();
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

async function open(): Promise<BrowserWorld> {
  const worldDir = join(CACHE, 'world');
  return { dbFile: join(CACHE, 'data/allmende.db'), worldDir, truth: await readTruth(worldDir), meta: readMeta()! };
}

/** Copies the cached database to `file` (each dashboard server gets its own). */
export function copyDatabase(world: BrowserWorld, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  copyFileSync(world.dbFile, file);
}
