// Every state of the widget, in English and Arabic, at phone and desktop
// widths, in headless Chromium. The proxy's answers are canned with
// Playwright's request routing; the page is the real demo storefront.
// Each state's text is asserted; nothing may overflow at 360 px; axe-core
// finds no WCAG 2.2 A/AA or best-practice violation; a
// screenshot of the widget is saved per case (SCREENSHOT_DIR, default
// tests/e2e/output/states; scripts/screenshots.sh refreshes docs/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AXE_TAGS, injectAxe, launch, startServer, root } from './harness.mjs';

const fromRoot = createRequire(`${root}package.json`);
const jsQR = fromRoot('jsqr');
const { PNG } = fromRoot('pngjs');

/** What a phone's camera reads from a picture of the QR code (or null). */
function readQr(png) {
  const { data, width, height } = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(data), width, height)?.data ?? null;
}

// axe-core checks each state against WCAG 2.2 A/AA and best practice.

const LINK = '550e8400-e29b-41d4-a716-446655440000';
const TX = 'c037cf31-0402-4706-a3be-973f8bc2e64c';
const shots = process.env.SCREENSHOT_DIR || `${root}tests/e2e/output/states`;

const tx = (status) => ({
  id: TX, amount: '299.99000', status, payment_method: 'CREDIT_CARD',
  created_at: '2026-11-22T12:42:43+03:00',
});
const link = { title: 'Order #1042 · Wireless headphones', description: 'Noise-cancelling, black', currency: 'SAR' };
const resolved = (status, iface = 'web') => ({ status: 200, json: { transaction: tx(status), payment_interface: iface, link } });
const statusOf = (status) => ({ status: 200, json: { transaction: tx(status), link } });
const NEVER = 'never';
const OFFLINE = 'offline';

// name, canned resolve, canned status, attributes, returning?, text (en, ar)
// A `click` attribute names a button to press first (not an attribute).
const STATES = [
  // The longest deadline, so the state outlasts the checks below.
  ['loading', NEVER, null, { 'timeout-ms': '120000' }, false, ['Loading your installment plan', 'جارٍ تحميل خطة التقسيط']],
  ['ready', resolved('initiated'), null, {}, false, ['Pay with Amwal', 'ادفع عبر أموال']],
  ['plans', resolved('pending'), null, { installments: '3,6,12', 'terms-url': 'https://example.com/terms' }, false, ['Pay in 3 payments', 'ادفع على 3 دفعات']],
  ['riyal-sign', resolved('pending'), null, { 'riyal-sign': 'symbol', calendar: 'islamic-umalqura' }, false, ['Saudi riyal', 'ريال سعودي']],
  ['qr', resolved('pending', 'qr_display'), statusOf('pending'), {}, false, ['Scan with your phone', 'امسح الرمز']],
  ['terminal', resolved('pending', 'terminal_native'), statusOf('pending'), {}, false, ["store's terminal", 'جهاز الدفع']],
  ['ineligible', resolved('pending'), null, { 'min-amount': '500' }, false, ['500.00 or more', 'أو أكثر']],
  ['already-paid', resolved('success'), null, {}, false, ['already been paid', 'تم دفع هذا الرابط مسبقًا']],
  ['completed', null, statusOf('success'), {}, true, ['Payment completed', 'تم الدفع بنجاح']],
  ['completed-doc-word', null, statusOf('completed'), {}, true, ['Payment completed', 'تم الدفع بنجاح']],
  ['failed', null, statusOf('fail'), {}, true, ["didn't go through", 'لم تكتمل عملية الدفع']],
  ['refunded', null, statusOf('refunded'), {}, true, ['was refunded', 'تم استرداد هذا المبلغ']],
  ['partially-refunded', resolved('partially refunded'), null, {}, false, ['Part of this payment was refunded', 'تم استرداد جزء']],
  ['storefront-refused', { status: 502, json: { error: 'x', error_code: 'STOREFRONT_ORIGIN_REFUSED' } }, null, {}, false, ["aren't available here", 'غير متاح']],
  ['expired', { status: 400, json: { error: 'Payment link expired', error_code: 'LINK_EXPIRED' } }, null, {}, false, ['has expired', 'انتهت صلاحية']],
  ['not-found', { status: 404, json: { error: 'Payment link not found', error_code: 'LINK_NOT_FOUND' } }, null, {}, false, ["wasn't found", 'لم يُعثر']],
  ['offline', OFFLINE, null, {}, false, ["couldn't reach the store", 'تعذّر الاتصال بالمتجر']],
  ['proxy-error', { status: 502, json: { error: 'x', error_code: 'UPSTREAM_ERROR' } }, null, {}, false, ["couldn't load this payment", 'تعذّر على المتجر']],
  ['misconfigured', resolved('pending'), null, { link: 'not-a-uuid' }, false, ["aren't available here", 'غير متاح']],
  ['redirecting', resolved('pending'), null, { click: 'button.pay' }, false, ['Taking you to Amwal', 'جارٍ تحويلك إلى أموال']],
  ['confirming', null, NEVER, {}, true, ['Confirming your payment', 'جارٍ تأكيد الدفع']],
  ['busy', { status: 503, json: { error: 'busy' } }, null, {}, false, ['store is busy', 'المتجر مشغول']],
  ['timeout', NEVER, null, { 'timeout-ms': '1000' }, false, ['taking too long', 'وقتًا أطول']],
  ['dark', resolved('pending'), null, { theme: 'dark', installments: '3,6' }, false, ['Pay with Amwal', 'ادفع عبر أموال']],
];

