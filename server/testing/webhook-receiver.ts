import { createServer, type IncomingMessage } from 'node:http';

export interface ReceivedWebhook {
  method: string;
  path: string;
  contentType: string | undefined;
  body: Record<string, string>;
}

/**
 * A webhook endpoint on 127.0.0.1 for tests: it answers each request with the next status of
 * `statuses` (the last one repeats) and keeps what it received.
 */
export async function webhookReceiver(statuses: number[] = [200]) {
  const received: ReceivedWebhook[] = [];
  const read = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      request.on('end', () => resolve(text));
    });
  const server = createServer(async (request, response) => {
    const text = await read(request);
    // The GET is the probe before a webhook URL is saved.
    if (request.method === 'GET') return response.writeHead(200).end('ok');
    received.push({ method: request.method ?? '', path: request.url ?? '', contentType: request.headers['content-type'], body: text ? JSON.parse(text) : {} });
    const status = statuses[Math.min(received.length - 1, statuses.length - 1)];
    response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'thanks' : `busy (${status})`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (path = '/webhook') => `http://127.0.0.1:${port}${path}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
