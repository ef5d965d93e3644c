import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiClient, noAnswerReason, setCsrfToken } from './api-client.js';

function respond(status: number, body: unknown, type = 'application/json') {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('apiClient errors', () => {
  it('keeps problem+json as it is', async () => {
    respond(
      400,
      {
        type: 'https://developer.nexmo.com/api-errors/account/secret-management#validation',
        title: 'Bad Request',
        detail: 'The request failed due to secret validation errors',
        instance: 'abc',
        invalid_parameters: [{ name: 'secret', reason: 'Does not meet complexity requirements' }],
      },
      'application/problem+json',
    );
    const error = await failure(apiClient.post('/accounts/k/secrets', { secret: 'x' }));
    expect(error.status).toBe(400);
    expect(error.problem.detail).toBe('The request failed due to secret validation errors');
    expect(error.problem.invalid_parameters).toEqual([{ name: 'secret', reason: 'Does not meet complexity requirements' }]);
  });

  it('reads the legacy Account API body: its label is the detail, its invalid_parameters are kept', async () => {
    respond(400, {
      'error-code': '400',
      'error-code-label': 'drCallBackUrl did not answer 200 OK',
      invalid_parameters: [{ name: 'drCallBackUrl', reason: 'did not answer 200 OK' }],
    });
    const error = await failure(apiClient.post('/account/settings', { drCallBackUrl: 'http://x/nope' }));
    expect(error.problem.detail).toBe('drCallBackUrl did not answer 200 OK');
    expect(error.message).toBe('drCallBackUrl did not answer 200 OK');
    expect(error.problem.invalid_parameters).toEqual([{ name: 'drCallBackUrl', reason: 'did not answer 200 OK' }]);
    expect(error.problem['error-code']).toBe('400');
  });

  it('drops malformed invalid_parameters entries and explains a body-less 5xx', async () => {
    respond(422, { title: 'Invalid', invalid_parameters: [{ reason: 'no name' }, 'junk', { name: 'to' }] });
    const invalid = await failure(apiClient.post('/api/sms/test', {}));
    expect(invalid.problem.detail).toBe('Invalid');
    expect(invalid.problem.invalid_parameters).toEqual([{ name: 'to', reason: 'Invalid value' }]);

    respond(502, 'Bad gateway', 'text/plain');
    const outage = await failure(apiClient.get('/api/account'));
    expect(outage.problem.detail).toMatch(/Something went wrong on our side/);
  });

  it('sends the CSRF token with unsafe methods only', async () => {
    setCsrfToken('token-1');
    const fetchMock = respond(200, {});
    await apiClient.get('/api/account');
    await apiClient.delete('/accounts/k/secrets/s');
    const headers = fetchMock.mock.calls.map((call) => new Headers((call as unknown as [string, RequestInit])[1].headers));
    expect(headers[0].get('x-csrf-token')).toBeNull();
    expect(headers[1].get('x-csrf-token')).toBe('token-1');
  });
});

describe('apiClient without an answer', () => {
  it('sends nothing while the browser is offline, and says so', async () => {
    const fetchMock = respond(200, {});
    vi.stubGlobal('navigator', { onLine: false });
    const error = await failure(apiClient.post('/accounts/k/balance-transfers', { amount: 1 }));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(noAnswerReason(error)).toBe('offline');
    expect(error.problem.detail).toMatch(/offline/);
  });

  it('tells a failed connection from a timeout', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect(noAnswerReason(await failure(apiClient.get('/api/account')))).toBe('unreachable');

    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
      ),
    );
    const timedOut = await failure(apiClient.post('/accounts/k/credit-transfers', {}, { timeoutMs: 20 }));
    expect(noAnswerReason(timedOut)).toBe('timeout');
  });

  it('lets the caller cancel without calling it a failure', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_resolve, reject) =>
            init.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))),
          ),
      ),
    );
    const controller = new AbortController();
    const pending = apiClient.get('/api/account', { signal: controller.signal, timeoutMs: 5_000 });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports a server answer as no reason at all', async () => {
    respond(503, {});
    expect(noAnswerReason(await failure(apiClient.get('/api/account')))).toBeNull();
  });
});
