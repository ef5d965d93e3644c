import { useId, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { modifySubaccountRequestSchema, type Subaccount } from '../../../../contract/subaccounts.js';
import { Alert } from '../../../components/ui/alert.js';
import { Badge } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { Money } from '../../../components/ui/money.js';
import { useUpdateSubaccount } from '../api/update-subaccount.js';
import { BALANCE_MODE_TEXT } from './balance-mode-text.js';
import { SubaccountNameField } from './subaccount-name-field.js';
import { Can } from '../../../lib/authorization.js';

type Confirming = 'own-balance' | 'suspend' | 'reactivate' | null;

/** Name, balance mode (shared → own, one way) and suspension, each change that matters behind a confirmation. */
export function SubaccountSettingsCard({ apiKey, subaccount }: { apiKey: string; subaccount: Subaccount }) {
  const update = useUpdateSubaccount(apiKey, subaccount.api_key);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const balanceModeHeadingId = useId();
  const statusHeadingId = useId();

  function open(which: Exclude<Confirming, null>) {
    update.reset();
    setNotice(null);
    setConfirming(which);
  }

  function confirm() {
    const change =
      confirming === 'own-balance'
        ? { body: { use_primary_account_balance: false }, done: `${subaccount.name} now has its own balance.` }
        : confirming === 'suspend'
          ? { body: { suspended: true }, done: `${subaccount.name} is suspended: its API credentials are refused.` }
          : { body: { suspended: false }, done: `${subaccount.name} is active again: its API credentials work.` };
    update.mutate(change.body, {
      onSuccess: () => {
        setConfirming(null);
        setNotice(change.done);
      },
    });
  }

  const shared = subaccount.use_primary_account_balance;

  return (
    <Card title="Settings">
      <div className="space-y-6">
        {notice && <Alert variant="success">{notice}</Alert>}
        <RenameForm apiKey={apiKey} subaccount={subaccount} onRenamed={() => setNotice('Name saved.')} />

        <section aria-labelledby={balanceModeHeadingId} className="border-t border-slate-100 pt-5">
          <h3 id={balanceModeHeadingId} className="text-sm font-semibold text-slate-900">
            Balance mode
          </h3>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <Badge tone={shared ? 'neutral' : 'info'}>{BALANCE_MODE_TEXT[shared ? 'shared' : 'own'].label}</Badge>
            {BALANCE_MODE_TEXT[shared ? 'shared' : 'own'].sentence}
          </p>
          {shared ? (
            <div className="mt-3">
              <Can permission="subaccounts:write">
                {(can) => (
                  <Button variant="secondary" size="sm" {...can} onClick={() => open('own-balance')}>
                    Switch to own balance
                  </Button>
                )}
              </Can>
            </div>
          ) : (
            <p className="mt-2 text-xs text-slate-500">A subaccount with its own balance cannot go back to sharing yours.</p>
          )}
        </section>

        <section aria-labelledby={statusHeadingId} className="border-t border-slate-100 pt-5">
          <h3 id={statusHeadingId} className="text-sm font-semibold text-slate-900">
            Status
          </h3>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            {subaccount.suspended ? (
              <>
                <Badge tone="danger">Suspended</Badge> Its API key and secrets are refused by every API.
              </>
            ) : (
              <>
                <Badge tone="success">Active</Badge> Its API key and secrets work.
              </>
            )}
          </p>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <Can permission="subaccounts:write">
              {(can) =>
                subaccount.suspended ? (
                  <Button size="sm" {...can} onClick={() => open('reactivate')}>
                    Reactivate
                  </Button>
                ) : (
                  <Button variant="danger" size="sm" {...can} onClick={() => open('suspend')}>
                    Suspend
                  </Button>
                )
              }
            </Can>
          </div>
        </section>
      </div>

      <ConfirmDialog
        open={confirming === 'own-balance'}
        title={`Switch ${subaccount.name} to its own balance?`}
        confirmLabel="Switch to own balance"
        isPending={update.isPending}
        error={update.error?.message}
        onConfirm={confirm}
        onClose={() => setConfirming(null)}
      >
        <p>
          It stops spending from your balance. It starts with a balance of <Money amount={0} /> and a credit limit of <Money amount={0} />, so it cannot
          make paid requests until you give it credit or add balance.
        </p>
        <p className="font-medium text-slate-900">This cannot be undone: it can never share your balance again.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'suspend'}
        title={`Suspend ${subaccount.name}?`}
        confirmLabel="Suspend subaccount"
        isPending={update.isPending}
        error={update.error?.message}
        onConfirm={confirm}
        onClose={() => setConfirming(null)}
      >
        <p>
          Every API refuses its API key and secrets until you reactivate it: your customer&rsquo;s applications stop
          working at once.
        </p>
        <p>Nothing is lost: its balance, credit limit, secrets and history stay as they are.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'reactivate'}
        title={`Reactivate ${subaccount.name}?`}
        confirmLabel="Reactivate subaccount"
        variant="primary"
        isPending={update.isPending}
        error={update.error?.message}
        onConfirm={confirm}
        onClose={() => setConfirming(null)}
      >
        <p>Its API key and secrets work again at once, and it can spend again.</p>
      </ConfirmDialog>
    </Card>
  );
}

const renameSchema = z.object({ name: modifySubaccountRequestSchema.shape.name.unwrap() });

function RenameForm({ apiKey, subaccount, onRenamed }: { apiKey: string; subaccount: Subaccount; onRenamed: () => void }) {
  const update = useUpdateSubaccount(apiKey, subaccount.api_key);
  const {
    register,
    submit,
    formError,
    control,
    formState: { errors, isSubmitting, isDirty },
  } = useApiForm({
    schema: renameSchema,
    defaultValues: { name: subaccount.name },
    onSubmit: async (values, form) => {
      const renamed = await update.mutateAsync({ name: values.name });
      form.reset({ name: renamed.name });
      onRenamed();
    },
  });

  const name = useWatch({ control, name: 'name' });

  return (
    <form noValidate onSubmit={submit} className="space-y-3" aria-label="Rename">
      <div className="flex flex-wrap items-start gap-3">
        <SubaccountNameField
          apiKey={apiKey}
          ownKey={subaccount.api_key}
          value={name ?? ''}
          className="min-w-60 flex-1"
          error={errors.name?.message}
          {...register('name')}
        />
        <Can permission="subaccounts:write">
          {(can) => (
            <Button type="submit" className="mt-7" isLoading={isSubmitting} disabled={!isDirty} {...can}>
              Save name
            </Button>
          )}
        </Can>
      </div>
      <FormAlert error={formError} />
    </form>
  );
}
