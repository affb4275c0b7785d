/** Runs one collection in a separate process, so that tests can kill it at any moment. */
import { openDatabase } from '../../db/index';
import { collect } from '../../jobs/collect';
import { loadCatalog } from '../../src/lib/catalog/load';
import { resolveDataPaths } from '../../src/lib/paths';

const [catalogFile, dataDir] = process.argv.slice(2);
const paths = resolveDataPaths({ data: dataDir }, {});
const db = openDatabase(paths.dbFile);
const summary = await collect({ db, catalog: loadCatalog(catalogFile), paths, trigger: 'test', concurrency: 2 });
process.stdout.write(JSON.stringify({ status: summary.status, items: summary.items }) + '\n');
