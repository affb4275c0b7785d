/**
 * Benchmark: collection cost (DESIGN §10). The `demo` world served by the forge emulator, collected
 * by the real collectors (`collect`, git included) three times: first, repeat with nothing changed,
 * and after the world moved on by a week. Requests are counted by the emulator.
 *
 * Targets: first full collection ≤ 1.2 × Σ ceil(items/100) over the endpoints (reviews and GitLab
 * notes exist per item only, so one request per item that has them), plus the default branch's
 * protection (GitHub: the branch and its rules, 2; GitLab: the branch, and the settings of a
 * protected one, 1–2; tests/collectors/harness.ts minimalRequests); ≤ 1 rate-limited request per
 * unchanged repository on a repeat run (the protection is read at most once a day).
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { closeDatabase, openDatabase } from '../db/index';
import { collect } from '../jobs/collect';
import { derive } from '../jobs/derive/index';
import { loadOrCreateSecret } from '../src/lib/identity/secret';
import { loadCatalog } from '../src/lib/catalog/load';
import { resolveDataPaths } from '../src/lib/paths';
import { minimalRequests } from '../tests/collectors/harness';
import { tempDir } from '../tests/helpers/db';
import type { AdvanceResult } from '../tests/world/advance';
import { loadWorld, type WorldSize } from '../tests/world/generate';
import { startEmulatorProcess } from './emulator-process';

export interface CollectionRun {
  seconds: number;
  apiRequests: number;
  rateLimited: number;
  notModified: number;
  /** Requests per token (the emulator's count; tokens are the world's test tokens). */
  byToken: Record<string, number>;
  /** Requests per endpoint ("<method> <route template>"). */
  byEndpoint: Record<string, number>;
}

export interface CollectionResult {
  world: string;
  repositories: number;
  minimalApiRequests: number;
  first: CollectionRun & { ratioToMinimal: number };
  repeat: CollectionRun & { rateLimitedPerRepository: number };
  afterAdvance?: CollectionRun & { changedRepositories: number };
  /** Repositories per forge (GitHub, GitLab/OpenCoDE). */
  byForge: { github: number; gitlab: number };
}

export interface CollectionOptions {
  /** Where to copy the collected and derived database (the Lighthouse benchmark reads the demo world from it). */
  keep?: string;
  /** Budget per token and hour in the emulator (default GitHub's 5,000). */
  rateLimitPerHour?: number;
  /** Also collect after the world moved on 7 days (default true). */
  advance?: boolean;
}

export async function benchCollection(size: WorldSize = 'demo', options: CollectionOptions | string = {}): Promise<CollectionResult> {
  const { keep, rateLimitPerHour, advance = true } = typeof options === 'string' ? { keep: options } : options;
  const dir = tempDir('allmende-bench-collect-');
  const emulator = await startEmulatorProcess({
    seed: 'allmende-bench',
    size,
    dir: join(dir, 'world'),
    catalogFile: join(dir, 'catalog.yml'),
    ...(rateLimitPerHour ? { rateLimitPerHour } : {})
  });
  try {
    // The world as the emulator generated it, for the tokens and the minimal requests; not kept.
    const { now, tokens, repositories, minimal, byForge } = await worldFigures(join(dir, 'world'));
    process.env.GITHUB_TOKEN = tokens.github;
    process.env.OPENCODE_TOKEN = tokens.gitlab;
    const paths = resolveDataPaths({ data: join(dir, 'data') }, {});
    const db = openDatabase(paths.dbFile);
    const catalog = loadCatalog(emulator.catalogFile);

    const run = async (): Promise<CollectionRun> => {
      await emulator.resetStats();
      const started = performance.now();
      await collect({ db, catalog, paths, trigger: 'test' });
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const stats = await emulator.stats();
      return {
        seconds,
        apiRequests: stats.requests,
        rateLimited: stats.rateLimited,
        notModified: stats.notModified,
        byToken: stats.byToken,
        byEndpoint: stats.byEndpoint
      };
    };
    const first = await run();
    const repeat = await run();
    const advanced = advance ? await emulator.advance(7) : null;
    const afterAdvance = advanced ? await run() : null;
    if (keep) {
      // Derived as `npm run demo` does (as of the world's day), so the copy is what the dashboard shows.
      await derive(db, catalog, { asOf: (advanced?.now ?? now).slice(0, 10), secret: loadOrCreateSecret(paths.dataDir) });
    }
    closeDatabase(db);
    if (keep) copyFileSync(paths.dbFile, keep);
    return {
      world: size,
      repositories,
      minimalApiRequests: minimal,
      first: { ...first, ratioToMinimal: Math.round((first.apiRequests / minimal) * 1000) / 1000 },
      repeat: { ...repeat, rateLimitedPerRepository: Math.round((repeat.rateLimited / repositories) * 100) / 100 },
      ...(afterAdvance && advanced
        ? { afterAdvance: { ...afterAdvance, changedRepositories: (advanced.result as AdvanceResult).repositories.length } }
        : {}),
      byForge
    };
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the benchmark needs of the world: its tokens, its public repositories and the requests they need at least. */
async function worldFigures(dir: string) {
  const world = await loadWorld(dir);
  const repositories = [...world.github.repositories, ...world.gitlab.repositories].filter((r) => r.visibility === 'public');
  return {
    now: world.now,
    tokens: { github: world.github.tokens[0], gitlab: world.gitlab.tokens[0] },
    repositories: repositories.length,
    minimal: repositories.reduce((n, r) => n + minimalRequests(world, r), 0),
    byForge: {
      github: repositories.filter((r) => r.forge === 'github').length,
      gitlab: repositories.filter((r) => r.forge === 'gitlab').length
    }
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchCollection((process.argv[2] as WorldSize) ?? 'demo'), null, 2));
}
