import { useState } from 'react';
import { numberTypes, type ConsoleNumber, type NumberListQuery } from '../../../../contract/numbers.js';
import { Alert } from '../../../components/ui/alert.js';
import { Badge } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { Money } from '../../../components/ui/money.js';
import { LoadError, LoadingLine } from '../../../components/ui/query-state.js';
import { Select } from '../../../components/ui/select.js';
import { Table } from '../../../components/ui/table.js';
import { TextField } from '../../../components/ui/text-field.js';
import { Can } from '../../../lib/authorization.js';
import { countryOptions } from '../../../lib/countries.js';
import { formatDate } from '../../../lib/format-date.js';
import { useCancelNumber } from '../api/cancel-number.js';
import { NUMBERS_PAGE_SIZE, useNumbers } from '../api/get-numbers.js';
import { EditNumberDialog } from './edit-number-dialog.js';
import { accountLabel, formatMsisdn, typeLabels, type Cancelled, type FamilyAccount } from './family-account.js';
import { TransferNumberDialog } from './transfer-number-dialog.js';
import { Pager } from './pager.js';
import { UndoCancelBanner } from './undo-cancel-banner.js';

const webhookBadges = {
  number: { tone: 'success', label: 'Own webhook' },
  account: { tone: 'info', label: 'Account default' },
  none: { tone: 'warning', label: 'No webhook' },
} as const;

/**
 * The family's rented numbers, paged and filtered (country, account, type, digits or description),
 * with their renewal day, cost, owner and webhook; edit, move and cancel each, and undo a cancel for
 * 5 minutes. With `account`, only that account's numbers (a subaccount's page).
 * (The tables are `relative` so that their visually hidden column header stays inside the sideways scroll.)
 */
