/** The server's base64url VAPID key as the bytes `PushManager.subscribe()` takes everywhere (Safari wants bytes). */
export function vapidKeyBytes(base64Url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64Url.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (char) => char.charCodeAt(0));
}

/** Whether a subscription was made with this key; an unknown key (null) counts as a match, to avoid churn. */
export function subscribedWithKey(subscription: PushSubscription, base64Url: string): boolean {
  const current = subscription.options?.applicationServerKey;
  if (!current) return true;
  const expected = vapidKeyBytes(base64Url);
  const actual = new Uint8Array(current);
  return actual.length === expected.length && actual.every((byte, index) => byte === expected[index]);
}
