import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A self-signed certificate for https://127.0.0.1, written into `dir` (openssl must be on the PATH). */
export async function makeLoopbackCertificate(dir: string): Promise<{ certFile: string; keyFile: string; certPem: string }> {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile,
  ]).catch((err: Error) => {
    throw new Error(`making a test certificate needs openssl on the PATH: ${err.message}`);
  });
  return { certFile, keyFile, certPem: await readFile(certFile, 'utf8') };
}
