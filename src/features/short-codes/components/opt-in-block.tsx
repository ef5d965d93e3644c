import { optInText, type ShortCode } from '../../../../contract/short-codes.js';
import { CopyButton } from '../../../components/ui/copy-button.js';
import { TextArea } from '../../../components/ui/text-area.js';

/**
 * The opt-in text a pre-approved US short code requires on the service's opt-in page, with this
 * account's values: to copy with the button, or select in the field.
 */
export function OptInBlock({ shortCode }: { shortCode: ShortCode }) {
  const { messages_per_day, terms_url, privacy_url } = shortCode;
  if (messages_per_day === null || terms_url === null || privacy_url === null) {
    return <p className="text-sm text-slate-600">Set the messages per day and the links to your terms and privacy policy, then Update, to get the opt-in text.</p>;
  }
  const text = optInText({ code: shortCode.code, messages_per_day, terms_url, privacy_url });
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        Show this at the opt-in page of your service: how many messages a day, STOP and HELP to {shortCode.code}, that message and data rates may apply,
        and links to your <ExternalLink href={terms_url}>terms and conditions</ExternalLink> and <ExternalLink href={privacy_url}>privacy policy</ExternalLink>.
      </p>
      <TextArea label={`Opt-in text for ${shortCode.code}`} value={text} readOnly rows={6} spellCheck={false} onFocus={(event) => event.currentTarget.select()} />
      <div className="pb-5">
        <CopyButton value={text} label="Copy opt-in text" />
      </div>
    </div>
  );
}

function ExternalLink({ href, children }: { href: string; children: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
      {children}
    </a>
  );
}
