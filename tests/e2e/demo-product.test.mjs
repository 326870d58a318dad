// The demo's product page (`/demo/product.html`, served by the demo server
// as the README says) used as a shopper would: every model in the variant
// selector and every quantity in the cart, in English and Arabic, at phone
// and desktop widths. The product's line and the cart's line show the split
// of the price on screen, whose amounts the browser's own Intl writes here
// as the oracle; nothing below them moves; axe finds nothing on the page,
// nor with "Learn more" open.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, launch, startServer } from './harness.mjs';

const MODELS = ['299.99', '349.50', '1299.00', '49.00'];
const QUANTITIES = [1, 2, 3, 4, 5, 6, 7, 8, 9];

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

const minor = (decimal) => {
  const [whole, frac = ''] = decimal.split('.');
  return BigInt(whole + frac.padEnd(2, '0'));
};
const decimal = (m) => `${m / 100n}.${String(m % 100n).padStart(2, '0')}`;

/**
 * What a line must say for `amount` in four payments, with `money` the
 * page's Intl writing a decimal: the summary's split rule, the minimum of
 * SAR 100.00 both lines have.
 */
async function expected(lang, amount, money) {
  const total = minor(amount);
  const min = await money('100.00');
  if (total < 10000n) {
    return lang === 'en'
      ? `Installments are available for orders of ${min} or more.`
      : `التقسيط متاح للطلبات بقيمة ${min} أو أكثر.`;
  }
  // The parts differ by at most one halala, the extra ones paid first.
  const base = total / 4n;
  const even = total % 4n === 0n;
  const first = await money(decimal(even ? base : base + 1n));
  const each = await money(decimal(base));
  if (lang === 'en') {
    return `${even ? `4 payments of ${each}` : `${first} today, then 3 monthly payments`} with Amwal Learn more`;
  }
  return `${even ? `4 دفعات بقيمة ${each}` : `${first} اليوم، ثم 3 دفعات شهرية`} مع أموال اعرف المزيد`;
}

for (const lang of ['en', 'ar']) {
  for (const [device, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 800 }]]) {
    test(`every price a shopper can reach · ${lang} · ${device}`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.addInitScript(() => {
        window.__shifts = [];
        // Every shift, also those right after typing: the lines must move
        // nothing, whoever changed the price.
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__shifts.push(e.value);
        }).observe({ type: 'layout-shift', buffered: true });
      });
      const origin = new URL(server.storefront).origin;
      await page.goto(`${origin}/demo/product.html`, { waitUntil: 'load' });
      if (lang === 'ar') await page.getByRole('button', { name: 'العربية' }).click();
      await page.waitForFunction(() => [...document.querySelectorAll('amwal-installments')]
        .every((el) => el.shadowRoot?.querySelector('.line')), null, { timeout: 10_000 });
      assert.equal(await page.evaluate(() => document.documentElement.dir), lang === 'ar' ? 'rtl' : 'ltr');
      // The page turning right-to-left is the shopper's own doing, counted
      // from here on: only what changing the price moves.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
      await page.evaluate(() => { window.__shifts = []; });

      // The oracle: the page's own Intl, asked once per decimal.
      const written = new Map();
      const money = async (d) => {
        if (!written.has(d)) {
          written.set(d, (await page.evaluate(([lang, d]) => new Intl.NumberFormat(
            lang === 'ar' ? 'ar-SA-u-nu-latn' : 'en', { style: 'currency', currency: 'SAR' },
          ).format(d), [lang, d])).replace(/\s+/g, ' '));
        }
        return written.get(d);
      };
      const place = () => page.evaluate(() => ['#model', '#quantity', 'a[href="/"]']
        .map((s) => document.querySelector(s).getBoundingClientRect().top + window.scrollY));
      const lines = () => page.evaluate(() => [...document.querySelectorAll('amwal-installments')]
        .map((el) => el.shadowRoot.textContent.replace(/\s+/g, ' ').trim()));
      const held = await place();

      let checked = 0;
      for (const model of MODELS) {
        await page.selectOption('#model', model);
        for (const q of QUANTITIES) {
          await page.fill('#quantity', String(q));
          const total = decimal(minor(model) * BigInt(q));
          const [productLine, cartLine] = await lines();
          // Shown beside the line: the page's own price and total.
          const shown = await page.evaluate(() => [document.getElementById('price').textContent,
            document.getElementById('total').textContent]);
          assert.ok(shown[1].replace(/,/g, '').includes(total), `the page's total ${shown[1]} for ${model} × ${q}`);
          assert.equal(productLine, await expected(lang, model, money), `product line for ${model}`);
          assert.equal(cartLine, await expected(lang, total, money), `cart line for ${model} × ${q}`);
          checked += 1;
        }
      }
      assert.equal(checked, MODELS.length * QUANTITIES.length);
      assert.deepEqual(await place(), held, 'nothing below the lines moved');
      assert.deepEqual(await page.evaluate(() => window.__shifts), [], 'no layout shift');

      assert.deepEqual(await axeViolations(page), [], 'axe-core, the page');
      await page.selectOption('#model', '299.99');
      await page.locator('amwal-installments.amwal-product button.line').click();
      await page.waitForFunction(() => document.querySelector('amwal-installments.amwal-product')
        .shadowRoot.querySelector('dialog[open]'));
      assert.deepEqual(await axeViolations(page), [], 'axe-core, "Learn more" open');
      await page.keyboard.press('Escape');
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
