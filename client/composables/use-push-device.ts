import { ref } from 'vue';
import type { PushDevice } from '../../shared/api/push';
import { ApiError, noAnswer } from '../api/http';
import { pushApi, type TestPageResult } from '../api/push';
import { pushSupported } from '../push/browser-subscription';
import { deviceLabel } from '../sw/device-label';
import { subscribedWithKey, vapidKeyBytes } from '../sw/vapid-key';
import { useAction } from './use-action';

/** `off`: supported and allowed, just not subscribed (yet). */
export type PushState = 'checking' | 'unsupported' | 'blocked' | 'off' | 'enabled';

/** The server's id for this browser's subscription, to mark "this device" and remove it on sign-out. */
const deviceIdKey = 'muster.pushDeviceId';
const workerWaitMs = 10_000;


async function readyRegistration(): Promise<ServiceWorkerRegistration> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the app is still installing; try again in a moment')), workerWaitMs);
  });
  return Promise.race([navigator.serviceWorker.ready, timeout]).finally(() => clearTimeout(timer));
}

/** This browser's subscription for `publicKey`: kept if made with that key, else replaced. */
async function subscriptionFor(registration: ServiceWorkerRegistration, publicKey: string): Promise<PushSubscription> {
  const existing = await registration.pushManager.getSubscription();
  if (existing && subscribedWithKey(existing, publicKey)) return existing;
  // The server's VAPID key changed (new DATA_DIR, restored backup): pushes signed with it would be refused.
  await existing?.unsubscribe();
  return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: vapidKeyBytes(publicKey) });
}

async function registerWithServer(subscription: PushSubscription): Promise<PushDevice> {
  const { endpoint, keys } = subscription.toJSON();
  if (!endpoint || !keys?.p256dh || !keys.auth) throw new Error('the browser returned an incomplete push subscription');
  const device = await pushApi.register({ endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth }, label: deviceLabel(navigator.userAgent) });
  localStorage.setItem(deviceIdKey, device.id);
  return device;
}

/**
 * At app start: if this device is subscribed but the server's key changed, subscribe again and
 * register the new endpoint, so pages keep arriving. Asks nothing of the user.
 */
export async function renewPushSubscription(): Promise<void> {
  if (!pushSupported() || Notification.permission !== 'granted') return;
  const registration = await navigator.serviceWorker.getRegistration();
  const existing = await registration?.pushManager.getSubscription();
  if (!registration || !existing) return;
  const publicKey = await pushApi.vapidPublicKey();
  if (subscribedWithKey(existing, publicKey)) return;
  await registerWithServer(await subscriptionFor(registration, publicKey));
}

/** Settings → "This device": push state, enabling (from a tap only), test pages and the device list. */
export function usePushDevice() {
  const state = ref<PushState>('checking');
  const devices = ref<PushDevice[]>([]);
  const thisDeviceId = ref<string | null>(localStorage.getItem(deviceIdKey));
  const testResults = ref<TestPageResult[] | null>(null);
  /** The device list could not load for want of a connection: the screen says so once, not as an error. */
  const devicesOffline = ref(false);
  const { run, pending, error } = useAction();

  async function loadDevices(): Promise<void> {
    devices.value = await pushApi.devices();
    devicesOffline.value = false;
  }

  /** This device's push state; `serverKnown` when the device list came from the server just now. */
  async function currentState(serverKnown: boolean): Promise<PushState> {
    if (!pushSupported()) return 'unsupported';
    if (Notification.permission === 'denied') return 'blocked';
    if (Notification.permission !== 'granted') return 'off';
    const registration = await navigator.serviceWorker.getRegistration();
    const subscription = await registration?.pushManager.getSubscription();
    if (!registration || !subscription) return 'off';
    // Subscribed here, but the server dropped it (removed from another device, or pruned): register again.
    if (serverKnown && !devices.value.some((device) => device.id === thisDeviceId.value)) {
      thisDeviceId.value = (await registerWithServer(await subscriptionFor(registration, await pushApi.vapidPublicKey()))).id;
      await loadDevices();
    }
    return 'enabled';
  }

  /** Offline the device list cannot load, but this phone's own push state is known here: it is shown either way. */
  const refresh = () =>
    run(async () => {
      const failure = await loadDevices().then(
        () => null,
        (err: unknown) => err,
      );
      state.value = await currentState(failure === null);
      devicesOffline.value = noAnswer(failure);
      if (failure && !devicesOffline.value) throw failure;
    });

  const enable = () =>
    run(async () => {
      // First thing in the tap handler: iOS shows the permission prompt only inside the gesture.
      const permission = await Notification.requestPermission();
      if (permission === 'denied') {
        state.value = 'blocked';
        return;
      }
      if (permission !== 'granted') throw new Error('notifications were not allowed; tap "Enable push" again and choose Allow');
      const registration = await readyRegistration();
      const device = await registerWithServer(await subscriptionFor(registration, await pushApi.vapidPublicKey()));
      thisDeviceId.value = device.id;
      state.value = 'enabled';
      await loadDevices();
    });

  /** Stops pages to this browser: unsubscribes here and forgets the device on the server. */
  async function turnOff(): Promise<void> {
    const registration = pushSupported() ? await navigator.serviceWorker.getRegistration() : undefined;
    await (await registration?.pushManager.getSubscription())?.unsubscribe();
    const id = thisDeviceId.value;
    localStorage.removeItem(deviceIdKey);
    thisDeviceId.value = null;
    if (state.value === 'enabled') state.value = 'off';
    // Already gone on the server is what we wanted.
    if (id) await pushApi.remove(id).catch((err: unknown) => (err instanceof ApiError && err.status === 404 ? undefined : Promise.reject(err)));
  }

  const disable = () =>
    run(async () => {
      await turnOff();
      await loadDevices();
    });

  const remove = (id: string) =>
    run(async () => {
      if (id === thisDeviceId.value) await turnOff();
      else await pushApi.remove(id);
      await loadDevices();
    });

  const sendTest = () =>
    run(async () => {
      testResults.value = null;
      testResults.value = await pushApi.sendTest();
      // A device the push service no longer knows was removed by the server.
      await loadDevices();
    });

  return { state, devices, devicesOffline, thisDeviceId, testResults, pending, error, refresh, enable, disable, remove, sendTest, turnOff };
}
