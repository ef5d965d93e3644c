import { latencies } from './harness.js';

const GOAL_P99_MS = 20;
const SAMPLES = 300;

type RecordRow = (row: { engine: string; path: string; figure: string; p99?: string; goal?: string; met?: string }) => void;

/**
 * GET /number/search over the seeded inventory (about 20 000 numbers), one request at a time: a
 * country and type, a features filter, a "contains" pattern (no index helps it) and a deep page.
 * Issue 14's goal: p99 < 20 ms for each.
 */
export async function benchNumberSearch(engine: string, origin: string, headers: Record<string, string>, record: RecordRow): Promise<void> {
  const searches = [
    ['country and type', 'country=GB&type=mobile-lvn&size=100'],
    ['features SMS,MMS', 'country=US&features=SMS,MMS&size=100'],
    ['contains pattern', 'country=FR&pattern=12&search_pattern=1&size=100'],
    ['page 7 of 100', 'country=DE&size=100&index=7'],
  ];
  for (const [label, query] of searches) {
    const { p50, p99 } = await latencies(SAMPLES, () => fetch(`${origin}/number/search?${query}`, { headers }));
    record({
      engine,
      path: `GET /number/search, ${label}`,
      figure: `p50 ${p50.toFixed(1)} ms`,
      p99: `p99 ${p99.toFixed(1)} ms`,
      goal: `p99 < ${GOAL_P99_MS} ms`,
      met: p99 < GOAL_P99_MS ? 'met' : 'NOT MET',
    });
  }
}
