/**
 * Worlds for the collector tests: the generator's world (tests/world/generate.ts) when it exists,
 * else the emulator's hand-made fixture world.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFixtureWorld } from '../emulator/fixture';
import type { World } from '../world/model';

type Generate = (o: { seed: string | number; size: 'tiny' | 'demo' | 'bench'; dir: string }) => World | Promise<World>;

const cache = new Map<string, World>();

export async function testWorld(size: 'tiny' | 'demo' = 'tiny', seed = 'collectors'): Promise<{ world: World; generated: boolean }> {
  const spec = '../world/generate.ts';
  let generate: Generate | undefined;
  try {
    const mod = (await import(/* @vite-ignore */ spec)) as { generateWorld?: Generate };
    generate = mod.generateWorld;
  } catch {
    generate = undefined;
  }
  const fixture = () => ({
    world: makeFixtureWorld({ githubItems: size === 'demo' ? 260 : 75, gitlabItems: size === 'demo' ? 230 : 45 }),
    generated: false
  });
  if (!generate || process.env.ALLMENDE_TEST_FIXTURE_WORLD) return fixture();
  const key = `${size}\0${seed}`;
  let world = cache.get(key);
  if (!world) {
    try {
      world = await generate({ seed, size, dir: mkdtempSync(join(tmpdir(), `allmende-world-${size}-`)) });
    } catch (error) {
      console.warn(`world generator failed (${(error as Error).message.split('\n')[0]}); using the fixture world`);
      return fixture();
    }
    cache.set(key, world);
  }
  // Every test gets its own copy: tests change worlds.
  return { world: structuredClone(world), generated: true };
}
