import { ECDH } from 'node:crypto';

/**
 * The shared schema checks that p256dh is 65 bytes starting with 0x04 (it has no curve maths in the browser);
 * only a point on the curve can encrypt a page, so anything else would leave the device silently unreachable.
 */
export function isP256PublicKey(base64url: string): boolean {
  try {
    ECDH.convertKey(Buffer.from(base64url, 'base64url'), 'prime256v1');
    return true;
  } catch {
    return false;
  }
}
