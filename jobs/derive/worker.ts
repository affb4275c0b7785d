/** One of derive's worker threads (pool.ts): computes the batches it is sent, then its contribution counts. */
import { parentPort, workerData } from 'node:worker_threads';
import { closeDatabase, openDatabase } from '../../db/index';
import { computeBatch } from './compute';
import { ContributionCounter } from './contribution-months';
import type { FromWorker, ToWorker, WorkerData } from './pool';

const port = parentPort!;
const { file, ctx, settings } = workerData as WorkerData;
const db = openDatabase(file, { readonly: true });
// One read transaction for the whole run: every batch sees the facts as of derive's start.
db.$client.exec('BEGIN');
const counter = new ContributionCounter(ctx);
const send = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'batch') {
      send({ type: 'results', results: computeBatch(db, ctx, message.task, settings, counter) });
      return;
    }
    send({ type: 'counts', counts: counter.counts() });
    db.$client.exec('COMMIT');
    closeDatabase(db);
    port.close();
  } catch (error) {
    send({ type: 'error', message: (error as Error).message });
  }
});
