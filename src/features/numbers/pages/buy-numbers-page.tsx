import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { numberFeatures, numberTypes, type ConsoleAvailableNumber } from '../../../../contract/numbers.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { Money } from '../../../components/ui/money.js';
import { LoadError, LoadingLine } from '../../../components/ui/query-state.js';
import { Select } from '../../../components/ui/select.js';
import { Table } from '../../../components/ui/table.js';
import { TextField } from '../../../components/ui/text-field.js';
import { Can } from '../../../lib/authorization.js';
import { countryOptions } from '../../../lib/countries.js';
import { paths } from '../../../lib/paths.js';
import { useApiKey } from '../../../lib/session.js';
import type { AvailableFilters } from '../api/query-keys.js';
import { SEARCH_PAGE_SIZE, useSearchNumbers } from '../api/search-numbers.js';
import { BuyNumberDialog } from '../components/buy-number-dialog.js';
import { accountLabel, formatMsisdn, typeLabels, type FamilyAccount } from '../components/family-account.js';
import { Pager } from '../components/pager.js';

const matchOptions = [
  { value: '0', label: 'Starts with' },
  { value: '1', label: 'Contains' },
  { value: '2', label: 'Ends with' },
];

/** Numbers › Buy numbers (seed 004): search what is for sale, see its prices, and rent it into the primary or a subaccount. */
export function BuyNumbersPage({ accounts }: { accounts: FamilyAccount[] }) {
  const apiKey = useApiKey();
  const [country, setCountry] = useState('GB');
  const [type, setType] = useState('');
  const [features, setFeatures] = useState<string[]>([]);
  const [pattern, setPattern] = useState('');
  const [match, setMatch] = useState('0');
  const [filters, setFilters] = useState<AvailableFilters | null>(null);
  const [target, setTarget] = useState('');
  const [buying, setBuying] = useState<ConsoleAvailableNumber | null>(null);
  const [bought, setBought] = useState<string | null>(null);
  const results = useSearchNumbers(apiKey, filters);
  const targetAccount = accounts.find((account) => account.api_key === target) ?? accounts[0];

  function search(event: FormEvent) {
    event.preventDefault();
    setBought(null);
    setFilters({
      country,
      ...(type ? { type } : {}),
      ...(features.length > 0 ? { features: features.join(',') } : {}),
      ...(pattern.trim() ? { pattern: pattern.trim(), search_pattern: match } : {}),
      index: 1,
    });
  }
  const total = results.data?.total ?? 0;

  return (
    <div className="mx-auto max-w-6xl">
      <title>Buy numbers · Switchboard</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Buy numbers</h1>
      <p className="mt-1 text-sm text-slate-600">
        Rent virtual numbers to send and receive messages and calls. The setup price and the first month are charged at once; each month
        after, the monthly cost on the same day. <Link className="text-indigo-700 underline" to={paths.numbers.getHref()}>Your numbers</Link>
      </p>

      <Card className="mt-6">
        <form role="search" aria-label="Search numbers" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" onSubmit={search}>
          <Select label="Country" value={country} onChange={(event) => setCountry(event.target.value)} options={countryOptions} />
          <Select label="Type" value={type} onChange={(event) => setType(event.target.value)} options={[{ value: '', label: 'Any type' }, ...numberTypes.map((value) => ({ value, label: typeLabels[value] }))]} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Features</legend>
            <div className="mt-2 flex flex-wrap gap-4">
              {numberFeatures.map((feature) => (
                <label key={feature} className="flex items-center gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    className="h-4 w-4 rounded border-slate-400 text-indigo-600"
                    checked={features.includes(feature)}
                    onChange={(event) => setFeatures(event.target.checked ? [...features, feature] : features.filter((f) => f !== feature))}
                  />
                  {feature}
                </label>
              ))}
            </div>
          </fieldset>
          <TextField label="Number pattern" inputMode="numeric" placeholder="e.g. 447700" hint="Digits, with the country code for “Starts with”." value={pattern} onChange={(event) => setPattern(event.target.value)} />
          <Select label="Match" value={match} onChange={(event) => setMatch(event.target.value)} options={matchOptions} />
          <Select label="Buy into" value={targetAccount?.api_key ?? ''} onChange={(event) => setTarget(event.target.value)} options={accounts.map((account) => ({ value: account.api_key, label: accountLabel(account) }))} />
          <div className="sm:col-span-2 lg:col-span-3">
            <Button type="submit">Search</Button>
          </div>
        </form>
      </Card>

      {bought && (
        <Alert variant="success" className="mt-6">
          {bought} <Link className="underline" to={paths.numbers.getHref()}>See your numbers</Link>
        </Alert>
      )}

      {filters && (
        <Card className="mt-6" title="Available numbers">
            {results.isPending ? (
              <LoadingLine label="Searching…" />
            ) : results.isError ? (
              <LoadError message={results.error.message} onRetry={() => void results.refetch()} />
            ) : results.data.items.length === 0 ? (
              <p className="text-sm text-slate-600">No numbers for sale match this search.</p>
            ) : (
              <>
                <Table caption="Available numbers" stackOnPhone phoneColumns={2} className="relative">
                  <thead>
                    <tr>
                      <th scope="col">Number</th>
                      <th scope="col">Type</th>
                      <th scope="col">Features</th>
                      <th scope="col">Monthly cost</th>
                      <th scope="col">Setup price</th>
                      <th scope="col">
                        <span className="sr-only">Buy</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {results.data.items.map((number) => (
                      <tr key={number.msisdn}>
                        <td data-label="Number" className="font-medium tabular-nums">
                          {formatMsisdn(number.msisdn)}
                        </td>
                        <td data-label="Type">{typeLabels[number.type]}</td>
                        <td data-label="Features">{number.features.join(', ')}</td>
                        <td data-label="Monthly cost">
                          <Money amount={number.monthly_cost} />
                        </td>
                        <td data-label="Setup price">
                          <Money amount={number.setup_price} />
                        </td>
                        <td data-label="Buy">
                          <Can permission="numbers:write">
                            {(can) => (
                              <Button size="sm" aria-label={`Buy ${formatMsisdn(number.msisdn)}`} onClick={() => setBuying(number)} {...can}>
                                Buy
                              </Button>
                            )}
                          </Can>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                <Pager label="Pages of available numbers" page={filters.index} total={total} pageSize={SEARCH_PAGE_SIZE} onPage={(index) => setFilters({ ...filters, index })} />
              </>
            )}
        </Card>
      )}

      {targetAccount && (
        <BuyNumberDialog
          apiKey={apiKey}
          number={buying}
          target={targetAccount}
          onClose={() => setBuying(null)}
          onBought={(message) => {
            setBuying(null);
            setBought(message);
          }}
        />
      )}
    </div>
  );
}
