import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { registerServiceWorker } from './composables/use-app-update';
import { createAppRouter } from './router';
import './styles/base.css';

createApp(App).use(createPinia()).use(createAppRouter()).mount('#app');

// Vite's dev server has no built worker; only production builds run offline and receive pushes.
if (import.meta.env.PROD) registerServiceWorker().catch((err: unknown) => console.error('service worker registration failed', err));
