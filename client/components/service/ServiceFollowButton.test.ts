import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { Service } from '../../../shared/api/services';
import { jsonResponse, stubFetch } from '../../testing/fetch-stub';
import ServiceFollowButton from './ServiceFollowButton.vue';

const service = { id: 'svc-1', name: 'Checkout API', following: false } as Service;

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => vi.unstubAllGlobals());

describe('following a service', () => {
  it('follows, then unfollows, saying which it will do', async () => {
    const { requests } = stubFetch({
      'POST /api/v1/services/svc-1/follow': () => jsonResponse(200, { following: true, viaContactMethods: false }),
      'DELETE /api/v1/services/svc-1/follow': () => jsonResponse(200, { following: false, viaContactMethods: false }),
    });
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div />' } }] });
    const wrapper = mount(ServiceFollowButton, { props: { service }, global: { plugins: [router] } });
    expect(wrapper.find('button').text()).toBe('Follow updates for all its incidents');
    await wrapper.find('button').trigger('click');
    await vi.waitFor(() => expect(wrapper.emitted('changed')).toEqual([[true]]));
    await wrapper.setProps({ service: { ...service, following: true } });
    expect(wrapper.find('button').text()).toBe('Unfollow updates');
    await wrapper.find('button').trigger('click');
    await vi.waitFor(() => expect(wrapper.emitted('changed')).toEqual([[true], [false]]));
    expect(requests.map((req) => `${req.method} ${req.path}`)).toEqual(['POST /api/v1/services/svc-1/follow', 'DELETE /api/v1/services/svc-1/follow']);
    expect(requests[0].headers.get('Idempotency-Key')).toBeTruthy();
  });
});
