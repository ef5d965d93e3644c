import { Alert } from './alert.js';

/** The form-level error (react-hook-form's `errors.root.server`), shown above the submit button. */
export function FormAlert({ error }: { error?: { message?: string } }) {
  if (!error?.message) return null;
  return <Alert variant="error">{error.message}</Alert>;
}
