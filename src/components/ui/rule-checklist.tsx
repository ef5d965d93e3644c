import { cn } from '../../lib/cn.js';

export interface ChecklistRule {
  id: string;
  label: string;
  test: (value: string) => boolean;
}

/**
 * A complexity rule (the contract's password or secret rules) as a checklist that ticks while the
 * user types. `label` names the list ("Password requirements"); reference `id` from the input's
 * aria-describedby.
 */
export function RuleChecklist({
  id,
  label,
  rules,
  value,
}: {
  id: string;
  label: string;
  rules: readonly ChecklistRule[];
  value: string;
}) {
  return (
    <ul id={id} aria-label={label} className="mt-2 space-y-1 text-sm">
      {rules.map((rule) => {
        const met = rule.test(value);
        return (
          <li key={rule.id} className={cn('flex items-center gap-2', met ? 'text-emerald-700' : 'text-slate-500')}>
            <span
              aria-hidden="true"
              className={cn(
                'inline-flex size-4 items-center justify-center rounded-full text-[10px] font-bold',
                met ? 'bg-emerald-600 text-white' : 'ring-1 ring-slate-300',
              )}
            >
              {met ? '✓' : ''}
            </span>
            {rule.label}
            <span className="sr-only">{met ? '(done)' : '(not yet)'}</span>
          </li>
        );
      })}
    </ul>
  );
}
