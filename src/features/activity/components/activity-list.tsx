import { activityKindLabels, type ActivityEntry, type ActivityExportQuery } from '../../../../contract/activity.js';
import { describeChange } from '../../../../contract/activity-text.js';
import { Button } from '../../../components/ui/button.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { useFormatMoney } from '../../../lib/format-money.js';
import { useApiKey } from '../../../lib/session.js';
import { useActivity } from '../api/get-activity.js';

const actorKindLabel = { user: 'User', api_key: 'API key', operator: 'Operator', system: 'System' } as const;

/** The entries the filters select, newest first, each with who, when, where and a readable difference. */
export function ActivityList({ filters, emptyText }: { filters: ActivityExportQuery; emptyText: string }) {
  const apiKey = useApiKey();
  const activity = useActivity(apiKey, filters);
  const money = useFormatMoney();

  if (activity.isPending) return <LoadingLine label="Loading activity…" />;
  if (activity.isError) return <LoadError message={activity.error.message} onRetry={() => activity.refetch()} />;
  if (activity.entries.length === 0) return <p className="text-sm text-slate-600">{emptyText}</p>;

  return (
    <div>
      <ol aria-label="Activity entries" className="divide-y divide-slate-100">
        {activity.entries.map((entry) => (
          <ActivityItem key={entry.id} entry={entry} money={money} />
        ))}
      </ol>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        {activity.hasNextPage ? (
          <Button variant="secondary" isLoading={activity.isFetchingNextPage} onClick={() => activity.fetchNextPage()}>
            Show older entries
          </Button>
        ) : (
          <p className="text-sm text-slate-500" role="status">
            {activity.entries.length === 1 ? 'One entry' : `All ${activity.entries.length} entries`} shown.
          </p>
        )}
        {activity.isFetchNextPageError && <p className="text-sm text-red-700">Older entries could not be loaded. Try again.</p>}
      </div>
    </div>
  );
}

function ActivityItem({ entry, money }: { entry: ActivityEntry; money: (amount: number) => string }) {
  return (
    <li className="grid gap-1 py-3 sm:grid-cols-[11rem_1fr] sm:gap-4">
      <time dateTime={entry.created_at} className="text-sm text-slate-500 tabular-nums">
        {formatDateTime(entry.created_at)}
      </time>
      <div className="min-w-0">
        <p className="text-sm font-medium text-slate-900">{activityKindLabels[entry.kind]}</p>
        <p className="text-sm break-words text-slate-600">
          By {entry.actor.name}
          {entry.actor.kind === 'user' && <span className="sr-only"> ({actorKindLabel.user})</span>}
          {entry.api_key && <> · account <span className="font-mono">{entry.api_key}</span></>}
          {entry.ip && <> · from {entry.ip}</>}
        </p>
        {entry.changes.length > 0 && (
          <ul className="mt-1 space-y-0.5 text-sm break-words text-slate-800">
            {entry.changes.map((change) => (
              <li key={change.field}>{describeChange(change, money)}</li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}
