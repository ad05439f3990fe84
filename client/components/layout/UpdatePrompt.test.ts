import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for workbox-window's Workbox: the test fires its lifecycle events. */
const workbox = vi.hoisted(() => {
  const listeners = new Map<string, Array<() => void>>();
  return {
    listeners,
    emit: (type: string) => listeners.get(type)?.forEach((listener) => listener()),
    messageSkipWaiting: vi.fn(),
    register: vi.fn(async () => undefined),
    update: vi.fn(async () => undefined),
  };
});
vi.mock('workbox-window', () => ({
  Workbox: class {
    addEventListener(type: string, listener: () => void) {
      workbox.listeners.set(type, [...(workbox.listeners.get(type) ?? []), listener]);
    }
    messageSkipWaiting = workbox.messageSkipWaiting;
    register = workbox.register;
    update = workbox.update;
  },
}));

const { registerServiceWorker, serviceWorkerUrl } = await import('../../composables/use-app-update');
const UpdatePrompt = (await import('./UpdatePrompt.vue')).default;

afterEach(() => {
  Reflect.deleteProperty(navigator, 'serviceWorker');
  vi.unstubAllGlobals();
});

describe('update prompt', () => {
  it('offers a reload when a new version waits, and swaps only when the user taps it', async () => {
    Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: {} });
    const reload = vi.fn();
    vi.stubGlobal('location', { ...window.location, reload });
    await registerServiceWorker();
    expect(workbox.register).toHaveBeenCalledOnce();
    expect(serviceWorkerUrl).toBe('/index.js');

    const prompt = mount(UpdatePrompt);
    expect(prompt.find('.update-prompt').exists()).toBe(false);

    workbox.emit('waiting');
    await prompt.vm.$nextTick();
    expect(prompt.find('.update-prompt').text()).toContain('Update available');
    expect(workbox.messageSkipWaiting).not.toHaveBeenCalled();

    await prompt.findAll('button').find((b) => b.text() === 'Reload')!.trigger('click');
    expect(workbox.messageSkipWaiting).toHaveBeenCalledOnce();
    expect(reload).not.toHaveBeenCalled();
    // The page reloads once the new worker has taken over, not before.
    workbox.emit('controlling');
    expect(reload).toHaveBeenCalledOnce();

    workbox.emit('waiting');
    await prompt.vm.$nextTick();
    await prompt.findAll('button').find((b) => b.text() === 'Later')!.trigger('click');
    expect(prompt.find('.update-prompt').exists()).toBe(false);
    prompt.unmount();
  });
});
