import { ProblemError } from '../platform/problems.js';

/** A mistake in the operator's command line: printed on stderr, exit code 2. */
export class CliUsageError extends Error {}

/** A domain refusal (a ProblemError) is the operator's mistake: its message on stderr, exit code 2. */
export async function asUsageErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProblemError) throw new CliUsageError(error.message);
    throw error;
  }
}
