import { sql, type Kysely } from 'kysely';

/**
 * The API request log becomes searchable (issue 15): what a request was (route template, latency,
 * request id, error type and title, client address, user agent) and one index per filter of the
 * console's search, each ending in the page's order (created_at, id) so that a page is a range scan.
 * `status_class` (2, 4, 5) is stored so that "4xx" is an equality, not a range before the order.
 * The created_at indexes serve the retention purge: requests by age, and message text still stored.
 */
export function apiRequestLog() {
  return {
    async up(db: Kysely<unknown>) {
      const add = (name: string, type: 'text' | 'integer') => db.schema.alterTable('api_requests').addColumn(name, type).execute();
      await add('request_id', 'text');
      await add('latency_ms', 'integer');
      await add('error_type', 'text');
      await add('error_title', 'text');
      await add('client_ip', 'text');
      await add('user_agent', 'text');
      await db.schema.alterTable('api_requests').addColumn('status_class', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await sql`update api_requests set status_class = status / 100`.execute(db);

      await db.schema.dropIndex('api_requests_family').execute();
      const index = (name: string, columns: string[]) => db.schema.createIndex(name).on('api_requests').columns(columns).execute();
      await index('api_requests_family_page', ['primary_api_key', 'created_at', 'id']);
      await index('api_requests_key', ['api_key', 'created_at', 'id']);
      await index('api_requests_endpoint', ['primary_api_key', 'path', 'method', 'created_at', 'id']);
      await index('api_requests_status', ['primary_api_key', 'status', 'created_at', 'id']);
      await index('api_requests_status_class', ['primary_api_key', 'status_class', 'created_at', 'id']);
      await index('api_requests_request_id', ['request_id']);
      await index('api_requests_age', ['created_at']);

      await db.schema.createIndex('messages_text_age').on('messages').column('created_at').where(sql.ref('text'), '<>', '').execute();
      await db.schema.createIndex('messages_age').on('messages').column('created_at').execute();
    },
  };
}
