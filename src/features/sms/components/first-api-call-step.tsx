import { Alert } from '../../../components/ui/alert.js';
import { Card } from '../../../components/ui/card.js';
import { CopyButton } from '../../../components/ui/copy-button.js';
import { HorizontalScroll } from '../../../components/ui/scroll-area.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { paths } from '../../../lib/paths.js';

/** Step 3: the same SMS through the public API, as a command to paste into a terminal. */
export function FirstApiCallStep({ apiKey, to, done }: { apiKey: string; to: string | null; done: boolean }) {
  const command = [
    `curl -X POST "${window.location.origin}/sms/json" \\`,
    `  -d api_key=${apiKey} -d api_secret=YOUR_API_SECRET \\`,
    `  -d from=Switchboard -d to=${(to ?? '447700900123').replace(/^\+/, '')} \\`,
    `  -d text="Hello from the API"`,
  ].join('\n');

  return (
    <Card title="Step 3: Make your first API call">
      <div className="space-y-4">
        <p className="text-sm text-slate-600">
          Send the same SMS from your own code. Replace <code className="font-mono text-xs">YOUR_API_SECRET</code> with
          one of your secrets; if you no longer have one, create a new one under{' '}
          <TextLink to={paths.apiSettings.getHref()}>API settings</TextLink>.
        </p>
        <div className="flex flex-col gap-2 sm:relative sm:block">
          <HorizontalScroll label="The command" className="rounded-md bg-slate-900">
            <pre className="w-max p-4 font-mono text-xs leading-relaxed text-slate-100 sm:pr-36">{command}</pre>
          </HorizontalScroll>
          <div className="order-first self-end sm:absolute sm:top-2 sm:right-2">
            <CopyButton value={command} label="Copy command" />
          </div>
        </div>
        {done && <Alert variant="success">We have seen your first successful API call. You are all set.</Alert>}
      </div>
    </Card>
  );
}
