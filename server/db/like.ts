import { sql } from 'kysely';

/** A LIKE pattern matching `text` anywhere, its own % _ and \ taken literally (use with `escape '\'`). */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** An account whose name (whatever its case) or API key contains `search`. */
export function nameOrKeyContains(search: string) {
  const pattern = containsPattern(search.toLowerCase());
  return sql<boolean>`(lower(name) like ${pattern} escape '\\' or api_key like ${pattern} escape '\\')`;
}
