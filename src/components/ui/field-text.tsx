import type { ReactNode } from 'react';

/** Hint and error text under a form control; ids are referenced by the control's aria-describedby. */
export function FieldMessages({
  hintId,
  hint,
  errorId,
  error,
}: {
  hintId: string;
  hint?: ReactNode;
  errorId: string;
  error?: string;
}) {
  return (
    <>
      {hint && (
        <div id={hintId} className="mt-1.5 text-sm text-slate-500">
          {hint}
        </div>
      )}
      {error && (
        <p id={errorId} className="mt-1.5 text-sm text-red-600">
          {error}
        </p>
      )}
    </>
  );
}

export function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
  const joined = ids.filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}

export const controlClass =
  'block w-full rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 ' +
  'placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 sm:text-sm ' +
  'aria-[invalid=true]:ring-red-500 aria-[invalid=true]:focus:ring-red-600 read-only:bg-slate-50 disabled:bg-slate-100';
