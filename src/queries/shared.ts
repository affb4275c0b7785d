/** SQL pieces shared by the dashboard queries. */
import { sql, type SQL } from 'drizzle-orm';

/**
 * A human author, over `identities i LEFT JOIN persons pe ON pe.id = i.person_id`: the person's bot
 * flag as derive stored it (DESIGN §5), for an identity not yet resolved to a person its own flags.
 */
export const humanAuthor = sql`coalesce(pe.is_bot, i.email_bot OR i.forge_bot) = 0`;

/**
 * A person's pseudonym or display name over `LEFT JOIN persons pe`, for `personId` as the report
 * queries key contributors (an identity without person: the negative of its id) „Identität <id>“.
 */
export function personLabel(column: 'pseudonym' | 'display_name', personId: SQL): SQL {
  return sql`coalesce(pe.${sql.raw(column)}, 'Identität ' || -(${personId}))`;
}

/** A LIKE pattern (with ESCAPE '\\') for text containing `q` literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Parses a JSON text column that may be null. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
