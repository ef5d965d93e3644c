import { lazy, Suspense, useId, useState } from 'react';
import type { Spend } from '../../../../contract/usage.js';
import { Card } from '../../../components/ui/card.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';
import { Table } from '../../../components/ui/table.js';
import { useFormatMoney } from '../../../lib/format-money.js';
import { useSpend } from '../api/get-spend.js';
import type { ChartSeries } from './spend-chart.js';

const SpendChart = lazy(() => import('./spend-chart.js'));

const dayLabel = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const countryNames = new Intl.DisplayNames(undefined, { type: 'region', fallback: 'code' });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

type View = 'product' | 'account';

/**
 * The last 30 days' spend as a chart with the same figures in a table (the text alternative), top
 * destinations and the message success rate. `accountKey` narrows it to one account (a subaccount's
 * page); the family view can split the bars by subaccount instead of by product.
 */
export function SpendCard({ apiKey, accountKey = null }: { apiKey: string; accountKey?: string | null }) {
  const spend = useSpend(apiKey, accountKey);
  const [view, setView] = useState<View>('product');
  const money = useFormatMoney();
  const toggleName = useId();

  return (
    <Card title="Spend, last 30 days">
      {spend.isPending && <LoadingLine label="Loading spend…" />}
      {spend.isError && <LoadError message={spend.error.message} onRetry={() => spend.refetch()} />}
      {spend.data && (
        <div className="space-y-5">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-700">
              Total <span className="font-semibold text-slate-900">{money(spend.data.total)}</span>
            </p>
            {accountKey === null && (
              <fieldset className="flex gap-4 text-sm text-slate-800">
                <legend className="sr-only">Split the spend</legend>
                {(['product', 'account'] as const).map((option) => (
                  <label key={option} className="flex items-center gap-1.5">
                    <input type="radio" name={toggleName} value={option} checked={view === option} onChange={() => setView(option)} />
                    {option === 'product' ? 'By product' : 'By subaccount'}
                  </label>
                ))}
              </fieldset>
            )}
          </div>
          <SpendFigures spend={spend.data} view={view} money={money} />
          <Outcomes spend={spend.data} money={money} />
        </div>
      )}
    </Card>
  );
}

function seriesOf(spend: Spend, view: View): ChartSeries[] {
  if (view === 'product') {
    return [
      { key: 'sms', label: 'SMS' },
      { key: 'numbers', label: 'Numbers' },
    ];
  }
  const accounts = spend.accounts.map((account) => ({ key: account.api_key, label: account.name }));
  return spend.days.some((day) => (day.by_account.other ?? 0) > 0) ? [...accounts, { key: 'other', label: 'Other subaccounts' }] : accounts;
}

function SpendFigures({ spend, view, money }: { spend: Spend; view: View; money: (amount: number) => string }) {
  const series = seriesOf(spend, view);
  const rows = spend.days.map((day) => ({
    day: day.day,
    label: dayLabel.format(new Date(`${day.day}T00:00:00Z`)),
    total: day.total,
    ...(view === 'product' ? { sms: day.sms, numbers: day.numbers } : day.by_account),
  }));
  return (
    <div className="space-y-3">
      <Suspense fallback={<div className="h-64" />}>
        <SpendChart rows={rows} series={series} format={money} />
      </Suspense>
      <details>
        <summary className="cursor-pointer text-sm font-medium text-indigo-700">The figures as a table</summary>
        <Table caption={view === 'product' ? 'Spend per day by product' : 'Spend per day by subaccount'} className="mt-2">
          <thead>
            <tr>
              <th scope="col">Day</th>
              {series.map((item) => (
                <th key={item.key} scope="col">
                  {item.label}
                </th>
              ))}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.day}>
                <th scope="row" className="font-normal whitespace-nowrap">
                  <time dateTime={row.day}>{row.label}</time>
                </th>
                {series.map((item) => (
                  <td key={item.key} className="tabular-nums">
                    {money(Number((row as Record<string, number | string>)[item.key] ?? 0))}
                  </td>
                ))}
                <td className="tabular-nums font-medium">{money(row.total)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </details>
    </div>
  );
}

function Outcomes({ spend, money }: { spend: Spend; money: (amount: number) => string }) {
  const { success_rate, successful, finished } = spend.messages;
  return (
    <div className="grid gap-5 md:grid-cols-2">
      <div>
        <h3 className="text-sm font-semibold text-slate-900">Message success rate</h3>
        <p className="mt-1 text-sm text-slate-700">
          {success_rate === null ? 'No messages with a known outcome yet.' : `${percent.format(success_rate)} (${successful} of ${finished} delivered)`}
        </p>
      </div>
      <div>
        {spend.countries.length === 0 ? (
          <>
            <h3 className="text-sm font-semibold text-slate-900">Top destinations</h3>
            <p className="mt-1 text-sm text-slate-700">No messages sent.</p>
          </>
        ) : (
          <Table caption="Top destinations" showCaption>
            <thead>
              <tr>
                <th scope="col">Country</th>
                <th scope="col">Messages</th>
                <th scope="col">Spend</th>
              </tr>
            </thead>
            <tbody>
              {spend.countries.map((country) => (
                <tr key={country.country}>
                  <td>{countryNames.of(country.country) ?? country.country}</td>
                  <td className="tabular-nums">{country.messages}</td>
                  <td className="tabular-nums">{money(country.spend)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </div>
  );
}
