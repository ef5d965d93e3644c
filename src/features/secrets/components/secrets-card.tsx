import { useEffect, useId, useRef, useState } from 'react';
import { MAX_SECRETS, type GeneratedSecret, type SecretInfo } from '../../../../contract/secrets.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { Table } from '../../../components/ui/table.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { useSecrets } from '../api/get-secrets.js';
import { useRevokeSecret } from '../api/revoke-secret.js';
import { CreateSecretForm } from './create-secret-form.js';
import { NewSecretNotice } from './new-secret-notice.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';
import { Can } from '../../../lib/authorization.js';

const LAST_SECRET_REASON = 'An account always keeps at least one secret.';
const MAX_SECRETS_REASON = `An account can have at most ${MAX_SECRETS} secrets: revoke one to create another.`;

/** The account's API secrets: list, create (generated or chosen), revoke behind a confirmation. */
export function SecretsCard({ apiKey }: { apiKey: string }) {
  const secrets = useSecrets(apiKey);
  const revoke = useRevokeSecret(apiKey);
  const [creating, setCreating] = useState(false);
  const [generated, setGenerated] = useState<GeneratedSecret | null>(null);
  const [toRevoke, setToRevoke] = useState<SecretInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [focusAfterRevoke, setFocusAfterRevoke] = useState(false);
  const createButtonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const maxReasonId = useId();
  const lastReasonId = useId();

  const list = secrets.data?._embedded.secrets ?? [];
  const atMax = list.length >= MAX_SECRETS;
  const onlyOne = list.length <= 1;

  function startCreating() {
    setNotice(null);
    setGenerated(null);
    setCreating((open) => !open);
  }

  function confirmRevoke() {
    if (!toRevoke) return;
    const revokedId = toRevoke.id;
    revoke.mutate(revokedId, {
      onSuccess: () => {
        setToRevoke(null);
        // A just-generated secret that is now revoked must not stay on screen with its Copy button.
        setGenerated((shown) => (shown?.id === revokedId ? null : shown));
        setNotice('Secret revoked. Requests signed with it are now refused.');
        setFocusAfterRevoke(true);
      },
    });
  }

  // The revoked row and its button are gone: focus the next sensible control, creating a replacement.
  useEffect(() => {
    if (!focusAfterRevoke || toRevoke) return;
    setFocusAfterRevoke(false);
    createButtonRef.current?.focus();
  }, [focusAfterRevoke, toRevoke]);

  return (
    <Card
      title="API secrets"
      actions={
        <Can permission="api_settings:write">
          {(can) => (
            <Button
              ref={createButtonRef}
              size="sm"
              disabled={!secrets.data || atMax}
              aria-expanded={creating}
              aria-controls={creating ? panelId : undefined}
              aria-describedby={atMax ? maxReasonId : undefined}
              {...can}
              onClick={startCreating}
            >
              Create secret
            </Button>
          )}
        </Can>
      }
    >
      <div className="space-y-4">
        <p className="text-sm text-slate-600">
          Your applications sign their requests with the API key and one of these secrets. Keep two while you rotate:
          create a new secret, deploy it, then revoke the old one.
        </p>
        {atMax && (
          <p id={maxReasonId} className="text-sm text-slate-600">
            {MAX_SECRETS_REASON}
          </p>
        )}

        {notice && <Alert variant="success">{notice}</Alert>}
        {generated && <NewSecretNotice secret={generated} onDone={() => setGenerated(null)} />}
        {creating && !atMax && (
          <CreateSecretForm
            id={panelId}
            apiKey={apiKey}
            onGenerated={(secret) => {
              setCreating(false);
              setGenerated(secret);
            }}
            onCreated={() => {
              setCreating(false);
              setNotice('Secret added. Use it in your application, then revoke the secret it replaces.');
            }}
            onCancel={() => setCreating(false)}
          />
        )}

        {secrets.isPending ? (
          <LoadingLine label="Loading secrets…" />
        ) : secrets.isError ? (
          <LoadError message={secrets.error.message} onRetry={() => secrets.refetch()} />
        ) : (
          <Table caption="API secrets" stackOnPhone>
            <thead>
              <tr>
                <th scope="col">Secret ID</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((secret) => (
                <tr key={secret.id}>
                  <td data-label="Secret ID" className="font-mono text-xs break-all max-sm:col-span-2">
                    {secret.id}
                  </td>
                  <td data-label="Created" className="whitespace-nowrap tabular-nums">
                    <time dateTime={secret.created_at}>{formatDateTime(secret.created_at)}</time>
                  </td>
                  <td className="text-right max-sm:self-end">
                    <div className="flex flex-wrap items-center justify-end gap-x-3 gap-y-1">
                      {onlyOne && (
                        <span id={lastReasonId} className="text-xs text-slate-500">
                          {LAST_SECRET_REASON}
                        </span>
                      )}
                      <Can permission="api_settings:write">
                        {(can) => (
                          <Button
                            variant="secondary"
                            size="sm"
                            disabled={onlyOne}
                            aria-describedby={onlyOne ? lastReasonId : undefined}
                            {...can}
                            onClick={() => {
                              revoke.reset();
                              setNotice(null);
                              setToRevoke(secret);
                            }}
                          >
                            Revoke
                          </Button>
                        )}
                      </Can>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>

      <ConfirmDialog
        open={toRevoke !== null}
        title="Revoke this secret?"
        confirmLabel="Revoke secret"
        isPending={revoke.isPending}
        error={revoke.error?.message}
        onConfirm={confirmRevoke}
        onClose={() => setToRevoke(null)}
      >
        {toRevoke && (
          <>
            <p>
              The secret <span className="font-mono text-xs text-slate-900">{toRevoke.id}</span>, created{' '}
              {formatDateTime(toRevoke.created_at)}, stops working at once: every request signed with it will be
              refused.
            </p>
            <p>Make sure your applications already use your other secret. This cannot be undone.</p>
          </>
        )}
      </ConfirmDialog>
    </Card>
  );
}
