/**
 * Worlds for the collector tests: the generator's world (tests/world/generate.ts). A failing
 * generator fails the tests. ALLMENDE_TEST_FIXTURE_WORLD=1 (a quick local run, README.md) uses the
 * emulator's hand-made fixture world instead.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFixtureWorld } from '../emulator/fixture';
import { generateWorld } from '../world/generate';
import type { World } from '../world/model';

const cache = new Map<string, World>();

export async function testWorld(size: 'tiny' | 'demo' = 'tiny', seed = 'collectors'): Promise<{ world: World; generated: boolean }> {
  if (process.env.ALLMENDE_TEST_FIXTURE_WORLD) {
    return {
      world: makeFixtureWorld({ githubItems: size === 'demo' ? 260 : 75, gitlabItems: size === 'demo' ? 230 : 45 }),
      generated: false
    };
  }
  const key = `${size}\0${seed}`;
  let world = cache.get(key);
  if (!world) {
    world = await generateWorld({ seed, size, dir: mkdtempSync(join(tmpdir(), `allmende-world-${size}-`)) });
    cache.set(key, world);
  }
  // Every test gets its own copy: tests change worlds.
  return { world: structuredClone(world), generated: true };
}
