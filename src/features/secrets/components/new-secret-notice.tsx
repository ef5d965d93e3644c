import { useEffect, useRef } from 'react';
import type { GeneratedSecret } from '../../../../contract/secrets.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { CopyField } from '../../../components/ui/copy-field.js';

/** A generated secret, shown this once: copy it now. Dismissing it forgets it. */
export function NewSecretNotice({ secret, onDone }: { secret: GeneratedSecret; onDone: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  // Take the user to the secret: focus lands on the value, ready to copy.
  useEffect(() => ref.current?.querySelector('input')?.focus(), []);

  return (
    <div ref={ref} className="space-y-4 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
      <CopyField label="New API secret" value={secret.secret} copyLabel="Copy secret" />
      <Alert variant="warning" title="This secret will not be shown again">
        Copy it now and store it where your application reads its credentials. We keep only a hash of it: if you lose
        it, create another secret and revoke this one.
      </Alert>
      <Button variant="secondary" size="sm" onClick={onDone}>
        I have copied it
      </Button>
    </div>
  );
}
