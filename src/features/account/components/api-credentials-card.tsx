import { Alert } from '../../../components/ui/alert.js';
import { Card } from '../../../components/ui/card.js';
import { CopyField } from '../../../components/ui/copy-field.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { paths } from '../../../lib/paths.js';

/** The API key, and the secret generated at sign-up when it is still in hand (it is shown only once). */
export function ApiCredentialsCard({ apiKey, apiSecret }: { apiKey: string; apiSecret: string | null }) {
  return (
    <Card title="API credentials">
      <div className="space-y-4">
        <CopyField label="API key" value={apiKey} copyLabel="Copy API key" />
        {apiSecret ? (
          <>
            <CopyField label="API secret" value={apiSecret} copyLabel="Copy API secret" />
            <Alert variant="warning" title="This secret will not be shown again">
              Copy it now and keep it somewhere safe. If you lose it, create a new secret under{' '}
              <TextLink to={paths.apiSettings.getHref()}>API settings</TextLink>.
            </Alert>
          </>
        ) : (
          <p className="text-sm text-slate-600">
            Your API secrets are managed under <TextLink to={paths.apiSettings.getHref()}>API settings</TextLink>,
            where you can create a new one or revoke an old one.
          </p>
        )}
      </div>
    </Card>
  );
}
