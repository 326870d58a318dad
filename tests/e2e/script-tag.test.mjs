// The script tag as a storefront uses it: a plain HTML page (no build step,
// no storefront glue) loads the versioned, SRI-pinned build from another
// origin (a CDN), under a strict CSP, and the shopper pays through the
// sandbox. A wasm that is not the one built with the script is refused by
// its hash, and the shopper gets the plain pay link instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { launch, startServer, root } from './harness.mjs';

const version = JSON.parse(readFileSync(`${root}www/package.json`, 'utf8')).version;
const dir = `${root}www/dist/amwal-installments/${version}`;
const hashes = JSON.parse(readFileSync(`${dir}/integrity.json`, 'utf8'));
const TYPES = { js: 'text/javascript', wasm: 'application/wasm', css: 'text/css' };

let server;
let browser;
let shop; // the storefront's own web server, which also plays the CDN
let page; // { html, csp } it answers /plain.html with

/**
 * The storefront's web server: `/plain.html` on http://127.0.0.1:port, and
 * the script-tag build with the headers the README tells a CDN to send,
 * fetched as http://localhost:port (another origin, as a CDN is).
 */
function startShop() {
  return new Promise((resolve) => {
    const s = createServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      if (path === '/shop.css') {
        // The shop's own theme: a custom property and a ::part() rule.
        res.writeHead(200, { 'content-type': 'text/css' });
        res.end('amwal-installments { --amwal-radius: 3px; }\n'
          + 'amwal-installments::part(pay-button) { background-color: rgb(1, 2, 3); }\n');
        return;
      }
      if (path === '/plain.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.csp });
        res.end(page.html);
        return;
      }
      const name = path.split('/').pop();
      const file = `${dir}/${name}`;
      const type = TYPES[name.split('.').pop()];
      if (!path.startsWith(`/amwal-installments/${version}/`) || !type || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': type, 'access-control-allow-origin': '*' });
      res.end(readFileSync(file));
    });
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

before(async () => {
  shop = await startShop();
  const shopOrigin = `http://127.0.0.1:${shop.address().port}`;
  // The proxy lives on another origin than the shop's pages: it allows them.
  server = await startServer(['--allowed-origins', shopOrigin, '--return-origins', shopOrigin]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
  shop?.close();
});

/**
 * Opens the shop's plain page; `beforeLoad(page)` may set routes first;
 * `link` replaces the demo's link id.
 */
async function open(beforeLoad = async () => {}, scriptIntegrity = hashes['amwal-installments.js'], link = null) {
  const proxy = new URL(server.storefront);
  if (link) proxy.searchParams.set('link', link);
  const port = shop.address().port;
  const cdn = `http://localhost:${port}`;
  const base = `${cdn}/amwal-installments/${version}`;
  page = {
    html: `<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>Plain page</title>
<link rel="stylesheet" href="/shop.css">
<script type="module" src="${base}/amwal-installments.js" integrity="${scriptIntegrity}" crossorigin="anonymous"></script>
</head><body>
<amwal-installments link="${proxy.searchParams.get('link')}" proxy="${proxy.origin}/amwal" pay-hosts="${proxy.host}/sandbox">
<a class="no-script" href="${proxy.origin}/sandbox/payment-link/${proxy.searchParams.get('link')}">ادفع عبر أموال</a>
</amwal-installments>
</body></html>`,
    // The policy the README prints for a CDN-hosted script.
    csp: `default-src 'none'; script-src ${cdn} 'wasm-unsafe-eval'; connect-src ${cdn} ${proxy.origin}; style-src 'self' ${cdn}`,
  };
  const tab = await browser.newPage({ viewport: { width: 390, height: 800 } });
  const logged = [];
  tab.on('console', (m) => logged.push(`${m.type()}: ${m.text()}`));
  await tab.addInitScript(() => {
    window.__violations = [];
    window.__events = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
    document.addEventListener('amwal-ready', (e) => window.__events.push(e.type));
  });
  await beforeLoad(tab);
  await tab.goto(`http://127.0.0.1:${port}/plain.html`);
  return { page: tab, logged };
}

test('a plain page with the pinned script tag from a CDN: summary, pay, completed', async () => {
  const { page } = await open();
  const card = page.locator('amwal-installments .card');
  await card.getByRole('button', { name: 'ادفع عبر أموال' }).waitFor();
  // Events come from effects, which Yew may run just after the frame.
  await page.waitForFunction(() => window.__events.length >= 1);
  assert.deepEqual(await page.evaluate(() => window.__events), ['amwal-ready']);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  // The shop's own fallback link inside the element is hidden by the widget.
  assert.equal(await page.locator('a.no-script').isVisible(), false);
  // The shop's theme reaches inside the shadow root only where it is meant to.
  const pay = card.getByRole('button', { name: 'ادفع عبر أموال' });
  assert.equal(await pay.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(1, 2, 3)');
  assert.equal(await card.evaluate((c) => getComputedStyle(c).borderTopLeftRadius), '3px');
  await card.getByRole('button', { name: 'ادفع عبر أموال' }).click();
  await page.waitForURL(/\/sandbox\/payment-link\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await page.waitForURL(/\/plain\.html\?.*amwal_return=/);
  await page.locator('amwal-installments .card').getByText('تم الدفع بنجاح').first().waitFor();
  await page.close();
});

test('a wasm that does not match the pinned hash is refused: the plain pay link remains', async () => {
  const { page, logged } = await open((p) => p.route(/amwal_installments_bg\.wasm$/, async (route) => {
    const body = Buffer.from(await (await route.fetch()).body());
    body[body.length - 1] ^= 1; // one bit, as a compromised CDN might
    await route.fulfill({ status: 200, headers: { 'content-type': 'application/wasm', 'access-control-allow-origin': '*' }, body });
  }));
  const link = page.locator('amwal-installments a.fallback');
  await link.waitFor();
  assert.match(await link.getAttribute('href'), /\/sandbox\/payment-link\/[0-9a-f-]{36}$/);
  assert.equal(await link.textContent(), 'ادفع عبر أموال');
  assert.equal(await page.locator('amwal-installments .card').count(), 0);
  const ours = logged.filter((l) => l.startsWith('error: amwal-installments:'));
  assert.equal(ours.length, 1, ours.join('\n'));
  await page.close();
});

test('a script that fails its own integrity check leaves the shop\'s plain link in the element', async () => {
  const wrong = `sha384-${Buffer.alloc(48).toString('base64')}`;
  const { page } = await open(async () => {}, wrong);
  const link = page.locator('a.no-script');
  await link.waitFor();
  assert.match(await link.getAttribute('href'), /\/sandbox\/payment-link\/[0-9a-f-]{36}$/);
  assert.equal(await page.evaluate(() => customElements.get('amwal-installments')), undefined);
  await page.close();
});

test('the shipped build tells the developer why, in the console: a bad option, a failed resolve', async () => {
  const bad = await open(async () => {}, undefined, 'not-a-uuid');
  await bad.page.locator('amwal-installments .card').getByText('غير متاح').waitFor();
  assert.ok(bad.logged.includes('error: amwal-installments: `link` "not-a-uuid" is not a UUID'),
    bad.logged.join('\n'));
  await bad.page.close();

  const unknown = await open(async () => {}, undefined, '00000000-0000-4000-8000-000000000000');
  await unknown.page.locator('amwal-installments .card[role=alert]').waitFor();
  const warned = () => unknown.logged.filter((l) => l.startsWith('warning: amwal-installments: resolve failed'));
  for (let i = 0; i < 50 && warned().length === 0; i++) await unknown.page.waitForTimeout(20);
  assert.deepEqual(warned(), ['warning: amwal-installments: resolve failed: HTTP 404 LINK_NOT_FOUND'],
    unknown.logged.join('\n'));
  await unknown.page.close();
});
