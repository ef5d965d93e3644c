import { Card } from '../../../components/ui/card.js';
import { ExportForm } from '../components/export-form.js';
import { StatementForm } from '../components/statement-form.js';
import { lastClosedMonth } from '../utils/forms.js';

/** Statements & exports (seed 004's "Download transactions" and "Account activity"): files for the finance team. */
export function StatementsPage() {
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <title>Statements &amp; exports · Switchboard</title>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Statements &amp; exports</h1>
        <p className="mt-1 text-sm text-slate-600">
          Monthly statements of your balances and usage, and every transaction or change as a spreadsheet. Amounts in EUR, times in UTC.
        </p>
      </div>
      <Card title="Monthly statement">
        <p className="mb-4 text-sm text-slate-600">
          Opening balance, money in, usage per subaccount (SMS by country, numbers), transfers and closing balance. Give a subaccount&apos;s API key
          for its own statement, to forward to your customer.
        </p>
        <StatementForm defaultMonth={lastClosedMonth(new Date())} />
      </Card>
      <Card title="Download transactions">
        <ExportForm kind="transactions" />
      </Card>
      <Card title="Download account activity">
        <ExportForm kind="activity" />
      </Card>
    </div>
  );
}
