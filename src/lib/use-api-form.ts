import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError } from './api-client.js';
import { applyServerErrors, FORM_ERROR } from './form-errors.js';

export interface ApiFormOptions<TInput extends FieldValues, TOutput> {
  /** What the form sends, as the contract says (the server checks the same schema). */
  schema: z.ZodType<TOutput, TInput>;
  /** Every field of the form: the server's `invalid_parameters` naming one of them land on it. */
  defaultValues: DefaultValues<NoInfer<TInput>>;
  /** Sends the valid values (usually a mutation's `mutateAsync`); a failure is shown on the form. */
  onSubmit: (values: TOutput, form: UseFormReturn<TInput, unknown, TOutput>) => Promise<unknown>;
  /** A refusal that names no parameter but is about one field (403 Insufficient Balance → amount), or the form. */
  mapError?: (error: ApiError) => { name: Path<TInput> | typeof FORM_ERROR; message: string } | undefined;
  /** The words for a field's server error (default: the server's reason). */
  describeError?: (name: Path<TInput>, reason: string, error: ApiError) => string;
}

/**
 * A react-hook-form form whose submission calls the API and shows the server's answer: each
 * `invalid_parameters` entry next to its field (focused), anything else in the form's alert.
 */
export function useApiForm<TInput extends FieldValues, TOutput extends FieldValues = TInput>({
  schema,
  defaultValues,
  onSubmit,
  mapError,
  describeError,
}: ApiFormOptions<TInput, TOutput>) {
  const form = useForm<TInput, unknown, TOutput>({ resolver: zodResolver(schema), defaultValues });
  const fields = Object.keys(defaultValues) as Path<TInput>[];

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values, form);
    } catch (error) {
      const mapped = error instanceof ApiError ? mapError?.(error) : undefined;
      if (mapped) form.setError(mapped.name, { type: 'server', message: mapped.message }, { shouldFocus: true });
      else applyServerErrors(error, form.setError, fields, describeError);
    }
  });

  return { ...form, submit, formError: form.formState.errors.root?.server };
}
