/**
 * The catalog for a world served by the emulator: the world's own catalog plus `forges:` entries
 * that point the github and opencode forges at the emulator.
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { ForgeKind, World } from '../world/model';

/**
 * Where clones of a forge's repositories come from. The collectors clone `${clone}/${path}.git`,
 * so a file:// base works when every gitDir is exactly `${base}/${path}.git`; otherwise the
 * emulator's smart-HTTP git endpoint (`${url}/_emulator/git/<forge>`) serves them by path.
 */
export function cloneBaseFor(world: World, forge: ForgeKind, emulatorUrl: string): string {
  const repos = world[forge].repositories;
  const first = repos[0];
  const suffix = first ? `/${first.path}.git` : '';
  if (first && first.gitDir.endsWith(suffix)) {
    const base = first.gitDir.slice(0, -suffix.length);
    if (repos.every((r) => r.gitDir === `${base}/${r.path}.git`)) return `file://${base}`;
  }
  return `${emulatorUrl}/_emulator/git/${forge}`;
}

export function catalogFor(world: World, emulatorUrl: string): Record<string, unknown> {
  const url = emulatorUrl.replace(/\/+$/, '');
  const forges = [
    { id: 'github', type: 'github', api: `${url}/github`, clone: cloneBaseFor(world, 'github', url), token: 'env:GITHUB_TOKEN' },
    { id: 'opencode', type: 'gitlab', api: `${url}/gitlab/api/v4`, clone: cloneBaseFor(world, 'gitlab', url), token: 'env:OPENCODE_TOKEN' }
  ];
  const own = Array.isArray(world.catalog.forges) ? (world.catalog.forges as { id?: unknown }[]) : [];
  const others = own.filter((f) => f.id !== 'github' && f.id !== 'opencode');
  const { forges: _ignored, ...rest } = world.catalog;
  return { forges: [...forges, ...others], ...rest };
}

/** Writes the catalog YAML for `world` served at `emulatorUrl` to `file`; returns the YAML. */
export function writeCatalogFor(world: World, emulatorUrl: string, file: string): string {
  const header =
    `# Catalog of the offline forge world (seed ${JSON.stringify(world.seed)}, size ${world.size}),\n` +
    `# served by the forge emulator at ${emulatorUrl}. Generated; do not edit.\n`;
  const yaml = header + stringify(catalogFor(world, emulatorUrl), { lineWidth: 0 });
  writeFileSync(file, yaml);
  return yaml;
}
