/** Collection followed by derive: what `allmende collect` and each scheduled run do. */
import { loadOrCreateSecret } from '../src/lib/identity/secret';
import { collect, type CollectOptions, type CollectSummary } from './collect';
import { derive } from './derive/index';

export async function collectAndDerive(options: CollectOptions & { asOf?: string }): Promise<CollectSummary> {
  const summary = await collect(options);
  await derive(options.db, options.catalog, { asOf: options.asOf, secret: loadOrCreateSecret(options.paths.dataDir) });
  return summary;
}
