import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A plain HTTP server on 127.0.0.1:<random port> playing ntfy, a webhook receiver or a chat service: it records
 * each request and answers with the next queued status (200 when none is queued).
 */
export async function startHttpReceiver() {
  const received: ReceivedRequest[] = [];
  const statuses: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  return {
    origin: `http://127.0.0.1:${port}`,
    /** The MUSTER_OUTGOING_ALLOWED_HOSTS entry that lets Muster call it. */
    allowedHost: `127.0.0.1:${port}`,
    received,
    /** Answers the next requests with these statuses, in order. */
    answerWith: (...next: number[]) => statuses.push(...next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type HttpReceiver = Awaited<ReturnType<typeof startHttpReceiver>>;
