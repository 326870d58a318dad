// Every state of the widget, in English and Arabic, at phone and desktop
// widths, in headless Chromium. The proxy's answers are canned with
// Playwright's request routing; the page is the real demo storefront.
// Each state's text is asserted; nothing may overflow at 360 px; a
// screenshot of the widget is saved per case (SCREENSHOT_DIR, default
// tests/e2e/output/states; scripts/screenshots.sh refreshes docs/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, startServer, root } from './harness.mjs';

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
const STATES = [
  ['loading', NEVER, null, {}, false, ['Loading your installment plan', 'جارٍ تحميل خطة التقسيط']],
  ['ready', resolved('pending'), null, {}, false, ['Pay with Amwal', 'ادفع عبر أموال']],
  ['plans', resolved('pending'), null, { installments: '3,6,12', 'terms-url': 'https://example.com/terms' }, false, ['Pay in 3 payments', 'ادفع على 3 دفعات']],
  ['riyal-sign', resolved('pending'), null, { 'riyal-sign': 'symbol', calendar: 'islamic-umalqura' }, false, ['Saudi riyal', 'ريال سعودي']],
  ['qr', resolved('pending', 'qr_display'), statusOf('pending'), {}, false, ['Scan with your phone', 'امسح الرمز']],
  ['terminal', resolved('pending', 'terminal_native'), statusOf('pending'), {}, false, ["store's terminal", 'جهاز الدفع']],
  ['ineligible', resolved('pending'), null, { 'min-amount': '500' }, false, ['500.00 or more', 'أو أكثر']],
  ['already-paid', resolved('completed'), null, {}, false, ['already been paid', 'تم دفع هذا الرابط مسبقًا']],
  ['completed', null, statusOf('completed'), {}, true, ['Payment completed', 'تم الدفع بنجاح']],
  ['failed', null, statusOf('failed'), {}, true, ["didn't go through", 'لم تكتمل عملية الدفع']],
  ['expired', { status: 400, json: { error: 'Payment link expired', error_code: 'LINK_EXPIRED' } }, null, {}, false, ['has expired', 'انتهت صلاحية']],
  ['not-found', { status: 404, json: { error: 'Payment link not found', error_code: 'LINK_NOT_FOUND' } }, null, {}, false, ["wasn't found", 'لم يُعثر']],
  ['offline', OFFLINE, null, {}, false, ["couldn't reach the store", 'تعذّر الاتصال بالمتجر']],
  ['proxy-error', { status: 502, json: { error: 'x', error_code: 'UPSTREAM_ERROR' } }, null, {}, false, ["couldn't load this payment", 'تعذّر على المتجر']],
  ['misconfigured', resolved('pending'), null, { link: 'not-a-uuid' }, false, ["aren't available here", 'غير متاح']],
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
        const query = returning ? `?link=${LINK}&amwal_return=${LINK}` : `?link=${LINK}`;
        await page.goto(`${origin}/${query}`);
        const widget = page.locator('amwal-installments');
        await widget.evaluate((el, attrs) => {
          for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        }, attrs);
        const shown = widget.getByText(text).or(widget.getByLabel(text)).first();
        await shown.waitFor({ state: 'attached' });
        // Nothing cut off: the card fits the viewport's width.
        const overflow = await widget.evaluate((el) => {
          const card = el.shadowRoot.querySelector('.card');
          return card ? card.scrollWidth - card.clientWidth : 0;
        });
        assert.ok(overflow <= 1, `content overflows the card by ${overflow}px`);
        const dir = await widget.evaluate((el) => el.shadowRoot.querySelector('section')?.dir);
        assert.equal(dir, lang === 'ar' ? 'rtl' : 'ltr');
        await page.waitForTimeout(50); // let fonts settle for the picture
        await widget.screenshot({ path: `${shots}/${name}-${lang}-${width}.png` });
        await page.close();
      });
    }
  }
}
