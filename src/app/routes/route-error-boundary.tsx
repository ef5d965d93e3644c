import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { Alert } from '../../components/ui/alert.js';
import { TextLink } from '../../components/ui/text-link.js';
import { ApiError } from '../../lib/api-client.js';
import { paths } from '../../lib/paths.js';
import { NotFoundPage } from './not-found.js';

export function RouteErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;

  const message =
    isRouteErrorResponse(error) && error.status === 403 && typeof error.data === 'string'
      ? error.data
      : error instanceof ApiError
      ? error.problem.detail
      : error instanceof Error && /dynamically imported module|Importing a module script failed/i.test(error.message)
        ? 'A new version of Switchboard is available. Reload the page to continue.'
        : 'An unexpected error occurred.';

  return (
    <main className="mx-auto flex min-h-full max-w-lg flex-col justify-center px-6 py-24">
      <title>Something went wrong · Switchboard</title>
      <h1 className="text-2xl font-semibold text-slate-900">Something went wrong</h1>
      <Alert variant="error" className="mt-4">
        {message}
      </Alert>
      <p className="mt-6 flex gap-6">
        <button
          type="button"
          className="font-medium text-indigo-600 hover:text-indigo-800"
          onClick={() => window.location.reload()}
        >
          Reload the page
        </button>
        <TextLink to={paths.home.getHref()} reloadDocument>
          Go back home
        </TextLink>
      </p>
    </main>
  );
}
