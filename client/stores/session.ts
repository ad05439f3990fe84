import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { User } from '../../shared/api/accounts';
import { ApiError } from '../api/http';
import { sessionApi, type LoginInput, type SetupInput } from '../api/session';
import { readSnapshot, saveSnapshot } from '../offline/cache';
import { unsubscribeHere } from '../push/browser-subscription';
import { quietly, useConnectivityStore } from './connectivity';
import { useIncidentsStore } from './incidents';

/** The device remembers who signed in, so the app opens offline with that user's cached data. */
const signedInKey = 'me';

export const useSessionStore = defineStore('session', () => {
  const me = ref<User | null>(null);
  /** Whether `me` reflects an answer from the server (so the router guard asks only once). */
  const loaded = ref(false);

  // Viewers read; responders and admins act on incidents (the server enforces the same split).
  const canRespond = computed(() => me.value?.role === 'responder' || me.value?.role === 'admin');
  const isAdmin = computed(() => me.value?.role === 'admin');

  /** A different person signing in on this device must not send or read the previous one's data. */
  async function remember(user: User): Promise<User> {
    const previous = await quietly(readSnapshot<User>(signedInKey));
    if (previous && previous.id !== user.id) {
      await useConnectivityStore().forgetDevice();
      // The previous person's pages must not keep ringing the phone someone else now holds.
      await unsubscribeHere().catch((err: unknown) => console.error('could not end the previous push subscription', err));
    }
    await quietly(saveSnapshot(signedInKey, user));
    me.value = user;
    loaded.value = true;
    return user;
  }

  async function load(): Promise<User | null> {
    if (loaded.value) return me.value;
    try {
      await remember(await sessionApi.me());
    } catch (err) {
      if (!(err instanceof ApiError) || (err.status !== 401 && err.status !== 0)) throw err;
      if (err.status === 0) {
        // Offline: open as the user who signed in here last; `loaded` stays false to ask again.
        const known = await quietly(readSnapshot<User>(signedInKey));
        if (!known) throw err;
        me.value = known;
        return known;
      }
      me.value = null;
      loaded.value = true;
    }
    return me.value;
  }

  async function setupNeeded(): Promise<boolean> {
    return (await sessionApi.setupStatus()).needed;
  }

  async function login(input: LoginInput): Promise<User> {
    const user = await remember(await sessionApi.login(input));
    // Commands that waited for a new sign-in can go now.
    void useConnectivityStore().sync();
    return user;
  }

  async function setup(input: SetupInput): Promise<User> {
    return remember(await sessionApi.setup(input));
  }

  /** Drops the local session, e.g. after the server answered 401 because it expired. */
  function forget(): void {
    me.value = null;
    loaded.value = true;
    useIncidentsStore().clear();
  }

  async function logout(): Promise<void> {
    await sessionApi.logout();
    forget();
    await useConnectivityStore().forgetDevice();
  }

  /** Someone was just signed in by an answer other than login or setup (a one-time sign-in link). */
  const signedInAs = remember;

  return { me, loaded, canRespond, isAdmin, load, setupNeeded, login, setup, signedInAs, forget, logout };
});
