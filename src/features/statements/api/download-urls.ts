import type { ExportQuery, StatementFormat } from '../../../../contract/statements.js';
import { withQuery } from '../../../lib/url.js';

/** A month's statement file: the family's (GET /api/statements/:month/file) or one account's (…/accounts/:api_key/file). */
export const statementFileHref = (month: string, apiKey: string | undefined, format: StatementFormat) =>
  withQuery(`/api/statements/${encodeURIComponent(month)}${apiKey ? `/accounts/${encodeURIComponent(apiKey)}` : ''}/file`, { format });

export type ExportKind = 'transactions' | 'activity';

/** "Download transactions" (GET /api/exports/transactions) and "Download account activity" (GET /api/exports/activity), streamed by the server. */
export const exportHref = (kind: ExportKind, query: ExportQuery) => withQuery(`/api/exports/${kind}`, { ...query });
