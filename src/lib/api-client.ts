import type { Problem } from '../../contract/problem.js';
import { currentRolePreview } from './role-preview.js';

/** Problem details as received: the contract's fields plus any extension members (attempts_left, …). */
export type ProblemDetails = Problem & Record<string, unknown>;

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** Seconds until a rate-limited request may be retried, when the server said so. */
  get retryAfter(): number | undefined {
    return typeof this.problem.retry_after === 'number' ? this.problem.retry_after : undefined;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

// The CSRF token of the current session. Set whenever a Session arrives (GET /api/session, sign-in,
// PIN verification) and cleared on sign-out; sent with every unsafe request.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const UNSAFE_METHODS: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Give up (a `timeout` problem) when no answer has come within this many milliseconds. */
  timeoutMs?: number;
}

/** Why no answer came (status 0): problem types the client itself raises. */
export const noAnswer = {
  /** The browser knew it was offline, so the request was not sent. */
  offline: 'urn:switchboard:client:offline',
  /** The request failed on the way (connection refused or reset): it may or may not have arrived. */
  unreachable: 'urn:switchboard:client:unreachable',
  /** No answer within the time allowed: it may or may not have been applied. */
  timeout: 'urn:switchboard:client:timeout',
} as const;

export type NoAnswerReason = keyof typeof noAnswer;

/** The reason a request got no answer at all, or null when the server answered (even with an error). */
export function noAnswerReason(error: unknown): NoAnswerReason | null {
  if (!(error instanceof ApiError) || error.status !== 0) return null;
  const entry = Object.entries(noAnswer).find(([, type]) => type === error.problem.type);
  return entry ? (entry[0] as NoAnswerReason) : 'unreachable';
}

export const noAnswerProblem = (reason: NoAnswerReason, url: string): ProblemDetails => ({
  type: noAnswer[reason],
  title: { offline: 'Offline', unreachable: 'Network error', timeout: 'Timed out' }[reason],
  detail: {
    offline: 'You are offline. Check your connection and try again.',
    unreachable: 'We could not reach Switchboard. Check your connection and try again.',
    timeout: 'Switchboard did not answer in time. Please try again.',
  }[reason],
  instance: url,
});

/** The problem `type` of a change refused by the console itself while it previews a role. */
export const ROLE_PREVIEW = 'urn:switchboard:client:role-preview';

const previewProblem = (roleName: string, url: string): ProblemDetails => ({
  type: ROLE_PREVIEW,
  title: 'Preview',
  detail: `You are previewing the console as ${roleName}: nothing is saved. Leave the preview to make changes.`,
  instance: url,
});

export async function request<T>(method: Method, url: string, options: RequestOptions = {}): Promise<T> {
  // Offline, nothing is sent, now or later: the caller learns at once (a queued request could move
  // money long after the person gave up on it).
  if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new ApiError(0, noAnswerProblem('offline', url));
  const preview = currentRolePreview();
  if (preview && UNSAFE_METHODS.has(method)) throw new ApiError(403, previewProblem(preview.roleName, url));

  const headers = new Headers({ accept: 'application/json, application/problem+json', ...options.headers });
  const timeout = options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined;
  const signal = options.signal && timeout ? AbortSignal.any([options.signal, timeout]) : (options.signal ?? timeout);
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal };
  if (options.body !== undefined) {
    headers.set('content-type', 'application/json');
    init.body = JSON.stringify(options.body);
  }
  if (UNSAFE_METHODS.has(method) && csrfToken) headers.set('x-csrf-token', csrfToken);

  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (timeout?.aborted) throw new ApiError(0, noAnswerProblem('timeout', url));
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, noAnswerProblem('unreachable', url));
  }

  const payload = await readBody(response);
  if (!response.ok) throw new ApiError(response.status, toProblem(response, url, payload));
  return payload as T;
}

/** The error a refused response stands for, as `request` throws it (for callers that read a response themselves). */
export async function apiErrorOf(response: Response, url: string): Promise<ApiError> {
  return new ApiError(response.status, toProblem(response, url, await readBody(response)));
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch {
      return undefined;
    }
  }
  const text = await response.text();
  return text === '' ? undefined : text;
}

/**
 * Any error body as problem details. Most endpoints answer problem+json; the legacy Account API
 * answers `{"error-code", "error-code-label", invalid_parameters?}` in plain JSON: its label becomes
 * the detail and its invalid_parameters are kept, so form-errors.ts can put them on the fields.
 */
function toProblem(response: Response, url: string, payload: unknown): ProblemDetails {
  const body: Record<string, unknown> = payload && typeof payload === 'object' && !Array.isArray(payload) ? { ...payload } : {};
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
  const invalidParameters = readInvalidParameters(body.invalid_parameters);
  const detail =
    text(body.detail) ??
    text(body['error-code-label']) ??
    text(body.title) ??
    (response.status >= 500
      ? 'Something went wrong on our side. Please try again in a moment.'
      : `The request failed (HTTP ${response.status}).`);
  delete body.invalid_parameters;
  return {
    ...body,
    type: text(body.type) ?? 'about:blank',
    title: text(body.title) ?? (response.statusText || 'Request failed'),
    detail,
    instance: text(body.instance) ?? url,
    ...(invalidParameters ? { invalid_parameters: invalidParameters } : {}),
  };
}

function readInvalidParameters(value: unknown): ProblemDetails['invalid_parameters'] {
  if (!Array.isArray(value)) return undefined;
  const parameters = value.flatMap((entry: unknown) => {
    if (!entry || typeof entry !== 'object') return [];
    const { name, reason } = entry as Record<string, unknown>;
    return typeof name === 'string' ? [{ name, reason: typeof reason === 'string' ? reason : 'Invalid value' }] : [];
  });
  return parameters.length > 0 ? parameters : undefined;
}

export const apiClient = {
  get: <T>(url: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', url, options),
  post: <T>(url: string, body?: unknown, options?: RequestOptions) => request<T>('POST', url, { ...options, body }),
  put: <T>(url: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', url, { ...options, body }),
  patch: <T>(url: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', url, { ...options, body }),
  delete: <T = void>(url: string, options?: RequestOptions) => request<T>('DELETE', url, options),
};
