// The local push service in its own process, as a real one would be: its decrypting and
// checking must not steal CPU from the Muster process under measurement.
import { startPushEndpoint } from '../test/helpers/push-endpoint';

export type ToPushService = { type: 'subscribe'; label: string } | { type: 'close' };
export type FromPushService =
  | { type: 'ready'; caPem: string; host: string }
  | { type: 'subscription'; label: string; endpoint: string; keys: { p256dh: string; auth: string } }
  | { type: 'received'; label: string | null; status: number; payload: string | null; at: number };

const push = await startPushEndpoint();
const send = (message: FromPushService) => process.send!(message);
let reported = 0;
// Report each message once it arrived; the wall clock (timeOrigin + now) is shared with the parent.
setInterval(() => {
  for (; reported < push.received.length; reported++) {
    const message = push.received[reported];
    send({ type: 'received', label: message.label, status: message.status, payload: message.payload, at: performance.timeOrigin + message.receivedAt.monotonicMs });
  }
}, 1).unref();
process.on('message', async (message: ToPushService) => {
  if (message.type === 'subscribe') send({ type: 'subscription', label: message.label, ...push.newSubscription(message.label) });
  if (message.type === 'close') {
    await push.close();
    process.exit(0);
  }
});
send({ type: 'ready', caPem: push.caPem, host: push.host });
