// `npm start`: build the PWA when dist/ has none yet, then run the server (TypeScript via tsx).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}/dist/index.html`)) {
  console.log('Building the app (first start)…');
  const build = spawnSync(process.execPath, [`${root}/node_modules/vite/bin/vite.js`, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
process.env.NODE_ENV ??= 'production';
register();
await import('../server/main.ts');
