import { ApiError, apiErrorOf, noAnswerProblem } from './api-client.js';

export interface DownloadProgress {
  received: number;
  /** The size the server announced, or null while a streamed file's size is unknown. */
  total: number | null;
}

/** The name in `Content-Disposition: attachment; filename="…"`. */
export function attachmentFilename(header: string | null): string | null {
  return header?.match(/filename="([^"]+)"/)?.[1] ?? null;
}

/**
 * Fetches a file the server streams, reporting the bytes as they arrive (`onProgress`), then hands it
 * to the browser to save under the server's name. A refusal throws the API's error, as `request` does.
 */
export async function downloadFile(url: string, onProgress: (progress: DownloadProgress) => void, signal?: AbortSignal): Promise<{ filename: string; size: number }> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new ApiError(0, noAnswerProblem('offline', url));
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, noAnswerProblem('unreachable', url));
  }
  if (!response.ok || !response.body) throw await apiErrorOf(response, url);
  const announced = Number(response.headers.get('content-length'));
  const total = Number.isFinite(announced) && announced > 0 ? announced : null;
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress({ received, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress({ received, total });
  }
  const filename = attachmentFilename(response.headers.get('content-disposition')) ?? 'download';
  const href = URL.createObjectURL(new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the URL is released a little later.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return { filename, size: received };
}
