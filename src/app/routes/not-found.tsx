import { TextLink } from '../../components/ui/text-link.js';
import { paths } from '../../lib/paths.js';

export function NotFoundPage() {
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-6 py-24 text-center">
      <title>Page not found · Switchboard</title>
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900">Page not found</h1>
      <p className="mt-3 text-slate-600">The page you asked for does not exist or has moved.</p>
      <p className="mt-6">
        <TextLink to={paths.home.getHref()}>Go back home</TextLink>
      </p>
    </main>
  );
}