let server;
let browser;
let origin;

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  origin = new URL(server.storefront).origin;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

async function answer(route, canned) {
  if (canned === NEVER) return; // left pending: the loading state
  if (canned === OFFLINE) return route.abort('internetdisconnected');
  return route.fulfill({ status: canned.status, contentType: 'application/json', body: JSON.stringify(canned.json) });
}

for (const [name, resolve, status, attrs, returning, texts] of STATES) {
  for (const [lang, text] of [['en', texts[0]], ['ar', texts[1]]]) {
    for (const width of [360, 1024]) {
      test(`${name} · ${lang} · ${width}px`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
        await page.addInitScript(([lang, link, tx, returning]) => {
          sessionStorage.setItem('demo-lang', lang);
          if (returning) sessionStorage.setItem(`amwal-installments:${link}`, tx);
        }, [lang, LINK, TX, returning]);
        await page.route('**/amwal/payment_links/*/resolve', (r) => answer(r, resolve));
        await page.route('**/amwal/transactions/*', (r) => answer(r, status));
        // The pay page answers 204 No Content, so the browser stays on the
        // store's page and the widget in "redirecting".
        await page.route('**/payment-link/**', (r) => r.fulfill({ status: 204 }));
        // `link` comes from the page URL on the demo storefront.
        const { click, link: linkAttr = LINK, ...attributes } = attrs;
        // The storefront page, with this case's attributes on the element
        // from the start (as a store would write them).
        await page.route(/\/\?link=/, async (route) => {
          const original = await route.fetch();
          const extra = Object.entries(attributes).map(([k, v]) => ` ${k}="${v}"`).join('');
          const html = (await original.text()).replace('<amwal-installments', `<amwal-installments${extra}`);
          await route.fulfill({ response: original, body: html });
        });
        const query = returning ? `?link=${LINK}&amwal_return=${LINK}` : `?link=${linkAttr}`;
        await page.goto(`${origin}/${query}`);
        const widget = page.locator('amwal-installments');
        if (click) {
          // A plain DOM click: Playwright's own waits for a navigation to commit.
          await widget.locator(click).evaluate((b) => b.click());
        }
        // Polled in the page: after Pay a navigation is pending (answered
        // 204), and Playwright's locators would wait for it to finish.
        const showing = (text) => {
          const card = document.querySelector('amwal-installments')?.shadowRoot?.querySelector('.card');
          return Boolean(card && (card.textContent.includes(text) ||
            [...card.querySelectorAll('[aria-label]')].some((e) => e.getAttribute('aria-label').includes(text))));
        };
        await page.waitForFunction(showing, text);
        // Read in the page, not through locators (see above).
        const facts = await page.evaluate(() => {
          const host = document.querySelector('amwal-installments');
          const card = host.shadowRoot.querySelector('.card');
          const r = host.getBoundingClientRect();
          return {
            held: Number.parseFloat(getComputedStyle(host).minHeight),
            overflow: card ? card.scrollWidth - card.clientWidth : 0,
            dir: host.shadowRoot.querySelector('section')?.dir,
            box: { x: r.x, y: r.y + window.scrollY, width: r.width, height: r.height },
          };
        });
        // Every state fits the box the element held from its first frame
        // (from its attributes alone): nothing below it ever moves.
        assert.ok(Math.abs(facts.box.height - facts.held) <= 1,
          `the card is ${facts.box.height}px in a ${facts.held}px box`);
        // Nothing cut off: the card fits the viewport's width.
        assert.ok(facts.overflow <= 1, `content overflows the card by ${facts.overflow}px`);
        assert.equal(facts.dir, lang === 'ar' ? 'rtl' : 'ltr');
        // Accessibility of what the shopper sees now: 0 violations.
        await injectAxe(page);
        const { violations, undecided } = await page.evaluate(async (tags) => {
          const result = await window.axe.run(
            { include: [['amwal-installments']] },
            { runOnly: { type: 'tag', values: tags } },
          );
          const list = (items) => items.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
          // Contrast axe could not decide (over images, transparency) counts too.
          return { violations: list(result.violations), undecided: list(result.incomplete.filter((v) => v.id === 'color-contrast')) };
        }, AXE_TAGS);
        assert.deepEqual(violations, [], 'axe-core violations');
        assert.deepEqual(undecided, [], 'contrast axe-core could not decide');
        if (name === 'qr') {
          // The code as drawn on screen, read like a phone would: exactly this link's pay page.
          const picture = await widget.locator('svg.qr').screenshot();
          assert.equal(readQr(picture), `http://${new URL(origin).host}/sandbox/payment-link/${LINK}`);
        }
        await page.waitForTimeout(50); // let fonts settle for the picture
        await page.screenshot({ path: `${shots}/${name}-${lang}-${width}.png`, clip: facts.box, fullPage: true });
        // Still the same state: axe and the picture saw what this row names.
        assert.ok(await page.evaluate(showing, text), `${name} changed before it was checked`);
        await page.close();
      });
    }
  }
}

