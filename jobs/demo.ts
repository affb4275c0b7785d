/**
 * `npm run demo`: the offline forge world at a friendly size, served by the forge emulator on
 * 127.0.0.1, collected by the real collectors into the embedded SQLite, derived (and a few past days,
 * so that the recorded changes have a history: derivePastDays), and shown by the dashboard. Works
 * without network; stops cleanly on Ctrl-C or SIGTERM.
 *
 * Environment: PORT (dashboard, default 3000), ALLMENDE_DATA / ALLMENDE_DB (default data/),
 * DEMO_SEED and DEMO_SIZE (tiny | demo, default demo).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { closeDatabase, openDatabase } from '../db/index';
import { loadCatalog } from '../src/lib/catalog/load';
import { resolveDataPaths } from '../src/lib/paths';
import { startEmulator } from '../tests/emulator/server';
import { writeCatalogFor } from '../tests/emulator/catalog';
import { generateWorld } from '../tests/world/generate';
import { collectAndDerive, derivePastDays, PAST_DAYS } from './pipeline';
import { createProgress } from './progress';
import { ensureBuilt, startServer } from './serve';

const log = (message: string) => process.stderr.write(`${message}\n`);

async function main(): Promise<void> {
  const paths = resolveDataPaths();
  const size = (process.env.DEMO_SIZE ?? 'demo') as 'tiny' | 'demo';
  const seed = process.env.DEMO_SEED ?? 'allmende-demo';
  const port = Number(process.env.PORT ?? 3000);
  const worldDir = join(paths.dataDir, 'demo-world');

  ensureBuilt(log);
  log(`Erzeuge die Demo-Welt (${size}, Saat „${seed}“) …`);
  rmSync(worldDir, { recursive: true, force: true });
  mkdirSync(worldDir, { recursive: true });
  const world = await generateWorld({ seed, size, dir: worldDir });
  const emulator = await startEmulator(world);
  const catalogFile = join(paths.dataDir, 'demo-catalog.yml');
  writeCatalogFor(world, emulator.url, catalogFile);
  process.env.GITHUB_TOKEN = world.github.tokens[0];
  process.env.OPENCODE_TOKEN = world.gitlab.tokens[0];
  log(`Forge-Emulator läuft auf ${emulator.url}; Katalog: ${catalogFile}`);

  const fresh = !existsSync(paths.dbFile);
  const db = openDatabase(paths.dbFile);
  const catalog = loadCatalog(catalogFile);
  const progress = createProgress();
  const asOf = world.now.slice(0, 10);
  const summary = await collectAndDerive({ db, catalog, paths, trigger: 'demo', progress, log, asOf });
  // One collection gives one report per project, the baseline: past days derived too give „Was hat sich geändert“ a history.
  const changes = await derivePastDays({ db, catalog, paths, asOf });
  progress.done(
    `Gesammelt${fresh ? '' : ' (inkrementell)'}: ${summary.repositories} Repositories, ${summary.requests} Anfragen, ${summary.items} Einträge, ${summary.failed} mit Fehlern` +
      (summary.failed > 0 ? ' (die Demo-Welt enthält absichtlich ein privates Repository; die Status-Seite zeigt es).' : '.')
  );
  log(`Änderungen der letzten ${PAST_DAYS[0]} Tage festgehalten: ${changes} (Übersicht „Was hat sich geändert“, /feed.atom).`);
  closeDatabase(db);
  await emulator.close();

  const { server, url } = await startServer({ port, host: '127.0.0.1', paths, log });
  process.stdout.write(`${url}\n`);
  const stop = () => {
    log('Demo wird beendet …');
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  log(`Demo fehlgeschlagen: ${error.message}`);
  if (process.env.ALLMENDE_DEBUG) log(error.stack ?? '');
  process.exit(1);
});
