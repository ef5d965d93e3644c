import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert } from '../../../components/ui/alert.js';
import { Card } from '../../../components/ui/card.js';
import { safeNextPath } from '../../../lib/paths.js';
import { useApiKey } from '../../../lib/session.js';
import { TwoFactorEnrolmentFlow } from '../components/two-factor-enrolment.js';

/** Where a member goes when the owner requires two-factor sign-in and theirs is not on yet. */
export function TwoFactorSetupPage() {
  const apiKey = useApiKey();
  const navigate = useNavigate();
  const next = safeNextPath(useSearchParams()[0].get('next'));
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <title>Set up two-factor sign-in · Switchboard</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Set up two-factor sign-in</h1>
      <Alert variant="info" className="mt-4">
        The owner of your account requires two-factor sign-in for every member. Set it up to continue.
      </Alert>
      <Card className="mt-6">
        <TwoFactorEnrolmentFlow apiKey={apiKey} onDone={() => navigate(next, { replace: true })} />
      </Card>
    </main>
  );
}
