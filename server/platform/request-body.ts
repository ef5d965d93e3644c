import type { FastifyInstance } from 'fastify';

/**
 * How request bodies are read, app-wide: JSON only (the legacy public endpoints register form parsing
 * for themselves), and an empty body is no body whatever its declared type — the Python SDK sends
 * `DELETE …/secrets/{id}` as JSON of length 0.
 */
export function installBodyParsing(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request) => {
    const headers = request.raw.headers;
    const empty = headers['transfer-encoding'] === undefined && (headers['content-length'] === undefined || headers['content-length'] === '0');
    if (empty) delete headers['content-type'];
  });
}

/** For a route whose body is optional: no body reads as an empty one. */
export async function emptyBodyAsObject(request: { body: unknown }): Promise<void> {
  request.body ??= {};
}
