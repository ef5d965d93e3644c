/** A mistake in the operator's command line: printed on stderr, exit code 2. */
export class CliUsageError extends Error {}
