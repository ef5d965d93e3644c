import { passwordRules } from '../../../../contract/password.js';
import { RuleChecklist } from '../../../components/ui/rule-checklist.js';

/** The password rules as a checklist that ticks while the user types. */
export function PasswordChecklist({ id, password }: { id: string; password: string }) {
  return <RuleChecklist id={id} label="Password requirements" rules={passwordRules} value={password} />;
}
