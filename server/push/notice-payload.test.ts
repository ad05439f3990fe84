import { describe, expect, it } from 'vitest';
import type { NoticePayload } from '../../shared/api/push';
import { encodeNoticePayload } from './notice-payload';
import { maxPayloadBytes } from './page-payload';

const notice: NoticePayload = { type: 'notice', incidentId: 'i', title: 'Update on #12 · checkout', body: 'short', url: '/incidents/i', tag: 'update-x' };

describe('encodeNoticePayload', () => {
  it('keeps a short update whole', () => {
    expect(JSON.parse(encodeNoticePayload(notice))).toEqual(notice);
  });

  it('shortens a long update’s body to fit a push, keeping the rest', () => {
    const body = 'ü'.repeat(5000);
    const encoded = encodeNoticePayload({ ...notice, body });
    expect(Buffer.byteLength(encoded)).toBeLessThanOrEqual(maxPayloadBytes);
    const decoded = JSON.parse(encoded) as NoticePayload;
    expect(decoded.body.endsWith('…')).toBe(true);
    expect(decoded.body.length).toBeGreaterThan(1500);
    expect({ ...decoded, body: '' }).toEqual({ ...notice, body: '' });
  });
});
