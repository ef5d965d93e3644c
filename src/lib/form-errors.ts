import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from './api-client.js';

export const FORM_ERROR = 'root.server' as const;

/**
 * Put a failed request's problem onto a react-hook-form form: each `invalid_parameters` entry that
 * names one of `fields` becomes that field's error; when none matches, the problem's `detail` becomes
 * the form-level error (shown in an alert). Returns true when at least one field error was set.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  describe: (name: Path<T>, reason: string, error: ApiError) => string = (_name, reason) => reason,
): boolean {
  if (!(error instanceof ApiError)) {
    setError(FORM_ERROR, { type: 'unknown', message: 'Something went wrong. Please try again.' });
    return false;
  }
  const matched = (error.problem.invalid_parameters ?? []).filter((parameter) =>
    (fields as readonly string[]).includes(parameter.name),
  );
  matched.forEach((parameter, index) => {
    const name = parameter.name as Path<T>;
    setError(name, { type: 'server', message: describe(name, parameter.reason, error) }, { shouldFocus: index === 0 });
  });
  if (matched.length === 0) {
    setError(FORM_ERROR, { type: String(error.status), message: error.problem.detail || error.problem.title });
  }
  return matched.length > 0;
}
