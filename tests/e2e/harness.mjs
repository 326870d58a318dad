// Shared by the end-to-end tests: the demo server on a free port, and
// Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(`${root}package.json`);
const { chromium } = require('playwright-core');

/**
 * Starts target/debug/amwal-proxy --port 0; resolves to its storefront URL
 * and a stop(). With `{ log: true }` its access log is kept, as `log()`.
 */
export function startServer(args = [], { log = false } = {}) {
  return new Promise((resolve, reject) => {
    const quiet = log ? [] : ['--no-access-log'];
    const child = spawn(`${root}target/debug/amwal-proxy`, ['--port', '0', ...quiet, ...args],
      { stdio: ['ignore', 'pipe', log ? 'pipe' : 'inherit'] });
    let err = '';
    child.stderr?.on('data', (chunk) => { err += chunk; });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/storefront: (\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ storefront: m[1], stop: () => child.kill(), log: () => err });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', ...extraArgs],
  });
}
