import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';
import { loadOrCreateSecret } from '../auth/data-dir-secret';
import type { Db } from '../db/client';
import { sharedKey } from '../db/stores/shared-keys';
import { checkSubject, loadOrCreateVapidKeys, parseVapidKeys, vapidFileName, type VapidKeys } from '../push/vapid';

export const pageTokenKeyFile = 'page-token.key';

/**
 * The keys every instance must agree on live in the database: the VAPID key pair (a phone subscribed through
 * one instance is paged by another) and the page-token secret (an Acknowledge signed by one instance is
 * accepted by another). An install that kept them in DATA_DIR brings its files along on first start, so
 * registered phones stay subscribed and outstanding tokens stay valid.
 */
export async function loadSharedKeys(db: Db, dataDir: string, vapidSubject: string, now: Date): Promise<{ vapid: VapidKeys; pageTokenKey: Buffer }> {
  checkSubject(vapidSubject);
  const fromDataDir = (file: string) => existsSync(join(dataDir, file));
  const vapidJson = await sharedKey(
    db,
    'vapid',
    () => {
      const { publicKey, privateKey } = fromDataDir(vapidFileName) ? loadOrCreateVapidKeys(dataDir, vapidSubject) : webpush.generateVAPIDKeys();
      return JSON.stringify({ publicKey, privateKey });
    },
    now,
  );
  const pageToken = await sharedKey(
    db,
    'page-token',
    () => (fromDataDir(pageTokenKeyFile) ? loadOrCreateSecret(dataDir, pageTokenKeyFile) : randomBytes(32)).toString('base64'),
    now,
  );
  return {
    vapid: { ...parseVapidKeys(vapidJson, 'the shared_keys table'), subject: vapidSubject },
    pageTokenKey: Buffer.from(pageToken, 'base64'),
  };
}
