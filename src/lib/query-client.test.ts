import { describe, expect, it } from 'vitest';
import { ApiError, noAnswer } from './api-client.js';
import { shouldRetry } from './query-client.js';

const problem = (type = 'about:blank') => ({ type, title: 't', detail: 'd', instance: '/x' });

describe('shouldRetry', () => {
  it('retries a network error or a 5xx once', () => {
    for (const error of [new ApiError(0, problem(noAnswer.unreachable)), new ApiError(503, problem())]) {
      expect(shouldRetry(0, error)).toBe(true);
      expect(shouldRetry(1, error)).toBe(false);
    }
  });

  it('does not retry a client error or while offline', () => {
    expect(shouldRetry(0, new ApiError(404, problem()))).toBe(false);
    expect(shouldRetry(0, new ApiError(0, problem(noAnswer.offline)))).toBe(false);
  });
});
