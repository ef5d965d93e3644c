import type { FastifyError } from 'fastify';
import { ApiAuthError } from '../../platform/auth/api-auth-error.js';
import { NotAPrimaryError, OutOfScopeError } from '../../platform/auth/authorize.js';
import { invalidParametersOf } from '../../platform/invalid-parameters.js';
import type { InvalidParameter } from '../../platform/problems.js';
import { ProblemError } from '../../platform/problems.js';

/** The Subaccounts API's error bodies (vonage-api.md §4.3), in one place. */
const base = 'https://developer.nexmo.com/api-errors';

export const subaccountsValidation = (invalidParameters: InvalidParameter[]) =>
  new ProblemError({
    status: 422,
    type: `${base}/account/subaccounts#validation`,
    title: 'Bad Request',
    detail: 'The request failed due to validation errors',
    invalidParameters,
  });

export const unknownAccountKey = (apiKey: string) =>
  new ProblemError({
    status: 404,
    type: `${base}#invalid-api-key`,
    title: 'Invalid API Key',
    detail: `API key '${apiKey}' does not exist, or you do not have access`,
  });

export const notProvisioned = (apiKey: string) =>
  new ProblemError({
    status: 403,
    type: `${base}#unprovisioned`,
    title: 'Authorisation error',
    detail: `Account ${apiKey} is not provisioned to access Subaccount Provisioning API`,
  });

export const maximumReached = () =>
  new ProblemError({
    status: 403,
    type: `${base}/account/subaccounts#provisioning`,
    title: 'Maximum number of sub-accounts reached',
    detail: 'This account has reached maximum number of allowed sub-accounts',
  });

export const invalidTransfer = (detail = 'Transfers are only allowed between a primary account and its subaccount') =>
  new ProblemError({ status: 403, type: `${base}/account/subaccounts#valid-transfers`, title: 'Invalid Transfer', detail });

export const insufficientFunds = (kind: 'credit' | 'balance') =>
  new ProblemError({
    status: 403,
    type: `${base}/account/subaccounts#valid-transfers`,
    title: 'Transfer amount is invalid',
    detail: kind === 'credit' ? 'Insufficient Credit' : 'Insufficient Balance',
  });

export const invalidCredentials = () =>
  new ProblemError({
    status: 401,
    type: `${base}#unauthorized`,
    title: 'Invalid credentials supplied',
    detail: 'You did not provide correct credentials',
  });

/** The Subaccounts API's rendering of the platform's refusals, for every route under /accounts/{api_key}/. */
export function subaccountsErrorHandler(error: FastifyError): never {
  if (error instanceof ApiAuthError && error.status === 401) throw invalidCredentials();
  if (error instanceof NotAPrimaryError) throw notProvisioned(error.apiKey);
  if (error instanceof OutOfScopeError) throw error.field.startsWith('body.') ? invalidTransfer() : unknownAccountKey(error.apiKey);
  const invalidParameters = invalidParametersOf(error);
  if (invalidParameters) throw subaccountsValidation(invalidParameters);
  throw error;
}
