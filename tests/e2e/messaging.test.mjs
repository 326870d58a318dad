// The messaging line on a store's pages (bench/store/: the product page
// with the line under its price, a collection grid of 48), in headless
// Chromium from the SRI-pinned script-tag build under the strict CSP: the
// split follows the price at once and moves nothing; "Learn more" is an
// accessible dialog; 48 lines share one wasm, call nobody and announce
// nothing; without the wasm the held line stays empty.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startStore } from '../../bench/store/server.mjs';
import { gridPrice } from '../../bench/store/pages.mjs';
import { axeViolations, launch, root } from './harness.mjs';

// Pictures of what was checked (scripts/screenshots.sh refreshes docs/).
const shots = process.env.MESSAGING_SCREENSHOT_DIR || `${root}tests/e2e/output/messaging`;
mkdirSync(shots, { recursive: true });

let store;
let browser;
before(async () => {
  store = await startStore();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  store?.stop();
});

async function open(name, { width = 390, height = 844, block } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), type: r.resourceType() }));
  if (block) await page.route(block, (route) => route.abort());
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${store.origin}/${name}`, { waitUntil: 'load' });
  return { page, context, errors, requests };
}

const lineOf = (page, i = 0) => page.evaluate((i) => {
  const el = document.querySelectorAll('amwal-installments')[i];
  return el.shadowRoot?.querySelector('.line')?.textContent.replace(/\s+/g, ' ').trim() ?? '';
}, i);

async function shown(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('amwal-installments')]
    .every((el) => el.shadowRoot?.querySelector('.line')), null, { timeout: 10_000 });
}

/** The split the summary would show, from the decimal: first and rest. */
function split(decimal, n) {
  const [whole, frac = ''] = decimal.split('.');
  const minor = BigInt(whole + frac.padEnd(2, '0'));
  const base = minor / BigInt(n);
  const extra = minor % BigInt(n);
  const fmt = (m) => `SAR ${(m / 100n).toLocaleString('en')}.${String(m % 100n).padStart(2, '0')}`;
  return extra === 0n ? `${n} payments of ${fmt(base)}` : `${fmt(base + 1n)} today, then ${n - 1} monthly payments`;
}

test('the line follows the price at once, in place, and nothing moves', async () => {
  const { page, context, errors } = await open('message-en');
  await shown(page);
  assert.equal(await lineOf(page), 'SAR 75.00 today, then 3 monthly payments with Amwal Learn more');
  await page.locator('h1').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/line-en-390.png`, clip: await page.evaluate(() => {
    const top = document.querySelector('h1').getBoundingClientRect().top;
    return { x: 0, y: top - 8, width: 390, height: document.querySelector('.buy').getBoundingClientRect().bottom - top + 16 };
  }) });
  const before = await page.evaluate(() => {
    const r = document.querySelector('.buy').getBoundingClientRect();
    return r.top + window.scrollY;
  });
  for (const [amount, expected] of [['300.00', '4 payments of SAR 75.00 with Amwal'],
    ['1349.50', 'SAR 337.38 today, then 3 monthly payments with Amwal'], ['12.00', '4 payments of SAR 3.00 with Amwal']]) {
    // Read in the frame the change is made in, before it is painted: no
    // frame ever shows the old price's split under the new price.
    const seen = await page.evaluate((amount) => new Promise((resolve) => {
      document.querySelector('amwal-installments').setAttribute('amount', amount);
      requestAnimationFrame(() => resolve(document.querySelector('amwal-installments')
        .shadowRoot.querySelector('.line').textContent.replace(/\s+/g, ' ')));
    }), amount);
    assert.ok(seen.startsWith(expected), `${amount}: ${seen}`);
  }
  const after = await page.evaluate(() => ({
    buy: document.querySelector('.buy').getBoundingClientRect().top + window.scrollY,
    shifts: window.__shifts,
  }));
  assert.equal(after.buy, before, 'the content below did not move');
  assert.deepEqual(after.shifts, [], 'no layout shift');
  assert.deepEqual(errors, []);
  await context.close();
});

test('outside the bounds: the bound, or nothing, in the same space', async () => {
  const { page, context } = await open('message-en');
  await shown(page);
  const box = () => page.evaluate(() => document.querySelector('amwal-installments').getBoundingClientRect().height);
  const held = await box();
  assert.equal(held, 40, 'two lines of 1.25rem');
  await page.evaluate(() => {
    const el = document.querySelector('amwal-installments');
    el.setAttribute('min-amount', '500');
  });
  await page.waitForFunction(() => document.querySelector('amwal-installments').shadowRoot.textContent.includes('or more'));
  assert.equal(await lineOf(page), 'Installments are available for orders of SAR 500.00 or more.');
  assert.equal(await box(), held);
  const events = await page.evaluate(() => new Promise((resolve) => {
    const el = document.querySelector('amwal-installments');
    const seen = [];
    el.addEventListener('amwal-error', (e) => seen.push(e.detail));
    el.setAttribute('when-ineligible', 'hide');
    el.setAttribute('amount', '1,299.00');
    requestAnimationFrame(() => resolve({ seen, text: el.shadowRoot.textContent }));
  }));
  assert.equal(events.text, '', 'nothing shown for a price that is not a decimal');
  assert.deepEqual(events.seen, [{ status: 'error', code: 'invalid_amount' }]);
  assert.equal(await box(), held);
  await context.close();
});

