import { randomUUID } from 'node:crypto';

export interface InvalidParameter {
  name: string;
  reason: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  detail: string;
  instance: string;
  invalid_parameters?: InvalidParameter[];
  [extension: string]: unknown;
}

/** An error the client caused or must know about, sent as application/problem+json. */
export class ProblemError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly invalidParameters?: InvalidParameter[];
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(options: {
    status: number;
    title: string;
    detail: string;
    type?: string;
    invalidParameters?: InvalidParameter[];
    headers?: Record<string, string>;
    extensions?: Record<string, unknown>;
  }) {
    super(options.detail);
    this.status = options.status;
    this.title = options.title;
    this.type = options.type ?? `https://switchboard.dev/problems/${slug(options.title)}`;
    this.invalidParameters = options.invalidParameters;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }

  body(instance: string = randomUUID()): ProblemBody {
    return {
      type: this.type,
      title: this.title,
      detail: this.message,
      instance,
      ...(this.invalidParameters ? { invalid_parameters: this.invalidParameters } : {}),
      ...this.extensions,
    };
  }
}

const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/(^-|-$)/g, '');

export const invalidInput = (invalidParameters: InvalidParameter[], detail = 'The request has invalid parameters.') =>
  new ProblemError({ status: 422, title: 'Invalid parameters', detail, invalidParameters });

export const fieldError = (name: string, reason: string, status = 422) =>
  new ProblemError({ status, title: 'Invalid parameters', detail: reason, invalidParameters: [{ name, reason }] });

export const unauthorized = (detail = 'Sign in to continue.') =>
  new ProblemError({ status: 401, title: 'Unauthorized', detail });

export const notFound = (detail: string) => new ProblemError({ status: 404, title: 'Not found', detail });

export const tooManyRequests = (detail: string, retryAfterSeconds: number, invalidParameters?: InvalidParameter[]) =>
  new ProblemError({
    status: 429,
    title: 'Too many requests',
    detail,
    invalidParameters,
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    extensions: { retry_after: Math.max(1, Math.ceil(retryAfterSeconds)) },
  });

export const databaseUnavailable = () =>
  new ProblemError({
    status: 503,
    title: 'Service unavailable',
    detail: 'The service cannot reach its database right now. Try again shortly.',
    headers: { 'retry-after': '5' },
  });
