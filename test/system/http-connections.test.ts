import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../helpers/server-process';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One raw HTTP/1.1 connection, so a test controls exactly what is sent on it: `next()` reads the
 * next response, or says the server closed the connection first, or that nothing came in time.
 */
function openConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let buffer = Buffer.alloc(0);
  let closed = false;
  let wake: () => void = () => undefined;
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    wake();
  });
  socket.on('close', () => {
    closed = true;
    wake();
  });
  // The server may close while a refused body is still being written: a reset is expected then.
  socket.on('error', () => undefined);

  function parse(): RawResponse | undefined {
    const headEnd = buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return undefined;
    const [statusLine, ...lines] = buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? 0);
    if (buffer.length < headEnd + 4 + length) return undefined;
    const body = buffer.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
    buffer = buffer.subarray(headEnd + 4 + length);
    return { status: Number(statusLine.split(' ')[1]), headers, body };
  }

  return {
    write: (data: string | Buffer) => socket.write(data),
    async next(timeoutMs = 5000): Promise<RawResponse | 'closed' | 'no answer'> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const response = parse();
        if (response) return response;
        if (closed) return 'closed';
        if (Date.now() > deadline) return 'no answer';
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
    async closedByServer(timeoutMs = 5000): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      while (!closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      return closed;
    },
    destroy: () => socket.destroy(),
  };
}

const oversized = Buffer.alloc(600 * 1024, 'a');
const healthz = 'GET /healthz HTTP/1.1\r\nHost: muster.test\r\n\r\n';

describe('a request after a refused body, as a keep-alive client sends it', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  /**
   * Behaves like an HTTP client: reuses the connection for the next request unless the refusal
   * said `Connection: close`, in which case it waits for the server to close it and reconnects.
   * Either way the next request must be answered.
   */
  async function expectNextRequestAnswered(send: (connection: ReturnType<typeof openConnection>) => void, status: number) {
    const connection = openConnection(server.port);
    try {
      send(connection);
      const refusal = await connection.next();
      expect(refusal).toMatchObject({ status });
      const closing = (refusal as RawResponse).headers.connection === 'close';
      if (closing) {
        expect(await connection.closedByServer(), 'the server closes the connection it announced closing').toBe(true);
        const fresh = openConnection(server.port);
        fresh.write(healthz);
        expect(await fresh.next()).toMatchObject({ status: 200, body: '{"status":"ok","backend":"sqlite"}' });
        fresh.destroy();
      } else {
        connection.write(healthz);
        expect(await connection.next(), 'the request sent on the kept-alive connection').toMatchObject({ status: 200, body: '{"status":"ok","backend":"sqlite"}' });
      }
    } finally {
      connection.destroy();
    }
  }

  it('a 413 for a Content-Length body over 512 KB', async () => {
    await expectNextRequestAnswered((connection) => {
      connection.write(`POST /v2/enqueue HTTP/1.1\r\nHost: muster.test\r\nContent-Type: application/json\r\nContent-Length: ${oversized.length}\r\n\r\n`);
      connection.write(oversized);
    }, 413);
  });

  it('a 413 for a chunked body over 512 KB', async () => {
    await expectNextRequestAnswered((connection) => {
      connection.write('POST /v2/enqueue HTTP/1.1\r\nHost: muster.test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
      connection.write(`${oversized.length.toString(16)}\r\n`);
      connection.write(oversized);
      connection.write('\r\n0\r\n\r\n');
    }, 413);
  });

  it('a 401 that never reads its 400 KB body', async () => {
    const body = Buffer.alloc(400 * 1024, 'a');
    await expectNextRequestAnswered((connection) => {
      connection.write(`POST /api/v1/incidents HTTP/1.1\r\nHost: muster.test\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
      connection.write(body);
    }, 401);
  });

  it('keeps a connection whose requests were read in full open for the next one', async () => {
    const connection = openConnection(server.port);
    try {
      connection.write(healthz);
      expect(await connection.next()).toMatchObject({ status: 200, headers: { connection: 'keep-alive' } });
      connection.write(healthz);
      expect(await connection.next()).toMatchObject({ status: 200 });
    } finally {
      connection.destroy();
    }
  });
});
