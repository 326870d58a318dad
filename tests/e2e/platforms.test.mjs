// The README's platform snippets, word for word, on pages that fire what
// Salla's, WooCommerce's, Shopify's and Magento's own scripts fire when a
// price changes (tests/e2e/platforms/pages.mjs): the product's line and the
// cart's line follow the new price. The cart endpoints the snippets call
// (WooCommerce's Store API, Shopify's cart.js) are served here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { platformPage, snippets } from './platforms/pages.mjs';
import { launch, root } from './harness.mjs';

const version = JSON.parse(readFileSync(`${root}www/package.json`, 'utf8')).version;
const dist = `${root}www/dist/amwal-installments/${version}`;
const SNIPPETS = snippets(readFileSync(`${root}README.md`, 'utf8'));
const VENDOR = {
  'jquery.js': 'node_modules/jquery/dist/jquery.min.js',
  'eventemitter2.js': 'node_modules/eventemitter2/lib/eventemitter2.js',
  'require.js': 'node_modules/requirejs/require.js',
  'knockout.js': 'node_modules/knockout/build/output/knockout-latest.js',
};
const TYPES = { js: 'text/javascript', wasm: 'application/wasm', css: 'text/css', json: 'application/json' };

// The store's cart, as its backend keeps it (Shopify's in cents, WooCommerce's Store API in minor units).
let cart = { minor: 109990 };

function serve(req, res) {
  const path = new URL(req.url, 'http://x').pathname;
  const name = path.slice(1);
  const send = (type, body) => { res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }); res.end(body); };
  if (SNIPPETS[name]) {
    return send('text/html; charset=utf-8', platformPage(name, {
      script: `/dist/amwal-installments.js`, snippet: SNIPPETS[name],
    }));
  }
  if (path.startsWith('/vendor/') && VENDOR[path.slice(8)]) return send(TYPES.js, readFileSync(`${root}${VENDOR[path.slice(8)]}`));
  if (path.startsWith('/dist/')) {
    const file = path.slice(6);
    const type = TYPES[file.split('.').pop()];
    if (type && !file.includes('/')) return send(type, readFileSync(`${dist}/${file}`));
  }
  if (path === '/wp-json/wc/store/v1/cart') {
    return send(TYPES.json, JSON.stringify({ items_count: 2, totals: {
      total_price: String(cart.minor), currency_code: 'SAR', currency_minor_unit: 2 } }));
  }
  if (path === '/cart.js') return send(TYPES.json, JSON.stringify({ item_count: 2, total_price: cart.minor, currency: 'SAR' }));
  if (path === '/cart/change.js' && req.method === 'POST') {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      // The theme's change: a new quantity of the one line (SAR 549.95 each).
      cart = { minor: 54995 * JSON.parse(body).quantity };
      send(TYPES.json, JSON.stringify({ total_price: cart.minor }));
    });
    return undefined;
  }
  res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
  return undefined;
}

let server;
let origin;
let browser;
before(async () => {
  server = createServer(serve);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('the README has a snippet for each platform', () => {
  assert.deepEqual(Object.keys(SNIPPETS).sort(), ['magento', 'salla', 'shopify', 'woocommerce']);
});

/** Opens a platform's page once both lines show their first price. */
async function open(name) {
  cart = { minor: 109990 };
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${origin}/${name}`, { waitUntil: 'load' });
  await waitLine(page, 'product', 'SAR 75.00 today, then 3 monthly payments');
  await waitLine(page, 'cart', 'SAR 274.98 today, then 3 monthly payments');
  return { page, errors };
}

function waitLine(page, which, text) {
  return page.waitForFunction(([which, text]) => {
    const line = document.querySelector(`amwal-installments.amwal-${which}`)?.shadowRoot?.querySelector('.line');
    return line?.textContent.replace(/\s+/g, ' ').startsWith(text);
  }, [which, text], { timeout: 5000 }).catch(async () => {
    const now = await page.evaluate((which) => document.querySelector(`amwal-installments.amwal-${which}`)
      ?.shadowRoot?.querySelector('.line')?.textContent, which);
    assert.fail(`${which} line: expected "${text}…", shows "${now}"`);
  });
}

test('Salla: the price Twilight announces, and the cart it updates', async () => {
  const { page, errors } = await open('salla');
  await page.evaluate(() => salla.event.emit('product::price.updated', { data: { price: 349.5, regular_price: 399 } }));
  await waitLine(page, 'product', 'SAR 87.38 today, then 3 monthly payments');
  await page.evaluate(() => salla.event.emit('cart::updated', { total: 1200, count: 3 }));
  await waitLine(page, 'cart', '4 payments of SAR 300.00');
  assert.deepEqual(errors, []);
  await page.close();
});

test('WooCommerce: found_variation and reset_data, then the cart fragments refreshed', async () => {
  const { page, errors } = await open('woocommerce');
  await page.evaluate(() => jQuery('form.variations_form').trigger('found_variation',
    [{ variation_id: 12, display_price: 1200, display_regular_price: 1500 }]));
  await waitLine(page, 'product', '4 payments of SAR 300.00');
  await page.evaluate(() => jQuery('form.variations_form').trigger('reset_data'));
  await waitLine(page, 'product', 'SAR 75.00 today, then 3 monthly payments');
  cart = { minor: 45001 };
  await page.evaluate(() => jQuery(document.body).trigger('wc_fragments_refreshed'));
  await waitLine(page, 'cart', 'SAR 112.51 today, then 3 monthly payments');
  cart = { minor: 8 };
  await page.evaluate(() => jQuery(document.body).trigger('updated_cart_totals'));
  await waitLine(page, 'cart', '4 payments of SAR 0.02');
  assert.deepEqual(errors, []);
  await page.close();
});

test("Shopify: the product form's variant input, and the theme's cart change", async () => {
  const { page, errors } = await open('shopify');
  // What a theme's variant picker does (Dawn: set the id input, send change).
  await page.evaluate(() => {
    const input = document.querySelector('form[action="/cart/add"] [name="id"]');
    input.value = '102';
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await waitLine(page, 'product', 'SAR 87.38 today, then 3 monthly payments');
  // The theme's quantity change in the cart drawer.
  await page.evaluate(() => fetch('/cart/change.js', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ line: 1, quantity: 3 }) }));
  await waitLine(page, 'cart', 'SAR 412.47 today, then 3 monthly payments');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Magento: the price box updated by an option, and the cart section', async () => {
  const { page, errors } = await open('magento');
  await page.waitForFunction(() => window.__magentoReady);
  // What configurable.js and swatches send: the options' price differences.
  await page.evaluate(() => jQuery('.product-info-main .price-box').trigger('updatePrice',
    { prices: { finalPrice: { amount: 50.01, adjustments: { tax: 0 } } } }));
  await waitLine(page, 'product', '4 payments of SAR 87.50');
  await page.evaluate(() => new Promise((resolve) => require(['Magento_Customer/js/customer-data'], (customerData) => {
    customerData.get('cart')({ summary_count: 2, subtotalAmount: 1999.98 });
    resolve();
  })));
  await waitLine(page, 'cart', 'SAR 500.00 today, then 3 monthly payments');
  assert.deepEqual(errors, []);
  await page.close();
});
