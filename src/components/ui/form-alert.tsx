import { useEffect, useRef } from 'react';
import { Alert } from './alert.js';

/**
 * The form-level error (react-hook-form's `errors.root.server`), shown above the submit button. Focus
 * moves to it when it appears, so that a keyboard or screen-reader user is not left on the page body.
 */
export function FormAlert({ error }: { error?: { message?: string } }) {
  const ref = useRef<HTMLDivElement>(null);
  const message = error?.message;
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <Alert ref={ref} focusable variant="error">
      {message}
    </Alert>
  );
}
