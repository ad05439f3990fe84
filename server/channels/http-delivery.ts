import { RefusedAddressError } from '../net/address-guard';
import { sendOutgoing, UnreachableError, type OutgoingResponse } from '../net/outgoing-request';
import { parseOutgoingUrl } from '../net/outgoing-url';
import { parseRetryAfterMs } from '../push/retry-policy';
import type { ChannelOutcome } from './channel';
import { channelUrlPolicy, outgoingAllowedHostsSetting } from './outgoing-policy';

/** The one request an HTTP channel makes for a message: always a POST. */
export interface ChannelRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface ChannelHttpOptions {
  /** Entries of MUSTER_OUTGOING_ALLOWED_HOSTS, as `parseOutgoingAllowedHosts` reads them. */
  allowedHosts?: readonly string[];
  /** Gives up on a receiver that stays silent this long (socket idle time): a page must not wait on it. */
  timeoutMs?: number;
}

export interface ChannelHttp {
  /**
   * Checks the URL and POSTs the request. Never throws: every failure is an outcome. `receiver` names the other
   * end in errors, as users read them on the timeline: "ntfy answered 401".
   */
  post(receiver: string, request: ChannelRequest): Promise<ChannelOutcome>;
}

export const defaultChannelTimeoutMs = 10_000;

export function createChannelHttp({ allowedHosts = [], timeoutMs = defaultChannelTimeoutMs }: ChannelHttpOptions = {}): ChannelHttp {
  const policy = channelUrlPolicy(allowedHosts);
  return {
    async post(receiver, { url, headers, body }) {
      // Methods saved before the rules or the allow-list changed are checked again here.
      const checked = parseOutgoingUrl(url, policy);
      if (!checked.ok) return { kind: 'rejected', error: `cannot send: the ${receiver} URL ${checked.reason}` };
      try {
        const response = await sendOutgoing(checked.target, { method: 'POST', headers, body, timeoutMs });
        return outcomeForAnswer(receiver, response, new Date());
      } catch (err) {
        if (!(err instanceof UnreachableError)) return { kind: 'rejected', error: `cannot send: ${(err as Error).message}` };
        // The name resolved only inward: retrying cannot help, and the fix is the operator's.
        if (err.cause instanceof RefusedAddressError) {
          return {
            kind: 'rejected',
            error: `cannot send: ${checked.target.hostname} leads into Muster's own network; an administrator can allow it with ${outgoingAllowedHostsSetting}`,
          };
        }
        // UnreachableError's message names only the origin the user gave, never the network's answer.
        return { kind: 'retryable', error: err.message };
      }
    },
  };
}

/**
 * 2xx is delivered; 429 and 5xx may pass (honouring Retry-After when given); anything else, redirects too, will
 * not change by retrying the same request. Following a redirect would mean checking another URL: not done.
 */
export function outcomeForAnswer(receiver: string, { status, headers }: Pick<OutgoingResponse, 'status' | 'headers'>, now: Date): ChannelOutcome {
  if (status >= 200 && status <= 299) return { kind: 'delivered', status };
  const error = `${receiver} answered ${status}`;
  if (status !== 429 && status < 500) return { kind: 'rejected', status, error };
  const retryAfter = headers['retry-after'];
  return { kind: 'retryable', status, error, ...(retryAfter !== undefined && { retryAfterMs: parseRetryAfterMs(retryAfter, now) }) };
}
