import { Link } from 'react-router-dom';
import { Button } from '../../../components/ui/button.js';
import { Can } from '../../../lib/authorization.js';
import { paths } from '../../../lib/paths.js';
import { useAutoReload } from '../api/get-auto-reload.js';
import { useResumeAutoReload } from '../api/resume-auto-reload.js';
import { declineText, updateWords } from './auto-reload-words.js';

/**
 * Shown on every page while auto-reload is paused: why, since when, and the way out (another method,
 * or resume). `visible` is false for users without billing:read, who cannot act on it.
 */
export function AutoReloadPausedBanner({ apiKey, visible }: { apiKey: string; visible: boolean }) {
  const settings = useAutoReload(apiKey, { enabled: visible });
  const resume = useResumeAutoReload(apiKey);
  if (!visible || settings.data?.state !== 'paused') return null;
  return (
    <section aria-label="Auto-reload paused" className="mx-5 mt-4 rounded-md bg-red-50 px-4 py-3 text-sm text-red-900 ring-1 ring-red-200 lg:mx-8">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p className="min-w-0 flex-1 font-medium" role="status">
          Auto-reload paused: {declineText(settings.data)} — {updateWords(settings.data)}
        </p>
        <div className="flex flex-wrap gap-2">
          <Link
            to={`${paths.billing.getHref()}#auto-reload-method`}
            className="inline-flex items-center rounded-md bg-red-700 px-3 py-1.5 font-semibold text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700"
          >
            {updateWords(settings.data) === 'update the card' ? 'Update the card' : 'Update the payment method'}
          </Link>
          <Can permission="billing:write">
            {(can) => (
              <Button variant="secondary" size="sm" isLoading={resume.isPending} onClick={() => resume.mutate()} {...can}>
                Resume
              </Button>
            )}
          </Can>
        </div>
      </div>
      {resume.isError && <p role="alert" className="mt-2">{resume.error.message}</p>}
    </section>
  );
}
