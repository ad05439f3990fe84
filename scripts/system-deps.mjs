// Before the tests: the real parts they start (Chromium, PostgreSQL, Prometheus Alertmanager) must be installed. As
// root, missing Debian packages are installed here; otherwise the exact command is printed and the run stops.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';

const parts = [
  { package: 'chromium', file: '/usr/bin/chromium' },
  { package: 'postgresql', file: '/usr/lib/postgresql/15/bin/initdb' },
  { package: 'prometheus-alertmanager', file: '/usr/bin/prometheus-alertmanager' },
];
const missing = parts.filter((part) => !existsSync(part.file)).map((part) => part.package);
if (missing.length > 0) {
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (userInfo().uid !== 0) {
    console.error(`The tests need ${missing.join(' and ')}: run \`sudo sh -c '${command}'\`, then npm test again.`);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(' and ')} for the tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('sh', ['-c', `apt-get update -qq && apt-get install -y -qq ${missing.join(' ')} >/dev/null`], { stdio: 'inherit', env });
}
