import { request as httpRequest, type Agent, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { OutgoingTarget } from './outgoing-url';

export interface OutgoingRequest {
  method: string;
  headers: OutgoingHttpHeaders;
  body?: Buffer | string | null;
  /** Gives up when the connection stays idle this long, while connecting or waiting for the answer. */
  timeoutMs: number;
  /** A keep-alive agent saves a TLS handshake per request (an https.Agent for https targets). */
  agent?: Agent;
}

export interface OutgoingResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The start of the body (up to `maxResponseBytes`): enough for an error message, bounded for a hostile server. */
  body: string;
}

/**
 * Anything that went wrong on the way: DNS, a refused address, a refused connection, TLS, a timeout, a dropped
 * connection. Callers tell users only that the service could not be reached: the causes differ between an open
 * and a closed port, or a TLS and a plain server, and echoing them would turn Muster into a network scanner.
 * The low-level error stays in `cause`.
 */
export class UnreachableError extends Error {
  constructor(target: OutgoingTarget, cause: unknown) {
    super(`could not reach ${target.origin}`, { cause });
  }
}

export const maxResponseBytes = 64 * 1024;

// Node merges an agent's own options over the request's, so an agent carrying any of these would send the request
// somewhere other than the checked target, or resolve its name without the address guard.
const destinationOptions = ['lookup', 'host', 'hostname', 'port', 'socketPath', 'servername'];

/**
 * Sends one request to exactly the checked target: host, port and path come from the parsed URL, names resolve
 * through the target's guarded lookup, and TLS verifies the checked host name. Resolves with any HTTP answer;
 * rejects with `UnreachableError` when there is none.
 */
export function sendOutgoing(target: OutgoingTarget, { method, headers, body, timeoutMs, agent }: OutgoingRequest): Promise<OutgoingResponse> {
  const agentOptions: Record<string, unknown> = (agent as { options?: Record<string, unknown> } | undefined)?.options ?? {};
  const overriding = destinationOptions.filter((key) => agentOptions[key] != null);
  if (overriding.length > 0) return Promise.reject(new TypeError(`the agent sets ${overriding.join(', ')}, which would bypass the checked destination`));

  return new Promise((resolve, reject) => {
    const unreachable = (err: Error) => reject(new UnreachableError(target, err));
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      {
        // An IP address is only here when the allow-list names it (parseOutgoingUrl), so no lookup is needed for it.
        host: target.hostname,
        port: target.port,
        path: target.path,
        method,
        headers,
        agent,
        lookup: target.lookup,
        // Otherwise Node would take the TLS name from a Host header; an IP address is sent without SNI.
        ...(target.protocol === 'https:' && { servername: isIP(target.hostname) ? '' : target.hostname }),
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < maxResponseBytes) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).subarray(0, maxResponseBytes).toString('utf8') }));
        res.on('error', unreachable);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no data for ${timeoutMs} ms`)));
    req.on('error', unreachable);
    req.end(body ?? undefined);
  });
}
