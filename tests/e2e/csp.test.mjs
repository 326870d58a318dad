// Under the strict Content Security Policy the README documents, the
// widget works with no violation; with WebAssembly forbidden, the element
// falls back to a plain pay link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer } from './harness.mjs';

export const STRICT_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** Opens the storefront served with `csp`; collects violations. */
async function open(csp) {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.route(/\/\?link=/, async (route) => {
    const original = await route.fetch();
    const headers = { ...original.headers(), 'content-security-policy': csp };
    await route.fulfill({ response: original, headers });
  });
  await page.goto(server.storefront);
  return page;
}

test('the widget works under the strict policy with no violation', async () => {
  const page = await open(STRICT_CSP);
  await page.locator('amwal-installments .card').getByText('SAR 299.99').first().waitFor();
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await page.close();
});

test('with WebAssembly forbidden by the policy, a plain pay link remains', async () => {
  const page = await open("default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'");
  const link = page.locator('amwal-installments a.fallback');
  await link.waitFor();
  assert.match(await link.getAttribute('href'), /\/sandbox\/payment-link\/[0-9a-f-]{36}$/);
  await page.close();
});
