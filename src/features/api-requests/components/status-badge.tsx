import { Badge, type BadgeTone } from '../../../components/ui/badge.js';

const toneOf = (status: number): BadgeTone => (status >= 500 ? 'danger' : status >= 400 ? 'warning' : 'success');

export function StatusBadge({ status }: { status: number }) {
  return <Badge tone={toneOf(status)}>{status}</Badge>;
}
