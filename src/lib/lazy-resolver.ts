import type { FieldValues, Resolver } from 'react-hook-form';

export type LazyResolver<TInput extends FieldValues, TOutput> = Resolver<TInput, unknown, TOutput> & {
  /** Start loading the validation code now (call it when the user starts using the form). */
  preload: () => void;
};

/**
 * A resolver whose code (zod, the contract schema, the zod resolver) is fetched on first use or on
 * `preload()`. The sign-in route uses it so that zod is not part of the JS needed to show the page:
 * it loads as soon as the user focuses the form, well before they can submit.
 */
export function lazyResolver<TInput extends FieldValues, TOutput>(
  load: () => Promise<Resolver<TInput, unknown, TOutput>>,
): LazyResolver<TInput, TOutput> {
  let loading: Promise<Resolver<TInput, unknown, TOutput>> | undefined;
  const get = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined; // let a later attempt retry (e.g. after a network blip)
      throw error;
    });
    return loading;
  };
  const resolver = (async (values, context, options) => (await get())(values, context, options)) as LazyResolver<
    TInput,
    TOutput
  >;
  resolver.preload = () => void get().catch(() => undefined);
  return resolver;
}
