/** A query-string value: empty values are left out, arrays repeat their name. */
export type QueryValue = string | number | boolean | null | undefined | readonly string[];

/** `path?a=1&b=x&b=y` from a record of values. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) value.forEach((item) => params.append(name, item));
    else if (value !== undefined && value !== null && value !== '') params.append(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
