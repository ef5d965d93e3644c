import { expect, type APIRequestContext } from '@playwright/test';

// The development clock (/dev/clock): moves the server's time forward and runs the jobs that fall due.

export interface JobRun {
  job: string;
  period: string;
  status: 'succeeded' | 'failed';
  outcome: string | null;
  error: string | null;
}

export async function advanceServerClock(request: APIRequestContext, seconds: number): Promise<{ now: string; runs: JobRun[] }> {
  const response = await request.post('/dev/clock', { data: { advance_seconds: seconds } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { now: string; runs: JobRun[] };
}

/** Puts the server's clock back to the real time, so that the specs that follow are not in the future. */
export async function resetServerClock(request: APIRequestContext): Promise<void> {
  const response = await request.delete('/dev/clock');
  expect(response.status(), await response.text()).toBe(200);
}
