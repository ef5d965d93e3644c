import type { FocusEvent } from 'react';
import { Alert } from '../../../components/ui/alert.js';
import { Card } from '../../../components/ui/card.js';
import { CopyButton } from '../../../components/ui/copy-button.js';
import { TextField } from '../../../components/ui/text-field.js';

/** The API key, and the secret generated at sign-up when it is still in hand (it is shown only once). */
export function ApiCredentialsCard({ apiKey, apiSecret }: { apiKey: string; apiSecret: string | null }) {
  return (
    <Card title="API credentials">
      <div className="space-y-4">
        <div className="flex items-end gap-3">
          <TextField
            label="API key"
            value={apiKey}
            readOnly
            className="flex-1"
            inputClassName="font-mono"
            onFocus={selectAll}
          />
          <CopyButton value={apiKey} label="Copy API key" />
        </div>
        {apiSecret ? (
          <>
            <div className="flex items-end gap-3">
              <TextField
                label="API secret"
                value={apiSecret}
                readOnly
                className="flex-1"
                inputClassName="font-mono"
                onFocus={selectAll}
              />
              <CopyButton value={apiSecret} label="Copy API secret" />
            </div>
            <Alert variant="warning" title="This secret will not be shown again">
              Copy it now and keep it somewhere safe. If you lose it, create a new secret under API settings.
            </Alert>
          </>
        ) : (
          <p className="text-sm text-slate-600">
            Your API secrets are managed under API settings, where you can create a new one or revoke an old one.
          </p>
        )}
      </div>
    </Card>
  );
}

function selectAll(event: FocusEvent<HTMLInputElement>) {
  event.currentTarget.select();
}