// The check above must be able to fail: axe sees inside the shadow root.
test('axe-core reports a nameless button planted in the widget', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/?link=${LINK}`);
  await page.route('**/amwal/payment_links/*/resolve', (r) => answer(r, NEVER));
  await page.evaluate(() => document.querySelector('amwal-installments').shadowRoot.append(document.createElement('button')));
  await injectAxe(page);
  const ids = await page.evaluate(async (tags) => (await window.axe.run(
    { include: [['amwal-installments']] },
    { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
  )).violations.map((v) => v.id), AXE_TAGS);
  assert.ok(ids.includes('button-name'), `axe found: ${ids}`);
  await page.close();
});

// Focus inside the element's shadow root: "Try again" (keyboard) → the
// loading card → the summary; focus must end on Pay, not on the card.
test('keyboard focus follows "Try again" to the Pay button inside the element', async () => {
  const page = await browser.newPage();
  let reply = OFFLINE;
  await page.route('**/amwal/payment_links/*/resolve', (r) => answer(r, reply));
  await page.addInitScript(() => sessionStorage.setItem('demo-lang', 'en'));
  await page.goto(`${origin}/?link=${LINK}`);
  const retry = page.locator('amwal-installments').getByRole('button', { name: 'Try again' });
  await retry.waitFor();
  await retry.focus();
  reply = resolved('pending');
  await page.keyboard.press('Enter');
  await page.locator('amwal-installments').getByRole('button', { name: 'Pay with Amwal' }).waitFor();
  await page.waitForTimeout(50);
  const focused = await page.evaluate(() => {
    const active = document.querySelector('amwal-installments').shadowRoot.activeElement;
    return active && `${active.tagName}.${active.className}`;
  });
  assert.equal(focused, 'BUTTON.pay');
  // The loading card was focused on the way; the summary does not keep its tabindex.
  assert.equal(await page.evaluate(() =>
    document.querySelector('amwal-installments').shadowRoot.querySelector('.card').getAttribute('tabindex')), null);
  await page.close();
});

test('refunds tell the page with their own amwal-error codes', async () => {
  for (const [word, code] of [['refunded', 'refunded'], ['partially refunded', 'partially_refunded']]) {
    const page = await browser.newPage();
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    await page.addInitScript(() => {
      window.__errors = [];
      document.addEventListener('amwal-error', (e) => window.__errors.push(e.detail));
    });
    await page.route('**/amwal/payment_links/*/resolve', (r) => answer(r, resolved(word)));
    await page.goto(`${origin}/?link=${LINK}`);
    await page.waitForFunction(() => window.__errors.length > 0);
    const [detail] = await page.evaluate(() => window.__errors);
    assert.equal(detail.code, code, word);
    assert.equal(await page.locator('amwal-installments .card button.pay').count(), 0, 'no Pay button');
    await page.close();
  }
});
