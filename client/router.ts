import { createRouter, createWebHistory, type RouterHistory } from 'vue-router';
import { useSessionStore } from './stores/session';
import IncidentDetailView from './views/IncidentDetailView.vue';
import IncidentListView from './views/IncidentListView.vue';
import LoginView from './views/LoginView.vue';
import SetupView from './views/SetupView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
  }
}

export function createAppRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({
    history,
    routes: [
      { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
      { path: '/setup', name: 'setup', component: SetupView, meta: { public: true } },
      { path: '/', name: 'incidents', component: IncidentListView },
      { path: '/incidents/:id', name: 'incident', component: IncidentDetailView, props: true },
      // Not needed to see and acknowledge a page: loaded on first visit (and precached for offline).
      { path: '/on-call', name: 'on-call', component: () => import('./views/OnCallView.vue') },
      { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
      { path: '/services', name: 'services', component: () => import('./views/ServiceListView.vue') },
      { path: '/services/:id', name: 'service', component: () => import('./views/ServiceView.vue'), props: true },
      { path: '/:unknown(.*)*', redirect: '/' },
    ],
  });

  router.beforeEach(async (to) => {
    const session = useSessionStore();
    if (await session.load()) return to.meta.public ? { name: 'incidents' } : true;

    if (await session.setupNeeded()) return to.name === 'setup' ? true : { name: 'setup' };
    if (to.name === 'login') return true;
    // Keep a deep link (e.g. from a page) so signing in lands on that incident.
    const keep = !to.meta.public && to.fullPath !== '/';
    return { name: 'login', query: keep ? { redirect: to.fullPath } : {} };
  });

  return router;
}
