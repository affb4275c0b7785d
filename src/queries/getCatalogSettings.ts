import { eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { meta } from '../../db/schema';
import type { CatalogSettings } from '../lib/catalog/load';

export const CATALOG_SETTINGS_KEY = 'catalog.settings';

/** The people rules, personal email domains and privacy setting of the catalog last collected with. */
export function getCatalogSettings(db: Db): CatalogSettings | null {
  const row = db.select().from(meta).where(eq(meta.key, CATALOG_SETTINGS_KEY)).get();
  return row ? (JSON.parse(row.value) as CatalogSettings) : null;
}
