import { activityFields, type FieldChange, type FieldValue } from './activity.js';

/**
 * One change as a person reads it: "Credit limit: −€100.00 → −€250.00". Money values are euros,
 * formatted by `money` (the console's formatMoney; the CSV export's own); booleans are Yes/No.
 */
export function describeChange(change: FieldChange, money: (euros: number) => string): string {
  const field = activityFields[change.field] ?? { label: change.field, format: 'text' as const };
  const text = (value: FieldValue): string => {
    if (value === null) return '—';
    if (field.format === 'money' && typeof value === 'number') return money(value);
    if (field.format === 'boolean' || typeof value === 'boolean') return value ? 'Yes' : 'No';
    return String(value);
  };
  if (change.before === null) return `${field.label}: ${text(change.after)}`;
  return `${field.label}: ${text(change.before)} → ${text(change.after)}`;
}
