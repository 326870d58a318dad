// A proxy with a key, pointed at an Amwal-compatible server on loopback that
// was written from Amwal's documents alone (tests/e2e/amwal-double.mjs, not
// the embedded sandbox): the merchant registers the webhook from the command
// line, creates a link, and a shopper pays (and fails) through the widget in
// headless Chromium; the order ends paid (and failed) in the proxy's store.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { launch, root } from './harness.mjs';
import { startAmwalDouble } from './amwal-double.mjs';

const bin = `${root}target/debug/amwal-proxy`;
const work = mkdtempSync(join(tmpdir(), 'amwal-compatible-'));
const secretKey = 'sk_test_compatible';
const adminToken = 'admin-compatible-e2e';
let amwal;
let proxy;
let origin;
let browser;

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function waitForListening(child) {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`proxy did not start: ${out}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (/storefront: /.test(out)) { clearTimeout(timer); resolve(out); }
    });
    child.on('exit', (code) => reject(new Error(`proxy exited ${code}: ${out}`)));
  });
}

before(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  amwal = await startAmwalDouble({
    secretKey, storeId: 'store-compatible', allowedOrigins: [origin], retryScale: 0.01,
  });
  const env = { ...process.env, AMWAL_API_KEY: secretKey, AMWAL_API_BASE: amwal.base };
  // The merchant's one-time setup: register the callback URL, keep the key.
  const keyFile = join(work, 'amwal-callback-key.pem');
  const { stdout } = await promisify(execFile)(bin,
    ['register-webhook', '--url', `${origin}/amwal/callbacks`, '--key-file', keyFile], { env });
  const fingerprint = stdout.match(/fingerprint: (\S+)/)?.[1];
  assert.ok(fingerprint, stdout);
  assert.equal(statSync(keyFile).mode & 0o777, 0o600, 'the key file is owner-only');
  proxy = spawn(bin, ['--port', String(port), '--no-access-log', '--demo-site', '--store-id', 'store-compatible',
    '--callback-key-file', keyFile, '--webhook-fingerprint', fingerprint,
    '--db', join(work, 'orders.sqlite3')],
  { env: { ...env, AMWAL_ADMIN_TOKEN: adminToken }, stdio: ['ignore', 'pipe', 'inherit'] });
  await waitForListening(proxy);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  proxy?.kill();
  await amwal?.close();
});

async function createLink(orderId) {
  const resp = await fetch(`${origin}/amwal/payment_links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ order_id: orderId, amount: '120.50', title: `Order ${orderId}`,
      client_first_name: 'أحمد', client_last_name: 'الراشد',
      callback_url: `${origin}/amwal/callbacks` }),
  });
  const body = await resp.json();
  assert.equal(resp.status, 200, JSON.stringify(body));
  return body.payment_link_id;
}

async function orderState(link) {
  const { stdout } = await promisify(execFile)(bin, ['orders', '--db', join(work, 'orders.sqlite3')]);
  return stdout.split('\n').find((l) => l.includes(link)) ?? '';
}

/** The storefront, with the widget's pay host pointed at the double's hosted page. */
async function openStorefront(link) {
  const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  const payHost = new URL(amwal.payBase).host;
  await page.route('**/demo/storefront.js', async (route) => {
    const resp = await route.fetch();
    const js = (await resp.text()).replace('`${location.host}/sandbox`', JSON.stringify(payHost));
    await route.fulfill({ response: resp, body: js });
  });
  await page.goto(`${origin}/?link=${link}`);
  return { page, widget: page.locator('amwal-installments .card') };
}

async function until(check, what) {
  for (let i = 0; i < 100; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`never: ${what}`);
}

test('a shopper pays through the widget: completed, and the order is paid', async () => {
  const link = await createLink('E2E-PAID');
  const { page, widget } = await openStorefront(link);
  await widget.getByText('SAR 120.50').waitFor();
  await widget.getByRole('button', { name: 'Pay with Amwal' }).click();
  await page.waitForURL(new RegExp(`/payment-link/${link}$`));
  assert.equal(new URL(page.url()).origin, amwal.payBase, 'the double hosts the pay page');
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await page.waitForURL(/amwal_return=/);
  await widget.getByText('Payment completed').waitFor();
  await until(async () => / paid /.test(await orderState(link)), `order ${link} paid`);
  // Amwal's deliveries were signed as documented and taken with a 2xx.
  await until(() => amwal.deliveries.some((d) => d.kind === 'link_callback' && d.status === 200),
    'the link callback accepted');
  await until(() => amwal.deliveries.some((d) => d.kind === 'webhook' && d.status === 200),
    'the webhook accepted');
  await page.close();
});

test('a declined card: the widget says so, and the order is failed', async () => {
  const link = await createLink('E2E-FAILED');
  const { page, widget } = await openStorefront(link);
  await widget.getByRole('button', { name: 'Pay with Amwal' }).click();
  await page.waitForURL(new RegExp(`/payment-link/${link}$`));
  await page.getByRole('button', { name: 'Fail' }).click();
  await page.waitForURL(/amwal_return=/);
  await widget.getByText("didn't go through").waitFor();
  await until(async () => / failed /.test(await orderState(link)), `order ${link} failed`);
  await page.close();
});
