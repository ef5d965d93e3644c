import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-client.js';
import { attachmentFilename, downloadFile, type DownloadProgress } from './download.js';

function serve(chunks: string[], headers: Record<string, string>, status = 200) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status, headers })));
}

function fakeDocument() {
  const link = { href: '', download: '', click: vi.fn(), remove: vi.fn() };
  vi.stubGlobal('document', { createElement: () => link, body: { append: vi.fn() } });
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:file');
  return link;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('downloadFile', () => {
  it('reports the bytes as they arrive and saves the file under the server’s name', async () => {
    serve(['a,b\r\n', '1,2\r\n', '3,4\r\n'], { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="transactions-2026-12-01.csv"' });
    const link = fakeDocument();
    const progress: DownloadProgress[] = [];
    const saved = await downloadFile('/api/exports/transactions?format=csv', (each) => progress.push(each));
    expect(progress.map((each) => each.received)).toEqual([0, 5, 10, 15]);
    expect(progress.every((each) => each.total === null)).toBe(true);
    expect(saved).toEqual({ filename: 'transactions-2026-12-01.csv', size: 15 });
    expect(link.download).toBe('transactions-2026-12-01.csv');
    expect(link.click).toHaveBeenCalledOnce();
  });

  it('knows the total when the server announces it', async () => {
    serve(['%PDF', '-1.3'], { 'content-type': 'application/pdf', 'content-length': '8' });
    fakeDocument();
    const progress: DownloadProgress[] = [];
    await downloadFile('/x', (each) => progress.push(each));
    expect(progress.at(-1)).toEqual({ received: 8, total: 8 });
  });

  it('throws the API’s error for a refusal, and saves nothing', async () => {
    serve([JSON.stringify({ type: 'about:blank', title: 'Forbidden', detail: 'Needs invoices:read', permission: 'invoices:read' })], { 'content-type': 'application/problem+json' }, 403);
    const link = fakeDocument();
    const error = await downloadFile('/x', () => undefined).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
    expect((error as ApiError).message).toBe('Needs invoices:read');
    expect(link.click).not.toHaveBeenCalled();
  });

  it('reads the name from Content-Disposition', () => {
    expect(attachmentFilename('attachment; filename="statement-2026-11-abcd1234.pdf"')).toBe('statement-2026-11-abcd1234.pdf');
    expect(attachmentFilename(null)).toBeNull();
  });
});
