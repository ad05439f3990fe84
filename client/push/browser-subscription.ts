/** This browser's own push state, read and changed without the server. */

export function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** Whether this browser holds a push subscription now: what the first-run guide ticks. */
export async function pushSubscribedHere(): Promise<boolean> {
  if (!pushSupported() || Notification.permission !== 'granted') return false;
  const registration = await navigator.serviceWorker.getRegistration();
  return Boolean(await registration?.pushManager.getSubscription());
}

/**
 * Ends this browser's subscription, so pages for whoever enabled push here stop arriving: for when someone
 * else signs in on this device. The push service then answers 410 and the server forgets the endpoint.
 */
export async function unsubscribeHere(): Promise<void> {
  if (!pushSupported()) return;
  const registration = await navigator.serviceWorker.getRegistration();
  await (await registration?.pushManager.getSubscription())?.unsubscribe();
}
