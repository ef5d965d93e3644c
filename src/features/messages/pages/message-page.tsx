import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useParams, type LoaderFunctionArgs } from 'react-router-dom';
import { messageStatusLabels, type MessageDetail, type WebhookDelivery } from '../../../../contract/messages.js';
import { Card } from '../../../components/ui/card.js';
import { Money } from '../../../components/ui/money.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';
import { Table } from '../../../components/ui/table.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { paths } from '../../../lib/paths.js';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { messageQueryOptions, useMessage } from '../api/get-message.js';
import { MessageStatusBadge } from '../components/message-status-badge.js';

export const messageLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs) => {
    const session = await queryClient.fetchQuery(sessionQueryOptions());
    if (session && params.messageId) void queryClient.prefetchQuery(messageQueryOptions(session.account.api_key, params.messageId));
    return null;
  };

/** One message: what was recorded, its lifecycle, price and every webhook attempt. */
export function MessagePage() {
  const { messageId = '' } = useParams();
  const message = useMessage(useApiKey(), messageId);

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <title>Message · Switchboard</title>
      <div>
        <TextLink to={paths.messages.getHref()}>← Messages</TextLink>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Message {messageId}</h1>
      </div>
      {message.isPending && <LoadingLine label="Loading the message…" />}
      {message.isError && <LoadError message={message.error.message} onRetry={() => message.refetch()} />}
      {message.data && <Details message={message.data} />}
    </div>
  );
}

function Details({ message }: { message: MessageDetail }) {
  return (
    <>
      <Card title="Details">
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
          <Row term="Status">
            <MessageStatusBadge status={message.status} />
            {message.error_text && <span className="ml-2 text-slate-600">{message.error_code ? `${message.error_text} (${message.error_code})` : message.error_text}</span>}
          </Row>
          <Row term="Direction">{message.direction === 'inbound' ? 'Received' : 'Sent'}</Row>
          <Row term="From">{message.from}</Row>
          <Row term="To">{message.to}</Row>
          <Row term="Account">
            <span className="font-mono">{message.api_key}</span>
          </Row>
          <Row term="Country and network">{[message.country, message.network].filter(Boolean).join(' · ') || '–'}</Row>
          <Row term="Parts">{message.parts}</Row>
          <Row term="Price">
            <Money amount={message.price} />
          </Row>
          <Row term="Client ref">{message.client_ref ?? '–'}</Row>
          <Row term="Account ref">{message.account_ref ?? '–'}</Row>
          <Row term="Text">{message.text === null ? <span className="text-slate-500">Not stored</span> : <span className="break-words">{message.text}</span>}</Row>
        </dl>
      </Card>
      <Card title="Lifecycle">
        <ol aria-label="Lifecycle" className="space-y-2 text-sm">
          {message.lifecycle.map((step) => (
            <li key={step.status} className="flex flex-wrap items-center gap-3">
              <MessageStatusBadge status={step.status} />
              <time dateTime={step.at} className="tabular-nums text-slate-700">
                {formatDateTime(step.at)}
              </time>
              <span className="sr-only">{messageStatusLabels[step.status]}</span>
            </li>
          ))}
        </ol>
      </Card>
      <Card title="Webhooks">
        {message.webhooks.length === 0 ? (
          <p className="text-sm text-slate-600">No webhook was sent about this message.</p>
        ) : (
          <div className="space-y-6">
            {message.webhooks.map((webhook) => (
              <Webhook key={webhook.id} webhook={webhook} />
            ))}
          </div>
        )}
      </Card>
    </>
  );
}

const webhookStatus = { pending: 'Retrying', delivering: 'Sending', delivered: 'Delivered', failed: 'Given up' } as const;

function Webhook({ webhook }: { webhook: WebhookDelivery }) {
  const title = `${webhook.kind === 'delivery-receipt' ? 'Delivery receipt' : 'Inbound message'} to ${webhook.url}`;
  return (
    <section aria-label={title}>
      <p className="text-sm font-medium break-all text-slate-900">{title}</p>
      <p className="text-sm text-slate-600">
        {webhookStatus[webhook.status]}
        {webhook.next_attempt_at && <> · next attempt {formatDateTime(webhook.next_attempt_at)}</>}
      </p>
      <Table caption={`Attempts: ${title}`} stackOnPhone>
        <thead>
          <tr>
            <th scope="col">Attempt</th>
            <th scope="col">Time</th>
            <th scope="col">Answer</th>
            <th scope="col">Latency</th>
            <th scope="col">Response</th>
          </tr>
        </thead>
        <tbody>
          {webhook.attempts.map((attempt) => (
            <tr key={attempt.attempt}>
              <td data-label="Attempt" className="tabular-nums">
                {attempt.attempt}
              </td>
              <td data-label="Time" className="whitespace-nowrap tabular-nums">
                {formatDateTime(attempt.started_at)}
              </td>
              <td data-label="Answer">{attempt.status_code ?? attempt.error ?? '–'}</td>
              <td data-label="Latency" className="tabular-nums">
                {attempt.latency_ms} ms
              </td>
              <td data-label="Response" className="font-mono text-xs break-all">
                {attempt.response_excerpt ?? '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="text-slate-900">{children}</dd>
    </>
  );
}
