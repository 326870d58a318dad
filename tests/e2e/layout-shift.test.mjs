// Nothing on a store's page moves because of the widget: the store's
// product page (bench/store/, content below the widget, the README's embed
// snippet) with the checkout widget or the messaging line, and a collection
// grid of 48 messaging lines, in English and Arabic, at phone width with a slowed CPU and at
// desktop width, sums no layout shift from navigation to the summary shown.
// The same page without the widget is the control: it must not shift
// either, or the page, not the widget, is measured. (A shift is
// deterministic; time is not: this checks the one, bench/lighthouse.sh
// measures the other.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startStore } from '../../bench/store/server.mjs';
import { launch, measureShift, VIEWPORTS } from '../../bench/store/shift.mjs';

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

for (const name of ['product-en', 'product-ar', 'message-en', 'message-ar', 'collection-48']) {
  for (const [viewport, size] of Object.entries(VIEWPORTS)) {
    test(`no layout shift from the widget · ${name} · ${viewport}`, async () => {
      const plain = await measureShift(browser, `${store.origin}/${name}?plain`, size);
      assert.equal(plain.cls, 0, `the page alone shifts: ${plain.sources}`);
      const shown = await measureShift(browser, `${store.origin}/${name}`, size);
      assert.ok(shown.summary, 'every widget showed its summary or line');
      assert.equal(shown.cls, 0, `shifted: ${[...new Set(shown.sources)].join(', ')}`);
    });
  }
}
