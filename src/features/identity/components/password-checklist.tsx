import { passwordRules } from '../../../../contract/password.js';
import { cn } from '../../../lib/cn.js';

/** The password rules as a checklist that ticks while the user types. */
export function PasswordChecklist({ id, password }: { id: string; password: string }) {
  return (
    <ul id={id} aria-label="Password requirements" className="mt-2 space-y-1 text-sm">
      {passwordRules.map((rule) => {
        const met = rule.test(password);
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
