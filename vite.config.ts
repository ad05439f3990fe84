import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./client'),
  publicDir: here('./public'),
  plugins: [vue()],
  build: { outDir: here('./dist'), emptyOutDir: true },
  server: { proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' } },
  test: {
    root: here('.'),
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'test/integration/**/*.test.ts'] },
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
