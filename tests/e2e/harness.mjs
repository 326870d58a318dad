// Shared by the end-to-end tests: the demo server on a free port,
// Debian's Chromium driven by playwright-core, and axe-core's checks.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(`${root}package.json`);
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG rules every page and state is held to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Puts axe-core into the page once; `window.axe` afterwards. */
export async function injectAxe(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axeSource);
}

/**
 * axe-core's violations on the page as "rule: targets", within the elements
 * `include` selects (the whole document without it).
 */
export async function axeViolations(page, include) {
  await injectAxe(page);
  return page.evaluate(async ([tags, include]) => {
    const r = await window.axe.run(include ? { include: [[include]] } : document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, [AXE_TAGS, include]);
}

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
