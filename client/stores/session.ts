import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { User } from '../../shared/api/accounts';
import { ApiError } from '../api/http';
import { sessionApi, type LoginInput, type SetupInput } from '../api/session';
import { useIncidentsStore } from './incidents';

export const useSessionStore = defineStore('session', () => {
  const me = ref<User | null>(null);
  /** Whether `me` reflects an answer from the server (so the router guard asks only once). */
  const loaded = ref(false);

  // Viewers read; responders and admins act on incidents (the server enforces the same split).
  const canRespond = computed(() => me.value?.role === 'responder' || me.value?.role === 'admin');

  async function load(): Promise<User | null> {
    if (loaded.value) return me.value;
    try {
      me.value = await sessionApi.me();
      loaded.value = true;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      me.value = null;
      loaded.value = true;
    }
    return me.value;
  }

  async function setupNeeded(): Promise<boolean> {
    return (await sessionApi.setupStatus()).needed;
  }

  async function login(input: LoginInput): Promise<User> {
    me.value = await sessionApi.login(input);
    loaded.value = true;
    return me.value;
  }

  async function setup(input: SetupInput): Promise<User> {
    me.value = await sessionApi.setup(input);
    loaded.value = true;
    return me.value;
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
  }

  return { me, loaded, canRespond, load, setupNeeded, login, setup, forget, logout };
});
