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
    /** Public, and shown even to a signed-in user instead of sending them to the incidents. */
    anySession?: boolean;
  }
}

export function createAppRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({
    history,
    routes: [
      { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
      { path: '/setup', name: 'setup', component: SetupView, meta: { public: true } },
      // A one-time link an admin shared: open whether or not someone is signed in on this device.
      { path: '/welcome/:token', name: 'sign-in-link', component: () => import('./views/SignInLinkView.vue'), props: true, meta: { public: true, anySession: true } },
      { path: '/', name: 'incidents', component: IncidentListView },
      { path: '/incidents/:id', name: 'incident', component: IncidentDetailView, props: true },
      // Not needed to see and acknowledge a page: loaded on first visit (and precached for offline).
      { path: '/on-call', name: 'on-call', component: () => import('./views/OnCallView.vue') },
      { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
      { path: '/profile', name: 'profile', component: () => import('./views/ProfileView.vue') },
      { path: '/team', name: 'team', component: () => import('./views/TeamSetupView.vue') },
      { path: '/people', name: 'people', component: () => import('./views/PeopleView.vue') },
      { path: '/teams', name: 'teams', component: () => import('./views/TeamsView.vue') },
      { path: '/services', name: 'services', component: () => import('./views/ServiceListView.vue') },
      { path: '/services/new', name: 'service-new', component: () => import('./views/ServiceEditView.vue') },
      { path: '/services/:id', name: 'service', component: () => import('./views/ServiceView.vue'), props: true },
      { path: '/services/:id/edit', name: 'service-edit', component: () => import('./views/ServiceEditView.vue'), props: true },
      { path: '/policies', name: 'policies', component: () => import('./views/PolicyListView.vue') },
      { path: '/policies/new', name: 'policy-new', component: () => import('./views/PolicyEditView.vue') },
      { path: '/policies/:id', name: 'policy', component: () => import('./views/PolicyEditView.vue'), props: true },
      { path: '/schedules', name: 'schedules', component: () => import('./views/ScheduleListView.vue') },
      { path: '/schedules/new', name: 'schedule-new', component: () => import('./views/ScheduleEditView.vue') },
      { path: '/schedules/:id', name: 'schedule', component: () => import('./views/ScheduleEditView.vue'), props: true },
      { path: '/incidents/:id/review', name: 'review', component: () => import('./views/ReviewView.vue'), props: true },
      { path: '/action-items', name: 'action-items', component: () => import('./views/ActionItemsView.vue') },
      { path: '/metrics', name: 'metrics', component: () => import('./views/MetricsView.vue') },
      { path: '/drills', name: 'drills', component: () => import('./views/DrillsView.vue') },
      { path: '/drills/scenarios/:id', name: 'drill-scenario', component: () => import('./views/DrillScenarioEditView.vue'), props: true },
      { path: '/drills/:id', name: 'drill', component: () => import('./views/DrillView.vue'), props: true },
      { path: '/:unknown(.*)*', redirect: '/' },
    ],
  });

  router.beforeEach(async (to) => {
    const session = useSessionStore();
    if (to.meta.anySession) return true;
    if (await session.load()) return to.meta.public ? { name: 'incidents' } : true;

    if (await session.setupNeeded()) return to.name === 'setup' ? true : { name: 'setup' };
    if (to.name === 'login') return true;
    // Keep a deep link (e.g. from a page) so signing in lands on that incident.
    const keep = !to.meta.public && to.fullPath !== '/';
    return { name: 'login', query: keep ? { redirect: to.fullPath } : {} };
  });

  return router;
}
