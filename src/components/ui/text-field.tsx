import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { cn } from '../../lib/cn.js';
import { controlClass, describedBy, FieldMessages } from './field-text.js';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  error?: string;
  hint?: ReactNode;
  /** Ids of other elements describing this input (e.g. a password checklist). */
  describedById?: string;
  /** Classes for the input itself (className styles the wrapper). */
  inputClassName?: string;
  /** Keep the label for assistive technology only (e.g. a field inside a table row that names it). */
  hideLabel?: boolean;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({
  label,
  error,
  hint,
  describedById,
  className,
  inputClassName,
  hideLabel = false,
  type = 'text',
  ...props
}: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : 'block text-sm font-medium text-slate-800'}>
        {label}
      </label>
      <div className={cn(!hideLabel && 'mt-1.5')}>
        <input
          id={id}
          type={type}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(error && errorId, hint ? hintId : undefined, describedById)}
          className={cn(controlClass, inputClassName)}
          {...props}
        />
      </div>
      <FieldMessages hintId={hintId} hint={hint} errorId={errorId} error={error} />
    </div>
  );
}
