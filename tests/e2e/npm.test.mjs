// The npm package as a store's developer meets it: `npm pack` in www/, the
// tarball installed into a small Vite app, `vite build`, the build served
// from its own origin, and the widget working there in headless Chromium
// against the demo proxy (a cross-origin call, so CORS is exercised too).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, normalize } from 'node:path';
import { launch, startServer, root } from './harness.mjs';

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
let app;
let files;
let site;
let proxy;
let browser;

function serve(dir) {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      const file = join(dir, path === '/' ? 'index.html' : path);
      if (!file.startsWith(dir) || !existsSync(file)) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': MIME[extname(file)] || 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

before(async () => {
  app = mkdtempSync(join(tmpdir(), 'amwal-vite-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', app], { cwd: `${root}www` }));
  files = packed[0].files.map((f) => f.path);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
  writeFileSync(join(app, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"></head>
<body><h1>Shop</h1><amwal-installments id="pay"></amwal-installments><div id="plain"></div><div id="line"></div>
<script type="module" src="/main.js"></script></body></html>`);
  writeFileSync(join(app, 'main.js'), `import 'amwal-installments/element';
import { mount, stylesheetUrl } from 'amwal-installments';
const el = document.getElementById('pay');
const q = new URLSearchParams(location.search);
window.__ready = new Promise((resolve) => el.addEventListener('amwal-ready', (e) => resolve(e.detail)));
for (const name of ['link', 'proxy', 'pay-hosts']) el.setAttribute(name, q.get(name));
// The same widget without the element: mount() into the page's own div.
const css = document.createElement('link');
css.rel = 'stylesheet';
css.href = stylesheetUrl;
document.head.append(css);
mount(document.getElementById('plain'), { link: q.get('link'), proxy: q.get('proxy'), payHosts: q.get('pay-hosts') });
// The messaging line through mount(): its own module; update() follows the price.
if (q.has('line')) {
  mount(document.getElementById('line'), { amount: '299.99', lang: 'en' })
    .then((line) => { line.update({ amount: '300.00', lang: 'en' }); window.__line = true; });
}
`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', join(app, packed[0].filename)], { cwd: app });
  execFileSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--logLevel', 'warn'], { cwd: app });
  site = await serve(join(app, 'dist'));
  const siteOrigin = `http://127.0.0.1:${site.address().port}`;
  proxy = await startServer(['--allowed-origins', siteOrigin, '--return-origins', siteOrigin]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  proxy?.stop();
  site?.close();
  if (app) rmSync(app, { recursive: true, force: true });
});

/** The page's query: the demo proxy's link, the proxy and its sandbox pay host. */
function widgetQuery() {
  const storefront = new URL(proxy.storefront);
  return new URLSearchParams({
    link: storefront.searchParams.get('link'),
    proxy: `${storefront.origin}/amwal`,
    'pay-hosts': `${storefront.host}/sandbox`,
  });
}

test('the packed tarball holds the wasm, the JS, the types and a README', () => {
  for (const f of ['pkg/amwal_installments_bg.wasm', 'pkg/amwal_installments.js', 'pkg/index.js',
    'pkg/amwal_message_bg.wasm', 'pkg/amwal_message.js', 'pkg/turns.js',
    'pkg/amwal-installments.js', 'pkg/index.d.ts', 'pkg/amwal-installments.css', 'README.md', 'package.json']) {
    assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
  }
  assert.ok(!files.some((f) => f.includes('node_modules') || f.endsWith('TOOLCHAIN')), files.join(', '));
});

test('a Vite build of a store page renders the widget (element and mount()) and emits amwal-ready', async () => {
  const page = await browser.newPage();
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  const q = widgetQuery();
  await page.goto(`http://127.0.0.1:${site.address().port}/?${q}`);
  const detail = await page.evaluate(() => window.__ready);
  assert.equal(detail.amount, 29999);
  assert.equal(detail.currency, 'SAR');
  await page.locator('amwal-installments .card').getByText('SAR 299.99').first().waitFor();
  // mount() without a shadow root is styled the same: the accent on Pay.
  const pay = page.locator('#plain button.pay');
  await pay.waitFor();
  assert.equal(await pay.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(15, 94, 85)');
  await page.close();
});

test("a Vite build mounts the messaging line from its own module, and a checkout page never loads it", async () => {
  const page = await browser.newPage();
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url().split('/').pop()); });
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  const q = widgetQuery();
  await page.goto(`http://127.0.0.1:${site.address().port}/?${q}`);
  await page.evaluate(() => window.__ready);
  assert.ok(wasm.length > 0 && wasm.every((w) => !w.includes('message')), `a checkout page loaded ${wasm}`);
  q.set('line', '1');
  await page.goto(`http://127.0.0.1:${site.address().port}/?${q}`);
  await page.waitForFunction(() => window.__line);
  assert.equal((await page.locator('#line .line').textContent()).replace(/\s+/g, ' '),
    '4 payments of SAR 75.00 with Amwal Learn more');
  assert.ok(wasm.some((w) => w.includes('message')), `the line's wasm: ${wasm}`);
  await page.close();
});
