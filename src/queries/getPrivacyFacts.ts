import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { DEFAULT_RETENTION } from '../lib/catalog/schema';
import type { CatalogSettings } from '../lib/catalog/load';
import { getCatalogSettings } from './getCatalogSettings';

type RetentionSettings = NonNullable<CatalogSettings['retention']>;

export interface PrivacyFacts {
  /** Identities of people (commit authors and forge accounts), bots left out. */
  identities: number;
  persons: number;
  /** Requests handled by `allmende forget`. */
  forgetRequests: number;
  /** Person names are shown (privacy.showNames) instead of pseudonyms. */
  showNames: boolean;
  /** The catalog's retention settings (defaults when the catalog stored none). */
  retention: RetentionSettings;
}

/** What the Datenschutz page says is stored, counted. */
export function getPrivacyFacts(db: Db): PrivacyFacts {
  const settings = getCatalogSettings(db);
  const n = (query: ReturnType<typeof sql>) => db.get<{ n: number }>(query)?.n ?? 0;
  return {
    identities: n(sql`SELECT count(*) AS n FROM identities WHERE email_bot = 0 AND forge_bot = 0`),
    persons: n(sql`SELECT count(*) AS n FROM persons WHERE is_bot = 0`),
    forgetRequests: n(sql`SELECT count(DISTINCT request_id) AS n FROM forgotten_subjects`),
    showNames: settings?.privacy?.showNames ?? false,
    retention: { ...DEFAULT_RETENTION, ...settings?.retention }
  };
}
