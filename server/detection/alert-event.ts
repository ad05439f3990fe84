import type { AlertImage, AlertLink, AlertSource } from '../../shared/api/detection';

/** One alert event as every integration hands it to ingestion, whatever its wire format. */
export interface AlertEvent {
  action: 'trigger' | 'acknowledge' | 'resolve';
  dedupKey: string;
  /** Required for a trigger; ignored otherwise. */
  summary: string;
  /** As the tool sent it: mapped to an incident severity by the service's mapping. */
  severity: string | null;
  source: AlertSource;
  details: Record<string, unknown>;
  links: AlertLink[];
  images: AlertImage[];
  client: string | null;
  clientUrl: string | null;
  /** The tool's own time for when the problem began. */
  startedAt: Date | null;
  /** Alerts with the same group key join one incident while it is open (Alertmanager's `groupKey`). */
  groupKey: string | null;
}

/** Incident titles are one line: a tool's multi-line summary is folded onto one and cut to the title limit. */
export function titleFrom(summary: string): string {
  const line = summary.replace(/\s+/g, ' ').trim();
  return line.length > 1024 ? `${line.slice(0, 1023)}…` : line || 'Alert';
}

/** Only http(s) links are kept: a `javascript:` link from a tool must never reach a responder's tap. */
export function isWebUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
