import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable, isInvalidText, isUniqueViolation } from '../db/database.js';
import { invalidParametersOf } from './invalid-parameters.js';
import { ProblemError, databaseUnavailable } from './problems.js';

export const PROBLEM_JSON = 'application/problem+json';

/** One error handler: client mistakes become problem+json with field detail; the rest is logged and hidden. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    reply.status(problem.status).headers(problem.headers).type(PROBLEM_JSON).send(problem.body(request.id));
  });

  app.setNotFoundHandler((request, reply) => {
    const problem = new ProblemError({ status: 404, title: 'Not found', detail: `No route for ${request.method} ${request.url.split('?')[0]}` });
    reply.status(404).type(PROBLEM_JSON).send(problem.body(request.id));
  });
}

/**
 * Errors Fastify raises before any route is found (a path with invalid percent-encoding). Only the
 * `/accounts/{api_key}/…` and console paths have parameters to mangle, and both speak problem+json.
 */
export function frameworkErrorHandler(_error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const problem = new ProblemError({ status: 400, title: 'Bad request', detail: 'The request URL is not valid: check its percent-encoding.' });
  reply.status(400).type(PROBLEM_JSON).send(problem.body(request.id));
}

/** Any error as the problem the client gets: a family's own handler renders it in its format. */
export function toProblem(error: FastifyError): ProblemError {
  if (error instanceof ProblemError) return error;
  const invalidParameters = invalidParametersOf(error);
  if (invalidParameters) {
    return new ProblemError({
      status: 422,
      title: 'Invalid parameters',
      detail: `The request has invalid parameters: ${invalidParameters.map((p) => `${p.name}: ${p.reason}`).join('; ')}`,
      invalidParameters,
    });
  }
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  if (isInvalidText(error)) {
    return new ProblemError({ status: 400, title: 'Bad request', detail: 'Text in the request may not contain the NUL character (U+0000).' });
  }
  if (isUniqueViolation(error)) {
    return new ProblemError({ status: 409, title: 'Conflict', detail: 'This conflicts with an existing record; reload and try again.' });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new ProblemError({
      status: error.statusCode,
      title: error.statusCode === 415 ? 'Unsupported media type' : 'Bad request',
      detail: error.message,
    });
  }
  return new ProblemError({ status: 500, title: 'Internal error', detail: 'Something went wrong on our side. It has been logged.' });
}
