import { messageStatusLabels, type MessageStatus } from '../../../../contract/messages.js';
import { Badge, type BadgeTone } from '../../../components/ui/badge.js';

const tones: Record<MessageStatus, BadgeTone> = {
  submitted: 'info',
  delivered: 'success',
  received: 'success',
  expired: 'warning',
  failed: 'danger',
  rejected: 'danger',
};

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  return <Badge tone={tones[status]}>{messageStatusLabels[status]}</Badge>;
}
