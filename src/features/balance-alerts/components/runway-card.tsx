import type { Runway } from '../../../../contract/balance-alerts.js';
import { Card } from '../../../components/ui/card.js';
import { Money } from '../../../components/ui/money.js';
import { LoadError, LoadingLine } from '../../../components/ui/query-state.js';
import { formatDate } from '../../../lib/format-date.js';
import { useRunway } from '../api/get-runway.js';

const daysLeft = (days: number) => (days < 1 ? 'less than a day left' : `≈ ${Math.floor(days)} ${Math.floor(days) === 1 ? 'day' : 'days'} left`);

/** How long the balance lasts at the last 7 days' average spend: to the alert threshold and to zero. */
export function RunwayCard({ apiKey, accountKey }: { apiKey: string; accountKey: string }) {
  const runway = useRunway(apiKey, accountKey);
  return (
    <Card title="Runway">
      {runway.isPending ? (
        <LoadingLine label="Forecasting…" />
      ) : runway.isError ? (
        <LoadError message={runway.error.message} onRetry={() => runway.refetch()} />
      ) : (
        <RunwayFigures runway={runway.data} />
      )}
    </Card>
  );
}

function RunwayFigures({ runway }: { runway: Runway }) {
  const shared = runway.payer_api_key !== runway.api_key;
  return (
    <div className="space-y-3 text-sm">
      {runway.days_to_zero === 0 ? (
        <p className="text-lg font-semibold text-red-700">The balance is at or below zero.</p>
      ) : runway.daily_spend === 0 ? (
        <p className="text-lg font-semibold text-slate-900">No recent spend</p>
      ) : (
        <p className="text-2xl font-semibold tracking-tight text-slate-900">{daysLeft(runway.days_to_zero ?? 0)}</p>
      )}
      {runway.daily_spend === 0 ? (
        <p className="text-slate-600">Nothing was spent in the last {runway.window_days} days, so there is nothing to forecast from.</p>
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
          <dt className="text-slate-500">Average spend</dt>
          <dd className="text-slate-900">
            <Money amount={runway.daily_spend} /> a day <span className="text-slate-500">(last {runway.window_days} days)</span>
          </dd>
          <dt className="text-slate-500">Alert threshold</dt>
          <dd className="text-slate-900">
            {runway.threshold === null ? (
              'No balance alert is on'
            ) : runway.days_to_threshold === 0 ? (
              <>
                Below <Money amount={runway.threshold} /> already
              </>
            ) : (
              <>
                <Money amount={runway.threshold} /> on {formatDate(runway.threshold_at ?? '')} ({daysLeft(runway.days_to_threshold ?? 0)})
              </>
            )}
          </dd>
          <dt className="text-slate-500">Zero</dt>
          <dd className="text-slate-900">{runway.zero_at ? formatDate(runway.zero_at) : '–'}</dd>
        </dl>
      )}
      {shared && <p className="text-slate-600">This subaccount spends from your account&rsquo;s balance: this is the forecast of that balance.</p>}
    </div>
  );
}
