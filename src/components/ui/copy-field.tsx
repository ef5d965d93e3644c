import type { FocusEvent } from 'react';
import { CopyButton } from './copy-button.js';
import { TextField } from './text-field.js';

/** A read-only value (API key, a secret shown once) with its copy button; focusing it selects it all. */
export function CopyField({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  return (
    <div className="flex items-end gap-3">
      <TextField
        label={label}
        value={value}
        readOnly
        spellCheck={false}
        className="flex-1"
        inputClassName="font-mono"
        onFocus={selectAll}
      />
      <CopyButton value={value} label={copyLabel} />
    </div>
  );
}

function selectAll(event: FocusEvent<HTMLInputElement>) {
  event.currentTarget.select();
}
