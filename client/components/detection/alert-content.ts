import { alertSourceNames, type AlertSource } from '../../../shared/domain/alert-source';

/*
 * Everything in an alert came from outside Muster. It is shown as text; a URL becomes a link only when it
 * parses as http(s) (never `javascript:` or `data:`), and an image only over https.
 */

function parsed(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** The URL to link to, or null when it is not a web address. */
export function webUrl(value: unknown): string | null {
  const url = parsed(value);
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : null;
}

/** The image to load, or null: only https, so a tool cannot make the app fetch plain-http or local content. */
export function imageUrl(value: unknown): string | null {
  const url = parsed(value);
  return url?.protocol === 'https:' ? url.href : null;
}

export const sourceLabel = (source: string) => alertSourceNames[source as AlertSource] ?? source;

export const firedWording = (count: number) => (count <= 1 ? 'fired once' : `fired ${count} times`);

export interface DetailEntry {
  key: string;
  value: string;
  /** Several lines (pretty-printed JSON, a multi-line message): shown preformatted. */
  block: boolean;
}

export interface DetailGroup {
  /** Null for the event's own top-level fields. */
  title: string | null;
  entries: DetailEntry[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `custom_details` → "Custom details", `annotations` → "Annotations". */
const titleOf = (key: string) => {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function entryOf(key: string, value: unknown): DetailEntry {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === null || value === undefined) text = '—';
  else if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) text = value.map(String).join(', ');
  else if (typeof value === 'object') text = JSON.stringify(value, null, 2);
  else text = String(value);
  return { key, value: text, block: text.includes('\n') };
}

/**
 * An alert's details as a readable list: its own fields first, then one group per object in it (PagerDuty's
 * `custom_details`, Alertmanager's `labels` and `annotations`); anything nested deeper is pretty-printed JSON.
 */
export function detailGroups(details: Record<string, unknown> | null | undefined): DetailGroup[] {
  if (!isRecord(details)) return [];
  const top: DetailEntry[] = [];
  const groups: DetailGroup[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (!isRecord(value)) top.push(entryOf(key, value));
    else if (Object.keys(value).length > 0) {
      groups.push({ title: titleOf(key), entries: Object.entries(value).map(([child, inner]) => entryOf(child, inner)) });
    }
  }
  return top.length > 0 ? [{ title: null, entries: top }, ...groups] : groups;
}
