import { ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { ApiError } from '../api/http';
import { useSessionStore } from '../stores/session';

/** Turns any failure into one sentence a half-awake responder can act on. */
export function describeError(err: unknown): string {
  if (err instanceof Error && err.message.trim()) {
    const message = err.message.trim();
    return message.charAt(0).toUpperCase() + message.slice(1);
  }
  return 'Something went wrong';
}

/**
 * Runs one user action at a time: `pending` disables its button (a sleepy double tap must not
 * send the command twice) and `error` holds what to show. An expired session goes to sign-in.
 */
export function useAction() {
  const pending = ref(false);
  const error = ref<string | null>(null);
  const router = useRouter();
  const route = useRoute();
  const session = useSessionStore();

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    if (pending.value) return undefined;
    pending.value = true;
    error.value = null;
    try {
      return await action();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401 && !route.meta.public) {
        session.forget();
        await router.replace({ name: 'login', query: { redirect: route.fullPath } });
        return undefined;
      }
      error.value = describeError(err);
      return undefined;
    } finally {
      pending.value = false;
    }
  }

  return { run, pending, error };
}
