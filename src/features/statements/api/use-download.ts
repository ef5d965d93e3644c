import { useCallback, useState } from 'react';
import { downloadFile, type DownloadProgress } from '../../../lib/download.js';

export type DownloadState =
  | { status: 'idle' }
  | { status: 'downloading'; progress: DownloadProgress }
  | { status: 'saved'; filename: string; size: number };

/** One download at a time with its progress; a refusal is thrown to the form that started it. */
export function useDownload() {
  const [state, setState] = useState<DownloadState>({ status: 'idle' });
  const start = useCallback(async (url: string) => {
    setState({ status: 'downloading', progress: { received: 0, total: null } });
    try {
      const saved = await downloadFile(url, (progress) => setState({ status: 'downloading', progress }));
      setState({ status: 'saved', ...saved });
    } catch (error) {
      setState({ status: 'idle' });
      throw error;
    }
  }, []);
  return { state, start };
}
