/**
 * Where allmende keeps its data (DESIGN §8): `data/` by default, moved by ALLMENDE_DATA or --data;
 * the database alone moved by ALLMENDE_DB or --db. Git clones live below `<data>/git`.
 */
import { resolve } from 'node:path';

export interface DataPaths {
  dataDir: string;
  dbFile: string;
  gitDir: string;
}

export function resolveDataPaths(options: { data?: string; db?: string } = {}, env = process.env): DataPaths {
  const dataDir = resolve(options.data ?? env.ALLMENDE_DATA ?? 'data');
  const dbFile = resolve(options.db ?? env.ALLMENDE_DB ?? resolve(dataDir, 'allmende.db'));
  return { dataDir, dbFile, gitDir: resolve(dataDir, 'git') };
}
