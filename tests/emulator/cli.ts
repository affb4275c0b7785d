/**
 * npm run emulator -- --world <tiny|demo|bench|SEED> [--seed S] [--port N] [--catalog FILE] [--dir DIR] [--rate-limit N]
 *
 * Generates the world (tests/world/generate.ts) into DIR (default: a temporary directory), starts
 * the forge emulator, writes the catalog for it, prints the tokens to export and finally
 * `emulator ready http://127.0.0.1:PORT` on a line of its own. Stops on SIGTERM/SIGINT. --rate-limit sets
 * the budget per token and hour (default GitHub's 5,000).
 * A --world value that is not a size is taken as the seed (size tiny).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { World } from '../world/model';
import { writeCatalogFor } from './catalog';
import { startEmulator } from './server';

export { writeCatalogFor, catalogFor, cloneBaseFor } from './catalog';

const SIZES = ['tiny', 'demo', 'bench'] as const;
type Size = (typeof SIZES)[number];

type GenerateWorld = (o: { seed: string; size: Size; dir: string; now?: string }) => Promise<World>;

const USAGE =
  'usage: emulator --world <tiny|demo|bench|SEED> [--seed S] [--port N] [--catalog FILE] [--dir DIR] [--now ISO] [--rate-limit N]';

export async function main(argv: string[]): Promise<void> {
  let values: {
    world?: string;
    seed?: string;
    port?: string;
    catalog?: string;
    dir?: string;
    now?: string;
    'rate-limit'?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        world: { type: 'string', default: 'tiny' },
        seed: { type: 'string' },
        port: { type: 'string' },
        catalog: { type: 'string' },
        dir: { type: 'string' },
        now: { type: 'string' },
        'rate-limit': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    }));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const worldArg = values.world ?? 'tiny';
  const size: Size = (SIZES as readonly string[]).includes(worldArg) ? (worldArg as Size) : 'tiny';
  const seed = values.seed ?? ((SIZES as readonly string[]).includes(worldArg) ? 'allmende' : worldArg);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, got ${values.port}\n${USAGE}`);
    process.exit(2);
  }

  const rateLimit = values['rate-limit'] === undefined ? undefined : Number(values['rate-limit']);
  if (rateLimit !== undefined && !(Number.isInteger(rateLimit) && rateLimit > 0)) {
    console.error(`--rate-limit must be a positive whole number, got ${values['rate-limit']}\n${USAGE}`);
    process.exit(2);
  }

  const tempDir = values.dir ? null : mkdtempSync(join(tmpdir(), 'allmende-world-'));
  const dir = values.dir ? resolve(values.dir) : (tempDir as string);
  const spec = '../world/generate.ts';
  let generateWorld: GenerateWorld;
  try {
    ({ generateWorld } = (await import(/* @vite-ignore */ spec)) as { generateWorld: GenerateWorld });
  } catch (e) {
    console.error(`cannot load the world generator (tests/world/generate.ts): ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  console.error(`generating world size=${size} seed=${seed} in ${dir} …`);
  const world = await generateWorld({ seed, size, dir, ...(values.now ? { now: values.now } : {}) });
  const emulator = await startEmulator(world, { port, ...(rateLimit ? { rateLimitPerHour: rateLimit } : {}) });

  const tempCatalogDir = values.catalog ? null : mkdtempSync(join(tmpdir(), 'allmende-catalog-'));
  const catalogFile = values.catalog ? resolve(values.catalog) : join(tempCatalogDir as string, 'catalog.yml');
  writeCatalogFor(world, emulator.url, catalogFile);

  console.log(`world: ${world.github.repositories.length} GitHub and ${world.gitlab.repositories.length} GitLab repositories in ${dir}`);
  console.log(`catalog: ${catalogFile}`);
  console.log(`export GITHUB_TOKEN=${world.github.tokens[0] ?? ''}`);
  console.log(`export OPENCODE_TOKEN=${world.gitlab.tokens[0] ?? ''}`);
  console.log(`emulator ready ${emulator.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: stopping emulator`);
    await emulator.close();
    if (tempCatalogDir) rmSync(tempCatalogDir, { recursive: true, force: true });
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  });
}