export function OwnedNumbers({ apiKey, accounts, account }: { apiKey: string; accounts: FamilyAccount[]; account?: string }) {
  const [filters, setFilters] = useState<NumberListQuery>({});
  const [offset, setOffset] = useState(0);
  const query = { ...filters, ...(account ? { account } : {}), offset, limit: NUMBERS_PAGE_SIZE };
  const numbers = useNumbers(apiKey, query);
  const [editing, setEditing] = useState<ConsoleNumber | null>(null);
  const [moving, setMoving] = useState<ConsoleNumber | null>(null);
  const [cancelling, setCancelling] = useState<ConsoleNumber | null>(null);
  const [cancelled, setCancelled] = useState<Cancelled | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const cancel = useCancelNumber(apiKey);

  const filter = (changes: NumberListQuery) => {
    setFilters((current) => ({ ...current, ...changes }));
    setOffset(0);
  };
  const total = numbers.data?.total ?? 0;
  const page = Math.floor(offset / NUMBERS_PAGE_SIZE) + 1;

  return (
    <div className="space-y-4">
      {cancelled && <UndoCancelBanner apiKey={apiKey} cancelled={cancelled} onDone={(message) => { setCancelled(null); setNotice(message); }} onExpired={() => setCancelled(null)} />}
      {notice && <Alert variant="success">{notice}</Alert>}
      <form role="search" aria-label="Filter numbers" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" onSubmit={(event) => event.preventDefault()}>
        <Select label="Country" value={filters.country ?? ''} onChange={(event) => filter({ country: event.target.value || undefined })} options={[{ value: '', label: 'All countries' }, ...countryOptions]} />
        {!account && (
          <Select
            label="Account"
            value={filters.account ?? ''}
            onChange={(event) => filter({ account: event.target.value || undefined })}
            options={[{ value: '', label: 'All accounts' }, ...accounts.map((a) => ({ value: a.api_key, label: accountLabel(a) }))]}
          />
        )}
        <Select label="Type" value={filters.type ?? ''} onChange={(event) => filter({ type: (event.target.value || undefined) as NumberListQuery['type'] })} options={[{ value: '', label: 'All types' }, ...numberTypes.map((type) => ({ value: type, label: typeLabels[type] }))]} />
        <TextField label="Search" type="search" placeholder="Digits or description" value={filters.search ?? ''} onChange={(event) => filter({ search: event.target.value || undefined })} />
      </form>

      {numbers.isPending ? (
        <LoadingLine label="Loading numbers…" />
      ) : numbers.isError ? (
        <LoadError message={numbers.error.message} onRetry={() => void numbers.refetch()} />
      ) : numbers.data.items.length === 0 ? (
        <p className="text-sm text-slate-600">No numbers{Object.values(filters).some(Boolean) ? ' match these filters' : ' yet'}.</p>
      ) : (
        <Table caption="Your numbers" stackOnPhone phoneColumns={2} className="relative">
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Account</th>
              <th scope="col">Description</th>
              <th scope="col">Monthly cost</th>
              <th scope="col">Renews on</th>
              <th scope="col">Inbound SMS</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {numbers.data.items.map((number) => (
              <tr key={number.msisdn}>
                <td data-label="Number">
                  <span className="font-medium tabular-nums">{formatMsisdn(number.msisdn)}</span>
                  <span className="block text-xs text-slate-500">
                    {number.country} · {typeLabels[number.type]} · {number.features.join(', ')}
                  </span>
                </td>
                <td data-label="Account">{accountLabel(number.account)}</td>
                <td data-label="Description">{number.description || <span className="text-slate-500">—</span>}</td>
                <td data-label="Monthly cost">
                  <Money amount={number.monthly_cost} />
                </td>
                <td data-label="Renews on">{formatDate(`${number.renews_on}T12:00:00Z`)}</td>
                <td data-label="Inbound SMS">
                  <Badge tone={webhookBadges[number.webhook].tone} title={number.mo_http_url || undefined}>
                    {webhookBadges[number.webhook].label}
                  </Badge>
                </td>
                <td data-label="Actions">
                  <Can permission="numbers:write">
                    {(can) => (
                      <div className="flex flex-wrap gap-2">
                        <Button size="sm" variant="secondary" aria-label={`Edit ${formatMsisdn(number.msisdn)}`} onClick={() => setEditing(number)} {...can}>
                          Edit
                        </Button>
                        <Button size="sm" variant="secondary" aria-label={`Move ${formatMsisdn(number.msisdn)}`} onClick={() => setMoving(number)} {...can}>
                          Move
                        </Button>
                        <Button size="sm" variant="ghost" aria-label={`Cancel ${formatMsisdn(number.msisdn)}`} onClick={() => setCancelling(number)} {...can}>
                          Cancel
                        </Button>
                      </div>
                    )}
                  </Can>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {total > NUMBERS_PAGE_SIZE && (
        <Pager label="Pages of numbers" page={page} total={total} pageSize={NUMBERS_PAGE_SIZE} onPage={(next) => setOffset((next - 1) * NUMBERS_PAGE_SIZE)} />
      )}

      <EditNumberDialog
        apiKey={apiKey}
        number={editing}
        onClose={() => setEditing(null)}
        onSaved={(message) => {
          setEditing(null);
          setNotice(message);
        }}
      />
      <TransferNumberDialog
        apiKey={apiKey}
        number={moving}
        accounts={accounts}
        onClose={() => setMoving(null)}
        onDone={(message) => {
          setMoving(null);
          setNotice(message);
        }}
      />
      <ConfirmDialog
        open={cancelling !== null}
        title={cancelling ? `Cancel ${formatMsisdn(cancelling.msisdn)}?` : ''}
        confirmLabel="Cancel number"
        cancelLabel="Keep it"
        isPending={cancel.isPending}
        error={cancel.error?.message}
        onClose={() => {
          cancel.reset();
          setCancelling(null);
        }}
        onConfirm={() => {
          if (!cancelling) return;
          cancel.mutate(
            { account: cancelling.account.api_key, msisdn: cancelling.msisdn },
            {
              onSuccess: (answer) => {
                setCancelling(null);
                setNotice(null);
                setCancelled({ ...answer, account: cancelling.account.api_key });
              },
            },
          );
        }}
      >
        <p>It stops renewing and is released at once: it no longer receives messages or calls. You can undo this for 5 minutes; after that it cannot be rented again for 30 days.</p>
      </ConfirmDialog>
    </div>
  );
}
