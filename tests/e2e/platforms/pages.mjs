// Pages like each platform's product and cart pages, for the README's
// snippets: the platform's own libraries from npm where it uses them
// (jQuery for WooCommerce and Magento, RequireJS and Knockout for Magento's
// customer data, EventEmitter2 under Salla's Twilight events), the markup
// its templates print, and the snippet, word for word, from the README.
// The tests then fire what the platform's own scripts fire.

/** Each platform's snippet, from the README's `<!-- platform: name -->` blocks. */
export function snippets(readme) {
  const out = {};
  for (const m of readme.matchAll(/<!-- platform: (\w+) -->\n```js\n([\s\S]*?)\n```/g)) out[m[1]] = m[2];
  return out;
}

const ELEMENTS = `
<p class="price">SAR 299.99</p>
<amwal-installments class="amwal-product" amount="299.99" lang="en"></amwal-installments>
<aside class="mini-cart"><p>Cart: SAR 1,099.90</p>
<amwal-installments class="amwal-cart" amount="1099.90" lang="en"></amwal-installments></aside>`;

/** The platform's own scripts, as far as the snippet touches them. */
const PLATFORM = {
  // Twilight's events are an EventEmitter2; its helpers wrap them.
  salla: `<script src="/vendor/eventemitter2.js"></script>
<script>
  window.salla = (() => {
    const event = new EventEmitter2({ wildcard: true, delimiter: '::' });
    return {
      event,
      onReady: (cb) => (document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', cb) : cb()),
      product: { event: { onPriceUpdated: (cb) => event.on('product::price.updated', cb) } },
      cart: { event: { onUpdated: (cb) => event.on('cart::updated', cb) } },
    };
  })();
</script>`,
  woocommerce: `<script src="/vendor/jquery.js"></script>
<form class="variations_form cart" action="#"><select name="attribute_size"><option>M</option><option>L</option></select></form>`,
  shopify: `<script>window.Shopify = { routes: { root: '/' } };</script>
<script type="application/json" id="amwal-variants">[{"id": 101, "price": 29999}, {"id": 102, "price": 34950}, {"id": 103, "price": 120000}]</script>
<product-form><form method="post" action="/cart/add"><input type="hidden" name="id" value="101">
<select class="variant-picker"><option value="101">M</option><option value="102">L</option><option value="103">XL</option></select></form></product-form>`,
  // RequireJS with jQuery and Knockout, the customer-data module's cart
  // section as an observable, and the price box's updatePrice → priceUpdated
  // → reloadPrice, as Magento_Catalog/js/price-box.js sends them.
  magento: `<script src="/vendor/require.js"></script>
<script>
  requirejs.config({ paths: { jquery: '/vendor/jquery', knockout: '/vendor/knockout' } });
  define('Magento_Customer/js/customer-data', ['knockout'], (ko) => {
    const sections = { cart: ko.observable({}) };
    return { get: (name) => (sections[name] ??= ko.observable({})) };
  });
  require(['jquery'], ($) => {
    const box = $('.product-info-main .price-box');
    const options = { prices: { finalPrice: { amount: 299.99, adjustments: {} } } };
    const cache = { displayPrices: structuredClone(options.prices), additional: {} };
    box.on('updatePrice', (event, newPrices) => {
      Object.assign(cache.additional, newPrices || {});
      const final = cache.displayPrices.finalPrice;
      final.amount = options.prices.finalPrice.amount;
      final.adjustments = {};
      for (const option of Object.values(cache.additional)) {
        final.amount += option?.finalPrice?.amount || 0;
        for (const [code, v] of Object.entries(option?.finalPrice?.adjustments || {})) final.adjustments[code] = (final.adjustments[code] || 0) + v;
      }
      box.trigger('priceUpdated', cache.displayPrices);
      box.trigger('reloadPrice');
    });
    window.__magentoReady = true;
  });
</script>
<div class="product-info-main"><div class="price-box" data-role="priceBox"><span data-price-type="finalPrice" data-price-amount="299.99">SAR 299.99</span></div></div>`,
};

export function platformPage(name, { script, snippet }) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${name}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script type="module" src="${script}"></script>
</head><body>
${PLATFORM[name]}
${ELEMENTS}
<script>
${snippet}
</script>
</body></html>`;
}