for (const [name, lang] of [['message-en', 'en'], ['message-ar', 'ar']]) {
  test(`Learn more is an accessible dialog · ${lang}`, async () => {
    const { page, context } = await open(name);
    await shown(page);
    await page.evaluate(() => window.scrollTo(0, 300));
    const line = page.locator('amwal-installments button.line');
    await line.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('amwal-installments').shadowRoot.querySelector('dialog[open]'));
    const inside = await page.evaluate(() => {
      const root = document.querySelector('amwal-installments').shadowRoot;
      const d = root.querySelector('dialog');
      return {
        modal: d.matches(':modal'),
        focus: d.contains(root.activeElement),
        label: root.getElementById(d.getAttribute('aria-labelledby'))?.textContent,
        dir: getComputedStyle(d).direction,
        rows: d.querySelectorAll('.schedule li').length,
        scrollY: window.scrollY,
      };
    });
    assert.ok(inside.modal, 'a modal dialog');
    assert.ok(inside.focus, 'focus moved into the dialog');
    assert.equal(inside.label, lang === 'en' ? 'Pay in installments with Amwal' : 'قسّط مشترياتك مع أموال');
    assert.equal(inside.dir, lang === 'en' ? 'ltr' : 'rtl');
    assert.equal(inside.rows, 4);
    assert.equal(inside.scrollY, 300, 'the page did not scroll');
    await page.screenshot({ path: `${shots}/dialog-${lang}-390.png` });
    assert.deepEqual(await axeViolations(page, 'amwal-installments'), [], 'axe-core, dialog open');
    await page.keyboard.press('Escape');
    const closed = await page.evaluate(() => {
      const root = document.querySelector('amwal-installments').shadowRoot;
      return { open: !!root.querySelector('dialog'), focus: root.activeElement?.className, scrollY: window.scrollY };
    });
    assert.deepEqual(closed, { open: false, focus: 'line', scrollY: 300 }, 'Escape closed it, focus back, no jump');
    // And the close button.
    await line.click();
    await page.locator('amwal-installments button.close').click();
    assert.equal(await page.evaluate(() => document.querySelector('amwal-installments').shadowRoot.activeElement?.className), 'line');
    await context.close();
  });
}

test('48 lines on a collection page: one wasm, no calls, no live regions, each its own split', async () => {
  const { page, context, requests, errors } = await open('collection-48');
  await shown(page);
  const facts = await page.evaluate(() => [...document.querySelectorAll('amwal-installments')].map((el) => ({
    amount: el.getAttribute('amount'),
    text: el.shadowRoot.querySelector('.line').textContent.replace(/\s+/g, ' '),
    live: el.shadowRoot.querySelectorAll('[aria-live], [role=status], [role=alert]').length,
  })));
  assert.equal(facts.length, 48);
  await page.screenshot({ path: `${shots}/collection-en-390.png` });
  for (const f of facts) {
    assert.ok(f.text.startsWith(split(f.amount, 4)), `${f.amount}: ${f.text}`);
    assert.equal(f.live, 0, 'no live region');
  }
  assert.ok(facts.some((f) => f.text.includes('today, then')) && facts.some((f) => f.text.includes('payments of')));
  assert.equal(facts[0].amount, gridPrice(1));
  const wasm = requests.filter((r) => r.url.endsWith('.wasm'));
  assert.deepEqual(wasm.map((r) => r.url.split('/').pop()), ['amwal_message_bg.wasm'],
    "one download of the line's small wasm, not the checkout's");
  const calls = requests.filter((r) => ['fetch', 'xhr', 'eventsource', 'websocket'].includes(r.type) && !r.url.endsWith('.wasm'));
  assert.deepEqual(calls, [], 'no network calls');
  // Nothing clipped in a phone's two-column grid, in either language.
  for (const lang of ['en', 'ar']) {
    const clipped = await page.evaluate((lang) => new Promise((resolve) => {
      const all = [...document.querySelectorAll('amwal-installments')];
      for (const el of all) el.setAttribute('lang', lang);
      requestAnimationFrame(() => resolve(all.filter((el) => {
        const c = el.shadowRoot.querySelector('.clamp');
        return c.scrollHeight > c.clientHeight + 1 || c.scrollWidth > c.clientWidth + 1;
      }).map((el) => el.getAttribute('amount'))));
    }), lang);
    assert.deepEqual(clipped, [], `${lang}: lines cut off`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('without the wasm the held line stays empty and nothing shifts', async () => {
  const { page, context } = await open('message-ar', { block: '**/*.wasm' });
  await page.waitForTimeout(1500);
  const facts = await page.evaluate(() => {
    const el = document.querySelector('amwal-installments');
    return { height: el.getBoundingClientRect().height, text: el.shadowRoot?.textContent ?? '', shifts: window.__shifts };
  });
  assert.deepEqual(facts, { height: 40, text: '', shifts: [] });
  await context.close();
});
