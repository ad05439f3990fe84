import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./client'),
  publicDir: here('./public'),
  plugins: [
    vue(),
    VitePWA({
      // Hand-written worker (client/sw/index.ts → dist/index.js); registration lives in
      // client/composables/use-app-update.ts so a new version waits for the user's "Reload".
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'index.ts',
      injectRegister: false,
      registerType: 'prompt',
      // Icons come from the glob (badge and Apple icon too); the plugin adds the manifest itself.
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png}'], globIgnores: ['index.js'] },
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Muster — incident response',
        short_name: 'Muster',
        description: 'Get paged, acknowledge and run incidents from your phone.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#b91c1c',
        background_color: '#0d0f12',
        lang: 'en',
        categories: ['productivity', 'utilities'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  build: { outDir: here('./dist'), emptyOutDir: true },
  server: { proxy: { '/api/v1': 'http://localhost:3000', '/healthz': 'http://localhost:3000' } },
  test: {
    root: here('.'),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'test/integration/**/*.test.ts'],
          // Several instances on one database: PostgreSQL only.
          exclude: ['test/integration/postgres-*.test.ts'],
        },
      },
      {
        // The same integration suite again, every test app on its own PostgreSQL database. Left out: tests of
        // the SQLite file itself (its bytes, its migrations).
        extends: true,
        test: {
          name: 'postgres',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          exclude: ['test/integration/sqlite-*.test.ts'],
          globalSetup: ['test/setup/postgres.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: { name: 'client', environment: 'jsdom', include: ['client/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'browser', environment: 'node', include: ['test/e2e/**/*.test.ts', 'test/system/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false },
      },
    ],
  },
});
