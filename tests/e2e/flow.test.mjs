// End to end: the demo server (proxy + embedded sandbox + storefront) on a
// free port, driven in Debian's headless Chromium through the whole flow.
// Run by scripts/test.sh after the widget and the proxy are built.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, startServer, root } from './harness.mjs';

const shots = `${root}tests/e2e/output`;

let server;
let browser;
let storefront; // URL with the demo link, printed by the server
let origin;

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  storefront = server.storefront;
  origin = new URL(storefront).origin;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

async function newPage(width = 1024) {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  const statusCalls = [];
  page.on('request', (r) => { if (r.url().includes('/amwal/transactions/')) statusCalls.push(r.url()); });
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  // The storefront is served under a strict CSP: nothing may violate it.
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) assert.fail(`CSP violation: ${m.text()}`);
  });
  return { page, statusCalls };
}

test('storefront → summary → Pay → hosted page → Pay → back → completed', async () => {
  const { page, statusCalls } = await newPage();
  await page.goto(storefront);
  // The visible card (the live region repeats some of its text for screen readers).
  const widget = page.locator('amwal-installments .card');
  await widget.getByText('SAR 299.99').waitFor();
  await widget.getByText('Wireless headphones').waitFor();
  await page.screenshot({ path: `${shots}/summary-en-desktop.png`, fullPage: true });

  await widget.getByRole('button', { name: 'Pay with Amwal' }).click();
  await page.waitForURL(/\/sandbox\/payment-link\/[0-9a-f-]{36}$/);
  assert.equal(new URL(page.url()).origin, origin, 'the pay page is the sandbox on this server');
  await page.getByRole('button', { name: 'Pay', exact: true }).click();

  await page.waitForURL(/amwal_return=/);
  await widget.getByText('Payment completed').waitFor();
  await widget.getByText('SAR 299.99').waitFor();
  assert.ok(statusCalls.length >= 1, 'the return page asked the proxy for the status');
  await page.screenshot({ path: `${shots}/completed-en-desktop.png`, fullPage: true });
  await page.close();
});

test('the Fail branch, in Arabic on a phone: the failure is shown, with try again', async () => {
  const { page, statusCalls } = await newPage(360);
  await page.goto(`${origin}/`); // a fresh demo link
  await page.click('[data-lang=ar]');
  // The visible card (the live region repeats some of its text for screen readers).
  const widget = page.locator('amwal-installments .card');
  await widget.getByRole('button', { name: 'ادفع عبر أموال' }).waitFor();
  await widget.getByText('ر.س').first().waitFor();
  await page.screenshot({ path: `${shots}/summary-ar-mobile.png`, fullPage: true });
  await widget.getByRole('button', { name: 'ادفع عبر أموال' }).click();

  await page.waitForURL(/\/sandbox\/payment-link\//);
  await page.getByRole('button', { name: 'Fail' }).click();
  await page.waitForURL(/amwal_return=/);
  await widget.getByText('لم تكتمل عملية الدفع').waitFor();
  assert.ok(statusCalls.length >= 1, 'the return page asked the proxy for the status');
  await page.screenshot({ path: `${shots}/failed-ar-mobile.png`, fullPage: true });
  // Try again goes back to the summary, ready to pay once more.
  await widget.getByRole('button', { name: 'حاول مجددًا' }).click();
  await widget.getByRole('button', { name: 'ادفع عبر أموال' }).waitFor();
  await page.close();
});

test('a return URL that claims success is not believed', async () => {
  const { page } = await newPage();
  // A link that was never paid, opened as if returning with ?status=completed.
  await page.goto(storefront.replace('?', '?status=completed&') + '&amwal_return=' + new URL(storefront).searchParams.get('link'));
  // The visible card (the live region repeats some of its text for screen readers).
  const widget = page.locator('amwal-installments .card');
  // This browser never started a payment for the link: nothing to confirm.
  await widget.getByText("couldn't find this payment").waitFor();
  assert.equal(await widget.getByText('Payment completed').count(), 0);
  await page.close();
});

test('the element announces each step to the page with events that carry no contact data', async () => {
  const { page } = await newPage();
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ['amwal-ready', 'amwal-redirect', 'amwal-complete', 'amwal-failed', 'amwal-error']) {
      document.addEventListener(name, (e) => window.__events.push({ name, detail: e.detail }));
    }
  });
  await page.goto(`${origin}/`);
  const widget = page.locator('amwal-installments .card');
  await widget.getByRole('button', { name: 'Pay with Amwal' }).click();
  await page.waitForURL(/\/sandbox\/payment-link\//);
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await widget.getByText('Payment completed').waitFor();
  // Events come from effects, which Yew may run just after the frame.
  await page.waitForFunction(() => window.__events.length >= 1);
  const events = await page.evaluate(() => window.__events);
  assert.deepEqual(events.map((e) => e.name), ['amwal-complete'], 'on the return page');
  const done = events[0].detail;
  assert.equal(done.status, 'completed');
  assert.equal(done.amount, 29999);
  assert.equal(done.currency, 'SAR');
  assert.doesNotMatch(JSON.stringify(done), /example\.com|\+966|Ahmed/);
  await page.close();
});

test('ready and redirect events fire on the storefront', async () => {
  const { page } = await newPage();
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ['amwal-ready', 'amwal-redirect']) {
      document.addEventListener(name, (e) => window.__events.push({ name, detail: e.detail }));
    }
  });
  // The pay page answers 204, so the store's page stays and keeps its events.
  await page.route('**/payment-link/**', (r) => r.fulfill({ status: 204 }));
  await page.goto(`${origin}/`);
  const widget = page.locator('amwal-installments .card');
  await widget.getByRole('button', { name: 'Pay with Amwal' }).click({ noWaitAfter: true });
  await page.waitForFunction(() => window.__events.length >= 2);
  const events = await page.evaluate(() => window.__events);
  assert.deepEqual(events.map((e) => e.name), ['amwal-ready', 'amwal-redirect']);
  assert.equal(events[0].detail.amount, 29999);
  assert.match(events[1].detail.link, /^[0-9a-f-]{36}$/);
  await page.close();
});

test('when the wasm cannot load, a plain link to the pay page is shown', async () => {
  const { page } = await newPage();
  page.removeAllListeners('console');
  await page.route('**/*.wasm', (r) => r.fulfill({ status: 404, body: '' }));
  await page.goto(storefront);
  const link = page.locator('amwal-installments a.fallback');
  await link.waitFor();
  const href = await link.getAttribute('href');
  assert.equal(href, `${origin}/sandbox/payment-link/${new URL(storefront).searchParams.get('link')}`);
  assert.equal(await link.textContent(), 'Pay with Amwal');
  await page.close();
});
