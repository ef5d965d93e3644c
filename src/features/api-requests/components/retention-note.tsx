import { useApiKey } from '../../../lib/session.js';
import { useRetention } from '../api/get-retention.js';

/** The configured retention periods, read-only (the operator sets them in the server's environment). */
export function RetentionNote() {
  const retention = useRetention(useApiKey());
  if (!retention.data) return null;
  const { api_request_days, message_days, message_text_days } = retention.data;
  return (
    <p className="text-sm text-slate-600">
      API requests are kept for {api_request_days} days and messages for {message_days} days; message text is removed after {message_text_days} days.
    </p>
  );
}
