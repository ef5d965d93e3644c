import { existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { ProblemError } from './problems.js';
import { PROBLEM_JSON } from './error-handler.js';

const apiPrefixes = ['/api/', '/account/', '/accounts/', '/number/', '/sms/', '/dev/'];

/**
 * Serves the built SPA: its files, and index.html for every other GET so that deep links work. The
 * build writes a brotli and a gzip copy beside each text file; the client gets the best it accepts.
 * Source maps stay on the server: they would hand out the whole source.
 */
export const spaRoutes: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  await app.register(fastifyStatic, { root, serve: false, preCompressed: true });

  app.get('/*', { config: { access: { auth: 'none' } }, schema: { hide: true } }, async (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0]);
    if (apiPrefixes.some((prefix) => path.startsWith(prefix))) {
      const problem = new ProblemError({ status: 404, title: 'Not found', detail: `No route for GET ${path}` });
      return reply.status(404).type(PROBLEM_JSON).send(problem.body(request.id));
    }
    if (!existsSync(join(root, 'index.html'))) {
      return reply.status(503).type('text/plain').send('The console is not built yet: run `npm run build` (npm start does it for you).');
    }
    const file = normalize(path).replace(/^([/\\])+/, '');
    const candidate = join(root, file);
    if (file && !file.endsWith('.map') && candidate.startsWith(root) && existsSync(candidate) && statSync(candidate).isFile()) {
      const immutable = file.startsWith('assets/');
      return reply.sendFile(file, { immutable, maxAge: immutable ? '365d' : 0 });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
};
