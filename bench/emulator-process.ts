/**
 * The forge emulator in a process of its own (tests/emulator/cli.ts), as a forge is another host:
 * the collection measured then has the machine's other core for itself, not an event loop shared
 * with the server answering it, nor the generated world in its heap (a process holding the bench
 * world spawns git 2–3 × slower). Stats, resets and the world's advance go through the emulator's
 * control routes (/_emulator/*).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../jobs/serve';
import type { AdvanceSummary, EmulatorStats } from '../tests/emulator/server';
import type { WorldSize } from '../tests/world/generate';

export interface EmulatorProcess {
  url: string;
  /** The catalog for the world, pointing at the emulator. */
  catalogFile: string;
  stats(): Promise<EmulatorStats>;
  resetStats(): Promise<void>;
  advance(days: number): Promise<AdvanceSummary>;
  close(): Promise<void>;
}

export interface EmulatorProcessOptions {
  seed: string;
  size: WorldSize;
  /** Where the world is generated (world.json, state.json, truth.json, the repositories). */
  dir: string;
  catalogFile: string;
  rateLimitPerHour?: number;
}

export async function startEmulatorProcess(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
  const args = [
    '--import',
    'tsx',
    resolve(ROOT, 'tests/emulator/cli.ts'),
    '--world',
    options.size,
    '--seed',
    options.seed,
    '--dir',
    options.dir,
    '--catalog',
    options.catalogFile,
    ...(options.rateLimitPerHour ? ['--rate-limit', String(options.rateLimitPerHour)] : [])
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await readyUrl(child);
  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/_emulator/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })
    });
    if (!response.ok) throw new Error(`emulator ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    url,
    catalogFile: options.catalogFile,
    stats: () => control<EmulatorStats>('stats'),
    resetStats: async () => {
      await control('reset-stats', {});
    },
    advance: (days) => control<AdvanceSummary>('advance', { days }),
    close: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  };
}

/** The URL of the `emulator ready <url>` line; the emulator's failure if it exits before. */
async function readyUrl(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the emulator stopped before it was ready (exit code ${String(code)})`);
  });
  const ready = (async () => {
    for await (const line of lines) {
      const m = /^emulator ready (\S+)$/.exec(line);
      if (m) return m[1];
    }
    throw new Error('the emulator closed its output before it was ready');
  })();
  const url = await Promise.race([ready, exited]);
  exited.catch(() => {});
  // Its further output is not needed; reading it keeps the pipe from filling up.
  child.stdout!.resume();
  return url;
}
