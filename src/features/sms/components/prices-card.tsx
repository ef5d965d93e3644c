import { Card } from '../../../components/ui/card.js';
import { Table } from '../../../components/ui/table.js';
import { Money } from '../../../components/ui/money.js';
import { useSmsPrices } from '../api/get-sms-prices.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';

/** What one SMS part costs, per destination country. */
export function PricesCard({ apiKey }: { apiKey: string }) {
  const prices = useSmsPrices(apiKey);
  return (
    <Card title="SMS prices">
      {prices.isPending ? (
        <LoadingLine label="Loading prices…" />
      ) : prices.isError ? (
        <LoadError message={prices.error.message} onRetry={() => prices.refetch()} />
      ) : (
        <>
          <p className="text-sm text-slate-600">
            A long message is sent, and charged, in parts: 153 characters each (67 when it needs Unicode).
          </p>
          <Table caption="SMS prices" className="mt-3">
            <thead>
              <tr>
                <th scope="col">Country</th>
                <th scope="col">Dialling code</th>
                <th scope="col" className="text-right">
                  Price per part
                </th>
              </tr>
            </thead>
            <tbody>
              {prices.data.prices.map((price) => (
                <tr key={price.country}>
                  <td>{price.country_name}</td>
                  <td className="tabular-nums">+{price.dialing_prefix}</td>
                  <td className="text-right tabular-nums"><Money amount={price.price} /></td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </Card>
  );
}
